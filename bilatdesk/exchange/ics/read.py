"""Reading a calendar file (RFC 5545, as Outlook, Google and Apple write them) into events.

Nothing here touches the database: `read_ics` turns the file into ImportedEvents (one per
engagement-to-be), and ics_import writes them.

What refuses the whole file (IcsError; nothing is imported): larger than `max_bytes` (checked
before anything is parsed); not an iCalendar file; a damaged structure (an END without its
BEGIN, cut off in the middle); more than `max_events` VEVENTs, or more than `max_events`
engagements once recurring events are expanded; more than MAX_ZONES time zone definitions;
repeat rules needing more than EXPANSION_BUDGET steps to expand.

What refuses one event (a line in the report; the rest is imported): a start that is not a real
date ("30 February"), an unknown time zone (neither an IANA name, nor a Windows name, nor
defined in the file), a rule repeating more often than daily, a rule dateutil cannot read.

Choices the user sees:
- Window: every event, single or recurring, is imported only when its local start day lies in
  [window_start, window_end] (default: a year back, two years ahead); the others are counted.
  Recurring events are expanded inside the window and nowhere else, so a rule without an end
  is fine; each rule gives at most `max_per_rule` occurrences (a note says when cut).
- Each occurrence is its own engagement; its key (source_uid) is "UID/<original start>" (in
  UTC as 20250609T080000Z, an all-day one as 20250609), the same key an override
  (RECURRENCE-ID) of it gets, so a second import updates instead of duplicating. A single
  event's key is its UID. DTSTART counts as an occurrence even when the rule would not
  produce it (as Outlook and Google show it). A RANGE=THISANDFUTURE override changes only its
  own occurrence.
- Time zones: a TZID is read as an IANA name, else as a Windows name (Outlook's "W. Europe
  Standard Time", by CLDR's table in icalendar), else as a "globally unique" /vendor/Area/City
  id, else from the file's own VTIMEZONE; tzdata wins over a file's definition of a name it
  knows. A Windows name becomes the floating zone (below) when that keeps the same time, since
  CLDR names one city for many ("W. Europe" is Berlin, also for Vienna). Times in a zone only
  the file defines are converted exactly and kept in the floating zone when its offsets agree,
  else in UTC (a note says so).
- Floating times (no zone) and all-day events are read in the calendar's X-WR-TIMEZONE when it
  is a known zone, else in `floating_zone` (the CLI and the dialog pass the zone of the country
  the events go to, else UTC). Times given in UTC ("Z") are shown in that zone too. An all-day
  event runs from 00:00 of its first day to 00:00 after its last (DTEND is exclusive); without
  DTEND it lasts one day.
- CLASS: PUBLIC → U, PRIVATE → R, CONFIDENTIAL → C, other values → R (RFC 5545: treat unknown
  classes as PRIVATE); our own X-BILATDESK-CLASSIFICATION wins when higher.
- CATEGORIES → kind when one names a kind of ours ("Courtesy call", "video_call"), else
  bilateral meeting. STATUS:CANCELLED is read, and skipped by the import.
- ATTENDEE → participants by name (CN, else the address), on "their" side unless our own
  X-BILATDESK-SIDE says "ours".
- Text: control characters become U+FFFD; a title (or place) over 500 characters is shortened
  and kept whole in the agenda; a note says each.

The file is first split into its components by a line scanner that unfolds lines and keeps only
the properties read here; icalendar then parses each event alone, and what is needed is kept as
plain values. So memory stays in proportion to the file (whose size is capped), and Outlook's
many X- properties and alarms cost nothing. icalendar caches a VTIMEZONE it does not know by its
TZID, process-wide; each file's own definitions are rebuilt here uncached, so a zone of one
file never leaks into another (MAX_ZONES bounds what the cache can gain per file).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time as _time
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, cast
from zoneinfo import ZoneInfo, available_timezones

from icalendar import Event, Timezone, vRecur
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from bilatdesk.domain import DEFAULT_SCHEME
from bilatdesk.domain.classification import UnknownClassificationError
from bilatdesk.domain.enums import EngagementKind, Side
from bilatdesk.domain.text import LONG_TEXT_MAX, fold
from bilatdesk.exchange.ics.recurrence import BudgetSpentError, ExpansionBudget, expand_rule
from bilatdesk.services.contacts.importing import ImportCancelledError
from bilatdesk.services.kernel.errors import ServiceError

MAX_BYTES = 50 * 1024 * 1024
MAX_EVENTS = 100_000
MAX_PER_RULE = 5_000
MAX_ZONES = 100
MAX_PARTICIPANTS = 500
EXPANSION_BUDGET = 3_000_000
"""Steps (occurrences produced, months walked) all the file's rules may take together."""
PROGRESS_EVERY = 500
TITLE_MAX = 500
PLACE_MAX = 500
KEY_MAX = 255

