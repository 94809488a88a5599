"""The calendar's reading: engagements inside a span, bounded, scoped, counted per day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bilatdesk.domain import EngagementKind
from bilatdesk.services.calendar.service import CalendarService
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import EngagementInput, EngagementService
from bilatdesk.services.kernel.errors import ValidationError
from bilatdesk.store.database import Database

MONDAY = datetime(2026, 11, 23, tzinfo=UTC)


def meeting(
    database: Database,
    title: str,
    start: datetime,
    hours: float | None = 1,
    country_id: int | None = None,
) -> int:
    end = start + timedelta(hours=hours) if hours is not None else None
    return (
        EngagementService(database)
        .create(
            EngagementInput(
                title,
                start,
                end,
                kind=EngagementKind.WORKING_LUNCH,
                time_zone="Europe/Vienna",
                country_id=country_id,
                place="Hofburg",
            )
        )
        .id
    )


def test_between_lists_the_span_in_start_order(database: Database) -> None:
    """Engagements starting inside [start, end) come soonest first with what a view needs."""
    country = CountryService(database).create(CountryInput("AT")).id
    meeting(database, "Wednesday", MONDAY + timedelta(days=2, hours=9), country_id=country)
    first = meeting(database, "Monday", MONDAY + timedelta(hours=8), country_id=country)
    meeting(database, "Next Monday", MONDAY + timedelta(days=7))
    meeting(database, "Sunday before", MONDAY - timedelta(hours=2))
    items = CalendarService(database).between(MONDAY, MONDAY + timedelta(days=7))
    assert [i.title for i in items] == ["Monday", "Wednesday"]
    item = items[0]
    assert (item.id, item.kind, item.country, item.country_id, item.place) == (
        first,
        EngagementKind.WORKING_LUNCH,
        "Austria",
        country,
        "Hofburg",
    )
    assert item.starts_at == MONDAY + timedelta(hours=8)
    assert item.starts_at.tzinfo is not None
    assert item.ends_at == MONDAY + timedelta(hours=9)
    assert item.time_zone == "Europe/Vienna"


def test_engagement_running_into_the_span_is_included(database: Database) -> None:
    """One that started before the span but still runs in it is there; one that ended is not."""
    meeting(database, "Summit", MONDAY - timedelta(days=2), hours=60)
    meeting(database, "Over", MONDAY - timedelta(days=1), hours=2)
    meeting(database, "Open-ended", MONDAY - timedelta(hours=1), hours=None)
    items = CalendarService(database).between(MONDAY, MONDAY + timedelta(days=1))
    assert [i.title for i in items] == ["Summit"]


def test_scope_and_limit_bound_the_view(database: Database) -> None:
    """Only the scoped country's engagements, and never more than the limit."""
    countries = CountryService(database)
    at = countries.create(CountryInput("AT")).id
    jo = countries.create(CountryInput("JO")).id
    for n in range(6):
        meeting(database, f"AT {n}", MONDAY + timedelta(hours=n), country_id=at)
        meeting(database, f"JO {n}", MONDAY + timedelta(hours=n, minutes=30), country_id=jo)
    calendar = CalendarService(database)
    week = (MONDAY, MONDAY + timedelta(days=7))
    assert [i.title for i in calendar.between(*week, jo)] == [f"JO {n}" for n in range(6)]
    assert [i.title for i in calendar.between(*week, limit=3)] == ["AT 0", "JO 0", "AT 1"]
    assert calendar.between(*week, limit=0) == []
    assert calendar.count_between(*week) == 12
    assert calendar.count_between(*week, at) == 6


def test_counts_per_span(database: Database) -> None:
    """Counting per day gives each day's number of engagements starting in it."""
    for n in range(5):
        meeting(database, f"M{n}", MONDAY + timedelta(days=n // 2, hours=9))
    days = [(MONDAY + timedelta(days=d), MONDAY + timedelta(days=d + 1)) for d in range(4)]
    assert CalendarService(database).counts(days) == [2, 2, 1, 0]


def test_naive_or_reversed_spans_are_refused(database: Database) -> None:
    """A span without a time zone, or ending before it starts, is refused with a sentence."""
    calendar = CalendarService(database)
    with pytest.raises(ValidationError, match="timezone-aware"):
        calendar.between(datetime(2026, 11, 23), datetime(2026, 11, 24))
    with pytest.raises(ValidationError, match="ends before it starts"):
        calendar.between(MONDAY, MONDAY - timedelta(days=1))


def test_hostile_titles_come_back_literally(database: Database) -> None:
    """Titles with formula prefixes, RTL text and paths are returned as stored."""
    hostile = "=cmd|' /C calc'!A0 \u200fevil ../../x"
    meeting(database, hostile, MONDAY + timedelta(hours=10))
    items = CalendarService(database).between(MONDAY, MONDAY + timedelta(days=1))
    assert items[0].title == hostile
