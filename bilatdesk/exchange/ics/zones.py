"""Time zones of a calendar file: TZID as IANA, Windows or vendor names, or the file's VTIMEZONE.

A TZID is read as an IANA name, else as a Windows name (Outlook's "W. Europe Standard Time",
by CLDR's table in icalendar), else as a "globally unique" /vendor/Area/City id, else from the
file's own VTIMEZONE; tzdata wins over a file's definition of a name it knows. A Windows name
becomes the floating zone when that keeps the same time, since CLDR names one city for many
("W. Europe" is Berlin, also for Vienna). icalendar caches a VTIMEZONE it does not know by its
TZID, process-wide; each file's own definitions are rebuilt here uncached, so a zone of one
file never leaks into another (MAX_ZONES bounds what the cache can gain per file).
"""

from __future__ import annotations

import os
import time as _time
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

from icalendar import Timezone
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

UTC_ZONE = ZoneInfo("UTC")


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
        if candidate and (known := known_zone(candidate)) is not None:
            return known
    return "UTC"


@cache
def _iana_names() -> frozenset[str]:
    return frozenset(available_timezones() - {"localtime", "Factory"})


def known_zone(name: str) -> str | None:
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
class Zone:
    """A resolved TZID: the tzinfo to compute with, and the name to keep."""

    tz: tzinfo
    name: str | None
    """The IANA name; None for a zone only the file defines."""


class Zones:
    """TZID → zone, once per file; a sentence for a zone that cannot be found."""

    def __init__(self, definitions: dict[str, bytes], floating: str) -> None:
        self.definitions = definitions
        self.floating = Zone(ZoneInfo(floating), floating)
        self.cache: dict[str, Zone | str] = {}

    def resolve(self, tzid: str) -> Zone | str:
        """The zone a TZID names, or the sentence refusing the events that use it."""
        if tzid not in self.cache:
            self.cache[tzid] = self._resolve(tzid)
        return self.cache[tzid]

    def _resolve(self, tzid: str) -> Zone | str:
        cleaned = tzid.strip().strip('"').strip()
        known = known_zone(cleaned)
        if known is None and "/" in cleaned:
            # The globally unique forms: "/Europe/Stockholm" (a leading slash alone) and
            # vendor prefixes ("/mozilla.org/20050126_1/Europe/Berlin",
            # "/softwarestudio.org/Olson_20011030_5/America/New_York"): the IANA name ends it.
            parts = [part for part in cleaned.split("/") if part]
            for first in range(len(parts)):
                if (candidate := "/".join(parts[first:])) in _iana_names():
                    known = candidate
                    break
        if known is not None:
            if cleaned not in _iana_names() and _same_offsets(known, self.floating.name):
                # CLDR maps a Windows name to one city ("W. Europe" → Berlin); the post's
                # own zone is the better name when it keeps the same time.
                return self.floating
            return Zone(ZoneInfo(known), known)
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
        return Zone(zone, None)


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
class When:
    """A DTSTART-like value: a wall-clock time (or a day) and the zone it is in."""

    wall: datetime
    zone: Zone
    all_day: bool

    def instant(self) -> datetime:
        """The UTC moment."""
        return instant(self.wall, self.zone.tz)

    def in_zone(self, zone: Zone) -> datetime:
        """The same moment as a wall-clock time of another zone (all-day values as they are)."""
        if self.all_day or zone is self.zone:
            return self.wall
        return self.instant().astimezone(zone.tz).replace(tzinfo=None)


def instant(wall: datetime, zone: tzinfo) -> datetime:
    """The UTC moment of a wall-clock time in a zone."""
    return wall.replace(tzinfo=zone).astimezone(UTC)
