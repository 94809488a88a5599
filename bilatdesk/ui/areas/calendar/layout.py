"""Calendar arithmetic without widgets: grids of days, local days in UTC, side-by-side blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bilatdesk.services.calendar.service import CalendarItem

DEFAULT_LENGTH = timedelta(hours=1)
"""How long an engagement without an end is drawn."""


@dataclass(frozen=True)
class Placed:
    """An engagement's part on one local day, with its column among those it overlaps."""

    item: CalendarItem
    day: date
    start: datetime  # local, clipped to the day
    end: datetime  # local, clipped to the day
    column: int = 0
    columns: int = 1


def week_start(day: date, first_weekday: int = 1) -> date:
    """The first day of the week holding `day`; weekdays count 1 (Monday) to 7 (Sunday)."""
    return day - timedelta(days=(day.isoweekday() - first_weekday) % 7)


def month_grid(year: int, month: int, first_weekday: int = 1) -> list[date]:
    """The 42 days of a six-week month page, starting on the week's first day."""
    start = week_start(date(year, month, 1), first_weekday)
    return [start + timedelta(days=n) for n in range(42)]


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The moment a local day begins, in UTC (the zone's rules decide, DST included)."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def span_of(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC moments from the start of `first` to the end of `last`, local days."""
    return local_midnight(first, zone), local_midnight(last + timedelta(days=1), zone)


def local_times(item: CalendarItem, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """An engagement's start and end in the user's zone (an hour long when it has no end)."""
    start = item.starts_at.astimezone(zone)
    end = item.ends_at.astimezone(zone) if item.ends_at is not None else None
    if end is None or end <= start:
        end = start + DEFAULT_LENGTH
    return start, end


def by_day(
    items: Sequence[CalendarItem], days: Sequence[date], zone: ZoneInfo
) -> dict[date, list[Placed]]:
    """Each day's parts of the engagements: one running over midnight is on both days."""
    wanted = set(days)
    placed: dict[date, list[Placed]] = {day: [] for day in days}
    for item in items:
        start, end = local_times(item, zone)
        day = start.date()
        while day <= (end - timedelta(microseconds=1)).date():
            if day in wanted:
                opens = datetime.combine(day, time(), tzinfo=zone)
                closes = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
                placed[day].append(Placed(item, day, max(start, opens), min(end, closes)))
            day += timedelta(days=1)
    for parts in placed.values():
        parts.sort(key=lambda p: (p.start, p.item.starts_at, p.item.id))
    return placed


def side_by_side(parts: Sequence[Placed]) -> list[Placed]:
    """Columns for one day's parts: those that overlap sit side by side, each group of
    overlapping parts sharing the width evenly."""
    ordered = sorted(parts, key=lambda p: (p.start, p.end, p.item.id))
    result: list[Placed] = []
    group: list[Placed] = []
    ends: list[datetime] = []  # per column, when its last part ends
    group_end: datetime | None = None

    def close_group() -> None:
        width = len(ends)
        result.extend(Placed(p.item, p.day, p.start, p.end, p.column, max(width, 1)) for p in group)

    for part in ordered:
        if group_end is not None and part.start >= group_end:
            close_group()
            group, ends, group_end = [], [], None
        column = next((n for n, end in enumerate(ends) if end <= part.start), len(ends))
        if column == len(ends):
            ends.append(part.end)
        else:
            ends[column] = part.end
        group.append(Placed(part.item, part.day, part.start, part.end, column))
        group_end = part.end if group_end is None else max(group_end, part.end)
    if group:
        close_group()
    return result
