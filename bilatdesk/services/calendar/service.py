"""The calendar's reading: engagements inside a span of time, bounded, by the start index.

A month or a week of a busy database can hold thousands of engagements; the views ask for at
most `MAX_ITEMS` and say when there were more, and counting per day stays on the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from bilatdesk.domain import Country, Engagement, EngagementKind
from bilatdesk.services.kernel.validation import Checker
from bilatdesk.store.database import Database

MAX_ITEMS = 2_000
"""The most engagements one view of the calendar reads."""

LONGEST = timedelta(days=7)
"""How far back an engagement may start and still run into the span (a summit, a round)."""


@dataclass(frozen=True)
class CalendarItem:
    """One engagement as the calendar shows it."""

    id: int
    version: int
    title: str
    kind: EngagementKind
    starts_at: datetime  # timezone-aware, UTC
    ends_at: datetime | None
    time_zone: str  # where it happens
    country_id: int | None
    country: str
    place: str
    classification: str


class CalendarService:
    """Engagements by time span, for the month and week views."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def between(
        self,
        start_utc: datetime,
        end_utc: datetime,
        country_id: int | None = None,
        *,
        limit: int = MAX_ITEMS,
    ) -> list[CalendarItem]:
        """Engagements running at some moment in [start, end), earliest start first, at most
        `limit` (ask for one more than you show to know whether there were more)."""
        start_utc, end_utc = _checked_span(start_utc, end_utc)
        statement = (
            select(
                Engagement.id,
                Engagement.version,
                Engagement.title,
                Engagement.kind,
                Engagement.starts_at,
                Engagement.ends_at,
                Engagement.time_zone,
                Engagement.country_id,
                func.coalesce(Country.name, "").label("country"),
                Engagement.place,
                Engagement.classification,
            )
            .outerjoin(Country, Country.id == Engagement.country_id)
            .where(*_inside(start_utc, end_utc, country_id))
            # Those that started before the span count only while they still run in it.
            .where(or_(Engagement.starts_at >= start_utc, Engagement.ends_at > start_utc))
            .order_by(Engagement.starts_at, Engagement.id)
            .limit(max(limit, 0))
        )
        with self.db.read() as session:
            return [_item(row) for row in session.execute(statement)]

    def count_between(
        self, start_utc: datetime, end_utc: datetime, country_id: int | None = None
    ) -> int:
        """How many engagements start in [start, end) (on the index alone)."""
        start_utc, end_utc = _checked_span(start_utc, end_utc)
        with self.db.read() as session:
            return _count(session, start_utc, end_utc, country_id)

    def counts(
        self, spans: Sequence[tuple[datetime, datetime]], country_id: int | None = None
    ) -> list[int]:
        """How many engagements start in each span (the month's days, when a view is full)."""
        checked = [_checked_span(start, end) for start, end in spans]
        with self.db.read() as session:
            return [_count(session, start, end, country_id) for start, end in checked]


def _checked_span(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    check = Checker()
    if start.tzinfo is None or end.tzinfo is None:
        check.fail("span", "A calendar span needs timezone-aware moments.")
    else:
        check.date_order("span", start, end, "The calendar span")
    check.raise_if_any()
    return start, end


def _inside(start: datetime, end: datetime, country_id: int | None) -> list[ColumnElement[bool]]:
    # Led by the start column (or country then start): the two calendar indexes.
    conditions = [Engagement.starts_at >= start - LONGEST, Engagement.starts_at < end]
    if country_id is not None:
        conditions.append(Engagement.country_id == country_id)
    return conditions


def _count(session: Any, start: datetime, end: datetime, country_id: int | None) -> int:
    statement = (
        select(func.count())
        .select_from(Engagement)
        .where(Engagement.starts_at >= start, Engagement.starts_at < end)
    )
    if country_id is not None:
        statement = statement.where(Engagement.country_id == country_id)
    return int(session.scalar(statement) or 0)


def _item(row: Any) -> CalendarItem:
    return CalendarItem(
        row.id,
        row.version,
        row.title,
        row.kind,
        row.starts_at,
        row.ends_at,
        row.time_zone,
        row.country_id,
        row.country,
        row.place,
        row.classification,
    )
