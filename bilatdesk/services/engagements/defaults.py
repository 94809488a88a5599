"""Sensible defaults for a new engagement: the country's time zone and its next working day."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

# Most of the world rests on Saturday and Sunday; these states rest on other days (weekday
# numbers as date.weekday(): Monday 0 ... Sunday 6). Government offices are what matters for
# an appointment, so this follows their working week.
_FRIDAY_SATURDAY = frozenset(
    {"BH", "DZ", "EG", "IL", "IQ", "JO", "KW", "LY", "OM", "QA", "SA", "SD", "SY", "YE"}
)
_THURSDAY_FRIDAY = frozenset({"AF", "IR"})
_SYSTEM_ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")
# The capital's zone in countries with several, where the first one tzdata lists (or the one
# it marks as covering "most") is elsewhere or follows other rules.
_CAPITAL_ZONES = {
    "AR": "America/Argentina/Buenos_Aires",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "FM": "Pacific/Pohnpei",
    "MX": "America/Mexico_City",
    "PS": "Asia/Hebron",
    "RU": "Europe/Moscow",
    "UZ": "Asia/Tashkent",
}


def weekend_days(iso_code: str) -> frozenset[int]:
    """The days a country's offices are closed each week (date.weekday() numbers)."""
    code = iso_code.upper()
    if code in _FRIDAY_SATURDAY:
        return frozenset({4, 5})
    if code in _THURSDAY_FRIDAY:
        return frozenset({3, 4})
    return frozenset({5, 6})


def next_working_day(after: date, iso_code: str = "") -> date:
    """The first day after `after` on which the country's offices are open."""
    closed = weekend_days(iso_code)
    day = after + timedelta(days=1)
    while day.weekday() in closed:
        day += timedelta(days=1)
    return day


@cache
def _zone_table() -> tuple[tuple[str, str, str], ...]:
    """(country code, zone, comment) rows of the IANA zone.tab, from tzdata or the system."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        try:
            text = _SYSTEM_ZONE_TAB.read_text("utf-8")
        except OSError:
            return ()
    rows = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append((parts[0], parts[2], parts[3] if len(parts) > 3 else ""))
    return tuple(rows)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii()).casefold().replace(" ", "_")


def country_time_zone(iso_code: str, capital: str = "") -> str | None:
    """The IANA zone a meeting in this country most likely keeps, or None when unknown.

    A country with one zone has its answer; with several, the zone named after the capital,
    else the one tzdata marks as covering "most" of the country, else the first listed.
    """
    code = iso_code.upper()
    zones = [(zone, comment) for row_code, zone, comment in _zone_table() if row_code == code]
    if not zones:
        return None
    if code in _CAPITAL_ZONES:
        return _CAPITAL_ZONES[code]
    if capital:
        wanted = _plain(capital)
        for zone, _comment in zones:
            if _plain(zone.rsplit("/", 1)[-1]) == wanted:
                return zone
    for zone, comment in zones:
        if "most" in comment.casefold():
            return zone
    return zones[0][0]
