"""Cables: drafting (create, autosave, delete), the register, and reading one back."""

from __future__ import annotations

import builtins
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    Cable,
    CableClearance,
    CableParagraph,
    CableReference,
    CableStatus,
    ClassificationScheme,
    Country,
    Engagement,
    Person,
    Tag,
)
from bilatdesk.domain.base import table_of
from bilatdesk.domain.cable import cable_tag
from bilatdesk.domain.cable_workflow import CableAction, allows
from bilatdesk.services.cables.records import (
    PARAGRAPH_MAX,
    PARAGRAPHS_MAX,
    CableDetail,
    CableFilters,
    CableInput,
    CableRow,
    Clearance,
    ParagraphInput,
)
from bilatdesk.services.kernel.errors import NotFoundError, ServiceError, require_version
from bilatdesk.services.kernel.listing import (
    Choice,
    DeleteImpact,
    ListQuery,
    Page,
    apply_filters,
    fetch_page,
)
from bilatdesk.services.kernel.settings import read_post_settings
from bilatdesk.services.kernel.validation import Checker, column_limit
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.database import Database

SORTS = {
    "updated_at": Cable.updated_at,
    "serial": Cable.serial,
    "subject": Cable.subject,
    "status": Cable.status,
}


class DispatchedCableError(ServiceError):
    """A dispatched cable never changes; a correction is a new cable referencing it."""

    def __init__(self, serial: str) -> None:
        super().__init__(
            f"Cable {serial} has been dispatched and can no longer change. "
            "Write a correction: a new cable that references it."
        )


class CableService:
    def __init__(
        self,
        database: Database,
        scheme: ClassificationScheme = DEFAULT_SCHEME,
        *,
        undo: UndoService | None = None,
    ) -> None:
        self.db = database
        self.scheme = scheme
        self.undo = undo

    # -- the register -----------------------------------------------------------------------
    def list(
        self, query: ListQuery = ListQuery(), filters: CableFilters = CableFilters()
    ) -> Page[CableRow]:
        sort_column = SORTS.get(query.sort, Cable.updated_at)
        with self.db.read() as session:
            statement = apply_filters(session, _row_select(), table_of(Cable), query)
            if query.country_id is not None:
                statement = statement.where(Cable.country_id == query.country_id)
            statement = _with_filters(statement, filters)
            if sort_column is Cable.serial:  # drafts have no serial yet: list them last
                sort_column = func.coalesce(Cable.serial, "~")  # type: ignore[assignment]
            rows, cursor = fetch_page(session, statement, sort_column, Cable.id, query)
            return Page(tuple(_row(r) for r in rows), cursor)

    def in_workflow(
        self, country_id: int | None = None, *, clearer: str | None = None
    ) -> builtins.list[CableRow]:
        """Cables waiting for clearance or for dispatch, oldest first (the Today page).

        With `clearer`, only the cables whose clearance by that person is still pending, and
        the approved ones waiting for dispatch.
        """
        with self.db.read() as session:
            return in_workflow_rows(session, country_id, clearer)

    def get(self, cable_id: int) -> CableDetail:
        with self.db.read() as session:
            return detail_of(load_cable(session, cable_id))

    def by_serial_or_id(self, key: str) -> CableDetail:
        """A cable by its serial (`VIE 2026/017`) or its number in the register."""
        with self.db.read() as session:
            cable_id = session.scalar(select(Cable.id).where(Cable.serial == key.strip()))
            if cable_id is None and key.strip().isdigit():
                cable_id = int(key.strip())
            if cable_id is None:
                raise NotFoundError(f"No cable with serial or number '{key}'.")
            return detail_of(load_cable(session, cable_id))

    def reference_choices(self, text: str = "") -> builtins.list[Choice]:
        """Dispatched cables that a new cable may cite, newest first."""
        with self.db.read() as session:
            statement = (
                select(Cable.id, Cable.serial, Cable.subject)
                .where(Cable.status == CableStatus.DISPATCHED)
                .order_by(Cable.dispatched_at.desc(), Cable.id.desc())
                .limit(200)
            )
            statement = apply_filters(session, statement, table_of(Cable), ListQuery(text=text))
            return [Choice(r.id, f"{r.serial} {r.subject}") for r in session.execute(statement)]

    def tag_choices(self) -> builtins.list[Choice]:
        with self.db.read() as session:
            return [
                Choice(r.id, r.name)
                for r in session.execute(select(Tag.id, Tag.name).order_by(Tag.name))
            ]

    # -- drafting ---------------------------------------------------------------------------
    def create(self, data: CableInput, *, drafter: str) -> CableDetail:
        with self.db.session() as session:
            clean = validate_cable(session, data, self.scheme)
            post = read_post_settings(session)
            cable = Cable(post=post.code, drafter=drafter.strip()[:200], status=CableStatus.DRAFT)
            session.add(cable)
            with session.no_autoflush:
                apply_cable(session, cable, clean)
            session.flush()
            return detail_of(cable)

    def update(self, cable_id: int, data: CableInput, expected_version: int) -> CableDetail:
        """Save a draft (the editor calls this as the clerk types)."""
        with self.db.session() as session:
            cable = load_cable(session, cable_id)
            require_editable(cable)
            require_version(cable.version, expected_version, f"The cable '{cable.subject}'")
            clean = validate_cable(session, data, self.scheme)
            with session.no_autoflush:
                apply_cable(session, cable, clean)
            session.flush()
            return detail_of(cable)

    def delete_impact(self, cable_id: int) -> DeleteImpact:
        with self.db.read() as session:
            cable = load_cable(session, cable_id)
            if cable.status is CableStatus.DISPATCHED:
                raise DispatchedCableError(cable.serial or "")
            return DeleteImpact(
                _name(cable),
                (f"its {len(cable.paragraphs)} paragraphs are deleted",),
                undoable=True,
            )

    def delete(self, cable_id: int, expected_version: int) -> None:
        """Delete a cable not yet dispatched, with its paragraphs, references, clearances, tags
        and named people; Undo brings it back whole, and it waits in the bin meanwhile."""
        with self.db.session() as session:
            cable = self._deletable(session, cable_id, expected_version)
            name = _name(cable)
            step = watching(self.undo, session, Root("cable", cable_id), binned=True)
            session.delete(cable)
            step.done(f"delete the cable '{name}'", name)

    def discard(self, cable_id: int, expected_version: int) -> None:
        """Delete a draft made from a template and closed untouched: as its making was no step
        to undo, its end is none either, and the bin is not filled with empty drafts."""
        with self.db.session() as session:
            session.delete(self._deletable(session, cable_id, expected_version))

    @staticmethod
    def _deletable(session: Session, cable_id: int, expected_version: int) -> Cable:
        cable = load_cable(session, cable_id)
        if cable.status is CableStatus.DISPATCHED:
            raise DispatchedCableError(cable.serial or "")
        require_version(cable.version, expected_version, f"The cable '{cable.subject}'")
        return cable


