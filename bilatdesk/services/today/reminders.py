"""The reminders behind Today: the sources registered with it, read in one transaction.

A source answers "what of mine needs attention between today and my horizon?" for one
country of accreditation or all of them. The service asks every registered source inside
one read transaction and caps each section, so Today costs the same on a demo file and on a
database of a million engagements. Each area writes its source (agreements, cables) and the
catalogue of services registers them (`services/catalog.py`); this framework imports none, and
neither the Today page nor the command line knows about them: they only walk the sections.

Windows are inclusive: a horizon of 7 days covers today and the seven days after it, so an
engagement on day 7 shows and one on day 8 does not. Yearly dates (national days,
birthdays, credentials anniversaries) fall on 28 February in a year without a 29th: the day
still belongs to February, and a reminder one day early is better than none.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Protocol

from sqlalchemy.orm import Session

from bilatdesk.store.database import Database

SECTION_LIMIT = 50
"""Reminders shown per section; the rest are counted, never loaded."""


class ReminderKind(StrEnum):
    ENGAGEMENT = "engagement"
    COMMITMENT_OVERDUE = "commitment_overdue"
    COMMITMENT_DUE = "commitment_due"
    NATIONAL_DAY = "national_day"
    BIRTHDAY = "birthday"
    CREDENTIALS_ANNIVERSARY = "credentials_anniversary"
    AGREEMENT_DEADLINE = "agreement_deadline"
    CABLE_AWAITING = "cable_awaiting"


URGENCY_INFO, URGENCY_SOON, URGENCY_NOW = 0, 1, 2
"""Information; soon; today or overdue."""


@dataclass(frozen=True)
class RecordRef:
    """The record a reminder opens: kind is "engagement", "commitment", "country", "person",
    "agreement" or "cable" (or whatever a registered source names), id its key."""

    kind: str
    id: int


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind | str
    when: date
    title: str
    detail: str
    record: RecordRef
    country: str = ""
    urgency: int = URGENCY_INFO
    moment: datetime | None = None
    """The exact moment when there is one (an engagement), in the zone where it happens."""
    context: RecordRef | None = None
    """The record this one lives in: the engagement where a commitment was made."""


@dataclass(frozen=True)
class ReminderWindow:
    """What one source is asked for: from `today` to `horizon_days` after it, both included."""

    today: date
    country_id: int | None
    horizon_days: int
    limit: int = SECTION_LIMIT
    user: str | None = None
    """Who is looking, by the name they sign with (cables waiting for their clearance)."""
    zone: tzinfo = UTC
    """The viewer's time zone: where "today" begins and ends."""

    @property
    def last_day(self) -> date:
        return self.today + timedelta(days=self.horizon_days)

    def days_until(self, day: date) -> int:
        return (day - self.today).days

    def start_of(self, day: date) -> datetime:
        """Midnight at the start of `day` in the viewer's zone, as a UTC moment."""
        return datetime.combine(day, time(0), tzinfo=self.zone).astimezone(UTC)


@dataclass(frozen=True)
class Collected:
    """A bounded answer: the first `limit` reminders in order, and how many there are in all
    (or at least, when counting them all would have meant reading too many rows)."""

    reminders: Sequence[Reminder]
    total: int
    exact: bool = True


class ReminderSource(Protocol):
    """Something that needs attention, as one section of Today."""

    @property
    def key(self) -> str: ...

    @property
    def heading(self) -> str: ...

    @property
    def horizon_days(self) -> int: ...

    def collect(self, session: Session, window: ReminderWindow) -> Sequence[Reminder] | Collected:
        """The reminders from `window.today` to `window.last_day`, of `window.country_id` only
        when one is given. A plain list is sorted by day and capped by the service; a source
        that may find many returns `Collected`, bounded in SQL by `window.limit`. The session
        is shared by every source: read only, and leave it usable."""
        ...


@dataclass(frozen=True)
class ReminderSection:
    key: str
    heading: str
    reminders: tuple[Reminder, ...]
    more: int
    """How many more the section holds beyond those shown."""
    horizon_days: int
    more_exact: bool = True
    """False when `more` is a lower bound: there may be more still."""


class ReminderService:
    """Today's sections, in the order their sources were registered."""

    def __init__(
        self,
        database: Database,
        sources: Sequence[ReminderSource] = (),
        *,
        limit: int = SECTION_LIMIT,
    ) -> None:
        self.db = database
        self.limit = limit
        self._sources: list[ReminderSource] = []
        for source in sources:
            self.register(source)

    @property
    def sources(self) -> tuple[ReminderSource, ...]:
        return tuple(self._sources)

    def register(self, source: ReminderSource) -> None:
        """Add a section; a source with a key already taken replaces the earlier one."""
        for index, existing in enumerate(self._sources):
            if existing.key == source.key:
                self._sources[index] = source
                return
        self._sources.append(source)

    def sections(
        self,
        today: date | None = None,
        country_id: int | None = None,
        *,
        user: str | None = None,
        zone: tzinfo | None = None,
    ) -> list[ReminderSection]:
        """Every source's reminders for `today` (and one country, or all), in one read."""
        zone = zone or local_zone()
        today = today or datetime.now(zone).date()
        base = ReminderWindow(today, country_id, 0, self.limit, user, zone)
        found: list[ReminderSection] = []
        with self.db.read() as session:
            for source in self._sources:
                window = replace(base, horizon_days=source.horizon_days)
                found.append(_section(source, source.collect(session, window), self.limit))
        return found


def _section(
    source: ReminderSource, answer: Sequence[Reminder] | Collected, limit: int
) -> ReminderSection:
    exact = True
    if isinstance(answer, Collected):
        shown = tuple(answer.reminders[:limit])
        more, exact = max(answer.total - len(shown), 0), answer.exact
    else:
        ordered = sorted(answer, key=lambda r: r.when)  # stable: a source's own order holds
        shown = tuple(ordered[:limit])
        more = len(ordered) - len(shown)
    return ReminderSection(source.key, source.heading, shown, more, source.horizon_days, exact)


def local_zone() -> tzinfo:
    """The machine's zone at this moment (a fixed offset; callers with an IANA name pass it)."""
    return datetime.now().astimezone().tzinfo or UTC


def urgency(days: int, soon_days: int) -> int:
    """Today or past: now; within `soon_days`: soon; later: information."""
    if days <= 0:
        return URGENCY_NOW
    return URGENCY_SOON if days <= soon_days else URGENCY_INFO


def yearly_occurrence(year: int, month: int, day: int) -> date:
    """A yearly date in one year; 29 February falls on the 28th when the year has no 29th."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def next_occurrence(today: date, month: int, day: int) -> date | None:
    """The first day on or after `today` when a yearly date comes round; None if impossible."""
    try:
        found = yearly_occurrence(today.year, month, day)
        if found < today:
            found = yearly_occurrence(today.year + 1, month, day)
    except ValueError:  # 31 April and the like, typed by hand somewhere
        return None
    return found


def relative_phrase(reminder: Reminder, today: date) -> str:
    """'today', 'in 2 days', 'overdue by 3 days', or for waiting work 'waiting 3 days'."""
    days = (reminder.when - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 0:
        return f"in {days} days"
    ago = -days
    unit = "day" if ago == 1 else "days"
    if reminder.kind == ReminderKind.CABLE_AWAITING:
        return f"waiting {ago} {unit}"
    return f"overdue by {ago} {unit}"
