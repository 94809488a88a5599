"""Commitments: follow-ups promised in an engagement, by us or by them, until closed."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    ClassificationScheme,
    Commitment,
    CommitmentStatus,
    Engagement,
    Participant,
    Person,
    Side,
)
from bilatdesk.domain.base import table_of
from bilatdesk.services.engagements.commitment_checks import (
    check_closing,
    check_commitment,
    describe,
    owner_name,
    short,
)
from bilatdesk.services.engagements.commitment_rows import (
    CommitmentFilters,
    CommitmentRow,
    engagement_day,
    filter_clauses,
    page_of,
    row_of,
    row_select,
    rows_for_engagement,
)
from bilatdesk.services.kernel.errors import NotFoundError, ValidationError, require_version
from bilatdesk.services.kernel.listing import ListQuery, Page, apply_filters
from bilatdesk.services.kernel.validation import Checker
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.database import Database

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
class CommitmentClosing:
    """A commitment to close (done or dropped), on which day and how, as of `version`."""

    commitment_id: int
    version: int
    closed_on: date
    status: CommitmentStatus = CommitmentStatus.DONE
    note: str = ""


def close_in(session: Session, closing: CommitmentClosing, *, today: date | None = None) -> str:
    """Close a commitment in the caller's transaction; its short description for the step.

    Refused (nothing changed) when it changed since `version`, is closed already, or the day
    or the note do not hold.
    """
    today = today or date.today()
    commitment = session.get(Commitment, closing.commitment_id)
    if commitment is None:
        raise _gone()
    require_version(commitment.version, closing.version, describe(commitment))
    if commitment.status is not CommitmentStatus.OPEN:
        raise _validation(
            "status",
            f"It is already closed (on {_iso(commitment.closed_on)}); "
            "reopen it first to close it again.",
        )
    if closing.status not in CLOSED:
        raise _validation("status", "Close it as done or as dropped.")
    check = Checker()
    made_on = engagement_day(commitment.engagement.starts_at, commitment.engagement.time_zone)
    text = check_closing(
        check,
        status=closing.status,
        closed_on=closing.closed_on,
        note=closing.note,
        made_on=made_on,
        today=today,
    )
    check.raise_if_any()
    commitment.status = closing.status
    commitment.closed_on = closing.closed_on
    commitment.closing_note = text
    commitment.refresh_derived(owner_name(commitment.owner_person))
    session.flush()
    return short(commitment.description)


def close_all(
    session: Session, closings: Sequence[CommitmentClosing], *, today: date | None = None
) -> None:
    """Close several in the caller's transaction (a person's or a country's page saved with
    the commitments closed on it); refusals gathered under "commitments", each naming its
    commitment. A conflict (changed since) is raised as it is."""
    problems: builtins.list[str] = []
    for closing in closings:
        try:
            close_in(session, closing, today=today)
        except ValidationError as exc:
            commitment = session.get(Commitment, closing.commitment_id)
            named = describe(commitment) if commitment is not None else "A commitment"
            problems.append(f"{named}: " + " ".join(exc.errors.values()))
    if problems:
        raise ValidationError({"commitments": " ".join(problems)})


class CommitmentService:
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
            statement = row_select()
            # Commitments carry no tags: a tag filter cannot apply here.
            statement = apply_filters(
                session,
                statement,
                table_of(Commitment),
                replace(query, tags=()),
            )
            if query.country_id is not None:
                statement = statement.where(Engagement.country_id == query.country_id)
            statement = statement.where(*filter_clauses(filters))
            rows, cursor = page_of(session, statement, query)
            return Page(tuple(row_of(r, today) for r in rows), cursor)

    def get(self, commitment_id: int, *, today: date | None = None) -> CommitmentRow:
        with self.db.read() as session:
            found = session.execute(row_select().where(Commitment.id == commitment_id)).first()
            if found is None:
                raise _gone()
            return row_of(found, today or date.today())

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
                row_select()
                .where(Commitment.status == CommitmentStatus.OPEN)
                .where(
                    (Commitment.owner_person_id == person_id)
                    | Commitment.engagement_id.in_(took_part)
                )
            )
            rows, _cursor = page_of(session, statement, ListQuery(limit=PER_RECORD_LIMIT))
            return [
                replace(row_of(r, today), person_owns=r.owner_person_id == person_id) for r in rows
            ]

    def open_for_country(
        self, country_id: int, today: date | None = None
    ) -> builtins.list[CommitmentRow]:
        """Open ones made in engagements in the country; overdue first, undated last."""
        today = today or date.today()
        with self.db.read() as session:
            statement = (
                row_select()
                .where(Commitment.status == CommitmentStatus.OPEN)
                .where(Engagement.country_id == country_id)
            )
            rows, _cursor = page_of(session, statement, ListQuery(limit=PER_RECORD_LIMIT))
            return [row_of(r, today) for r in rows]

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
            require_version(commitment.version, expected_version, describe(commitment))
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
        closing = CommitmentClosing(commitment_id, expected_version, closed_on, status, note)
        with self.db.session() as session:
            step = watching(self.undo, session, Root("commitment", commitment_id))
            name = close_in(session, closing, today=today)
            step.done(f"close the commitment '{name}'", name)
            return self._reread(session, commitment_id, today)

    def reopen(
        self, commitment_id: int, expected_version: int, *, today: date | None = None
    ) -> CommitmentRow:
        """Open a closed one again; its closing day and note go (it is no longer closed)."""
        with self.db.session() as session:
            commitment = self._load(session, commitment_id)
            require_version(commitment.version, expected_version, describe(commitment))
            if commitment.status is CommitmentStatus.OPEN:
                raise _validation("status", "It is open already.")
            step = watching(self.undo, session, Root("commitment", commitment_id))
            commitment.status = CommitmentStatus.OPEN
            commitment.closed_on = None
            commitment.closing_note = ""
            commitment.refresh_derived(owner_name(commitment.owner_person))
            session.flush()
            name = short(commitment.description)
            step.done(f"reopen the commitment '{name}'", name)
            return self._reread(session, commitment.id, today)

    def delete(self, commitment_id: int, expected_version: int) -> None:
        """Delete one commitment; Undo brings it back, and it waits in the bin meanwhile."""
        with self.db.session() as session:
            commitment = self._load(session, commitment_id)
            require_version(commitment.version, expected_version, describe(commitment))
            name = short(commitment.description)
            step = watching(self.undo, session, Root("commitment", commitment_id), binned=True)
            session.delete(commitment)
            step.done(f"delete the commitment '{name}'", name)

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
        commitment.refresh_derived(owner_name(person))

    @staticmethod
    def _reread(session: Session, commitment_id: int, today: date | None) -> CommitmentRow:
        found = session.execute(row_select().where(Commitment.id == commitment_id)).one()
        return row_of(found, today or date.today())


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else "an unknown day"


def _gone() -> NotFoundError:
    return NotFoundError("That commitment no longer exists; it may have been deleted.")


def _validation(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})