def _name(cable: Cable) -> str:
    return cable.subject or "Untitled draft"


# -- shared by the workflow and documents -----------------------------------------------------
def awaiting_condition(clearer: str | None) -> ColumnElement[bool]:
    """Approved cables waiting for dispatch, and those in clearance (only the ones still
    waiting for `clearer`'s clearance when a name is given)."""
    waiting = Cable.status == CableStatus.APPROVED
    if clearer and clearer.strip():
        mine = select(CableClearance.cable_id).where(
            func.lower(CableClearance.name) == clearer.strip().lower(),
            CableClearance.cleared_at.is_(None),
        )
        return waiting | ((Cable.status == CableStatus.FOR_CLEARANCE) & Cable.id.in_(mine))
    return waiting | (Cable.status == CableStatus.FOR_CLEARANCE)


def in_workflow_rows(
    session: Session, country_id: int | None, clearer: str | None, limit: int = 200
) -> builtins.list[CableRow]:
    """Cables waiting for clearance or dispatch, oldest first (Today and its reminders)."""
    statement = (
        _row_select()
        .where(awaiting_condition(clearer))
        .order_by(Cable.updated_at, Cable.id)
        .limit(limit)
    )
    if country_id is not None:
        statement = statement.where(Cable.country_id == country_id)
    return [_row(r) for r in session.execute(statement)]


def load_cable(session: Session, cable_id: int) -> Cable:
    cable = session.get(
        Cable,
        cable_id,
        options=[
            selectinload(Cable.paragraphs),
            selectinload(Cable.references).selectinload(CableReference.referenced),
            selectinload(Cable.clearances),
            selectinload(Cable.tags),
            selectinload(Cable.persons),
        ],
    )
    if cable is None:
        raise NotFoundError("That cable no longer exists; it may have been deleted.")
    return cable


def require_editable(cable: Cable) -> None:
    if allows(cable.status, CableAction.EDIT):
        return
    if cable.status is CableStatus.DISPATCHED:
        raise DispatchedCableError(cable.serial or "")
    raise ServiceError(
        "This cable is out for clearance or approved. Return it to draft to change it."
    )


