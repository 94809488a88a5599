"""Which backups to keep: the newest of each of the last 7 days, 4 weeks and 12 months."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

DAILY = 7
WEEKLY = 4
MONTHLY = 12


def backups_to_keep(
    taken: Iterable[datetime], *, daily: int = DAILY, weekly: int = WEEKLY, monthly: int = MONTHLY
) -> set[datetime]:
    """The moments to keep out of `taken` (grandfather-father-son rotation).

    For each period kind, the newest backup of each of the most recent `n` periods that have
    a backup is kept; a backup kept for any reason is kept. The newest backup is always kept.
    """
    moments = sorted(set(taken), reverse=True)
    keep: set[datetime] = set(moments[:1])
    periods: list[tuple[int, Callable[[datetime], tuple[int, ...]]]] = [
        (daily, lambda m: (m.year, m.month, m.day)),
        (weekly, lambda m: tuple(m.isocalendar()[:2])),
        (monthly, lambda m: (m.year, m.month)),
    ]
    for count, period_of in periods:
        seen: set[tuple[int, ...]] = set()
        for moment in moments:
            period = period_of(moment)
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            keep.add(moment)
    return keep
