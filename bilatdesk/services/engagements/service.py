"""Engagements (meetings and other contacts) with their participants on both sides."""

from __future__ import annotations

import builtins
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    ClassificationScheme,
    CommitmentStatus,
    Country,
    Engagement,
    EngagementKind,
    Formality,
    MissionFunction,
    Organisation,
    Participant,
    Person,
    Side,
    Tag,
)
from bilatdesk.domain.base import table_of
from bilatdesk.services.cables.frozen import cable_drafts, open_naming, refuse_deleting
from bilatdesk.services.engagements.commitment_checks import short
from bilatdesk.services.engagements.commitment_drafts import (
    CommitmentDraft,
    PlannedCommitment,
    apply_planned,
    draft_of,
    plan_drafts,
)
from bilatdesk.services.engagements.commitment_rows import (
    CommitmentRow,
    engagement_day,
    rows_for_engagement,
)
from bilatdesk.services.engagements.defaults import country_time_zone
from bilatdesk.services.kernel.errors import NotFoundError, require_version
from bilatdesk.services.kernel.listing import (
    DeleteImpact,
    ListQuery,
    Page,
    apply_filters,
    fetch_page,
)
from bilatdesk.services.kernel.validation import Checker, column_limit
from bilatdesk.services.tags import link_table, set_record_tags
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.database import Database

MAX_PARTICIPANTS = 500


@dataclass(frozen=True)
class ParticipantInput:
    """Someone at the table: a person on record, or just a name (e.g. "interpreter")."""

    person_id: int | None = None
    name: str = ""
    side: Side = Side.THEIRS
    role: str = ""


@dataclass(frozen=True)
class EngagementInput:
    title: str
    starts_at: datetime
    ends_at: datetime | None = None
    kind: EngagementKind = EngagementKind.BILATERAL_MEETING
    time_zone: str = "UTC"
    place: str = ""
    country_id: int | None = None
    formality: Formality = Formality.FORMAL
    function: MissionFunction = MissionFunction.UNSPECIFIED
    sector: str = ""
    lead_organisation_id: int | None = None
    classification: str = "U"
    agenda: str = ""
    outcome: str = ""
    participants: tuple[ParticipantInput, ...] = ()
    commitments: tuple[CommitmentDraft, ...] | None = None
    """Saved in the same transaction; None leaves the stored ones as they are (imports)."""
    tag_ids: tuple[int, ...] | None = None
    """The engagement's tags; None leaves the stored ones as they are."""


@dataclass(frozen=True)
class EngagementRow:
    id: int
    uid: uuid.UUID
    version: int
    starts_at: datetime
    time_zone: str
    title: str
    kind: EngagementKind
    country: str
    place: str
    formality: Formality
    classification: str


@dataclass(frozen=True)
class ParticipantView:
    person_id: int | None
    name: str
    side: Side
    role: str


@dataclass(frozen=True)
class EngagementDetail:
    id: int
    uid: uuid.UUID
    version: int
    data: EngagementInput
    participants: tuple[ParticipantView, ...]
    commitments: tuple[CommitmentRow, ...] = ()
    """As list rows (owner names, overdue) for showing."""
    commitment_drafts: tuple[CommitmentDraft, ...] = ()
    """The same, in the same order, as the form edits them (with their versions)."""
    tag_ids: tuple[int, ...] = ()


SORTS = {
    "starts_at": Engagement.starts_at,
    "title": Engagement.title,
    "kind": Engagement.kind,
}