def validate_cable(session: Session, data: CableInput, scheme: ClassificationScheme) -> CableInput:
    """Check a draft; the overall marking may never be below any paragraph's portion mark."""
    check = Checker()
    subject = check.text("subject", "Subject", data.subject, max_length=column_limit(Cable.subject))
    classification = check.classification("classification", scheme, data.classification)
    precedences = read_post_settings(session).precedences
    if data.precedence not in precedences:
        check.fail("precedence", f"Precedence is one of {', '.join(precedences)}.")
    if data.deskby_at is not None and data.night_action.strip():
        check.fail("night_action", "Give either a DESKBY time or a night action, not both.")
    if data.deskby_at is not None and data.deskby_at.tzinfo is None:
        check.fail("deskby_at", "The DESKBY time needs a time zone.")
    if len(data.paragraphs) > PARAGRAPHS_MAX:
        check.fail("paragraphs", f"A cable has at most {PARAGRAPHS_MAX} paragraphs.")
    paragraphs = []
    for number, paragraph in enumerate(data.paragraphs[:PARAGRAPHS_MAX], start=1):
        text = check.text(
            "paragraphs", f"Paragraph {number}", paragraph.text, max_length=PARAGRAPH_MAX
        )
        portion = check.classification("paragraphs", scheme, paragraph.portion)
        paragraphs.append(ParagraphInput(text, portion, paragraph.section))
    if "classification" not in check.errors and paragraphs:
        highest = scheme.highest(p.portion for p in paragraphs)
        if scheme.rank(classification) < scheme.rank(highest.code):
            where = next(i for i, p in enumerate(paragraphs, 1) if p.portion == highest.code)
            check.fail(
                "classification",
                f"Paragraph {where} is {highest.name}, so the cable must be marked "
                f"{highest.name} or higher.",
            )
    if data.nature.value == "instructions_requested" and data.instructions_by is None:
        check.fail("instructions_by", "Say by when the instructions are needed.")
    addressees = {}
    for field in ("to_addressees", "info_addressees"):
        values = tuple(
            v
            for v in (
                check.text(field, "An addressee", raw, max_length=300)
                for raw in getattr(data, field)
            )
            if v
        )
        addressees[field] = values
    _check_links(check, session, data)
    clean = CableInput(
        subject=subject,
        kind=data.kind,
        country_id=data.country_id,
        precedence=data.precedence,
        deskby_at=data.deskby_at,
        night_action=check.text(
            "night_action",
            "Night action",
            data.night_action,
            max_length=column_limit(Cable.night_action),
        ),
        to_addressees=addressees["to_addressees"],
        info_addressees=addressees["info_addressees"],
        classification=classification,
        caveats=check.text(
            "caveats", "Caveats", data.caveats, max_length=column_limit(Cable.caveats)
        ),
        classified_by=check.text(
            "classified_by",
            "Classified by",
            data.classified_by,
            max_length=column_limit(Cable.classified_by),
        ),
        classification_reason=check.text(
            "classification_reason",
            "Reason",
            data.classification_reason,
            max_length=column_limit(Cable.classification_reason),
        ),
        declassify_on=data.declassify_on,
        nature=data.nature,
        instructions_by=data.instructions_by,
        signature=check.text(
            "signature", "Signature", data.signature, max_length=column_limit(Cable.signature)
        ),
        paragraphs=tuple(paragraphs),
        references=tuple(dict.fromkeys(data.references)),
        tag_ids=tuple(dict.fromkeys(data.tag_ids)),
        person_ids=tuple(dict.fromkeys(data.person_ids)),
        engagement_id=data.engagement_id,
    )
    check.raise_if_any()
    return clean


def _check_links(check: Checker, session: Session, data: CableInput) -> None:
    """Everything the cable points at must exist; only dispatched cables can be cited."""
    for reference in data.references:
        status = session.scalar(select(Cable.status).where(Cable.id == reference))
        if status is not CableStatus.DISPATCHED:
            check.fail("references", "Only dispatched cables, which have serials, can be cited.")
    check.exists("country_id", session, Country, data.country_id, "That country")
    check.exists("engagement_id", session, Engagement, data.engagement_id, "That engagement")


