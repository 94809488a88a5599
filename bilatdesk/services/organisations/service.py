"""Organisations: ministries, directorates, units and others, with their parent chain."""

from __future__ import annotations

import builtins
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bilatdesk.domain import (
    Country,
    Engagement,
    Organisation,
    OrganisationKind,
    Post,
    RelationshipScope,
    Tag,
)
from bilatdesk.domain.base import table_of
from bilatdesk.domain.text import fold
from bilatdesk.services.kernel.errors import NotFoundError, require_version
from bilatdesk.services.kernel.listing import (
    Choice,
    DeleteImpact,
    ListQuery,
    Page,
    apply_filters,
    fetch_page,
)
from bilatdesk.services.kernel.validation import Checker, column_limit
from bilatdesk.services.people.relationships import TieDraft, write_ties
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.database import Database


@dataclass(frozen=True)
class OrganisationInput:
    name: str
    kind: OrganisationKind = OrganisationKind.MINISTRY
    abbreviation: str = ""
    other_names: str = ""
    country_id: int | None = None
    parent_id: int | None = None
    notes: str = ""
    sending_state: str = ""  # a mission's: the state it represents ("France")
    tag_ids: tuple[int, ...] | None = None  # None keeps the tags it has


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    uid: uuid.UUID
    version: int
    name: str
    abbreviation: str
    kind: OrganisationKind
    country: str
    parent: str
    sending_state: str = ""


@dataclass(frozen=True)
class OrganisationDetail:
    id: int
    uid: uuid.UUID
    version: int
    data: OrganisationInput


SORTS = {"name": Organisation.sort_name, "kind": Organisation.kind}


