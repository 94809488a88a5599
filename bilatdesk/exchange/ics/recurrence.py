"""Expanding an iCalendar repeat rule inside a window, in bounded time, with dateutil.

Occurrences are computed in wall-clock time of the event's zone (a weekly 09:00 stays at 09:00
across a change to summer time). Two things keep the work bounded whatever the file says:
- A rule without COUNT is started a whole number of periods before the window instead of at
  its DTSTART, where that changes nothing (see `skip_ahead`): a daily rule begun in 1990 costs
  only the days of the window.
- dateutil looks for a rule's next occurrence up to the year 9999: a rule that can never occur
  again ("every 30 February") would take seconds each. Each rule runs under a guard that stops
  it GUARD_YEARS past the window (it counts dateutil's steps from one month to the next), and
  every step, month or occurrence, is charged to a budget shared by the whole file. A month
  costs dateutil about as much as the days it looks at, so it is charged that way (MONTH_COST).
- Rules that cannot give anything in the window are recognised before dateutil is asked
  (`never_in_window`): an UNTIL before the window, a COUNT of simple periods spent before it,
  days no month of the rule has ("30 February", "31 April"). Thousands of them cost nothing.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from dateutil.rrule import rrule, rrulestr
from icalendar import vRecur

GUARD_YEARS = 3
"""How far past the window a rule may look for its next occurrence before it is stopped."""
DAILY_OR_LONGER = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
MONTH_COST = {"DAILY": 20, "WEEKLY": 20, "MONTHLY": 4, "YEARLY": 20}
"""Steps charged for each month dateutil walks: it looks at every day of it for a daily,
weekly or yearly rule (measured: about as long as 20 occurrences), fewer for a monthly one."""
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # the most each month has
_BY_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")


class BudgetSpentError(Exception):
    """The file's rules together took more steps than the budget allows."""


class _RunawayError(Exception):
    """A rule looked too far past the window for its next occurrence."""


class ExpansionBudget:
    """Steps (occurrences produced, months walked) all the rules of one file may take."""

    def __init__(self, steps: int) -> None:
        self.left = steps
        self.total = steps

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise BudgetSpentError()


class _GuardedRule(rrule):
    """A dateutil rule whose walk through the calendar stops after a number of months.

    dateutil's iterator reads `_bynweekday` each time it moves to another month (in
    `_iterinfo.rebuild`); counting those reads bounds a rule that never produces another
    occurrence. tests/services/test_ics_import.py checks that this still holds.
    """

    @property
    def _bynweekday(self) -> Any:
        left = self.__dict__.get("_guard_left")
        if left is not None:
            self.__dict__["_guard_left"] = left - 1
            self.__dict__["_guard_budget"].spend(self.__dict__["_guard_cost"])
            if left <= 0:
                raise _RunawayError()
        return self.__dict__["_bynweekday_value"]

    @_bynweekday.setter
    def _bynweekday(self, value: Any) -> None:
        self.__dict__["_bynweekday_value"] = value


def _guarded(rule: rrule, months: int, budget: ExpansionBudget, cost: int) -> rrule:
    rule.__dict__["_bynweekday_value"] = rule.__dict__.pop("_bynweekday")
    rule.__class__ = _GuardedRule
    rule.__dict__["_guard_budget"] = budget
    rule.__dict__["_guard_cost"] = cost
    rule.__dict__["_guard_left"] = months
    return rule


