"""Commitments: follow-ups promised in an engagement, by us or by them, until closed."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    ClassificationScheme,
    Commitment,
    CommitmentStatus,
    Country,
    Engagement,
    Participant,
    Person,
    Side,
)
from bilatdesk.domain.base import table_of
from bilatdesk.services.kernel.errors import NotFoundError, ValidationError, require_version
from bilatdesk.services.kernel.listing import Cursor, ListQuery, Page, apply_filters
from bilatdesk.services.kernel.validation import Checker, column_limit
from bilatdesk.services.people.service import display_name
from bilatdesk.store.database import Database
from bilatdesk.store.paging import keyset

DESCRIPTION_MAX = 4_000
NOTE_MAX = 4_000
CLOSED = (CommitmentStatus.DONE, CommitmentStatus.DROPPED)
PER_RECORD_LIMIT = 500
"""open_for_person / open_for_country answer at most this many (a page's panel, not a list)."""


@dataclass(frozen=True)
class CommitmentInput:
    """What was promised, in which engagement, by which side, owed by whom, due when."""

    engagement_id: int
    description: str
    side: Side = Side.OURS
    owner_person_id: int | None = None
    owner: str = ""
    due_date: date | None = None
    classification: str = "U"


@dataclass(frozen=True)
class CommitmentDraft:
    """A commitment as the engagement form edits it, saved with the engagement.

    `id` None is a new one; otherwise `version` is the one the form read, so a change made
    elsewhere meanwhile is caught. `removed` deletes a stored one. Send the new, changed and
    removed ones: stored commitments the list does not mention are left as they are (a
    colleague may have closed or added one meanwhile), and one sent unchanged is skipped.
    """

    description: str
    side: Side = Side.OURS
    owner_person_id: int | None = None
    owner: str = ""
    due_date: date | None = None
    classification: str = "U"
    status: CommitmentStatus = CommitmentStatus.OPEN
    closed_on: date | None = None
    closing_note: str = ""
    id: int | None = None
    version: int | None = None
    removed: bool = False


@dataclass(frozen=True)
class CommitmentFilters:
    """Narrowing beyond the list query: status (None for all), owner, engagement, side."""

    status: CommitmentStatus | None = CommitmentStatus.OPEN
    person_id: int | None = None
    """Only those owed by this person."""
    engagement_id: int | None = None
    side: Side | None = None


@dataclass(frozen=True)
class CommitmentRow:
    id: int
    uid: uuid.UUID
    version: int
    description: str
    side: Side
    owner: str
    """The owing person's name, else the free-text owner ("Trade section"), else ""."""
    due_date: date | None
    status: CommitmentStatus
    closed_on: date | None
    engagement_id: int
    engagement_title: str
    engagement_day: date
    """The engagement's day where it took place (its own time zone)."""
    country: str
    overdue: bool
    classification: str
    owner_person_id: int | None = None
    closing_note: str = ""
    days_overdue: int = 0
    country_id: int | None = None
    person_owns: bool | None = None
    """open_for_person only: True when the person owes it, False when they took part in the
    engagement where it was made."""


def engagement_day(starts_at: datetime, time_zone: str) -> date:
    """The calendar day of an engagement where it happens."""
    try:
        zone = ZoneInfo(time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return starts_at.astimezone(zone).date()


def check_commitment(
    check: Checker,
    session: Session,
    scheme: ClassificationScheme,
    *,
    description: str,
    owner_person_id: int | None,
    owner: str,
    due_date: date | None,
    classification: str,
    made_on: date | None,
) -> tuple[str, str, str]:
    """Cleaned (description, owner, classification); problems recorded at their fields."""
    text = check.text(
        "description", "What was promised", description, required=True, max_length=DESCRIPTION_MAX
    )
    owner_text = check.text("owner", "Owner", owner, max_length=column_limit(Commitment.owner))
    check.exists("owner_person_id", session, Person, owner_person_id, "The owner's record")
    if due_date is not None and made_on is not None and due_date < made_on:
        check.fail(
            "due_date",
            f"It is due on {due_date.isoformat()}, before the engagement of "
            f"{made_on.isoformat()} where it was made; give a later due date.",
        )
    code = check.classification("classification", scheme, classification)
    return text, owner_text, code


def check_closing(
    check: Checker,
    *,
    status: CommitmentStatus,
    closed_on: date | None,
    note: str,
    made_on: date | None,
    today: date,
) -> str:
    """The cleaned closing note; a closing needs a day between the engagement and today."""
    text = check.text("closing_note", "The closing note", note, max_length=NOTE_MAX)
    if status is CommitmentStatus.OPEN:
        return text
    if closed_on is None:
        check.fail("closed_on", "Give the day it was closed.")
    elif made_on is not None and closed_on < made_on:
        check.fail(
            "closed_on",
            f"It cannot be closed on {closed_on.isoformat()}, before the engagement of "
            f"{made_on.isoformat()} where it was made.",
        )
    elif closed_on > today:
        check.fail(
            "closed_on",
            f"{closed_on.isoformat()} is still to come; close it on the day it was done.",
        )
    if status is CommitmentStatus.DROPPED and not text and "closing_note" not in check.errors:
        check.fail("closing_note", "Say why it was dropped.")
    return text


class CommitmentService:
    def __init__(self, database: Database, scheme: ClassificationScheme = DEFAULT_SCHEME) -> None:
        self.db = database
        self.scheme = scheme

    # -- reading ----------------------------------------------------------------------------
    def list(
        self,
        query: ListQuery = ListQuery(),
        filters: CommitmentFilters = CommitmentFilters(),
        *,
        today: date | None = None,
    ) -> Page[CommitmentRow]:
        """A keyset page by due date (undated ones last, in either direction), then id.

        With a status the query walks ix_commitment_status_due (status, due_date, id) in
        order, as the Today page does; the undated ones follow as a second range of it.
        """
        today = today or date.today()
        with self.db.read() as session:
            statement = _row_select()
            # Commitments carry no tags: a tag filter cannot apply here.
            statement = apply_filters(
                session,
                statement,
                table_of(Commitment),
                replace(query, tags=()),
            )
            if query.country_id is not None:
                statement = statement.where(Engagement.country_id == query.country_id)
            statement = statement.where(*_filter_clauses(filters))
            rows, cursor = _page(session, statement, query)
            return Page(tuple(_row(r, today) for r in rows), cursor)

    def get(self, commitment_id: int, *, today: date | None = None) -> CommitmentRow:
        with self.db.read() as session:
            found = session.execute(_row_select().where(Commitment.id == commitment_id)).first()
            if found is None:
                raise _gone()
            return _row(found, today or date.today())

    def for_engagement(
        self, engagement_id: int, *, today: date | None = None
    ) -> builtins.list[CommitmentRow]:
        """Every commitment made in one engagement, open or closed, in the order made."""
        with self.db.read() as session:
            return rows_for_engagement(session, engagement_id, today or date.today())

    def open_for_person(
        self, person_id: int, today: date | None = None
    ) -> builtins.list[CommitmentRow]:
        """Open ones the person owes, and those made in engagements they took part in.

        Each row says which (`person_owns`); overdue first, then by due date, undated last.
        """
        today = today or date.today()
        took_part = select(Participant.engagement_id).where(Participant.person_id == person_id)
        with self.db.read() as session:
            statement = (
                _row_select()
                .where(Commitment.status == CommitmentStatus.OPEN)
                .where(
                    (Commitment.owner_person_id == person_id)
                    | Commitment.engagement_id.in_(took_part)
                )
            )
            rows, _cursor = _page(session, statement, ListQuery(limit=PER_RECORD_LIMIT))
            return [
                replace(_row(r, today), person_owns=r.owner_person_id == person_id) for r in rows
            ]

    def open_for_country(
        self, country_id: int, today: date | None = None
    ) -> builtins.list[CommitmentRow]:
        """Open ones made in engagements in the country; overdue first, undated last."""
        today = today or date.today()
        with self.db.read() as session:
            statement = (
                _row_select()
                .where(Commitment.status == CommitmentStatus.OPEN)
                .where(Engagement.country_id == country_id)
            )
            rows, _cursor = _page(session, statement, ListQuery(limit=PER_RECORD_LIMIT))
            return [_row(r, today) for r in rows]

    # -- writing ----------------------------------------------------------------------------
    def create(self, data: CommitmentInput, *, today: date | None = None) -> CommitmentRow:
        with self.db.session() as session:
            engagement = self._engagement(session, data.engagement_id)
            commitment = Commitment(engagement_id=engagement.id, description="")
            self._apply(session, commitment, engagement, data)
            session.add(commitment)
            session.flush()
            return self._reread(session, commitment.id, today)

    def update(
        self,
        commitment_id: int,
        data: CommitmentInput,
        expected_version: int,
        *,
        today: date | None = None,
    ) -> CommitmentRow:
        with self.db.session() as session:
            commitment = self._load(session, commitment_id)
            require_version(commitment.version, expected_version, _what(commitment))
            engagement = self._engagement(session, data.engagement_id)
            self._apply(session, commitment, engagement, data)
            session.flush()
            return self._reread(session, commitment.id, today)

    def close(
        self,
        commitment_id: int,
        *,
        status: CommitmentStatus = CommitmentStatus.DONE,
        closed_on: date,
        note: str = "",
        expected_version: int,
        today: date | None = None,
    ) -> CommitmentRow:
        """Record that it was done (or dropped), on which day and how."""
        today = today or date.today()
        with self.db.session() as session:
            commitment = self._load(session, commitment_id)
            require_version(commitment.version, expected_version, _what(commitment))
            if commitment.status is not CommitmentStatus.OPEN:
                raise _validation(
                    "status",
                    f"It is already closed (on {_iso(commitment.closed_on)}); "
                    "reopen it first to close it again.",
                )
            if status not in CLOSED:
                raise _validation("status", "Close it as done or as dropped.")
            check = Checker()
            made_on = engagement_day(
                commitment.engagement.starts_at, commitment.engagement.time_zone
            )
            text = check_closing(
                check, status=status, closed_on=closed_on, note=note, made_on=made_on, today=today
            )
            check.raise_if_any()
            commitment.status = status
            commitment.closed_on = closed_on
            commitment.closing_note = text
            commitment.refresh_derived(_owner_name(commitment.owner_person))
            session.flush()
            return self._reread(session, commitment.id, today)

    def reopen(
        self, commitment_id: int, expected_version: int, *, today: date | None = None
    ) -> CommitmentRow:
        """Open a closed one again; its closing day and note go (it is no longer closed)."""
        with self.db.session() as session:
            commitment = self._load(session, commitment_id)
            require_version(commitment.version, expected_version, _what(commitment))
            if commitment.status is CommitmentStatus.OPEN:
                raise _validation("status", "It is open already.")
            commitment.status = CommitmentStatus.OPEN
            commitment.closed_on = None
            commitment.closing_note = ""
            commitment.refresh_derived(_owner_name(commitment.owner_person))
            session.flush()
            return self._reread(session, commitment.id, today)

    def delete(self, commitment_id: int, expected_version: int) -> None:
        with self.db.session() as session:
            commitment = self._load(session, commitment_id)
            require_version(commitment.version, expected_version, _what(commitment))
            session.delete(commitment)

    # -- inside -----------------------------------------------------------------------------
    @staticmethod
    def _load(session: Session, commitment_id: int) -> Commitment:
        commitment = session.get(Commitment, commitment_id)
        if commitment is None:
            raise _gone()
        return commitment

    @staticmethod
    def _engagement(session: Session, engagement_id: int) -> Engagement:
        engagement = session.get(Engagement, engagement_id)
        if engagement is None:
            raise _validation(
                "engagement_id", "That engagement no longer exists; it may have been deleted."
            )
        return engagement

    def _apply(
        self,
        session: Session,
        commitment: Commitment,
        engagement: Engagement,
        data: CommitmentInput,
    ) -> None:
        check = Checker()
        made_on = engagement_day(engagement.starts_at, engagement.time_zone)
        text, owner, code = check_commitment(
            check,
            session,
            self.scheme,
            description=data.description,
            owner_person_id=data.owner_person_id,
            owner=data.owner,
            due_date=data.due_date,
            classification=data.classification,
            made_on=made_on,
        )
        # A closed one moved to a later engagement must not end up closed before it was made.
        if commitment.closed_on is not None and commitment.closed_on < made_on:
            check.fail(
                "engagement_id",
                f"It was closed on {commitment.closed_on.isoformat()}, before that engagement.",
            )
        check.raise_if_any()
        commitment.engagement_id = engagement.id
        commitment.description = text
        commitment.side = data.side
        commitment.owner_person_id = data.owner_person_id
        commitment.owner = owner
        commitment.due_date = data.due_date
        commitment.classification = code
        person = session.get(Person, data.owner_person_id) if data.owner_person_id else None
        commitment.refresh_derived(_owner_name(person))

    @staticmethod
    def _reread(session: Session, commitment_id: int, today: date | None) -> CommitmentRow:
        found = session.execute(_row_select().where(Commitment.id == commitment_id)).one()
        return _row(found, today or date.today())


@dataclass(frozen=True)
class PlannedCommitment:
    """A checked draft, ready to write: its cleaned texts and the stored one it changes."""

    draft: CommitmentDraft
    stored: Commitment | None
    description: str = ""
    owner: str = ""
    classification: str = "U"
    closing_note: str = ""


def plan_drafts(
    check: Checker,
    session: Session,
    scheme: ClassificationScheme,
    stored: Sequence[Commitment],
    drafts: Sequence[CommitmentDraft],
    *,
    made_on: date,
    today: date | None = None,
) -> builtins.list[PlannedCommitment]:
    """Check the engagement form's commitments before anything is written.

    Problems go to the field "commitments", each naming the commitment by its place in the
    list. A stored one sent with different values after it changed elsewhere is a conflict;
    one sent with the values it has now is skipped.
    """
    today = today or date.today()
    by_id = {c.id: c for c in stored}
    planned: builtins.list[PlannedCommitment] = []
    problems: builtins.list[str] = []  # one field holds them all, each naming its commitment
    for number, draft in enumerate(drafts, start=1):
        existing = by_id.get(draft.id) if draft.id is not None else None
        if draft.id is not None and existing is None:
            if not draft.removed:
                problems.append(
                    f"Commitment {number} no longer exists; it may have been deleted meanwhile. "
                    "Close the engagement and open it again."
                )
            continue
        if existing is not None and _same(existing, draft):
            continue
        if existing is not None:
            require_version(existing.version, draft.version or 0, _what(existing))
        if draft.removed:
            if existing is not None:
                planned.append(PlannedCommitment(draft, existing))
            continue
        own = Checker()
        text, owner, code = check_commitment(
            own,
            session,
            scheme,
            description=draft.description,
            owner_person_id=draft.owner_person_id,
            owner=draft.owner,
            due_date=draft.due_date,
            classification=draft.classification,
            made_on=made_on,
        )
        note = check_closing(
            own,
            status=draft.status,
            closed_on=draft.closed_on,
            note=draft.closing_note,
            made_on=made_on,
            today=today,
        )
        if own.errors:
            label = _short(draft.description)
            named = f"Commitment {number} ({label})" if label else f"Commitment {number}"
            problems.append(f"{named}: " + " ".join(own.errors.values()))
        planned.append(PlannedCommitment(draft, existing, text, owner, code, note))
    if problems:
        check.fail("commitments", " ".join(problems))
    return planned


def apply_planned(
    session: Session, engagement: Engagement, planned: Sequence[PlannedCommitment]
) -> None:
    """Write checked drafts into the engagement's commitments (its transaction)."""
    for plan in planned:
        draft = plan.draft
        if draft.removed:
            if plan.stored is not None:
                engagement.commitments.remove(plan.stored)
            continue
        commitment = plan.stored or Commitment(description="")
        commitment.description = plan.description
        commitment.side = draft.side
        commitment.owner_person_id = draft.owner_person_id
        commitment.owner = plan.owner
        commitment.due_date = draft.due_date
        commitment.classification = plan.classification
        is_open = draft.status is CommitmentStatus.OPEN
        commitment.status = draft.status
        commitment.closed_on = None if is_open else draft.closed_on
        commitment.closing_note = "" if is_open else plan.closing_note
        person = session.get(Person, draft.owner_person_id) if draft.owner_person_id else None
        commitment.refresh_derived(_owner_name(person))
        if plan.stored is None:
            engagement.commitments.append(commitment)


def rows_for_engagement(
    session: Session, engagement_id: int, today: date
) -> builtins.list[CommitmentRow]:
    """Every commitment of one engagement as list rows, in the order made."""
    statement = (
        _row_select().where(Commitment.engagement_id == engagement_id).order_by(Commitment.id)
    )
    return [_row(r, today) for r in session.execute(statement)]


def draft_of(commitment: Commitment) -> CommitmentDraft:
    """A stored commitment as the engagement form starts editing it."""
    return CommitmentDraft(
        description=commitment.description,
        side=commitment.side,
        owner_person_id=commitment.owner_person_id,
        owner=commitment.owner,
        due_date=commitment.due_date,
        classification=commitment.classification,
        status=commitment.status,
        closed_on=commitment.closed_on,
        closing_note=commitment.closing_note,
        id=commitment.id,
        version=commitment.version,
    )


def _same(stored: Commitment, draft: CommitmentDraft) -> bool:
    return not draft.removed and replace(draft_of(stored), version=draft.version) == draft


def _row_select() -> Select[Any]:
    """The columns of a row: the commitment, its engagement, country and owner's name."""
    return (
        select(
            Commitment.id,
            Commitment.uid,
            Commitment.version,
            Commitment.description,
            Commitment.side,
            Commitment.owner_person_id,
            Commitment.owner,
            Person.given_name,
            Person.family_name,
            Person.name_original,
            Commitment.due_date,
            Commitment.status,
            Commitment.closed_on,
            Commitment.closing_note,
            Commitment.classification,
            Commitment.engagement_id,
            Engagement.title.label("engagement_title"),
            Engagement.starts_at,
            Engagement.time_zone,
            Engagement.country_id,
            func.coalesce(Country.name, "").label("country"),
        )
        .join(Engagement, Engagement.id == Commitment.engagement_id)
        .outerjoin(Country, Country.id == Engagement.country_id)
        .outerjoin(Person, Person.id == Commitment.owner_person_id)
    )


def _filter_clauses(filters: CommitmentFilters) -> builtins.list[ColumnElement[bool]]:
    clauses: builtins.list[ColumnElement[bool]] = []
    if filters.status is not None:
        clauses.append(Commitment.status == filters.status)
    if filters.person_id is not None:
        clauses.append(Commitment.owner_person_id == filters.person_id)
    if filters.engagement_id is not None:
        clauses.append(Commitment.engagement_id == filters.engagement_id)
    if filters.side is not None:
        clauses.append(Commitment.side == filters.side)
    return clauses


def _page(
    session: Session, statement: Select[Any], query: ListQuery
) -> tuple[builtins.list[Any], Cursor | None]:
    """Keyset paging on (due_date, id) with the undated rows after the dated ones.

    Two ranges, each in index order: the dated rows past the cursor, then (when those run
    out) the undated ones by id. A cursor with no sort value stands in the undated range.
    """
    limit = max(1, query.limit)
    after = query.after
    rows: builtins.list[Any] = []
    if after is None or after.sort_value is not None:
        dated = keyset(
            statement.where(Commitment.due_date.is_not(None)),
            Commitment.due_date,
            Commitment.id,
            descending=query.descending,
            after=after,
            limit=limit + 1,
        )
        rows = list(session.execute(dated).all())
        after = None
    if len(rows) <= limit:
        undated = statement.where(Commitment.due_date.is_(None))
        if after is not None:
            undated = undated.where(
                Commitment.id < after.id if query.descending else Commitment.id > after.id
            )
        undated = undated.order_by(
            Commitment.id.desc() if query.descending else Commitment.id.asc()
        ).limit(limit + 1 - len(rows))
        rows.extend(session.execute(undated).all())
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = Cursor(rows[-1].due_date, rows[-1].id) if more and rows else None
    return rows, cursor


def _row(r: Any, today: date) -> CommitmentRow:
    overdue = r.status is CommitmentStatus.OPEN and r.due_date is not None and r.due_date < today
    if r.owner_person_id is not None and r.given_name is not None:
        owner = display_name(r.given_name, r.family_name, r.name_original) or r.owner
    else:
        owner = r.owner
    return CommitmentRow(
        id=r.id,
        uid=r.uid,
        version=r.version,
        description=r.description,
        side=r.side,
        owner=owner,
        due_date=r.due_date,
        status=r.status,
        closed_on=r.closed_on,
        engagement_id=r.engagement_id,
        engagement_title=r.engagement_title,
        engagement_day=engagement_day(r.starts_at, r.time_zone),
        country=r.country,
        overdue=overdue,
        classification=r.classification,
        owner_person_id=r.owner_person_id,
        closing_note=r.closing_note,
        days_overdue=(today - r.due_date).days if overdue else 0,
        country_id=r.country_id,
    )


def _owner_name(person: Person | None) -> str:
    if person is None:
        return ""
    return " ".join(
        part for part in (person.display_name, person.name_original, person.other_names) if part
    )


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _what(commitment: Commitment) -> str:
    return f"The commitment '{_short(commitment.description)}'"


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else "an unknown day"


def _gone() -> NotFoundError:
    return NotFoundError("That commitment no longer exists; it may have been deleted.")


def _validation(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})
