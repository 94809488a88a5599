"""Calendars built to cost: long RDATE lists and rules that never occur, read within bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import vRecur

from bilatdesk.exchange.ics.listed import read_listed
from bilatdesk.exchange.ics.read import IcsError
from bilatdesk.exchange.ics.recurrence import ExpansionBudget, expand_rule
from tests.exchange.ics.samples import (
    calendar,
    read_file,
    write_file,
    write_never_calendar,
    write_rdate_calendar,
)


def test_long_rdate_lists_give_the_days_in_the_window(tmp_path: Path) -> None:
    """800 listed days from 2024 on give, per event, the 70 that fall in the first quarter."""
    path = write_rdate_calendar(tmp_path / "listed.ics", 3, 800, first=date(2024, 1, 1))
    read = read_file(path)
    assert len(read.events) == 3 * 70
    assert not [e for e in read.events if e.refusal]
    starts = sorted({e.starts_at for e in read.events if e.title == "Listed 0" and e.starts_at})
    assert starts[0] == datetime(2026, 1, 1, 9, tzinfo=UTC)
    assert starts[-1] == datetime(2026, 3, 11, 9, tzinfo=UTC)
    assert read.events[0].key == "rdate-0/20260101T090000Z"


def test_listed_days_in_the_window_are_charged_to_the_budget(tmp_path: Path) -> None:
    """Days far from the window cost nothing; each kept one costs a step, so a file listing
    more than the budget allows is refused with a sentence."""
    path = write_rdate_calendar(tmp_path / "listed.ics", 2, 800, first=date(2024, 1, 1))
    assert len(read_file(path, expansion_budget=2 * 75).events) == 2 * 70
    with pytest.raises(IcsError, match="steps to expand"):
        read_file(path, expansion_budget=100)


def test_rdate_and_exdate_values_read_without_icalendar(tmp_path: Path) -> None:
    """Zones, all-day dates and periods are read; EXDATE removes; a bad value is said."""
    path = write_file(
        tmp_path,
        calendar(
            "UID:z\nDTSTART;TZID=Europe/Vienna:20260105T100000\nSUMMARY:Zoned\n"
            "RDATE;TZID=Europe/Vienna:20260107T100000,20260109T100000\n"
            "EXDATE;TZID=Europe/Vienna:20260109T100000",
            "UID:p\nDTSTART:20260105T100000Z\nSUMMARY:Period\n"
            "RDATE;VALUE=PERIOD:20260110T100000Z/PT1H\nRDATE:2026011XT100000Z",
            "UID:u\nDTSTART:20260105T100000Z\nSUMMARY:Unknown zone\n"
            "RDATE;TZID=Nowhere/Zone:20260107T100000",
        ),
    )
    read = read_file(path)
    zoned = [e.starts_at for e in read.events if e.title == "Zoned"]
    assert zoned == [datetime(2026, 1, 5, 9, tzinfo=UTC), datetime(2026, 1, 7, 9, tzinfo=UTC)]
    period = [e for e in read.events if e.title == "Period"]
    assert [e.starts_at for e in period] == [
        datetime(2026, 1, 5, 10, tzinfo=UTC),
        datetime(2026, 1, 10, 10, tzinfo=UTC),
    ]
    assert "Its RDATE could not be read and was left out." in period[0].notes
    [unknown] = [e for e in read.events if e.title == "Unknown zone"]
    assert "Nowhere/Zone" in unknown.refusal


def test_read_listed_skips_far_days_unparsed() -> None:
    """A value whose day is far from the window is never parsed, even a malformed time."""
    listed = read_listed(
        b'RDATE;TZID="W. Europe Standard Time":20200101T25XX00,20260102,20260103T0900',
        (date(2026, 1, 1), date(2026, 1, 31)),
    )
    assert listed.tzid == "W. Europe Standard Time"
    assert list(listed.values) == [date(2026, 1, 2), None]


def test_rules_that_never_occur_are_recognised_without_a_walk(tmp_path: Path) -> None:
    """Impossible days, an UNTIL or a COUNT spent before the window: no event, no refusal,
    and not one step of the budget."""
    path = write_never_calendar(tmp_path / "never.ics", 50)
    read = read_file(path, (date(2026, 1, 1), date(2026, 12, 31)), expansion_budget=0)
    assert read.events == []
    assert read.problems == []


def test_the_guard_stops_a_never_rule_no_cheap_look_sees() -> None:
    """January's week 30 never comes: the month walk stops, charged per month walked."""
    budget = ExpansionBudget(1_000_000)
    found = expand_rule(
        vRecur.from_ical("FREQ=YEARLY;BYMONTH=1;BYWEEKNO=30"),
        start=datetime(2026, 1, 1, 9),
        zone=UTC,
        all_day=False,
        window=(datetime(2026, 1, 1), datetime(2026, 12, 31)),
        budget=budget,
    )
    assert found == []
    assert 0 < budget.total - budget.left < 5_000