class OrganisationService:
    def __init__(self, database: Database, *, undo: UndoService | None = None) -> None:
        self.db = database
        self.undo = undo

    def list(self, query: ListQuery = ListQuery()) -> Page[OrganisationRow]:
        parent = aliased(Organisation)
        sort_column = SORTS.get(query.sort, Organisation.sort_name)
        with self.db.read() as session:
            statement = (
                select(
                    Organisation.id,
                    Organisation.uid,
                    Organisation.version,
                    Organisation.name,
                    Organisation.abbreviation,
                    Organisation.kind,
                    func.coalesce(Country.name, "").label("country"),
                    func.coalesce(parent.name, "").label("parent"),
                    Organisation.sending_state,
                )
                .outerjoin(Country, Country.id == Organisation.country_id)
                .outerjoin(parent, parent.id == Organisation.parent_id)
            )
            statement = apply_filters(session, statement, table_of(Organisation), query)
            if query.country_id is not None:
                statement = statement.where(Organisation.country_id == query.country_id)
            rows, cursor = fetch_page(session, statement, sort_column, Organisation.id, query)
            return Page(
                tuple(
                    OrganisationRow(
                        r.id,
                        r.uid,
                        r.version,
                        r.name,
                        r.abbreviation,
                        r.kind,
                        r.country,
                        r.parent,
                        r.sending_state,
                    )
                    for r in rows
                ),
                cursor,
            )

    def get(self, organisation_id: int) -> OrganisationDetail:
        with self.db.read() as session:
            return self._detail(self._load(session, organisation_id))

    def choices(
        self, country_id: int | None = None, *, first: int | None = None
    ) -> builtins.list[Choice]:
        """Organisations to pick from, each named with its parent for clarity, and with its
        country where that name is not unique ("Ministry of Culture — Greece"); those of
        country `first` come first (a record's own country, where its people work)."""
        parent = aliased(Organisation)
        with self.db.read() as session:
            statement = (
                select(
                    Organisation.id,
                    Organisation.name,
                    Organisation.country_id,
                    parent.name.label("parent"),
                    func.coalesce(Country.name, "").label("country"),
                )
                .outerjoin(parent, parent.id == Organisation.parent_id)
                .outerjoin(Country, Country.id == Organisation.country_id)
                .order_by(Organisation.sort_name, Organisation.id)
            )
            if country_id is not None:
                statement = statement.where(Organisation.country_id == country_id)
            rows = list(session.execute(statement))
        labels = [f"{r.name} ({r.parent})" if r.parent else r.name for r in rows]
        seen = Counter(fold(label) for label in labels)
        choices = [
            (
                r.country_id != first if first is not None else False,
                Choice(
                    r.id,
                    f"{label} — {r.country}" if seen[fold(label)] > 1 and r.country else label,
                ),
            )
            for r, label in zip(rows, labels, strict=True)
        ]
        # Stable: within each part the sort-name order stands.
        return [choice for _, choice in sorted(choices, key=lambda pair: pair[0])]

    def create(
        self, data: OrganisationInput, *, ties: Sequence[TieDraft] = ()
    ) -> OrganisationDetail:
        """A new organisation with, in the same transaction, its relationships."""
        with self.db.session() as session:
            clean = self._validate(session, data, None)
            organisation = Organisation(name=clean.name)
            self._apply(session, organisation, clean)
            session.add(organisation)
            session.flush()
            write_ties(session, RelationshipScope.ORGANISATIONS, organisation.id, ties)
            return self._detail(organisation)

    def update(
        self,
        organisation_id: int,
        data: OrganisationInput,
        expected_version: int,
        *,
        ties: Sequence[TieDraft] = (),
    ) -> OrganisationDetail:
        """Save the form: the fields and, in the same transaction and undo step, the
        relationships added, changed or removed. A refusal of any part writes nothing."""
        with self.db.session() as session:
            organisation = self._load(session, organisation_id)
            require_version(
                organisation.version, expected_version, f"The organisation {organisation.name}"
            )
            step = watching(self.undo, session, Root("organisation", organisation_id))
            clean = self._validate(session, data, organisation_id)
            self._apply(session, organisation, clean)
            session.flush()
            write_ties(session, RelationshipScope.ORGANISATIONS, organisation_id, ties)
            step.done(f"edit {organisation.name}", organisation.name)
            return self._detail(organisation)

    def delete_impact(self, organisation_id: int) -> DeleteImpact:
        with self.db.read() as session:
            organisation = self._load(session, organisation_id)
            notes = []
            children = len(organisation.children)
            if children:
                notes.append(f"{children} sub-organisations lose their parent")
            posts = (
                session.scalar(select(func.count()).where(Post.organisation_id == organisation_id))
                or 0
            )
            if posts:
                notes.append(f"{posts} posts are kept without an organisation")
            led = (
                session.scalar(
                    select(func.count()).where(Engagement.lead_organisation_id == organisation_id)
                )
                or 0
            )
            if led:
                notes.append(f"{led} engagements lose their lead ministry")
            return DeleteImpact(organisation.name, tuple(notes), undoable=True)

    def delete(self, organisation_id: int, expected_version: int) -> None:
        with self.db.session() as session:
            organisation = self._load(session, organisation_id)
            require_version(
                organisation.version, expected_version, f"The organisation {organisation.name}"
            )
            name = organisation.name
            step = watching(self.undo, session, Root("organisation", organisation_id), binned=True)
            session.delete(organisation)
            step.done(f"delete {name}", name)

    @staticmethod
    def _load(session: Session, organisation_id: int) -> Organisation:
        organisation = session.get(Organisation, organisation_id)
        if organisation is None:
            raise NotFoundError("That organisation no longer exists; it may have been deleted.")
        return organisation

    @staticmethod
    def _validate(
        session: Session, data: OrganisationInput, own_id: int | None
    ) -> OrganisationInput:
        check = Checker()
        name = check.text("name", "Name", data.name, required=True, max_length=500)
        check.exists("country_id", session, Country, data.country_id, "That country")
        if data.parent_id is not None:
            parent = session.get(Organisation, data.parent_id)
            if parent is None:
                check.fail("parent_id", "That parent organisation no longer exists.")
            elif own_id is not None and any(o.id == own_id for o in parent.ancestry()):
                check.fail("parent_id", "An organisation cannot sit under itself or its units.")
        result = OrganisationInput(
            name=name,
            kind=data.kind,
            abbreviation=check.text(
                "abbreviation", "Abbreviation", data.abbreviation, max_length=50
            ),
            other_names=check.long_text("other_names", "Other names", data.other_names),
            country_id=data.country_id,
            parent_id=data.parent_id,
            notes=check.long_text("notes", "Notes", data.notes),
            sending_state=check.text(
                "sending_state",
                "Sending state",
                data.sending_state,
                max_length=column_limit(Organisation.sending_state),
            ),
            tag_ids=None if data.tag_ids is None else tuple(dict.fromkeys(data.tag_ids)),
        )
        for tag_id in result.tag_ids or ():
            if session.get(Tag, tag_id) is None:
                check.fail("tag_ids", "A chosen tag no longer exists; it may have been removed.")
        check.raise_if_any()
        return result

    @staticmethod
    def _apply(session: Session, organisation: Organisation, data: OrganisationInput) -> None:
        organisation.name = data.name
        organisation.kind = data.kind
        organisation.abbreviation = data.abbreviation
        organisation.other_names = data.other_names
        organisation.country_id = data.country_id
        organisation.parent_id = data.parent_id
        organisation.notes = data.notes
        organisation.sending_state = data.sending_state
        if data.tag_ids is not None:
            organisation.tags = list(session.scalars(select(Tag).where(Tag.id.in_(data.tag_ids))))
        organisation.refresh_derived()

    @staticmethod
    def _detail(organisation: Organisation) -> OrganisationDetail:
        data = OrganisationInput(
            name=organisation.name,
            kind=organisation.kind,
            abbreviation=organisation.abbreviation,
            other_names=organisation.other_names,
            country_id=organisation.country_id,
            parent_id=organisation.parent_id,
            notes=organisation.notes,
            sending_state=organisation.sending_state,
            tag_ids=tuple(sorted(t.id for t in organisation.tags)),
        )
        return OrganisationDetail(organisation.id, organisation.uid, organisation.version, data)
