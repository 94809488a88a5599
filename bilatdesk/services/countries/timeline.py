"""The relationship timeline of one country: its status periods and its dated events.

Periods come from the country's status entries; events are its engagements, visits and the
dated steps of its agreements, read for one window of days at a time so the view can load
more as the user scrolls. A country with hundreds of thousands of engagements (the bench
database) stays quick: engagements are read by the (country, start) index inside the window,
and past `limit` in one window they are counted per day instead of listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, Date, String, cast, func, select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import Agreement, AgreementStatus, Country, Engagement, Visit
from bilatdesk.domain.enums import relation_status_label
from bilatdesk.domain.labels import engagement_kind_label
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.store.database import Database

ENGAGEMENT_LIMIT = 2_000
"""Engagements listed one by one in a window; beyond it they are counted per day."""

PAST = relativedelta(years=2)
FUTURE = relativedelta(years=1)
"""The default window: the last two years and the next one."""

KINDS = ("engagement", "visit", "agreement")

_ENDED_STEPS = {
    AgreementStatus.SUSPENDED: "Suspended",
    AgreementStatus.TERMINATED: "Terminated",
    AgreementStatus.DENOUNCED: "Denounced",
    AgreementStatus.EXPIRED: "Expired",
    AgreementStatus.SUPERSEDED: "Superseded",
}
_RUNNING = {AgreementStatus.IN_FORCE, AgreementStatus.PROVISIONALLY_APPLIED}


@dataclass(frozen=True)
class StatusPeriod:
    """A stretch of the relationship under one status."""

    status: str  # a RelationStatus value or one the post configured
    label: str  # as documents name it: "Deep freeze", "Suspended"
    start: date
    end: date | None  # its last day (the eve of the next status); None while it lasts
    reason: str = ""


@dataclass(frozen=True)
class TimelineEvent:
    """One dated thing on the timeline, with the record that opens from it."""

    day: date
    kind: str  # "engagement", "visit" or "agreement"
    title: str
    detail: str
    record: tuple[str, int] | None  # (kind, id); None for a day's engagements counted
    classification: str = "U"
    until: date | None = None  # a visit's last day
    count: int = 1  # more than one: that many engagements on the day, counted not listed


@dataclass(frozen=True)
class Timeline:
    country_id: int
    start: date
    end: date
    periods: tuple[StatusPeriod, ...]
    events: tuple[TimelineEvent, ...]
    counted: bool = False
    """True when the window held more engagements than the limit, so they come per day."""


class StatusLike(Protocol):
    @property
    def status(self) -> str: ...
    @property
    def from_date(self) -> date: ...
    @property
    def reason(self) -> str: ...


def default_window(today: date) -> tuple[date, date]:
    """The last two years and the next one, around `today`."""
    return today - PAST, today + FUTURE


def periods_of(entries: Iterable[StatusLike]) -> tuple[StatusPeriod, ...]:
    """The status entries as periods: each lasts until the eve of the next one."""
    ordered = sorted(entries, key=lambda e: e.from_date)
    periods = []
    for index, entry in enumerate(ordered):
        following = ordered[index + 1].from_date if index + 1 < len(ordered) else None
        periods.append(
            StatusPeriod(
                entry.status,
                relation_status_label(entry.status),
                entry.from_date,
                following - timedelta(days=1) if following is not None else None,
                entry.reason,
            )
        )
    return tuple(periods)


def overlapping(
    periods: Sequence[StatusPeriod], start: date, end: date
) -> tuple[StatusPeriod, ...]:
    """The periods that share at least one day with [start, end]."""
    return tuple(p for p in periods if p.start <= end and (p.end is None or p.end >= start))


class CountryTimeline:
    """Builds the timeline of one country for a window of days."""

    def __init__(self, database: Database, *, limit: int = ENGAGEMENT_LIMIT) -> None:
        self.db = database
        self.limit = limit

    def build(
        self,
        country_id: int,
        start: date | None = None,
        end: date | None = None,
        *,
        today: date | None = None,
    ) -> Timeline:
        """Periods and events from `start` to `end` (both included; by default the last two
        years and the next one); events sorted by day."""
        today = today or date.today()
        default_start, default_end = default_window(today)
        start = start or default_start
        end = end or default_end
        if end < start:
            start, end = end, start
        with self.db.read() as session:
            country = session.get(Country, country_id, options=[selectinload(Country.statuses)])
            if country is None:
                raise NotFoundError("That country no longer exists; it may have been deleted.")
            periods = overlapping(periods_of(country.statuses), start, end)
            engagements, counted = self._engagements(session, country_id, start, end)
            events = [
                *engagements,
                *_visits(session, country_id, start, end),
                *_agreements(session, country_id, start, end, today),
            ]
        order = {kind: n for n, kind in enumerate(KINDS)}
        events.sort(key=lambda e: (e.day, order[e.kind], e.title))
        return Timeline(country_id, start, end, periods, tuple(events), counted)

    # -- engagements ------------------------------------------------------------------------
    def _engagements(
        self, session: Session, country_id: int, start: date, end: date
    ) -> tuple[list[TimelineEvent], bool]:
        # An engagement's day is the one where it happens, up to 14 hours off UTC: read a day
        # more on each side, then keep those whose local day falls inside.
        low = datetime.combine(start - timedelta(days=1), time(), tzinfo=UTC)
        high = datetime.combine(end + timedelta(days=2), time(), tzinfo=UTC)
        inside = (
            (Engagement.country_id == country_id)
            & (Engagement.starts_at >= low)
            & (Engagement.starts_at < high)
        )
        total = session.scalar(select(func.count()).select_from(Engagement).where(inside)) or 0
        if total > self.limit:
            return self._counted(session, inside, start, end), True
        rows = session.execute(
            select(
                Engagement.id,
                Engagement.starts_at,
                Engagement.time_zone,
                Engagement.title,
                Engagement.kind,
                Engagement.place,
                Engagement.classification,
            )
            .where(inside)
            .order_by(Engagement.starts_at, Engagement.id)
        )
        events = []
        for row in rows:
            local = row.starts_at.astimezone(_zone(row.time_zone))
            if not start <= local.date() <= end:
                continue
            what = engagement_kind_label(row.kind)
            detail = f"{what}, {local:%H:%M} {local.tzname() or ''}".rstrip()
            if row.place:
                detail += f", {row.place}"
            events.append(
                TimelineEvent(
                    local.date(),
                    "engagement",
                    row.title,
                    detail,
                    ("engagement", row.id),
                    row.classification,
                )
            )
        return events, False

    def _counted(
        self, session: Session, inside: Any, start: date, end: date
    ) -> list[TimelineEvent]:
        """One event per day with its number of engagements (days taken in UTC)."""
        day: ColumnElement[Any]
        if self.db.is_sqlite:
            # Stored as "YYYY-MM-DD HH:MM:SS" in UTC: the day is its first ten characters.
            day = func.substr(cast(Engagement.starts_at, String), 1, 10)
        else:
            day = cast(func.timezone("UTC", Engagement.starts_at), Date)
        rows = session.execute(
            select(day.label("day"), func.count().label("n"))
            .where(inside)
            .group_by(day)
            .order_by(day)
        )
        events = []
        for row in rows:
            on = row.day if isinstance(row.day, date) else date.fromisoformat(str(row.day))
            if start <= on <= end:
                events.append(
                    TimelineEvent(
                        on,
                        "engagement",
                        f"{row.n} engagements" if row.n != 1 else "1 engagement",
                        "Too many in this stretch to list one by one; zoom in, or open the "
                        "Engagements list for the country.",
                        None,
                        "",
                        count=row.n,
                    )
                )
        return events


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _visits(session: Session, country_id: int, start: date, end: date) -> list[TimelineEvent]:
    visits = session.execute(
        select(
            Visit.id,
            Visit.principal,
            Visit.starts_on,
            Visit.ends_on,
            Visit.purpose,
            Visit.classification,
        )
        .where(Visit.country_id == country_id)
        .where(Visit.starts_on <= end)
        .where(Visit.ends_on >= start)
        .order_by(Visit.starts_on, Visit.id)
    )
    return [
        TimelineEvent(
            v.starts_on,
            "visit",
            v.principal,
            _first_line(v.purpose),
            ("visit", v.id),
            v.classification,
            until=v.ends_on if v.ends_on != v.starts_on else None,
        )
        for v in visits
    ]


def agreement_steps(agreement: Agreement, today: date) -> list[tuple[date, str]]:
    """The dated steps of an agreement, one each: signature, provisional application, entry
    into force, suspension and end from its history, and the end of its current term."""
    steps: list[tuple[date, str]] = []
    first: dict[AgreementStatus, date] = {}
    for change in agreement.history:
        first.setdefault(change.status, change.on)
    signed = [p.signature_date for p in agreement.parties if p.signature_date]
    signature = min(signed) if signed else first.get(AgreementStatus.SIGNED)
    if signature is not None:
        steps.append((signature, "Signed"))
    provisional = agreement.provisional_application_from or first.get(
        AgreementStatus.PROVISIONALLY_APPLIED
    )
    if provisional is not None:
        steps.append((provisional, "Provisionally applied"))
    in_force = agreement.entry_into_force or first.get(AgreementStatus.IN_FORCE)
    if in_force is not None:
        steps.append((in_force, "Entered into force" if in_force <= today else "Enters into force"))
    seen_in_force = False
    for change in agreement.history:
        if change.status in _ENDED_STEPS:
            steps.append((change.on, _ENDED_STEPS[change.status]))
        elif change.status is AgreementStatus.IN_FORCE:
            if seen_in_force:  # back in force after a suspension
                steps.append((change.on, "In force again"))
            seen_in_force = True
    if agreement.status in _RUNNING and (expiry := agreement.expiry(today)) is not None:
        renews = bool(agreement.renewal_value)
        steps.append((expiry, "Term ends; renews unless denounced" if renews else "Expires"))
    return sorted(set(steps))


def _agreements(
    session: Session, country_id: int, start: date, end: date, today: date
) -> list[TimelineEvent]:
    agreements = session.scalars(
        select(Agreement)
        .where(Agreement.country_id == country_id)
        .options(selectinload(Agreement.parties), selectinload(Agreement.history))
        .order_by(Agreement.id)
    )
    events = []
    for agreement in agreements:
        title = agreement.short_title or agreement.title
        for on, step in agreement_steps(agreement, today):
            if start <= on <= end:
                events.append(
                    TimelineEvent(
                        on,
                        "agreement",
                        title,
                        step,
                        ("agreement", agreement.id),
                        agreement.classification,
                    )
                )
    return events


def _first_line(text: str, limit: int = 200) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