_KEEP = frozenset(
    {
        "UID",
        "DTSTART",
        "DTEND",
        "DURATION",
        "SUMMARY",
        "LOCATION",
        "DESCRIPTION",
        "CLASS",
        "CATEGORIES",
        "STATUS",
        "RRULE",
        "RDATE",
        "EXDATE",
        "RECURRENCE-ID",
        "ATTENDEE",
        "X-BILATDESK-CLASSIFICATION",
    }
)
_CLASS_CODES = {"PUBLIC": "U", "PRIVATE": "R", "CONFIDENTIAL": "C"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UTC = ZoneInfo("UTC")


class IcsError(ServiceError):
    """The whole file is refused; the sentence says why. Nothing was imported."""


@dataclass(frozen=True, slots=True)
class ImportedEvent:
    """One engagement-to-be: a single event, or one occurrence of a recurring one."""

    line: int
    """Where its VEVENT begins in the file."""
    key: str
    """The engagement's source_uid."""
    title: str
    starts_at: datetime | None
    """UTC-aware; None only when refused."""
    ends_at: datetime | None
    time_zone: str
    place: str = ""
    agenda: str = ""
    classification: str = "U"
    kind: EngagementKind = EngagementKind.BILATERAL_MEETING
    participants: tuple[tuple[str, Side], ...] = ()
    all_day: bool = False
    cancelled: bool = False
    refusal: str = ""
    """Not empty: the event is refused, for this reason."""
    notes: tuple[str, ...] = ()
    """What was adjusted or left out, one sentence each."""


@dataclass(frozen=True)
class IcsRead:
    events: list[ImportedEvent]
    problems: list[str]
    """About the file as a whole (to-dos not imported, ...)."""
    skipped_outside_window: int


def local_text(moment: datetime | None, zone: str, *, all_day: bool = False) -> str:
    """ "2026-03-29 10:00 Europe/Vienna" (or "2026-03-29, all day") where it happens."""
    if moment is None:
        return ""
    try:
        local = moment.astimezone(ZoneInfo(zone or "UTC"))
    except (ValueError, KeyError):
        local = moment
    if all_day:
        return f"{local:%Y-%m-%d}, all day"
    return f"{local:%Y-%m-%d %H:%M} {zone}"


def local_zone() -> str:
    """This computer's IANA zone, for floating times when no country says otherwise.

    RFC 5545 reads a floating time as the local time of whoever looks at it. From $TZ, else
    /etc/localtime (Linux, macOS), else the Windows zone name; UTC when none is known.
    """
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    candidates.extend(_time.tzname)
    for candidate in candidates:
        if candidate and (known := _known_zone(candidate)) is not None:
            return known
    return "UTC"


def default_window(today: date | None = None) -> tuple[date, date]:
    """A year back to two years ahead of today."""
    today = today or date.today()
    return _add_years(today, -1), _add_years(today, 2)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# -- reading ---------------------------------------------------------------------------------
def read_ics(
    path: Path,
    *,
    window_start: date,
    window_end: date,
    max_events: int = MAX_EVENTS,
    max_bytes: int = MAX_BYTES,
    max_per_rule: int = MAX_PER_RULE,
    floating_zone: str = "UTC",
    expansion_budget: int = EXPANSION_BUDGET,
    progress: Callable[[int], bool] | None = None,
) -> IcsRead:
    """The events of the file inside the window; IcsError when the whole file is refused.

    `progress(n)` is called every PROGRESS_EVERY events read; False cancels
    (ImportCancelledError).
    """
    if window_end < window_start:
        raise IcsError("The window ends before it starts; choose the dates again.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IcsError(f"The file {path.name} cannot be read ({exc.strerror or exc}).") from exc
    if size > max_bytes:
        raise IcsError(
            f"The file {path.name} is too large to import ({size / 1_048_576:,.1f} MB; "
            f"at most {max_bytes / 1_048_576:,.0f} MB). Export a shorter period from the "
            "calendar program. Nothing was imported."
        )
    with path.open("rb") as stream:
        scanned = _Scanner(path.name, max_events).scan(stream)
    floating = _known_zone(scanned.calendar_zone) or _known_zone(floating_zone) or "UTC"
    reader = _Reader(
        scanned,
        window=(window_start, window_end),
        floating=floating,
        max_events=max_events,
        max_per_rule=max_per_rule,
        budget=ExpansionBudget(expansion_budget),
        progress=progress,
    )
    try:
        return reader.read()
    except BudgetSpentError:
        raise IcsError(
            f"The repeating events of {path.name} would take more than {expansion_budget:,} "
            "steps to expand; narrow the window or split the file. Nothing was imported."
        ) from None


@dataclass
class _Raw:
    line: int
    lines: list[bytes]


@dataclass
class _Scanned:
    events: list[_Raw]
    zones: dict[str, bytes]
    calendar_zone: str
    ignored: dict[str, int]


def _logical_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Unfolded content lines with the number of their first physical line."""
    current: bytes | None = None
    start = 0
    for number, raw in enumerate(stream, 1):
        line = raw.rstrip(b"\r\n")
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if line[:1] in (b" ", b"\t") and current is not None:
            current += line[1:]
            continue
        if current is not None:
            yield start, current
        current, start = line, number
    if current is not None:
        yield start, current


def _name(line: bytes) -> str:
    head = line.split(b":", 1)[0].split(b";", 1)[0]
    return head.strip().upper().decode("ascii", "replace")


class _Scanner:
    """Splits the file into its VEVENTs and VTIMEZONEs; IcsError for a damaged structure."""

    def __init__(self, file_name: str, max_events: int) -> None:
        self.file_name, self.max_events = file_name, max_events
        self.found = _Scanned([], {}, "", {})
        self.stack: list[str] = []
        self.seen_calendar = False
        self.event: _Raw | None = None
        self.zone_lines: list[bytes] | None = None

    def scan(self, stream: BinaryIO) -> _Scanned:
        for number, line in _logical_lines(stream):
            if not line.strip():
                continue
            name = _name(line)
            if not self.stack:
                self._outside(number, name, _component(line))
            elif name == "BEGIN":
                self._begin(number, line, _component(line))
            elif name == "END":
                self._end(number, line, _component(line))
            else:
                self._property(name, line)
        if self.stack:
            where = "an event" if self.event is not None else "the calendar"
            raise IcsError(
                f"The file {self.file_name} ends in the middle of {where}; it may have been "
                "cut off. Nothing was imported."
            )
        if not self.seen_calendar:
            raise IcsError(f"The file {self.file_name} is empty. Nothing was imported.")
        return self.found

    def _outside(self, number: int, name: str, value: str) -> None:
        if name == "BEGIN" and value == "VCALENDAR":
            self.stack.append(value)
            self.seen_calendar = True
            return
        if self.seen_calendar:
            raise IcsError(
                f"The file {self.file_name} has something after the end of its calendar "
                f"(line {number:,}); it may be damaged. Nothing was imported."
            )
        raise IcsError(
            f"The file {self.file_name} is not an iCalendar file (it does not begin with "
            "BEGIN:VCALENDAR). Nothing was imported."
        )

    def _begin(self, number: int, line: bytes, value: str) -> None:
        self.stack.append(value)
        if self.zone_lines is not None:
            self.zone_lines.append(line)
        elif len(self.stack) != 2:
            return  # an alarm inside an event: not read
        elif value == "VEVENT":
            if len(self.found.events) >= self.max_events:
                raise IcsError(
                    f"The file {self.file_name} holds more than {self.max_events:,} events; "
                    "export a shorter period from the calendar program or split the file. "
                    "Nothing was imported."
                )
            self.event = _Raw(number, [])
        elif value == "VTIMEZONE":
            self.zone_lines = [line]
        else:
            self.found.ignored[value] = self.found.ignored.get(value, 0) + 1

    def _end(self, number: int, line: bytes, value: str) -> None:
        if not value or self.stack[-1] != value:
            raise IcsError(
                f"The file {self.file_name} is damaged at line {number:,} (END:{value} where "
                f"END:{self.stack[-1]} was expected). Nothing was imported."
            )
        self.stack.pop()
        if self.zone_lines is not None:
            self.zone_lines.append(line)
            if len(self.stack) == 1:
                self._keep_zone(self.zone_lines)
                self.zone_lines = None
        elif len(self.stack) == 1 and self.event is not None:
            self.found.events.append(self.event)
            self.event = None

    def _property(self, name: str, line: bytes) -> None:
        if self.zone_lines is not None:
            self.zone_lines.append(line)
        elif self.event is not None and len(self.stack) == 2 and name in _KEEP:
            self.event.lines.append(line)
        elif len(self.stack) == 1 and name == "X-WR-TIMEZONE":
            self.found.calendar_zone = _value(line)

    def _keep_zone(self, lines: list[bytes]) -> None:
        zones = self.found.zones
        if len(zones) >= MAX_ZONES:
            raise IcsError(
                f"The file {self.file_name} defines more than {MAX_ZONES} time zones; it is not "
                "a calendar this program can read safely. Nothing was imported."
            )
        for line in lines:
            if _name(line) == "TZID" and b":" in line:
                zones.setdefault(_value(line), b"\r\n".join(lines) + b"\r\n")
                return


def _component(line: bytes) -> str:
    """The component a BEGIN or END line names, upper-case."""
    return line.split(b":", 1)[1].strip().upper().decode("ascii", "replace") if b":" in line else ""


def _value(line: bytes) -> str:
    return line.split(b":", 1)[1].strip().decode("utf-8", "replace") if b":" in line else ""


# -- time zones -------------------------------------------------------------------------------
@cache
def _iana_names() -> frozenset[str]:
    return frozenset(available_timezones() - {"localtime", "Factory"})


def _known_zone(name: str) -> str | None:
    """The IANA name for an IANA or Windows name, or None."""
    name = name.strip().strip('"').strip()
    if name in _iana_names():
        return name
    if name in WINDOWS_TO_OLSON:
        return WINDOWS_TO_OLSON[name]
    folded = name.casefold()
    for windows, iana in WINDOWS_TO_OLSON.items():
        if windows.casefold() == folded:
            return iana
    return None


@dataclass(frozen=True)
class _Zone:
    tz: tzinfo
    name: str | None
    """The IANA name; None for a zone only the file defines."""


class _Zones:
    """TZID → zone, once per file; a sentence for a zone that cannot be found."""

    def __init__(self, definitions: dict[str, bytes], floating: str) -> None:
        self.definitions = definitions
        self.floating = _Zone(ZoneInfo(floating), floating)
        self.cache: dict[str, _Zone | str] = {}

    def resolve(self, tzid: str) -> _Zone | str:
        if tzid not in self.cache:
            self.cache[tzid] = self._resolve(tzid)
        return self.cache[tzid]

    def _resolve(self, tzid: str) -> _Zone | str:
        cleaned = tzid.strip().strip('"').strip()
        known = _known_zone(cleaned)
        if known is None and cleaned.startswith("/"):
            # "/mozilla.org/20050126_1/Europe/Berlin": the IANA name at its end.
            parts = cleaned.strip("/").split("/")
            for first in range(1, len(parts)):
                if (candidate := "/".join(parts[first:])) in _iana_names():
                    known = candidate
                    break
        if known is not None:
            if cleaned not in _iana_names() and _same_offsets(known, self.floating.name):
                # CLDR maps a Windows name to one city ("W. Europe" → Berlin); the post's
                # own zone is the better name when it keeps the same time.
                return self.floating
            return _Zone(ZoneInfo(known), known)
        definition = self.definitions.get(tzid) or self.definitions.get(cleaned)
        shown = cleaned[:100]
        if definition is None:
            return (
                f"The time zone '{shown}' is not a known IANA or Windows name and the file "
                "does not define it."
            )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                component = Timezone.from_ical(definition)
                zone: tzinfo = tzp.create_timezone(component)  # this file's own, never a cached one
                zone.utcoffset(datetime(2000, 1, 1))
        except Exception:  # any fault in a definition refuses its events
            return f"The file's definition of the time zone '{shown}' cannot be read."
        return _Zone(zone, None)


@cache
def _same_offsets(first: str, second: str | None) -> bool:
    """Whether two zones keep the same time through this year and the next few."""
    if second is None:
        return False
    a, b = ZoneInfo(first), ZoneInfo(second)
    year = date.today().year
    moments = [
        datetime(y, m, 15, 12, tzinfo=UTC) for y in range(year - 1, year + 3) for m in range(1, 13)
    ]
    return all(t.astimezone(a).utcoffset() == t.astimezone(b).utcoffset() for t in moments)


@dataclass(frozen=True)
class _When:
    """A DTSTART-like value: a wall-clock time (or a day) and the zone it is in."""

    wall: datetime
    zone: _Zone
    all_day: bool

    def instant(self) -> datetime:
        return _instant(self.wall, self.zone.tz)

    def in_zone(self, zone: _Zone) -> datetime:
        """The same moment as a wall-clock time of another zone (all-day values as they are)."""
        if self.all_day or zone is self.zone:
            return self.wall
        return self.instant().astimezone(zone.tz).replace(tzinfo=None)


def _instant(wall: datetime, zone: tzinfo) -> datetime:
    return wall.replace(tzinfo=zone).astimezone(UTC)


# -- events ------------------------------------------------------------------------------------
@dataclass
class _Parsed:
    """What the import needs of one VEVENT, without icalendar's objects."""

    line: int
    uid: str
    title: str = ""
    place: str = ""
    agenda: str = ""
    classification: str = "U"
    kind: EngagementKind = EngagementKind.BILATERAL_MEETING
    cancelled: bool = False
    participants: tuple[tuple[str, Side], ...] = ()
    start: _When | None = None
    end: _When | None = None
    duration: timedelta | None = None
    rid: _When | None = None
    rules: list[vRecur] = field(default_factory=list)
    rdates: list[_When] = field(default_factory=list)
    exdates: list[_When] = field(default_factory=list)
    refusal: str = ""
    notes: list[str] = field(default_factory=list)


def _rid_key(when: _When) -> str:
    if when.all_day:
        return f"{when.wall:%Y%m%d}"
    return f"{when.instant():%Y%m%dT%H%M%SZ}"


def _key(uid: str, suffix: str = "") -> str:
    key = f"{uid}/{suffix}" if suffix else uid
    if len(key) > KEY_MAX:
        return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    return key


class _Reader:
    def __init__(
        self,
        scanned: _Scanned,
        *,
        window: tuple[date, date],
        floating: str,
        max_events: int,
        max_per_rule: int,
        budget: ExpansionBudget,
        progress: Callable[[int], bool] | None,
    ) -> None:
        self.scanned = scanned
        self.window = window
        self.zones = _Zones(scanned.zones, floating)
        self.floating = self.zones.floating
        self.max_events, self.max_per_rule = max_events, max_per_rule
        self.budget = budget
        self.progress = progress
        self.outside = 0
        self.problems: list[str] = []
        self.events: list[ImportedEvent] = []

    def read(self) -> IcsRead:
        parsed: list[_Parsed] = []
        raws = self.scanned.events
        for index, raw in enumerate(raws):
            if self._clearly_outside(raw):
                self.outside += 1
            else:
                parsed.append(self._parse(raw))
            raws[index] = _Raw(raw.line, [])  # the bytes are no longer needed
            if (
                self.progress is not None
                and (index + 1) % PROGRESS_EVERY == 0
                and not self.progress(index + 1)
            ):
                raise ImportCancelledError()
        overridden: dict[str, set[str]] = {}
        for item in parsed:
            if item.rid is not None and not item.refusal:
                overridden.setdefault(item.uid, set()).add(_rid_key(item.rid))
        for item in parsed:
            self._emit(item, overridden.get(item.uid, set()))
        self.problems.extend(
            f"{count:,} {_component_words(name, count)} in the file "
            f"{'was' if count == 1 else 'were'} not imported (only events are)."
            for name, count in sorted(self.scanned.ignored.items())
        )
        return IcsRead(self.events, self.problems, self.outside)

    # -- one VEVENT -------------------------------------------------------------------------
    def _clearly_outside(self, raw: _Raw) -> bool:
        """A single event starting days away from the window: counted, not parsed.

        Most of a calendar kept for years lies outside the window, and parsing is what costs;
        a glance at DTSTART's date suffices. Repeating events and overrides (which may hide an
        occurrence inside the window) are always parsed, and so is anything unclear.
        """
        start = b""
        for line in raw.lines:
            name = _name(line)
            if name in ("RRULE", "RDATE", "RECURRENCE-ID"):
                return False
            if name == "DTSTART":
                start = line.rsplit(b":", 1)[-1].strip()
        try:
            day = date(int(start[0:4]), int(start[4:6]), int(start[6:8]))
        except ValueError:
            return False
        first, last = self.window
        return not first - timedelta(days=2) <= day <= last + timedelta(days=2)

    def _parse(self, raw: _Raw) -> _Parsed:
        text = b"BEGIN:VEVENT\r\n" + b"\r\n".join(raw.lines) + b"\r\nEND:VEVENT\r\n"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                event = cast(Event, Event.from_ical(text))
        except Exception as exc:  # icalendar's faults are many; each refuses the event
            return _Parsed(raw.line, "", refusal=f"The event cannot be read ({_short(exc)}).")
        broken = {str(name).upper(): message for name, message in event.errors if name}
        item = _Parsed(raw.line, _text(event.get("UID")))
        self._texts(item, event)
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "DURATION", "RRULE"):
            if name in broken:
                item.refusal = _broken_sentence(name, _raw_value(raw.lines, name))
                return item
        for name in ("EXDATE", "RDATE"):
            if name in broken:
                item.notes.append(f"Its {name} could not be read and was left out.")
        try:
            self._times(item, event)
        except ValueError as exc:
            item.refusal = str(exc)
        return item

    def _texts(self, item: _Parsed, event: Event) -> None:
        title = " ".join(_text(event.get("SUMMARY")).split())
        place = " ".join(_text(event.get("LOCATION")).split())
        agenda = _text(event.get("DESCRIPTION")).strip()
        title, changed = _scrub(title)
        place, changed_place = _scrub(place)
        agenda, changed_agenda = _scrub(agenda)
        if changed or changed_place or changed_agenda:
            item.notes.append(
                "Invisible control characters were replaced by \N{REPLACEMENT CHARACTER}."
            )
        if not title:
            title = "(untitled)"
            item.notes.append("The event has no title; it is called “(untitled)”.")
        if len(title) > TITLE_MAX:
            agenda = f"{title}\n\n{agenda}".strip()
            title = title[: TITLE_MAX - 1] + "…"
            item.notes.append(
                f"The title was shortened to {TITLE_MAX} characters; it is whole in the agenda."
            )
        if len(place) > PLACE_MAX:
            agenda = f"{agenda}\n\nPlace: {place}".strip()
            place = place[: PLACE_MAX - 1] + "…"
            item.notes.append(
                f"The place was shortened to {PLACE_MAX} characters; it is whole in the agenda."
            )
        if len(agenda) > LONG_TEXT_MAX:
            agenda = agenda[: LONG_TEXT_MAX - 1] + "…"
            item.notes.append(f"The description was cut at {LONG_TEXT_MAX:,} characters.")
        item.title, item.place, item.agenda = title, place, agenda
        item.classification = _classification(event)
        item.kind = _kind(event)
        item.cancelled = _text(event.get("STATUS")).strip().upper() == "CANCELLED"
        item.participants = self._participants(item, event)

    @staticmethod
    def _participants(item: _Parsed, event: Event) -> tuple[tuple[str, Side], ...]:
        attendees = event.get("ATTENDEE")
        if attendees is None:
            return ()
        if not isinstance(attendees, list):
            attendees = [attendees]
        people: list[tuple[str, Side]] = []
        for attendee in attendees:
            params = getattr(attendee, "params", {})
            name = " ".join(str(params.get("CN", "") or "").split())
            if not name:
                address = str(attendee)
                name = address[7:] if address.lower().startswith("mailto:") else address
            name, _ = _scrub(name.strip())
            if not name:
                continue
            side = (
                Side.OURS
                if str(params.get("X-BILATDESK-SIDE", "")).lower() == "ours"
                else (Side.THEIRS)
            )
            people.append((name[:500], side))
        if len(people) > MAX_PARTICIPANTS:
            item.notes.append(
                f"Only the first {MAX_PARTICIPANTS} of {len(people):,} attendees were kept."
            )
            people = people[:MAX_PARTICIPANTS]
        return tuple(people)

    def _times(self, item: _Parsed, event: Event) -> None:
        start_prop = event.get("DTSTART")
        if start_prop is None:
            raise ValueError("The event has no start (DTSTART).")
        item.start = self._when(start_prop)
        end_prop = event.get("DTEND")
        if end_prop is not None:
            item.end = self._when(end_prop)
        elif (duration := event.get("DURATION")) is not None:
            value = getattr(duration, "dt", None)
            if isinstance(value, timedelta) and value >= timedelta(0):
                item.duration = value
        rid = event.get("RECURRENCE-ID")
        if rid is not None:
            item.rid = self._when(rid)
        rules = event.get("RRULE")
        if rules is not None:
            item.rules = list(rules) if isinstance(rules, list) else [rules]
        for name, target in (("RDATE", item.rdates), ("EXDATE", item.exdates)):
            values = event.get(name)
            if values is None:
                continue
            for group in values if isinstance(values, list) else [values]:
                for value in getattr(group, "dts", []):
                    moment = value.dt[0] if isinstance(value.dt, tuple) else value.dt
                    if isinstance(moment, date):
                        target.append(self._when_of(moment, value.params.get("TZID")))

    def _when(self, prop: Any) -> _When:
        value = getattr(prop, "dt", None)
        if not isinstance(value, date):
            raise ValueError("A date of the event cannot be read.")
        return self._when_of(value, prop.params.get("TZID"))

    def _when_of(self, value: date, tzid: str | None) -> _When:
        if not isinstance(value, datetime):
            return _When(datetime.combine(value, time()), self.floating, True)
        if tzid:
            zone = self.zones.resolve(str(tzid))
            if isinstance(zone, str):
                raise ValueError(zone)
            return _When(value.replace(tzinfo=None), zone, False)
        if value.tzinfo is not None:
            utc = value.astimezone(UTC).replace(tzinfo=None)
            return _When(utc, _Zone(_UTC, "UTC"), False)
        return _When(value, self.floating, False)

    # -- occurrences ------------------------------------------------------------------------
    def _emit(self, item: _Parsed, overridden: set[str]) -> None:
        if item.refusal or item.start is None:
            self._add(self._refused(item))
            return
        if item.rid is not None:
            self._single(item, _key(item.uid, _rid_key(item.rid)) if item.uid else "")
            return
        if not item.rules and not item.rdates:
            self._single(item, _key(item.uid) if item.uid else "")
            return
        self._recurring(item, overridden)

    def _window_walls(self) -> tuple[datetime, datetime]:
        """The window as wall-clock times: its days, in each event's own zone."""
        first, last = self.window
        return datetime.combine(first, time()), datetime.combine(last, time(23, 59, 59))

    def _span(self, item: _Parsed) -> timedelta | None:
        """How long each occurrence lasts (wall clock), or None without an end."""
        assert item.start is not None
        if item.end is not None:
            span = item.end.in_zone(item.start.zone) - item.start.wall
            return span if span >= timedelta(0) else None
        if item.duration is not None:
            return item.duration
        if item.start.all_day:
            return timedelta(days=1)
        return None

    def _single(self, item: _Parsed, key: str) -> None:
        assert item.start is not None
        low, high = self._window_walls()
        if not low <= item.start.wall <= high:
            self.outside += 1
            return
        self._add(self._occurrence(item, item.start.wall, key or _anonymous_key(item)))

    def _recurring(self, item: _Parsed, overridden: set[str]) -> None:
        assert item.start is not None
        start, zone, all_day = item.start.wall, item.start.zone, item.start.all_day
        window = self._window_walls()
        found: set[datetime] = set()
        try:
            for rule in item.rules:
                found.update(
                    expand_rule(
                        rule,
                        start=start,
                        zone=zone.tz,
                        all_day=all_day,
                        window=window,
                        budget=self.budget,
                    )
                )
        except ValueError as exc:
            self._add(self._refused(replace(item, refusal=str(exc))))
            return
        low, high = window
        if low <= start <= high:
            found.add(start)  # DTSTART is always the first occurrence
        for extra in item.rdates:
            moment = extra.in_zone(zone)
            if low <= moment <= high:
                found.add(moment)
        excluded_days = {e.wall.date() for e in item.exdates if e.all_day and not all_day}
        excluded = {e.in_zone(zone) for e in item.exdates}
        kept = sorted(
            moment
            for moment in found
            if moment not in excluded and moment.date() not in excluded_days
        )
        uid = item.uid or _anonymous_key(item)
        occurrences: list[tuple[datetime, str]] = []
        for moment in kept:
            rid = _rid_key(_When(moment, zone, all_day))
            if rid not in overridden:
                occurrences.append((moment, rid))
        if len(occurrences) > self.max_per_rule:
            self.problems.append(
                f"'{item.title[:80]}' (line {item.line:,}) repeats {len(occurrences):,} times "
                f"in the window; only the first {self.max_per_rule:,} are imported."
            )
            occurrences = occurrences[: self.max_per_rule]
        for moment, rid in occurrences:
            self._add(self._occurrence(item, moment, _key(uid, rid)))

    def _occurrence(self, item: _Parsed, wall: datetime, key: str) -> ImportedEvent:
        assert item.start is not None
        zone = item.start.zone
        notes = list(item.notes)
        span = self._span(item)
        if item.end is not None and span is None:
            notes.append("Its end was before its start and was left out.")
        starts_at = _instant(wall, zone.tz)
        ends_at = _instant(wall + span, zone.tz) if span is not None else None
        kept = zone.name
        if kept == "UTC" and not item.start.all_day:
            kept = self.floating.name  # Z times: shown where the calendar (or post) keeps time
        elif kept is None:
            kept = self._equivalent(zone, starts_at, notes)
        return ImportedEvent(
            line=item.line,
            key=key,
            title=item.title,
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=kept or "UTC",
            place=item.place,
            agenda=item.agenda,
            classification=item.classification,
            kind=item.kind,
            participants=item.participants,
            all_day=item.start.all_day,
            cancelled=item.cancelled,
            notes=tuple(notes),
        )

    def _equivalent(self, zone: _Zone, moment: datetime, notes: list[str]) -> str:
        """For a zone only the file defines: the floating zone if it agrees, else UTC."""
        floating = self.floating.tz
        samples = (moment, moment + timedelta(days=91), moment + timedelta(days=182))
        if all(
            s.astimezone(zone.tz).utcoffset() == s.astimezone(floating).utcoffset()
            for s in (samples)
        ):
            return self.floating.name or "UTC"
        notes.append("Its time zone is defined only in the file; the times are kept in UTC.")
        return "UTC"

    def _refused(self, item: _Parsed) -> ImportedEvent:
        starts_at = None
        zone = "UTC"
        if item.start is not None:
            starts_at, zone = item.start.instant(), item.start.zone.name or "UTC"
        return ImportedEvent(
            line=item.line,
            key=_key(item.uid) if item.uid else "",
            title=item.title or "(untitled)",
            starts_at=starts_at,
            ends_at=None,
            time_zone=zone,
            refusal=item.refusal or "The event has no start (DTSTART).",
            notes=tuple(item.notes),
        )

    def _add(self, event: ImportedEvent) -> None:
        if len(self.events) >= self.max_events:
            first, last = self.window
            raise IcsError(
                f"Between {first:%d %b %Y} and {last:%d %b %Y} this file makes more than "
                f"{self.max_events:,} engagements; narrow the window or split the file. "
                "Nothing was imported."
            )
        self.events.append(event)


def _anonymous_key(item: _Parsed) -> str:
    """A stable key for an event without UID: its title, start and place."""
    assert item.start is not None
    basis = f"{item.title}\n{item.start.wall.isoformat()}\n{item.place}"
    return "nouid:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def _component_words(name: str, count: int) -> str:
    words = {"VTODO": "to-do", "VJOURNAL": "journal entry", "VFREEBUSY": "free/busy block"}
    word = words.get(name, f"{name} component")
    if count == 1:
        return word
    return "journal entries" if word == "journal entry" else word + "s"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    return str(value)


def _scrub(text: str) -> tuple[str, bool]:
    """NFC, and control characters (but tab and line ends) replaced; whether any was."""
    text = unicodedata.normalize("NFC", text)
    scrubbed = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
    return scrubbed, scrubbed != text


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _raw_value(lines: list[bytes], name: str) -> str:
    for line in lines:
        if _name(line) == name and b":" in line:
            return line.rsplit(b":", 1)[1].strip().decode("utf-8", "replace")[:60]
    return ""


def _broken_sentence(name: str, raw: str) -> str:
    what = {
        "DTSTART": "start",
        "DTEND": "end",
        "RECURRENCE-ID": "RECURRENCE-ID",
        "DURATION": "duration",
        "RRULE": "repeat rule",
    }[name]
    if name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        return f"Its {what} '{raw}' is not a real date and time."
    return f"Its {what} '{raw}' cannot be read."


def _classification(event: Event) -> str:
    value = _text(event.get("CLASS")).strip().upper()
    code = _CLASS_CODES.get(value, "R") if value else "U"
    ours = _text(event.get("X-BILATDESK-CLASSIFICATION")).strip()
    if ours:
        with contextlib.suppress(UnknownClassificationError):
            code = DEFAULT_SCHEME.highest([code, DEFAULT_SCHEME.parse(ours).code]).code
    return code


@cache
def _kind_names() -> dict[str, EngagementKind]:
    names: dict[str, EngagementKind] = {}
    for kind in EngagementKind:
        names[_fold_kind(kind.value)] = kind
    names["demarche"] = EngagementKind.DEMARCHE
    return names


def _fold_kind(text: str) -> str:
    return re.sub(r"[\s\-_]+", "_", fold(text).strip())


def _kind(event: Event) -> EngagementKind:
    categories = event.get("CATEGORIES")
    if categories is None:
        return EngagementKind.BILATERAL_MEETING
    groups = categories if isinstance(categories, list) else [categories]
    for group in groups:
        for category in getattr(group, "cats", []):
            found = _kind_names().get(_fold_kind(str(category)))
            if found is not None:
                return found
    return EngagementKind.BILATERAL_MEETING
