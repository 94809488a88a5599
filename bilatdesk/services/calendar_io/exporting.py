"""Engagements and national days out to an iCalendar file (RFC 5545) under a ceiling.

What leaves, and how:
- One VEVENT per engagement whose local start day (in its own zone) lies in [start, end],
  of one country or all, marked at or below the ceiling. Those marked above it are left out
  entirely (not even a "busy" block) and only counted (`withheld`).
- DTSTART/DTEND carry the engagement's IANA zone as TZID, in local time; engagements kept in
  UTC are written in UTC ("Z"). One VTIMEZONE per zone used, built by icalendar from the
  zoneinfo transitions of the exported span, so programs that do not know IANA names (older
  Outlook) still place them right.
- CLASS from the classification: the lowest level (UNCLASSIFIED) → PUBLIC, the next
  (RESTRICTED) → PRIVATE, CONFIDENTIAL and above → CONFIDENTIAL. RFC 5545 has only these
  three, so X-BILATDESK-CLASSIFICATION keeps the exact level for our own import.
- SUMMARY the title, LOCATION the place, DESCRIPTION the agenda, CATEGORIES the kind,
  STATUS:CONFIRMED, DTSTAMP the last change (so the same data gives the same bytes).
  The outcome never leaves: it is the embassy's own judgement (as the biography in vCards).
- ATTENDEE per participant: CN the name, ROLE=REQ-PARTICIPANT, X-BILATDESK-SIDE ours/theirs.
  The address is mailto: only when the person's record has an e-mail and is itself at or
  below the ceiling; otherwise urn:uuid: (the person's uid, or one derived from the meeting).
  A participant whose person record is marked above the ceiling is left out.
- National days (of the countries exported; all accredited ones without --country) as
  yearly all-day events (DTSTART;VALUE=DATE with RRULE:FREQ=YEARLY) from the year of `start`
  (this year without one), PUBLIC and TRANSP:TRANSPARENT.

The file is written to a temporary file beside the target, engagements a page at a time, and
renamed over the target at the end: never half a calendar, never the whole selection in memory.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone, vCalAddress
from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from bilatdesk.domain import DEFAULT_SCHEME, ClassificationScheme, ContactPoint, Country, Person
from bilatdesk.domain.engagement import Engagement, Participant
from bilatdesk.domain.labels import engagement_kind_label
from bilatdesk.domain.names import display_name
from bilatdesk.services.contacts.vcard_export import allowed_codes
from bilatdesk.store.database import Database

DEFAULT_CEILING = "U"
"""What leaves unless the user raises it: unclassified engagements only."""
PRODID = "-//bilatdesk//bilatdesk calendar export//EN"
PAGE_SIZE = 500
_NAMESPACE = uuid.UUID("6f1c5e38-3c1b-4f5e-9d0c-6b1d2f0e9a11")  # for participants' urn:uuid
# Engagements are selected by their local start day; no zone is further than this from UTC.
_ZONE_MARGIN = timedelta(hours=15)
_FOLD_AT = 75  # icalendar folds a line once it reaches 75 octets


@dataclass(frozen=True)
class IcsExportResult:
    engagements: int
    national_days: int
    withheld: int
    """Engagements in the selection marked above the ceiling, and so left out."""


def ical_class(scheme: ClassificationScheme, code: str) -> str:
    """The RFC 5545 CLASS of a classification: PUBLIC, PRIVATE or CONFIDENTIAL."""
    rank = scheme.rank(code)
    return ("PUBLIC", "PRIVATE")[rank] if rank < 2 else "CONFIDENTIAL"


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
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".bilatdesk-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, db.read() as session:
            writer = _Writer(
                session,
                out,
                scheme=scheme,
                allowed=allowed,
                country_id=country_id,
                start=start,
                end=end,
            )
            result = writer.write()
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return result


class _Writer:
    def __init__(
        self,
        session: Session,
        out: BinaryIO,
        *,
        scheme: ClassificationScheme,
        allowed: tuple[str, ...] | None,
        country_id: int | None,
        start: date | None,
        end: date | None,
    ) -> None:
        self.session, self.out, self.scheme, self.allowed = session, out, scheme, allowed
        self.country_id, self.start, self.end = country_id, start, end

    def write(self) -> IcsExportResult:
        zones, first, last = self._zones_and_span()
        self.out.write(_head(zones, first, last))
        count = 0
        for page in self._pages():
            participants = self._participants([row.id for row in page])
            for row in page:
                self.out.write(_ical(self._event(row, participants.get(row.id, []))))
                count += 1
        national = 0
        for event in self._national_days():
            self.out.write(event.to_ical())
            national += 1
        self.out.write(b"END:VCALENDAR\r\n")
        return IcsExportResult(count, national, self._withheld())

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
        day = starts_at.astimezone(_zone(zone)).date()
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def _allowed(self) -> list[ColumnElement[bool]]:
        return [] if self.allowed is None else [Engagement.classification.in_(self.allowed)]

    def _zones_and_span(self) -> tuple[list[str], date, date]:
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
            if _is_utc(zone):
                continue
            zones.append(zone)
            low_day, high_day = _as_utc(low).date(), _as_utc(high).date()
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

    def _withheld(self) -> int:
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

    def _participants(self, ids: list[int]) -> dict[int, list[tuple[str, str, str]]]:
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
        found: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for row in rows:
            if row.person_id is not None:
                if self.allowed is not None and row.person_classification not in self.allowed:
                    continue
                name = display_name(
                    row.given_name, row.family_name, row.name_original, row.other_names
                )
                address = (
                    f"mailto:{emails[row.person_id]}"
                    if row.person_id in emails
                    else f"urn:uuid:{row.person_uid}"
                )
            else:
                name = row.name
                derived = uuid.uuid5(_NAMESPACE, f"{row.engagement_uid}/{row.position}")
                address = f"urn:uuid:{derived}"
            found[row.engagement_id].append((name, str(row.side), address))
        return found

    # -- writing ----------------------------------------------------------------------------
    def _event(self, row: Any, participants: list[tuple[str, str, str]]) -> Event:
        event = Event()
        event.add("UID", f"{row.uid}@bilatdesk")
        event.add("DTSTAMP", _as_utc(row.updated_at))
        zone = _zone(row.time_zone)
        event.add("DTSTART", _local(row.starts_at, zone))
        if row.ends_at is not None:
            event.add("DTEND", _local(row.ends_at, zone))
        event.add("SUMMARY", row.title)
        if row.place:
            event.add("LOCATION", row.place)
        if row.agenda:
            event.add("DESCRIPTION", row.agenda)
        event.add("CATEGORIES", [engagement_kind_label(str(row.kind))])
        event.add("STATUS", "CONFIRMED")
        event.add("CLASS", ical_class(self.scheme, row.classification))
        event.add("X-BILATDESK-CLASSIFICATION", row.classification)
        for name, side, address in participants:
            attendee = vCalAddress(address)
            if name:
                attendee.params["CN"] = name
            attendee.params["ROLE"] = "REQ-PARTICIPANT"
            attendee.params["X-BILATDESK-SIDE"] = side
            event.add("ATTENDEE", attendee, encode=False)
        return event

    def _national_days(self) -> Iterator[Event]:
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
        year = (self.start or date.today()).year
        for row in self.session.execute(statement.order_by(Country.iso_code)):
            first = _national_day(year, row.national_day_month, row.national_day_day)
            if first is None:
                continue
            event = Event()
            event.add("UID", f"national-day-{row.iso_code.lower()}@bilatdesk")
            event.add("DTSTAMP", _as_utc(row.updated_at))
            event.add("DTSTART", first)
            event.add("DTEND", first + timedelta(days=1))
            if (row.national_day_month, row.national_day_day) == (2, 29):
                event.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": 2, "BYMONTHDAY": -1})
            else:
                event.add("RRULE", {"FREQ": "YEARLY"})
            event.add("SUMMARY", f"National Day: {row.name}")
            event.add("CATEGORIES", ["National day"])
            event.add("CLASS", "PUBLIC")
            event.add("TRANSP", "TRANSPARENT")
            yield event


def _head(zones: list[str], first: date, last: date) -> bytes:
    """The calendar's properties and its VTIMEZONEs, without the closing line."""
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    for name in zones:
        calendar.add_component(
            Timezone.from_tzinfo(_zone(name), tzid=name, first_date=first, last_date=last)
        )
    text: bytes = calendar.to_ical()
    closing = b"END:VCALENDAR\r\n"
    assert text.endswith(closing)
    return text[: -len(closing)]


def _ical(event: Event) -> bytes:
    """The same bytes as event.to_ical(), without icalendar's character-by-character folding
    of lines too short to fold (most of them; it is a third of the export's time)."""
    lines = []
    for line in event.content_lines():
        if not line:
            continue
        encoded = line.encode("utf-8")
        lines.append(encoded if len(encoded) < _FOLD_AT else line.to_ical())
    return b"\r\n".join(lines) + b"\r\n"


def _national_day(year: int, month: int, day: int) -> date | None:
    """The national day in `year` (29 February: the first leap year from then); None if bad."""
    for candidate in range(year, year + 8):
        try:
            return date(candidate, month, day)
        except ValueError:
            continue
    return None


def _is_utc(zone: str) -> bool:
    return zone in ("UTC", "Etc/UTC", "")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")  # the service validates zones; an old row may not be


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    """The moment in its zone: icalendar then writes TZID=<zone> (or Z for UTC)."""
    if _is_utc(zone.key):
        return _as_utc(moment)
    return _as_utc(moment).astimezone(zone)
