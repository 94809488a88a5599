"""Reading a calendar file (RFC 5545, as Outlook, Google and Apple write them) into events.

Nothing here touches the database: `read_ics` turns the file into ImportedEvents (one per
engagement-to-be), and ics_import writes them.

What refuses the whole file (IcsError; nothing is imported): what the scanner refuses (scan.py:
too large, not iCalendar, damaged, too many events or zones); more than `max_events`
engagements once recurring events are expanded; repeat rules needing more than
EXPANSION_BUDGET steps to expand.

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
- Time zones: a TZID is resolved as zones.py says. Times in a zone only the file defines are
  converted exactly and kept in the floating zone when its offsets agree, else in UTC (a note
  says so).
- Floating times (no zone) and all-day events are read in the calendar's X-WR-TIMEZONE when it
  is a known zone, else in `floating_zone` (the CLI and the dialog pass the zone of the country
  the events go to, else UTC). Times given in UTC ("Z") are shown in that zone too. An all-day
  event runs from 00:00 of its first day to 00:00 after its last (DTEND is exclusive); without
  DTEND it lasts one day.
- Titles, places, agendas, CLASS, CATEGORIES and ATTENDEE are read as properties.py says.

The scanner (scan.py) splits the file into its components first; icalendar then parses each
event alone, and what is needed is kept as plain values.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

from icalendar import Event, vRecur

from bilatdesk.domain.enums import EngagementKind, Side
from bilatdesk.exchange.errors import ImportCancelledError
from bilatdesk.exchange.ics.listed import read_listed
from bilatdesk.exchange.ics.properties import event_texts, text_of
from bilatdesk.exchange.ics.recurrence import BudgetSpentError, ExpansionBudget, expand_rule
from bilatdesk.exchange.ics.scan import (
    MAX_BYTES,
    MAX_EVENTS,
    IcsError,
    Raw,
    Scanned,
    property_name,
    scan_file,
)
from bilatdesk.exchange.ics.zones import (
    UTC_ZONE,
    When,
    Zone,
    Zones,
    instant,
    known_zone,
    local_text,
    local_zone,
)

__all__ = [
    "MAX_BYTES",
    "MAX_EVENTS",
    "IcsError",
    "IcsRead",
    "ImportedEvent",
    "default_window",
    "local_text",
    "local_zone",
    "read_ics",
]

MAX_PER_RULE = 5_000
EXPANSION_BUDGET = 3_000_000
"""Steps (occurrences produced, months walked) all the file's rules may take together."""
PROGRESS_EVERY = 500
KEY_MAX = 255


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
    scanned = scan_file(path, max_events=max_events, max_bytes=max_bytes)
    floating = known_zone(scanned.calendar_zone) or known_zone(floating_zone) or "UTC"
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
    start: When | None = None
    end: When | None = None
    duration: timedelta | None = None
    rid: When | None = None
    rules: list[vRecur] = field(default_factory=list)
    rdates: list[When] = field(default_factory=list)
    exdates: list[When] = field(default_factory=list)
    refusal: str = ""
    notes: list[str] = field(default_factory=list)


def _rid_key(when: When) -> str:
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
        scanned: Scanned,
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
        self.zones = Zones(scanned.zones, floating)
        self.floating = self.zones.floating
        self.max_events, self.max_per_rule = max_events, max_per_rule
        self.budget = budget
        # RDATE days this near the window may fall in it in some zone; the rest are not read.
        self.near = (window[0] - timedelta(days=2), window[1] + timedelta(days=2))
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
            raws[index] = Raw(raw.line, [])  # the bytes are no longer needed
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
    def _clearly_outside(self, raw: Raw) -> bool:
        """A single event starting days away from the window: counted, not parsed.

        Most of a calendar kept for years lies outside the window, and parsing is what costs;
        a glance at DTSTART's date suffices. Repeating events and overrides (which may hide an
        occurrence inside the window) are always parsed, and so is anything unclear.
        """
        start = b""
        for line in raw.lines:
            name = property_name(line)
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

    def _parse(self, raw: Raw) -> _Parsed:
        # RDATE and EXDATE lists are read here (listed.py), never by icalendar: they can be long.
        listed = [line for line in raw.lines if property_name(line) in ("RDATE", "EXDATE")]
        lines = [line for line in raw.lines if property_name(line) not in ("RDATE", "EXDATE")]
        text = b"BEGIN:VEVENT\r\n" + b"\r\n".join(lines) + b"\r\nEND:VEVENT\r\n"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                event = cast(Event, Event.from_ical(text))
        except Exception as exc:  # icalendar's faults are many; each refuses the event
            return _Parsed(raw.line, "", refusal=f"The event cannot be read ({_short(exc)}).")
        broken = {str(name).upper(): message for name, message in event.errors if name}
        item = _Parsed(raw.line, text_of(event.get("UID")))
        texts = event_texts(event)
        item.title, item.place, item.agenda = texts.title, texts.place, texts.agenda
        item.classification, item.kind = texts.classification, texts.kind
        item.cancelled, item.participants = texts.cancelled, texts.participants
        item.notes.extend(texts.notes)
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "DURATION", "RRULE"):
            if name in broken:
                item.refusal = _broken_sentence(name, _raw_value(raw.lines, name))
                return item
        try:
            self._times(item, event)
            self._listed(item, listed)
        except ValueError as exc:
            item.refusal = str(exc)
        return item

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

    def _listed(self, item: _Parsed, lines: list[bytes]) -> None:
        """The RDATE and EXDATE days near the window, each kept one charged to the budget."""
        unread: set[str] = set()
        for line in lines:
            name = property_name(line)
            listed = read_listed(line, self.near)
            for moment in listed.values:
                if moment is None:
                    unread.add(name)
                    continue
                self.budget.spend()
                target = item.rdates if name == "RDATE" else item.exdates
                target.append(self._when_of(moment, listed.tzid))
        item.notes.extend(
            f"Its {name} could not be read and was left out." for name in sorted(unread)
        )

    def _when(self, prop: Any) -> When:
        value = getattr(prop, "dt", None)
        if not isinstance(value, date):
            raise ValueError("A date of the event cannot be read.")
        return self._when_of(value, prop.params.get("TZID"))

    def _when_of(self, value: date, tzid: str | None) -> When:
        if not isinstance(value, datetime):
            return When(datetime.combine(value, time()), self.floating, True)
        if tzid:
            zone = self.zones.resolve(str(tzid))
            if isinstance(zone, str):
                raise ValueError(zone)
            return When(value.replace(tzinfo=None), zone, False)
        if value.tzinfo is not None:
            utc = value.astimezone(UTC).replace(tzinfo=None)
            return When(utc, Zone(UTC_ZONE, "UTC"), False)
        return When(value, self.floating, False)

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
            rid = _rid_key(When(moment, zone, all_day))
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
        starts_at = instant(wall, zone.tz)
        ends_at = instant(wall + span, zone.tz) if span is not None else None
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

    def _equivalent(self, zone: Zone, moment: datetime, notes: list[str]) -> str:
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


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _raw_value(lines: list[bytes], name: str) -> str:
    for line in lines:
        if property_name(line) == name and b":" in line:
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
