"""Scanning a calendar file: unfolding its lines, splitting it into components, size limits.

The file is first split into its components by a line scanner that unfolds lines and keeps only
the properties the reader needs (_KEEP); icalendar then parses each event alone. So memory
stays in proportion to the file (whose size is capped), and Outlook's many X- properties and
alarms cost nothing.

What refuses the whole file here (IcsError; nothing is imported): larger than `max_bytes`
(checked before anything is parsed); not an iCalendar file; a damaged structure (an END
without its BEGIN, cut off in the middle); more than `max_events` VEVENTs; more than
MAX_ZONES time zone definitions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from bilatdesk.exchange.encodings import readable_lines
from bilatdesk.exchange.errors import FormatError

MAX_BYTES = 50 * 1024 * 1024
MAX_EVENTS = 100_000
MAX_ZONES = 100

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


# Properties whose value is a date, time, duration or rule: spaces around the value and the
# parameters mean nothing there ("DTEND: 20260101T100000", as one CRM writes it).
_TIMES = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"})


def _tidy(line: bytes) -> bytes:
    """A time property without spaces around its value, parameters and their "="."""
    head, colon, value = line.partition(b":")
    if not colon or b'"' in head:
        return line
    parts = [part.strip() for part in head.split(b";")]
    params = [b"=".join(piece.strip() for piece in part.split(b"=", 1)) for part in parts[1:]]
    return b";".join([parts[0], *params]) + b":" + value.strip()


class IcsError(FormatError):
    """The whole file is refused; the sentence says why. Nothing was imported."""


def scan_file(path: Path, *, max_events: int = MAX_EVENTS, max_bytes: int = MAX_BYTES) -> Scanned:
    """The file's VEVENTs and VTIMEZONEs; IcsError when it is too large or damaged.

    The size is checked before anything is parsed.
    """
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
    with path.open("rb") as raw:
        # UTF-16 and UTF-32 (Windows' "Unicode") and CR CR LF or CR line ends read as UTF-8
        # lines ending in LF; what cannot be decoded refuses the file by its real cause.
        stream, recoded = readable_lines(raw)
        scanned = _Scanner(path.name, max_events).scan(stream)
    if recoded is not None and recoded.problem:
        raise IcsError(f"{recoded.problem} Nothing was imported.")
    return scanned


@dataclass
class Raw:
    """One VEVENT's kept content lines, unfolded, and the line where it begins."""

    line: int
    lines: list[bytes]


@dataclass
class Scanned:
    """The file split up: its events, its own zone definitions by TZID, what was ignored."""

    events: list[Raw]
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


def property_name(line: bytes) -> str:
    """A content line's property name, upper-case ("DTSTART" of "DTSTART;TZID=...:...")."""
    head = line.split(b":", 1)[0].split(b";", 1)[0]
    return head.strip().upper().decode("ascii", "replace")


class _Scanner:
    """Splits the file into its VEVENTs and VTIMEZONEs; IcsError for a damaged structure."""

    def __init__(self, file_name: str, max_events: int) -> None:
        self.file_name, self.max_events = file_name, max_events
        self.found = Scanned([], {}, "", {})
        self.stack: list[str] = []
        self.seen_calendar = False
        self.event: Raw | None = None
        self.zone_lines: list[bytes] | None = None

    def scan(self, stream: BinaryIO) -> Scanned:
        for number, line in _logical_lines(stream):
            if not line.strip():
                continue
            name = property_name(line)
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
            self.event = Raw(number, [])
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
            self.event.lines.append(_tidy(line) if name in _TIMES else line)
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
            if property_name(line) == "TZID" and b":" in line:
                zones.setdefault(_value(line), b"\r\n".join(lines) + b"\r\n")
                return


def _component(line: bytes) -> str:
    """The component a BEGIN or END line names, upper-case."""
    return line.split(b":", 1)[1].strip().upper().decode("ascii", "replace") if b":" in line else ""


def _value(line: bytes) -> str:
    """A content line's value as text."""
    return line.split(b":", 1)[1].strip().decode("utf-8", "replace") if b":" in line else ""
