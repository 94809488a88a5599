"""Visits: the record, its programme (the engagements inside its dates), and call notes."""

from __future__ import annotations

import builtins
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    STEERING_PARTS,
    CallNote,
    ClassificationScheme,
    Country,
    Engagement,
    Participant,
    Visit,
)
from bilatdesk.domain.base import table_of
from bilatdesk.services.kernel.errors import NotFoundError, require_version
from bilatdesk.services.kernel.listing import (
    DeleteImpact,
    ListQuery,
    Page,
    apply_filters,
    fetch_page,
)
from bilatdesk.services.kernel.validation import Checker, column_limit
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.database import Database

MAX_VISIT_DAYS = 60


@dataclass(frozen=True)
class CallNoteInput:
    engagement_id: int
    objectives: str = ""
    points_to_make: str = ""
    their_points: str = ""


@dataclass(frozen=True)
class VisitInput:
    principal: str
    country_id: int
    starts_on: date
    ends_on: date
    delegation: str = ""
    classification: str = "U"
    purpose: str = ""
    objectives: str = ""
    key_messages: str = ""
    asks: str = ""
    their_objectives: str = ""
    sensitivities: str = ""
    press_line: str = ""
    background: str = ""
    protocol_notes: str = ""
    call_notes: tuple[CallNoteInput, ...] = ()


@dataclass(frozen=True)
class VisitRow:
    id: int
    uid: uuid.UUID
    version: int
    principal: str
    country: str
    starts_on: date
    ends_on: date
    classification: str


@dataclass(frozen=True)
class VisitDetail:
    id: int
    uid: uuid.UUID
    version: int
    brief_version: int
    data: VisitInput


SORTS = {"starts_on": Visit.starts_on, "principal": Visit.principal}


class VisitService:
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

    def list(self, query: ListQuery = ListQuery()) -> Page[VisitRow]:
        sort_column = SORTS.get(query.sort, Visit.starts_on)
        with self.db.read() as session:
            statement = select(
                Visit.id,
                Visit.uid,
                Visit.version,
                Visit.principal,
                Country.name.label("country"),
                Visit.starts_on,
                Visit.ends_on,
                Visit.classification,
            ).join(Country, Country.id == Visit.country_id)
            statement = apply_filters(session, statement, table_of(Visit), query)
            if query.country_id is not None:
                statement = statement.where(Visit.country_id == query.country_id)
            rows, cursor = fetch_page(session, statement, sort_column, Visit.id, query)
            return Page(
                tuple(
                    VisitRow(
                        r.id,
                        r.uid,
                        r.version,
                        r.principal,
                        r.country,
                        r.starts_on,
                        r.ends_on,
                        r.classification,
                    )
                    for r in rows
                ),
                cursor,
            )

    def get(self, visit_id: int) -> VisitDetail:
        with self.db.read() as session:
            return _detail(load_visit(session, visit_id))

    def programme_ids(self, visit_id: int) -> builtins.list[int]:
        """The engagements of the visit's country on its days (in their local time)."""
        with self.db.read() as session:
            return [e.id for e in programme(session, load_visit(session, visit_id))]

    def create(self, data: VisitInput) -> VisitDetail:
        with self.db.session() as session:
            clean = self._validate(session, data)
            visit = Visit(
                principal=clean.principal,
                country_id=clean.country_id,
                starts_on=clean.starts_on,
                ends_on=clean.ends_on,
            )
            session.add(visit)
            with session.no_autoflush:
                _apply(session, visit, clean)
            session.flush()
            return _detail(visit)

    def update(self, visit_id: int, data: VisitInput, expected_version: int) -> VisitDetail:
        """Save the visit (the form calls this as the free text is typed)."""
        with self.db.session() as session:
            visit = load_visit(session, visit_id)
            require_version(visit.version, expected_version, f"The visit of {visit.principal}")
            # Typing saves as it goes: the edits of one sitting are one step to undo.
            step = watching(self.undo, session, Root("visit", visit_id), coalesce=True)
            clean = self._validate(session, data)
            with session.no_autoflush:
                _apply(session, visit, clean)
            session.flush()
            step.done(f"edit the visit of {visit.principal}", visit.principal)
            return _detail(visit)

    def delete_impact(self, visit_id: int) -> DeleteImpact:
        with self.db.read() as session:
            visit = load_visit(session, visit_id)
            return DeleteImpact(
                visit.principal,
                (
                    "its brief texts and call notes are deleted; the engagements of its "
                    "programme stay",
                ),
                undoable=True,
            )

    def delete(self, visit_id: int, expected_version: int) -> None:
        with self.db.session() as session:
            visit = load_visit(session, visit_id)
            require_version(visit.version, expected_version, f"The visit of {visit.principal}")
            name = f"the visit of {visit.principal}"
            step = watching(self.undo, session, Root("visit", visit_id), binned=True)
            session.delete(visit)
            step.done(f"delete {name}", name)

    def _validate(self, session: Session, data: VisitInput) -> VisitInput:
        check = Checker()
        principal = check.text(
            "principal",
            "Principal",
            data.principal,
            required=True,
            max_length=column_limit(Visit.principal),
        )
        check.exists("country_id", session, Country, data.country_id, "That country")
        if data.ends_on < data.starts_on:
            check.fail("ends_on", "The visit ends before it starts.")
        elif (data.ends_on - data.starts_on).days > MAX_VISIT_DAYS:
            check.fail("ends_on", f"A visit lasts at most {MAX_VISIT_DAYS} days.")
        texts = {
            name: check.long_text(name, label, getattr(data, name))
            for name, label in (
                *STEERING_PARTS,
                ("delegation", "Delegation"),
                ("protocol_notes", "Protocol notes"),
            )
        }
        notes = []
        for note in data.call_notes:
            check.exists("call_notes", session, Engagement, note.engagement_id, "A meeting")
            notes.append(
                CallNoteInput(
                    note.engagement_id,
                    check.long_text("call_notes", "Objectives", note.objectives),
                    check.long_text("call_notes", "Points to make", note.points_to_make),
                    check.long_text("call_notes", "Their likely points", note.their_points),
                )
            )
        clean = VisitInput(
            principal=principal,
            country_id=data.country_id,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            classification=check.classification("classification", self.scheme, data.classification),
            call_notes=tuple(notes),
            **texts,
        )
        check.raise_if_any()
        return clean


