"""Commitments as the lists show them: the row record, its query, filters and keyset pages."""

from __future__ import annotations

import builtins
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from bilatdesk.domain import Commitment, CommitmentStatus, Country, Engagement, Person, Side
from bilatdesk.domain.names import display_name
from bilatdesk.services.kernel.listing import Cursor, ListQuery
from bilatdesk.store.paging import keyset


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


def rows_for_engagement(
    session: Session, engagement_id: int, today: date
) -> builtins.list[CommitmentRow]:
    """Every commitment of one engagement as list rows, in the order made."""
    statement = (
        row_select().where(Commitment.engagement_id == engagement_id).order_by(Commitment.id)
    )
    return [row_of(r, today) for r in session.execute(statement)]


def row_select() -> Select[Any]:
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
            Person.name_order,
            Person.name_shown,
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


def filter_clauses(filters: CommitmentFilters) -> builtins.list[ColumnElement[bool]]:
    """The WHERE clauses the filters ask for (none when they narrow nothing)."""
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


def page_of(
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


def row_of(r: Any, today: date) -> CommitmentRow:
    """A result row of row_select() as the list record, overdue reckoned against `today`."""
    overdue = r.status is CommitmentStatus.OPEN and r.due_date is not None and r.due_date < today
    if r.owner_person_id is not None and r.given_name is not None:
        owner = (
            display_name(
                r.given_name,
                r.family_name,
                r.name_original,
                order=r.name_order,
                shown=r.name_shown or "",
            )
            or r.owner
        )
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
