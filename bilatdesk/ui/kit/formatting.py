"""Dates and times in the user's locale; moments in the time zone where they happen."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QLocale, QTime, QTimeZone

from bilatdesk.ui.kit.texts import tr


def local_zone_name() -> str:
    """The system's IANA zone name, or "UTC" when the system does not say."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def format_date(value: date | None) -> str:
    """A date as "5 Aug 2022", month named in the user's language ("" for none).

    Numeric short formats are ambiguous across the posts an embassy deals with (5/8 is May in
    one capital and August in the next); the printed documents use the same form.
    """
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def format_moment(value: datetime | None, zone_name: str = "") -> str:
    """A moment in its own zone with the zone's abbreviation, e.g. "Tue 24 Nov 2026 10:30 CET".

    An engagement happens somewhere: the time that matters is the local one there, so the
    clerk reads what the invitation said, whatever zone the laptop is in.
    """
    if value is None:
        return ""
    try:
        zone = ZoneInfo(zone_name) if zone_name else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    local = value.astimezone(zone)
    locale = QLocale()
    day = locale.toString(QDate(local.year, local.month, local.day), "ddd d MMM yyyy")
    clock = locale.toString(
        QTime(local.hour, local.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )
    return f"{day} {clock} {local.tzname() or ''}".rstrip()


def file_size_text(size: int) -> str:
    """Bytes as a person reads them: "812 bytes", "14.2 KB", "3.1 MB"."""
    if size < 1024:
        return tr("%1 bytes").replace("%1", str(size))
    if size < 1024 * 1024:
        return tr("%1 KB").replace("%1", f"{size / 1024:.1f}")
    return tr("%1 MB").replace("%1", f"{size / (1024 * 1024):.1f}")
