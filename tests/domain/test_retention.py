"""Backup rotation keeps 7 daily, 4 weekly and 12 monthly backups, newest first."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bilatdesk.domain.retention import backups_to_keep


def test_a_year_of_daily_backups_keeps_the_expected_ones() -> None:
    """366 daily backups: the last 7 days, the newest of 4 weeks and of 12 months remain."""
    start = datetime(2026, 1, 1, 18)
    taken = [start + timedelta(days=n) for n in range(366)]
    kept = backups_to_keep(taken)
    newest = taken[-1]
    assert {newest - timedelta(days=n) for n in range(7)} <= kept
    months = {(m.year, m.month) for m in kept}
    assert len(months) == 12
    assert len(kept) <= 7 + 4 + 12
    assert taken[0] not in kept


def test_several_backups_on_one_day_keep_the_newest() -> None:
    """Of three backups on one day, only the newest stands for that day."""
    day = datetime(2026, 12, 6)
    taken = [day.replace(hour=h) for h in (9, 12, 17)]
    assert backups_to_keep(taken) == {day.replace(hour=17)}


@given(st.lists(st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)), max_size=200))
def test_the_newest_is_always_kept_and_at_most_23(taken: list[datetime]) -> None:
    """Whatever was taken, the newest survives and no more than 7 + 4 + 12 are kept."""
    kept = backups_to_keep(taken)
    assert kept <= set(taken)
    if taken:
        assert max(taken) in kept
    assert len(kept) <= 23