class EngagementService:
    def __init__(
        self,
        database: Database,
        scheme: ClassificationScheme = DEFAULT_SCHEME,
        *,
        undo: UndoService | None = None,
    ) -> None:
        self.db = database
        self.undo = undo
        self.scheme = scheme

    # -- reading ----------------------------------------------------------------------------
    def list(self, query: ListQuery = ListQuery()) -> Page[EngagementRow]:
        sort_column = SORTS.get(query.sort, Engagement.starts_at)
        with self.db.read() as session:
            statement = apply_filters(session, _row_select(), table_of(Engagement), query)
            if query.country_id is not None:
                statement = statement.where(Engagement.country_id == query.country_id)
            rows, cursor = fetch_page(session, statement, sort_column, Engagement.id, query)
            return Page(tuple(_row(r) for r in rows), cursor)

    def upcoming(
        self, *, days: int = 7, country_id: int | None = None, now: datetime | None = None
    ) -> builtins.list[EngagementRow]:
        """Engagements from now to `days` ahead, soonest first (the Today page)."""
        now = now or datetime.now(UTC)
        with self.db.read() as session:
            statement = (
                _row_select()
                .where(Engagement.starts_at >= now)
                .where(Engagement.starts_at < now + timedelta(days=days))
                .order_by(Engagement.starts_at, Engagement.id)
                .limit(500)
            )
            if country_id is not None:
                statement = statement.where(Engagement.country_id == country_id)
            return [_row(r) for r in session.execute(statement)]

    def usual_time_zone(self, country_id: int) -> str | None:
        """Where a new meeting in the country likely keeps time: the zone of the latest one
        there, else the country's main IANA zone (by its capital), else None."""
        with self.db.read() as session:
            latest = session.scalars(
                select(Engagement.time_zone)
                .where(Engagement.country_id == country_id)
                .order_by(Engagement.starts_at.desc(), Engagement.id.desc())
                .limit(1)
            ).first()
            if latest and latest != "UTC":
                return latest
            country = session.get(Country, country_id)
            if country is None:
                return None
            return country_time_zone(country.iso_code, country.capital)

    def get(self, engagement_id: int) -> EngagementDetail:
        with self.db.read() as session:
            return self._detail(session, self._load(session, engagement_id))

    # -- writing ----------------------------------------------------------------------------
    def create(self, data: EngagementInput) -> EngagementDetail:
        with self.db.session() as session:
            engagement = Engagement(title="", starts_at=data.starts_at)
            clean, planned = self._validate(session, data, engagement)
            with session.no_autoflush:
                self._apply(session, engagement, clean, planned)
            session.add(engagement)
            session.flush()
            if clean.tag_ids is not None:
                set_record_tags(session, "engagement", engagement.id, clean.tag_ids)
            return self._detail(session, engagement)

    def update(
        self, engagement_id: int, data: EngagementInput, expected_version: int
    ) -> EngagementDetail:
        with self.db.session() as session:
            engagement = self._load(session, engagement_id)
            require_version(
                engagement.version, expected_version, f"The engagement '{engagement.title}'"
            )
            clean, planned = self._validate(session, data, engagement)
            # Commitments the form removed go to the bin; Undo brings them back with the edit.
            removed = [p.stored for p in planned if p.draft.removed and p.stored is not None]
            removed_names = [short(c.description) for c in removed]
            step = watching(
                self.undo,
                session,
                Root("engagement", engagement_id),
                *(Root("commitment", c.id) for c in removed),
                binned=bool(removed),
            )
            with session.no_autoflush:
                self._apply(session, engagement, clean, planned)
            session.flush()
            if clean.tag_ids is not None:
                set_record_tags(session, "engagement", engagement.id, clean.tag_ids)
            step.done(
                f"edit {engagement.title}",
                engagement.title,
                *removed_names,
            )
            return self._detail(session, engagement)

    def delete_impact(self, engagement_id: int) -> DeleteImpact:
        with self.db.read() as session:
            engagement = self._load(session, engagement_id)
            refuse_deleting(session, "engagement", engagement_id)
            notes = []
            drafts = open_naming(session, "engagement", engagement_id)
            if drafts:
                notes.append(f"{cable_drafts(drafts)} no longer report it")
            if engagement.participants:
                notes.append(f"its list of {len(engagement.participants)} participants is deleted")
            if engagement.commitments:
                count = len(engagement.commitments)
                still_open = sum(
                    1 for c in engagement.commitments if c.status is CommitmentStatus.OPEN
                )
                what = "its commitment is" if count == 1 else f"its {count} commitments are"
                notes.append(f"{what} deleted ({still_open} still open)")
            return DeleteImpact(engagement.title, tuple(notes), undoable=True)

    def delete(self, engagement_id: int, expected_version: int) -> None:
        with self.db.session() as session:
            engagement = self._load(session, engagement_id)
            require_version(
                engagement.version, expected_version, f"The engagement '{engagement.title}'"
            )
            refuse_deleting(session, "engagement", engagement_id)
            name = engagement.title
            step = watching(self.undo, session, Root("engagement", engagement_id), binned=True)
            session.delete(engagement)
            step.done(f"delete {name}", name)

    # -- inside -----------------------------------------------------------------------------
    @staticmethod
    def _load(session: Session, engagement_id: int) -> Engagement:
        engagement = session.get(
            Engagement,
            engagement_id,
            options=[
                selectinload(Engagement.participants).selectinload(Participant.person),
                selectinload(Engagement.commitments),
            ],
        )
        if engagement is None:
            raise NotFoundError("That engagement no longer exists; it may have been deleted.")
        return engagement

    def _validate(
        self, session: Session, data: EngagementInput, engagement: Engagement
    ) -> tuple[EngagementInput, builtins.list[PlannedCommitment]]:
        """The cleaned input and the checked commitments; every problem raised at once."""
        check = Checker()
        title = check.text("title", "Title", data.title, required=True, max_length=500)
        if data.starts_at.tzinfo is None:
            check.fail("starts_at", "The start needs a time zone.")
        if data.ends_at is not None and data.ends_at.tzinfo is None:
            check.fail("ends_at", "The end needs a time zone.")
        elif "starts_at" not in check.errors:
            check.date_order("ends_at", data.starts_at, data.ends_at, "The engagement")
        check.exists("country_id", session, Country, data.country_id, "That country")
        if (
            data.lead_organisation_id is not None
            and session.get(Organisation, data.lead_organisation_id) is None
        ):
            check.fail("lead_organisation_id", "That organisation no longer exists.")
        if len(data.participants) > MAX_PARTICIPANTS:
            check.fail("participants", f"At most {MAX_PARTICIPANTS} participants.")
        participants = []
        for p in data.participants[:MAX_PARTICIPANTS]:
            name = check.text(
                "participants",
                "A participant's name",
                p.name,
                max_length=column_limit(Participant.name),
            )
            if p.person_id is None and not name:
                check.fail("participants", "Every participant needs a person or a name.")
            check.exists("participants", session, Person, p.person_id, "A participant's record")
            participants.append(
                ParticipantInput(
                    p.person_id,
                    name,
                    p.side,
                    check.text(
                        "participants",
                        "A participant's role",
                        p.role,
                        max_length=column_limit(Participant.role),
                    ),
                )
            )
        result = EngagementInput(
            title=title,
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            kind=data.kind,
            time_zone=check.time_zone("time_zone", data.time_zone),
            place=check.text("place", "Place", data.place, max_length=500),
            country_id=data.country_id,
            formality=data.formality,
            function=data.function,
            sector=check.text("sector", "Sector", data.sector, max_length=100),
            lead_organisation_id=data.lead_organisation_id,
            classification=check.classification("classification", self.scheme, data.classification),
            agenda=check.long_text("agenda", "Agenda", data.agenda),
            outcome=check.long_text("outcome", "Outcome", data.outcome),
            participants=tuple(participants),
            tag_ids=None if data.tag_ids is None else tuple(dict.fromkeys(data.tag_ids)),
        )
        if result.tag_ids:
            known = set(session.scalars(select(Tag.id).where(Tag.id.in_(result.tag_ids))))
            if len(known) < len(result.tag_ids):
                check.fail("tag_ids", "A chosen tag no longer exists; it may have been removed.")
        planned: builtins.list[PlannedCommitment] = []
        if data.commitments is not None and "starts_at" not in check.errors:
            made_on = engagement_day(data.starts_at, result.time_zone)
            planned = plan_drafts(
                check,
                session,
                self.scheme,
                engagement.commitments,
                data.commitments,
                made_on=made_on,
            )
        check.raise_if_any()
        return result, planned

    @staticmethod
    def _apply(
        session: Session,
        engagement: Engagement,
        data: EngagementInput,
        planned: builtins.list[PlannedCommitment],
    ) -> None:
        engagement.title = data.title
        engagement.starts_at = data.starts_at
        engagement.ends_at = data.ends_at
        engagement.kind = data.kind
        engagement.time_zone = data.time_zone
        engagement.place = data.place
        engagement.country_id = data.country_id
        engagement.formality = data.formality
        engagement.function = data.function
        engagement.sector = data.sector
        engagement.lead_organisation_id = data.lead_organisation_id
        engagement.classification = data.classification
        engagement.agenda = data.agenda
        engagement.outcome = data.outcome
        engagement.participants = [
            Participant(person_id=p.person_id, name=p.name, side=p.side, role=p.role, position=i)
            for i, p in enumerate(data.participants)
        ]
        names = [p.name for p in data.participants if p.name]
        person_ids = [p.person_id for p in data.participants if p.person_id is not None]
        if person_ids:
            for person in session.scalars(select(Person).where(Person.id.in_(person_ids))):
                names.append(person.display_name)
                names.append(person.name_original)
        engagement.refresh_derived(names)
        apply_planned(session, engagement, planned)

    @staticmethod
    def _detail(session: Session, engagement: Engagement) -> EngagementDetail:
        data = EngagementInput(
            title=engagement.title,
            starts_at=engagement.starts_at,
            ends_at=engagement.ends_at,
            kind=engagement.kind,
            time_zone=engagement.time_zone,
            place=engagement.place,
            country_id=engagement.country_id,
            formality=engagement.formality,
            function=engagement.function,
            sector=engagement.sector,
            lead_organisation_id=engagement.lead_organisation_id,
            classification=engagement.classification,
            agenda=engagement.agenda,
            outcome=engagement.outcome,
            participants=tuple(
                ParticipantInput(p.person_id, p.name, p.side, p.role)
                for p in engagement.participants
            ),
        )
        views = tuple(
            ParticipantView(
                p.person_id,
                p.person.display_name if p.person is not None else p.name,
                p.side,
                p.role,
            )
            for p in engagement.participants
        )
        link = link_table("engagement")
        tag_ids = session.scalars(
            select(link.c.tag_id).where(link.c.engagement_id == engagement.id).order_by("tag_id")
        ).all()
        return EngagementDetail(
            engagement.id,
            engagement.uid,
            engagement.version,
            data,
            views,
            commitments=tuple(rows_for_engagement(session, engagement.id, date.today())),
            commitment_drafts=tuple(
                draft_of(c) for c in sorted(engagement.commitments, key=lambda c: c.id)
            ),
            tag_ids=tuple(tag_ids),
        )


def _row_select() -> Select[Any]:
    """The columns of a list row, with the country's name."""
    return select(
        Engagement.id,
        Engagement.uid,
        Engagement.version,
        Engagement.starts_at,
        Engagement.time_zone,
        Engagement.title,
        Engagement.kind,
        func.coalesce(Country.name, "").label("country"),
        Engagement.place,
        Engagement.formality,
        Engagement.classification,
    ).outerjoin(Country, Country.id == Engagement.country_id)


def _row(r: Any) -> EngagementRow:
    return EngagementRow(
        r.id,
        r.uid,
        r.version,
        r.starts_at,
        r.time_zone,
        r.title,
        r.kind,
        r.country,
        r.place,
        r.formality,
        r.classification,
    )