def load_visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(
        Visit, visit_id, options=[selectinload(Visit.call_notes), selectinload(Visit.country)]
    )
    if visit is None:
        raise NotFoundError("That visit no longer exists; it may have been deleted.")
    return visit


def programme(session: Session, visit: Visit) -> builtins.list[Engagement]:
    """Engagements in the visit's country whose local date falls inside the visit."""
    # Generous UTC bounds first (zones reach ±14 h), then the local date decides.
    start = datetime.combine(visit.starts_on, time(0), tzinfo=UTC) - timedelta(hours=14)
    end = datetime.combine(visit.ends_on, time(0), tzinfo=UTC) + timedelta(hours=38)
    candidates = session.scalars(
        select(Engagement)
        .where(Engagement.country_id == visit.country_id)
        .where(Engagement.starts_at >= start, Engagement.starts_at < end)
        .options(selectinload(Engagement.participants).selectinload(Participant.person))
        .order_by(Engagement.starts_at, Engagement.id)
    )
    inside = []
    for engagement in candidates:
        local = engagement.starts_at.astimezone(ZoneInfo(engagement.time_zone)).date()
        if visit.starts_on <= local <= visit.ends_on:
            inside.append(engagement)
    return inside


def _apply(session: Session, visit: Visit, data: VisitInput) -> None:
    for name in (
        "principal",
        "country_id",
        "starts_on",
        "ends_on",
        "delegation",
        "classification",
        "protocol_notes",
        *(n for n, _ in STEERING_PARTS),
    ):
        setattr(visit, name, getattr(data, name))
    visit.call_notes = [
        CallNote(
            engagement_id=n.engagement_id,
            objectives=n.objectives,
            points_to_make=n.points_to_make,
            their_points=n.their_points,
        )
        for n in data.call_notes
    ]
    country = session.get(Country, data.country_id)
    visit.refresh_derived(country.name if country else "")


def _detail(visit: Visit) -> VisitDetail:
    data = VisitInput(
        principal=visit.principal,
        country_id=visit.country_id,
        starts_on=visit.starts_on,
        ends_on=visit.ends_on,
        delegation=visit.delegation,
        classification=visit.classification,
        protocol_notes=visit.protocol_notes,
        call_notes=tuple(
            CallNoteInput(n.engagement_id, n.objectives, n.points_to_make, n.their_points)
            for n in visit.call_notes
        ),
        **{name: getattr(visit, name) for name, _ in STEERING_PARTS},
    )
    return VisitDetail(visit.id, visit.uid, visit.version, visit.brief_version, data)
