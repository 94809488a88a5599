"""Engagements and national days out to an iCalendar file (RFC 5545) under a ceiling.

What leaves (the file's shape is bilatdesk.exchange.ics.write's):
- One VEVENT per engagement whose local start day (in its own zone) lies in [start, end],
  of one country or all, marked at or below the ceiling (bilatdesk.exchange.release). Those
  marked above it are left out entirely (not even a "busy" block) and only counted
  (`withheld`).
- Its participants: the address is mailto: only when the person's record has an e-mail and is
  itself at or below the ceiling; otherwise urn:uuid: (the person's uid, or one derived from
  the meeting). A participant whose person record is marked above the ceiling is left out.
- National days (of the countries exported; all accredited ones without --country) from the
  year of `start` (this year without one).

The file is written to a temporary file beside the target, engagements a page at a time, and
renamed over the target at the end: never half a calendar, never the whole selection in memory.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from bilatdesk.domain import DEFAULT_SCHEME, ClassificationScheme, ContactPoint, Country, Person
from bilatdesk.domain.engagement import Engagement, Participant
from bilatdesk.domain.person import person_name
from bilatdesk.exchange.ics.write import (
    AttendeeOut,
    EngagementOut,
    NationalDayOut,
    as_utc,
    is_utc,
    write_calendar,
    zone_of,
)
from bilatdesk.exchange.release import DEFAULT_CEILING, allowed_codes, may_leave
from bilatdesk.services.kernel.files import atomic_file
from bilatdesk.store.database import Database

__all__ = ["DEFAULT_CEILING", "PAGE_SIZE", "IcsExportResult", "export_ics"]

PAGE_SIZE = 500
_NAMESPACE = uuid.UUID("6f1c5e38-3c1b-4f5e-9d0c-6b1d2f0e9a11")  # for participants' urn:uuid
# Engagements are selected by their local start day; no zone is further than this from UTC.
_ZONE_MARGIN = timedelta(hours=15)


@dataclass(frozen=True)
class IcsExportResult:
    engagements: int
    national_days: int
    withheld: int
    """Engagements in the selection marked above the ceiling, and so left out."""


def export_ics(
    db: Database,
    path: Path,
    *,
    country_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    ceiling: str | None = DEFAULT_CEILING,
    scheme: ClassificationScheme = DEFAULT_SCHEME,
) -> IcsExportResult:
    """Write the calendar to `path` (atomically); None as ceiling means no ceiling at all."""
    allowed = allowed_codes(scheme, ceiling)
    with atomic_file(path) as out, db.read() as session:
        selection = _Selection(
            session, allowed=allowed, country_id=country_id, start=start, end=end
        )
        zones, first, last = selection.zones_and_span()
        written = write_calendar(
            out,
            scheme=scheme,
            zones=zones,
            first=first,
            last=last,
            engagements=selection.engagements(),
            national_days=selection.national_days(),
            year=(start or date.today()).year,
        )
        return IcsExportResult(written.engagements, written.national_days, selection.withheld())


class _Selection:
    """The engagements, participants and national days of one export, queried page by page."""

    def __init__(
        self,
        session: Session,
        *,
        allowed: tuple[str, ...] | None,
        country_id: int | None,
        start: date | None,
        end: date | None,
    ) -> None:
        self.session, self.allowed = session, allowed
        self.country_id, self.start, self.end = country_id, start, end

    # -- selecting --------------------------------------------------------------------------
    def _scope(self) -> list[ColumnElement[bool]]:
        """The country and a UTC range a little wider than the days asked for."""
        where: list[ColumnElement[bool]] = []
        if self.country_id is not None:
            where.append(Engagement.country_id == self.country_id)
        if self.start is not None:
            low = datetime.combine(self.start, time(), UTC) - _ZONE_MARGIN
            where.append(Engagement.starts_at >= low)
        if self.end is not None:
            high = datetime.combine(self.end + timedelta(days=1), time(), UTC) + _ZONE_MARGIN
            where.append(Engagement.starts_at < high)
        return where

    def _in_days(self, starts_at: datetime, zone: str) -> bool:
        """Whether the local start day is within [start, end] (the query was a bit wider)."""
        if self.start is None and self.end is None:
            return True
        day = starts_at.astimezone(zone_of(zone)).date()
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def _allowed(self) -> list[ColumnElement[bool]]:
        return [] if self.allowed is None else [Engagement.classification.in_(self.allowed)]

    def zones_and_span(self) -> tuple[list[str], date, date]:
        """The zones the selection uses (sorted) and the days it spans, for the VTIMEZONEs."""
        statement = (
            select(
                Engagement.time_zone,
                func.min(Engagement.starts_at),
                func.max(func.coalesce(Engagement.ends_at, Engagement.starts_at)),
            )
            .where(*self._scope(), *self._allowed())
            .group_by(Engagement.time_zone)
        )
        zones: list[str] = []
        first: date | None = None
        last: date | None = None
        for zone, low, high in self.session.execute(statement):
            if is_utc(zone):
                continue
            zones.append(zone)
            low_day, high_day = as_utc(low).date(), as_utc(high).date()
            first = low_day if first is None else min(first, low_day)
            last = high_day if last is None else max(last, high_day)
        today = date.today()
        first = self.start or first or today
        last = self.end or last or today
        # A day either side: a meeting late at night in a zone east or west of UTC.
        return sorted(zones), first - timedelta(days=1), max(last, first) + timedelta(days=2)

    def _pages(self) -> Iterator[list[Any]]:
        """Engagements in start order, a page at a time (keyset on the start index)."""
        columns = (
            Engagement.id,
            Engagement.uid,
            Engagement.updated_at,
            Engagement.title,
            Engagement.kind,
            Engagement.starts_at,
            Engagement.ends_at,
            Engagement.time_zone,
            Engagement.place,
            Engagement.classification,
            Engagement.agenda,
        )
        after: tuple[datetime, int] | None = None
        while True:
            statement: Select[Any] = select(*columns).where(*self._scope(), *self._allowed())
            if after is not None:
                statement = statement.where(
                    or_(
                        Engagement.starts_at > after[0],
                        and_(Engagement.starts_at == after[0], Engagement.id > after[1]),
                    )
                )
            rows = list(
                self.session.execute(
                    statement.order_by(Engagement.starts_at, Engagement.id).limit(PAGE_SIZE)
                )
            )
            if not rows:
                return
            after = (rows[-1].starts_at, rows[-1].id)
            wanted = [row for row in rows if self._in_days(row.starts_at, row.time_zone)]
            if wanted:
                yield wanted
            if len(rows) < PAGE_SIZE:
                return

    def withheld(self) -> int:
        """How many engagements of the selection were left out for their marking."""
        if self.allowed is None:
            return 0
        statement = select(Engagement.starts_at, Engagement.time_zone).where(
            *self._scope(), Engagement.classification.not_in(self.allowed)
        )
        return sum(
            1
            for starts_at, zone in self.session.execute(statement.execution_options(yield_per=2000))
            if self._in_days(starts_at, zone)
        )

    def _participants(self, ids: list[int]) -> dict[int, list[AttendeeOut]]:
        """(name, side, calendar address) of each engagement's participants, in order."""
        rows = list(
            self.session.execute(
                select(
                    Participant.engagement_id,
                    Participant.position,
                    Participant.name,
                    Participant.side,
                    Person.id.label("person_id"),
                    Person.uid.label("person_uid"),
                    Person.given_name,
                    Person.family_name,
                    Person.name_original,
                    Person.other_names,
                    Person.name_order,
                    Person.name_shown,
                    Person.classification.label("person_classification"),
                    Engagement.uid.label("engagement_uid"),
                )
                .join(Engagement, Engagement.id == Participant.engagement_id)
                .outerjoin(Person, Person.id == Participant.person_id)
                .where(Participant.engagement_id.in_(ids))
                .order_by(Participant.engagement_id, Participant.position, Participant.id)
            )
        )
        person_ids = {row.person_id for row in rows if row.person_id is not None}
        emails: dict[int, str] = {}
        if person_ids:
            for person_id, value in self.session.execute(
                select(ContactPoint.person_id, ContactPoint.value)
                .where(ContactPoint.kind == "email", ContactPoint.person_id.in_(person_ids))
                .order_by(ContactPoint.person_id, ContactPoint.position.desc())
            ):
                emails[person_id] = value  # the first by position is written last and wins
        found: dict[int, list[AttendeeOut]] = defaultdict(list)
        for row in rows:
            if row.person_id is not None:
                if not may_leave(row.person_classification, self.allowed):
                    continue
                name = person_name(row)
                address = (
                    f"mailto:{emails[row.person_id]}"
                    if row.person_id in emails
                    else f"urn:uuid:{row.person_uid}"
                )
            else:
                name = row.name
                derived = uuid.uuid5(_NAMESPACE, f"{row.engagement_uid}/{row.position}")
                address = f"urn:uuid:{derived}"
            found[row.engagement_id].append(AttendeeOut(name, str(row.side), address))
        return found

    def engagements(self) -> Iterator[EngagementOut]:
        """The engagements that may leave, in start order, with their participants."""
        for page in self._pages():
            participants = self._participants([row.id for row in page])
            for row in page:
                yield EngagementOut(
                    uid=str(row.uid),
                    updated_at=row.updated_at,
                    title=row.title,
                    kind=str(row.kind),
                    starts_at=row.starts_at,
                    ends_at=row.ends_at,
                    time_zone=row.time_zone,
                    classification=row.classification,
                    place=row.place or "",
                    agenda=row.agenda or "",
                    attendees=tuple(participants.get(row.id, ())),
                )

    def national_days(self) -> Iterator[NationalDayOut]:
        """The national days of the country exported, or of every accredited country."""
        statement = select(
            Country.uid,
            Country.iso_code,
            Country.name,
            Country.national_day_month,
            Country.national_day_day,
            Country.updated_at,
        ).where(Country.national_day_month.is_not(None), Country.national_day_day.is_not(None))
        if self.country_id is not None:
            statement = statement.where(Country.id == self.country_id)
        else:
            statement = statement.where(Country.accredited.is_(True))
        for row in self.session.execute(statement.order_by(Country.iso_code)):
            yield NationalDayOut(
                iso_code=row.iso_code,
                name=row.name,
                month=row.national_day_month,
                day=row.national_day_day,
                updated_at=row.updated_at,
            )
