"""Engagements and national days out as iCalendar (RFC 5545): records in, bytes out, streamed.

- DTSTART/DTEND carry the engagement's IANA zone as TZID, in local time; engagements kept in
  UTC are written in UTC ("Z"). One VTIMEZONE per zone used, built by icalendar from the
  zoneinfo transitions of the exported span, so programs that do not know IANA names (older
  Outlook) still place them right.
- CLASS from the classification: the lowest level (UNCLASSIFIED) → PUBLIC, the next
  (RESTRICTED) → PRIVATE, CONFIDENTIAL and above → CONFIDENTIAL. RFC 5545 has only these
  three, so X-BILATDESK-CLASSIFICATION keeps the exact level for our own import.
- SUMMARY the title, LOCATION the place, DESCRIPTION the agenda, CATEGORIES the kind,
  STATUS:CONFIRMED, DTSTAMP the last change (so the same data gives the same bytes).
  The outcome never leaves: it is the embassy's own judgement, and EngagementOut lacks it.
- ATTENDEE per participant: CN the name, ROLE=REQ-PARTICIPANT, X-BILATDESK-SIDE ours/theirs,
  the calendar address as the service decided it (what may leave is not the writer's call).
- National days as yearly all-day events (DTSTART;VALUE=DATE with RRULE:FREQ=YEARLY) from a
  given year, PUBLIC and TRANSP:TRANSPARENT.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone, vCalAddress

from bilatdesk.domain.classification import ClassificationScheme
from bilatdesk.domain.labels import engagement_kind_label

PRODID = "-//bilatdesk//bilatdesk calendar export//EN"
_FOLD_AT = 75  # icalendar folds a line once it reaches 75 octets
_END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class AttendeeOut:
    """One participant as the file names them; `address` is mailto: or urn:uuid:."""

    name: str
    side: str  # "ours" or "theirs"
    address: str


@dataclass(frozen=True)
class EngagementOut:
    """One engagement as it may leave (never its outcome)."""

    uid: str
    updated_at: datetime
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    time_zone: str  # an IANA name; "" or UTC for engagements kept in UTC
    classification: str
    place: str = ""
    agenda: str = ""
    attendees: tuple[AttendeeOut, ...] = ()


@dataclass(frozen=True)
class NationalDayOut:
    """A country's national day, written as a yearly all-day event."""

    iso_code: str
    name: str
    month: int
    day: int
    updated_at: datetime


@dataclass(frozen=True)
class CalendarWritten:
    """How many events of each sort went into the file."""

    engagements: int
    national_days: int


def write_calendar(
    out: BinaryIO,
    *,
    scheme: ClassificationScheme,
    zones: Iterable[str],
    first: date,
    last: date,
    engagements: Iterable[EngagementOut],
    national_days: Iterable[NationalDayOut],
    year: int,
) -> CalendarWritten:
    """Write a whole calendar to `out`, each event as it comes (never all in memory).

    `zones` are the IANA names the engagements use, `first`..`last` the days their
    VTIMEZONEs must cover; national days recur from `year`.
    """
    out.write(calendar_head(zones, first, last))
    count = 0
    for engagement in engagements:
        out.write(event_bytes(engagement_event(engagement, scheme)))
        count += 1
    national = 0
    for day in national_days:
        event = national_day_event(day, year)
        if event is not None:
            out.write(event.to_ical())
            national += 1
    out.write(_END)
    return CalendarWritten(count, national)


def ical_class(scheme: ClassificationScheme, code: str) -> str:
    """The RFC 5545 CLASS of a classification: PUBLIC, PRIVATE or CONFIDENTIAL."""
    rank = scheme.rank(code)
    return ("PUBLIC", "PRIVATE")[rank] if rank < 2 else "CONFIDENTIAL"


def calendar_head(zones: Iterable[str], first: date, last: date) -> bytes:
    """The calendar's properties and its VTIMEZONEs, without the closing line."""
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    for name in zones:
        calendar.add_component(
            Timezone.from_tzinfo(zone_of(name), tzid=name, first_date=first, last_date=last)
        )
    text: bytes = calendar.to_ical()
    assert text.endswith(_END)
    return text[: -len(_END)]


def engagement_event(engagement: EngagementOut, scheme: ClassificationScheme) -> Event:
    """The VEVENT of one engagement."""
    event = Event()
    event.add("UID", f"{engagement.uid}@bilatdesk")
    event.add("DTSTAMP", as_utc(engagement.updated_at))
    zone = zone_of(engagement.time_zone)
    event.add("DTSTART", _local(engagement.starts_at, zone))
    if engagement.ends_at is not None:
        event.add("DTEND", _local(engagement.ends_at, zone))
    event.add("SUMMARY", engagement.title)
    if engagement.place:
        event.add("LOCATION", engagement.place)
    if engagement.agenda:
        event.add("DESCRIPTION", engagement.agenda)
    event.add("CATEGORIES", [engagement_kind_label(engagement.kind)])
    event.add("STATUS", "CONFIRMED")
    event.add("CLASS", ical_class(scheme, engagement.classification))
    event.add("X-BILATDESK-CLASSIFICATION", engagement.classification)
    for person in engagement.attendees:
        attendee = vCalAddress(person.address)
        if person.name:
            attendee.params["CN"] = person.name
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["X-BILATDESK-SIDE"] = person.side
        event.add("ATTENDEE", attendee, encode=False)
    return event


def national_day_event(day: NationalDayOut, year: int) -> Event | None:
    """The yearly all-day VEVENT of a national day from `year`; None for a day that is none."""
    first = _national_day(year, day.month, day.day)
    if first is None:
        return None
    event = Event()
    event.add("UID", f"national-day-{day.iso_code.lower()}@bilatdesk")
    event.add("DTSTAMP", as_utc(day.updated_at))
    event.add("DTSTART", first)
    event.add("DTEND", first + timedelta(days=1))
    if (day.month, day.day) == (2, 29):
        event.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": 2, "BYMONTHDAY": -1})
    else:
        event.add("RRULE", {"FREQ": "YEARLY"})
    event.add("SUMMARY", f"National Day: {day.name}")
    event.add("CATEGORIES", ["National day"])
    event.add("CLASS", "PUBLIC")
    event.add("TRANSP", "TRANSPARENT")
    return event


def event_bytes(event: Event) -> bytes:
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


def is_utc(zone: str) -> bool:
    """Whether an engagement's zone name means it is kept in UTC."""
    return zone in ("UTC", "Etc/UTC", "")


def zone_of(name: str) -> ZoneInfo:
    """The zone of an IANA name; UTC for an empty or unknown one."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")  # the service validates zones; an old row may not be


def as_utc(moment: datetime) -> datetime:
    """An aware moment in UTC; a naive one (as SQLite returns them) is taken to be UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    """The moment in its zone: icalendar then writes TZID=<zone> (or Z for UTC)."""
    if is_utc(zone.key):
        return as_utc(moment)
    return as_utc(moment).astimezone(zone)
