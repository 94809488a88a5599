"""Writing calendars without a database: EngagementOut and NationalDayOut in, RFC 5545 bytes out."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bilatdesk.domain.classification import DEFAULT_SCHEME
from bilatdesk.domain.labels import engagement_kind_label
from bilatdesk.exchange.ics.read import read_ics
from bilatdesk.exchange.ics.write import (
    AttendeeOut,
    CalendarWritten,
    EngagementOut,
    NationalDayOut,
    ical_class,
    write_calendar,
)

VIENNA = ZoneInfo("Europe/Vienna")
STAMP = datetime(2026, 5, 1, 8, 30, tzinfo=UTC)


def _engagements() -> list[EngagementOut]:
    """A Vienna meeting with two attendees, and a restricted call kept in UTC."""
    return [
        EngagementOut(
            uid="7f0c",
            updated_at=STAMP,
            title="Talks on; the, commission",
            kind="courtesy_call",
            starts_at=datetime(2026, 3, 10, 9, tzinfo=VIENNA),
            ends_at=datetime(2026, 3, 10, 10, tzinfo=VIENNA),
            time_zone="Europe/Vienna",
            classification="U",
            place="Minoritenplatz 8",
            agenda="1. Trade\n2. Visits",
            attendees=(
                AttendeeOut("Dr Zoë Müller", "theirs", "mailto:zoe@example.org"),
                AttendeeOut("", "ours", "urn:uuid:5d0c3a2b-1e4f-4a6b-8c9d-0e1f2a3b4c5d"),
            ),
        ),
        EngagementOut(
            uid="8a1d",
            updated_at=STAMP,
            title="Call",
            kind="video_call",
            starts_at=datetime(2026, 3, 11, 15, tzinfo=UTC),
            ends_at=None,
            time_zone="UTC",
            classification="R",
        ),
    ]


def _write(**options: object) -> tuple[bytes, CalendarWritten]:
    out = io.BytesIO()
    values: dict[str, object] = {
        "scheme": DEFAULT_SCHEME,
        "zones": ["Europe/Vienna"],
        "first": date(2026, 3, 1),
        "last": date(2026, 3, 31),
        "engagements": _engagements(),
        "national_days": [NationalDayOut("AT", "Austria", 10, 26, STAMP)],
        "year": 2026,
    }
    values.update(options)
    written = write_calendar(out, **values)  # type: ignore[arg-type]
    return out.getvalue(), written


def test_records_become_one_calendar_that_icalendar_reads() -> None:
    """One VCALENDAR, a VTIMEZONE per zone, a VEVENT per record; the counts are returned."""
    data, written = _write()
    assert written == CalendarWritten(engagements=2, national_days=1)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    calendar = Calendar.from_ical(data)
    assert [z["TZID"] for z in calendar.walk("VTIMEZONE")] == ["Europe/Vienna"]
    meeting, call, national = calendar.walk("VEVENT")
    assert meeting["DTSTART"].dt == datetime(2026, 3, 10, 9, tzinfo=VIENNA)
    assert meeting["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert str(meeting["SUMMARY"]) == "Talks on; the, commission"
    assert str(meeting["CLASS"]) == "PUBLIC" and str(call["CLASS"]) == "PRIVATE"
    assert str(call["X-BILATDESK-CLASSIFICATION"]) == "R"
    assert call["DTSTART"].dt == datetime(2026, 3, 11, 15, tzinfo=UTC)
    attendees = meeting["ATTENDEE"]
    assert [str(a) for a in attendees] == [
        "mailto:zoe@example.org",
        "urn:uuid:5d0c3a2b-1e4f-4a6b-8c9d-0e1f2a3b4c5d",
    ]
    assert attendees[0].params["CN"] == "Dr Zoë Müller" and "CN" not in attendees[1].params
    assert national["DTSTART"].dt == date(2026, 10, 26)
    assert national["RRULE"]["FREQ"] == ["YEARLY"]


def test_our_reader_reads_the_calendar_back(tmp_path: Path) -> None:
    """read_ics gives back times, zone, kind, classification, place, agenda and attendees."""
    data, _ = _write(national_days=[])
    path = tmp_path / "out.ics"
    path.write_bytes(data)
    read = read_ics(path, window_start=date(2026, 3, 1), window_end=date(2026, 3, 31))
    meeting, call = sorted(read.events, key=lambda e: e.title, reverse=True)
    assert meeting.starts_at == datetime(2026, 3, 10, 8, tzinfo=UTC)
    assert meeting.time_zone == "Europe/Vienna"
    assert (meeting.kind.value, meeting.classification) == ("courtesy_call", "U")
    assert (meeting.place, meeting.agenda) == ("Minoritenplatz 8", "1. Trade\n2. Visits")
    assert [(name, str(side)) for name, side in meeting.participants] == [
        ("Dr Zoë Müller", "theirs"),
        ("urn:uuid:5d0c3a2b-1e4f-4a6b-8c9d-0e1f2a3b4c5d", "ours"),  # no CN: the address
    ]
    assert (call.classification, call.kind.value) == ("R", "video_call")


def test_same_records_give_the_same_bytes() -> None:
    """DTSTAMP is the last change, so writing twice gives identical files."""
    assert _write()[0] == _write()[0]


def test_29_february_and_an_impossible_national_day() -> None:
    """29 February recurs on the last day of February from the next leap year; 31 April is
    left out and not counted."""
    days = [
        NationalDayOut("XA", "Leap", 2, 29, STAMP),
        NationalDayOut("XB", "Nowhere", 4, 31, STAMP),
    ]
    data, written = _write(engagements=[], zones=[], national_days=days, year=2026)
    assert written == CalendarWritten(engagements=0, national_days=1)
    [leap] = Calendar.from_ical(data).walk("VEVENT")
    assert leap["DTSTART"].dt == date(2028, 2, 29)
    assert leap["RRULE"]["BYMONTHDAY"] == [-1]


def test_class_and_kind_words() -> None:
    """U → PUBLIC, R → PRIVATE, C and above → CONFIDENTIAL; kinds read as words."""
    assert [ical_class(DEFAULT_SCHEME, code) for code in DEFAULT_SCHEME.codes] == [
        "PUBLIC",
        "PRIVATE",
        "CONFIDENTIAL",
        "CONFIDENTIAL",
        "CONFIDENTIAL",
    ]
    assert engagement_kind_label("courtesy_call") == "Courtesy call"
    assert engagement_kind_label("demarche") == "Démarche"