def apply_cable(session: Session, cable: Cable, data: CableInput) -> None:
    cable.subject = data.subject
    cable.kind = data.kind
    cable.country_id = data.country_id
    cable.precedence = data.precedence
    cable.deskby_at = data.deskby_at
    cable.night_action = data.night_action
    cable.to_addressees = "\n".join(data.to_addressees)
    cable.info_addressees = "\n".join(data.info_addressees)
    cable.classification = data.classification
    cable.caveats = data.caveats
    cable.classified_by = data.classified_by
    cable.classification_reason = data.classification_reason
    cable.declassify_on = data.declassify_on
    cable.nature = data.nature
    cable.instructions_by = data.instructions_by
    cable.signature = data.signature
    cable.engagement_id = data.engagement_id
    cable.paragraphs = [
        CableParagraph(position=i, text=p.text, portion=p.portion, section=p.section)
        for i, p in enumerate(data.paragraphs)
    ]
    cable.references = [
        CableReference(position=i, referenced_id=ref) for i, ref in enumerate(data.references)
    ]
    cable.tags = list(session.scalars(select(Tag).where(Tag.id.in_(data.tag_ids))))
    cable.persons = list(session.scalars(select(Person).where(Person.id.in_(data.person_ids))))
    country = session.get(Country, data.country_id) if data.country_id else None
    cable.refresh_derived(country.name if country else "")


def detail_of(cable: Cable) -> CableDetail:
    data = CableInput(
        subject=cable.subject,
        kind=cable.kind,
        country_id=cable.country_id,
        precedence=cable.precedence,
        deskby_at=cable.deskby_at,
        night_action=cable.night_action,
        to_addressees=tuple(a for a in cable.to_addressees.split("\n") if a),
        info_addressees=tuple(a for a in cable.info_addressees.split("\n") if a),
        classification=cable.classification,
        caveats=cable.caveats,
        classified_by=cable.classified_by,
        classification_reason=cable.classification_reason,
        declassify_on=cable.declassify_on,
        nature=cable.nature,
        instructions_by=cable.instructions_by,
        signature=cable.signature,
        paragraphs=tuple(ParagraphInput(p.text, p.portion, p.section) for p in cable.paragraphs),
        references=tuple(r.referenced_id for r in cable.references if r.referenced_id),
        tag_ids=tuple(t.id for t in cable.tags),
        person_ids=tuple(p.id for p in cable.persons),
        engagement_id=cable.engagement_id,
    )
    return CableDetail(
        id=cable.id,
        uid=cable.uid,
        version=cable.version,
        status=cable.status,
        post=cable.post,
        serial=cable.serial or "",
        dtg=cable.dtg,
        dispatched_at=cable.dispatched_at,
        drafter=cable.drafter,
        submitted_at=cable.submitted_at,
        approved_by=cable.approved_by,
        approved_at=cable.approved_at,
        clearances=tuple(
            Clearance(c.name, c.cleared_at, c.comment, c.manner, c.recorded_by)
            for c in cable.clearances
        ),
        reference_serials=tuple(
            (r.referenced.serial or "") if r.referenced else r.text for r in cable.references
        ),
        data=data,
    )


def _row_select() -> Select[Any]:
    return select(
        Cable.id,
        Cable.uid,
        Cable.version,
        Cable.serial,
        Cable.status,
        Cable.classification,
        Cable.precedence,
        Cable.subject,
        func.coalesce(Country.name, "").label("country"),
        Cable.updated_at,
        Cable.dispatched_at,
    ).outerjoin(Country, Country.id == Cable.country_id)


def _row(r: Any) -> CableRow:
    from bilatdesk.domain.cable import date_time_group

    return CableRow(
        r.id,
        r.uid,
        r.version,
        r.serial or "",
        r.status,
        r.classification,
        r.precedence,
        r.subject,
        r.country,
        r.updated_at,
        date_time_group(r.dispatched_at) if r.dispatched_at else "",
    )


def _with_filters(statement: Select[Any], filters: CableFilters) -> Select[Any]:
    if filters.status is not None:
        statement = statement.where(Cable.status == filters.status)
    if filters.classification:
        statement = statement.where(Cable.classification == filters.classification)
    if filters.tag_id is not None:
        statement = statement.where(
            Cable.id.in_(select(cable_tag.c.cable_id).where(cable_tag.c.tag_id == filters.tag_id))
        )
    if filters.date_from is not None:
        statement = statement.where(
            Cable.updated_at >= datetime.combine(filters.date_from, time(0), tzinfo=UTC)
        )
    if filters.date_to is not None:
        statement = statement.where(
            Cable.updated_at < datetime.combine(filters.date_to, time.max, tzinfo=UTC)
        )
    return statement