def months_between(first: datetime, last: datetime) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def skip_ahead(start: datetime, rule: vRecur, low: datetime) -> datetime:
    """A later DTSTART giving the same occurrences from `low` on, to skip the years before.

    Only where moving by whole periods keeps every default dateutil derives from DTSTART (the
    weekday, the day of the month, the time): never with COUNT (it counts from the real start),
    and for months and years only from a day that every month has.
    """
    if "COUNT" in rule or start >= low:
        return start
    freq = str(rule["FREQ"][0]).upper()
    interval = max(int(rule.get("INTERVAL", [1])[0] or 1), 1)
    if freq in ("DAILY", "WEEKLY"):
        step = timedelta(days=interval * (7 if freq == "WEEKLY" else 1))
        periods = (low - start) // step - 1
        return start + step * periods if periods > 0 else start
    if start.day > 28:
        return start
    step_months = interval * (12 if freq == "YEARLY" else 1)
    periods = months_between(start, low) // step_months - 1
    if periods <= 0:
        return start
    month = start.month - 1 + periods * step_months
    return start.replace(year=start.year + month // 12, month=month % 12 + 1)


def _numbers(rule: vRecur, name: str) -> list[int]:
    values = rule.get(name, [])
    return [int(v) for v in (values if isinstance(values, list) else [values])]


def never_in_window(rule: vRecur, start: datetime, until: datetime | None, low: datetime) -> bool:
    """True when the rule surely gives no occurrence from `low` on (a cheap look, no walk).

    Only certain cases: an UNTIL before the window; a COUNT of plain periods (no BY parts)
    whose last falls before it; BYMONTHDAY days that none of the rule's months has.
    """
    if until is not None and until < low:
        return True
    try:
        return _impossible_days(rule) or _counted_out(rule, start, low)
    except (TypeError, ValueError, KeyError, IndexError):
        return False  # dateutil says what is wrong with it


def _impossible_days(rule: vRecur) -> bool:
    months = _numbers(rule, "BYMONTH") or list(range(1, 13))
    days = _numbers(rule, "BYMONTHDAY")
    possible = (
        1 <= abs(day) <= _MONTH_DAYS[month - 1]
        for month in months
        if 1 <= month <= 12
        for day in days
    )
    return bool(days) and not any(possible)


def _counted_out(rule: vRecur, start: datetime, low: datetime) -> bool:
    count = _numbers(rule, "COUNT")
    if not count or any(part in rule for part in (*_BY_PARTS, "BYMONTH", "BYSETPOS")):
        return False
    interval = max((_numbers(rule, "INTERVAL") or [1])[0], 1)
    freq = str(rule["FREQ"][0]).upper()
    periods = (count[0] - 1) * interval
    if freq in ("DAILY", "WEEKLY"):
        days = periods * (7 if freq == "WEEKLY" else 1)
        return days < (low - start).days
    if start.day > 28:
        return False  # months without that day are skipped, so the last one is later
    month = start.month - 1 + periods * (12 if freq == "YEARLY" else 1)
    return (start.year + month // 12, month % 12 + 1) < (low.year, low.month)


def wall_until(value: date | datetime, zone: tzinfo, *, all_day: bool) -> datetime:
    """UNTIL as a wall-clock time of the event's zone, inclusive."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value
        return value.astimezone(zone).replace(tzinfo=None)
    return datetime.combine(value, time() if all_day else time(23, 59, 59))


def expand_rule(
    rule: vRecur,
    *,
    start: datetime,
    zone: tzinfo,
    all_day: bool,
    window: tuple[datetime, datetime],
    budget: ExpansionBudget,
) -> list[datetime]:
    """The rule's wall-clock occurrences inside the window (inclusive).

    ValueError with a sentence for a rule that is not imported; BudgetSpentError when the
    file's budget runs out.
    """
    low, high = window
    freqs = [str(f).upper() for f in rule.get("FREQ", [])]
    if not freqs:
        raise ValueError("Its repeat rule has no frequency.")
    if freqs[0] not in DAILY_OR_LONGER:
        often = {"HOURLY": "every hour", "MINUTELY": "every minute", "SECONDLY": "every second"}
        raise ValueError(
            f"It repeats {often.get(freqs[0], freqs[0].lower())}; only events repeating daily "
            "or less often are imported."
        )
    bare = vRecur({k: v for k, v in rule.items() if k.upper() != "UNTIL"})
    text = bare.to_ical().decode("ascii", "replace")  # type: ignore[no-untyped-call]
    until = rule.get("UNTIL")
    last = wall_until(until[0], zone, all_day=all_day) if until else None
    if last is not None:
        text += ";UNTIL=" + last.strftime("%Y%m%dT%H%M%S")
    if never_in_window(rule, start, last, low):
        return []
    begin = skip_ahead(start, rule, low)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # COUNT with UNTIL: deprecated, still read
            parsed = rrulestr(text, dtstart=begin)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise ValueError(f"Its repeat rule cannot be read ({exc}).") from exc
    if not isinstance(parsed, rrule):
        raise ValueError("Its repeat rule cannot be read.")
    months = months_between(begin, high) + GUARD_YEARS * 12 + 2
    found: list[datetime] = []
    guarded = _guarded(parsed, months, budget, MONTH_COST[freqs[0]])
    for occurrence in _walk(guarded, budget):
        if occurrence > high:
            break
        if occurrence >= low:
            found.append(occurrence)
    return found


def _walk(rule: rrule, budget: ExpansionBudget) -> Iterator[datetime]:
    """The rule's occurrences until it ends or its guard stops it."""
    iterator = iter(rule)
    while True:
        try:
            occurrence = next(iterator)
        except (StopIteration, _RunawayError):
            return
        except (ValueError, OverflowError):
            return  # dateutil gives up on a rule it cannot continue: no more occurrences
        budget.spend()
        yield occurrence
