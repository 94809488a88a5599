"""Calendar files for the ICS tests and benchmark: small hand-made ones and big generated ones."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from bilatdesk.exchange.ics.read import IcsRead, read_ics
from tests import paths

DATA = paths.DATA / "ics"
Q1 = (date(2026, 1, 1), date(2026, 3, 31))


def calendar(*events: str, head: str = "") -> bytes:
    """A VCALENDAR around the given VEVENT bodies (property lines, "\\n"-separated)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN"]
    if head:
        lines += head.strip().splitlines()
    for body in events:
        lines += ["BEGIN:VEVENT", *body.strip().splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def write_big_calendar(
    path: Path, count: int, *, first: date = date(2026, 1, 5), per_day: int = 8
) -> Path:
    """`count` Outlook-like single events (Windows zone, alarm, X- properties) from `first`
    on, `per_day` a day from 08:00, one in ten with two attendees; written line by line."""
    step = max(600 // per_day, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
            "VERSION:2.0\r\nMETHOD:PUBLISH\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n"
            "BEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;"
            "BYMONTH=10\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
            "BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;"
            "BYMONTH=3\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n"
            "END:VTIMEZONE\r\n"
        )
        for i in range(count):
            day = first + timedelta(days=i // per_day)
            minutes = 8 * 60 + (i % per_day) * step
            begins = f"{day:%Y%m%d}T{minutes // 60:02d}{minutes % 60:02d}00"
            later = minutes + 30
            ends = f"{day:%Y%m%d}T{later // 60:02d}{later % 60:02d}00"
            attendees = (
                f"ATTENDEE;CN=Guest {i};ROLE=REQ-PARTICIPANT:mailto:guest{i}@example.org\r\n"
                f"ATTENDEE;CN=Host {i};ROLE=CHAIR:mailto:host{i}@example.org\r\n"
                if i % 10 == 0
                else ""
            )
            out.write(
                "BEGIN:VEVENT\r\nCLASS:PUBLIC\r\nCREATED:20260101T000000Z\r\n"
                f"DESCRIPTION:Agenda item {i}\\nFollow-up on the economic commission\r\n"
                f'DTEND;TZID="W. Europe Standard Time":{ends}\r\n'
                "DTSTAMP:20260101T000000Z\r\n"
                f'DTSTART;TZID="W. Europe Standard Time":{begins}\r\n'
                f"LOCATION:Meeting room {i % 40}\r\nPRIORITY:5\r\nSEQUENCE:0\r\n"
                f"SUMMARY;LANGUAGE=en-gb:Meeting {i} with the Ministry of Foreign Affairs\r\n"
                f"UID:040000008200E00074C5B7101A82E008{i:032X}\r\n{attendees}"
                "X-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\nX-MICROSOFT-CDO-IMPORTANCE:1\r\n"
                "X-MS-OLK-CONFTYPE:0\r\nBEGIN:VALARM\r\nTRIGGER:-PT15M\r\nACTION:DISPLAY\r\n"
                "DESCRIPTION:Reminder\r\nEND:VALARM\r\nEND:VEVENT\r\n"
            )
        out.write("END:VCALENDAR\r\n")
    return path


def read_file(path: Path, window: tuple[date, date] = Q1, **options: object) -> IcsRead:
    """The events of a file in a window (the first quarter of 2026 unless told)."""
    return read_ics(path, window_start=window[0], window_end=window[1], **options)  # type: ignore[arg-type]


def write_file(tmp_path: Path, content: bytes, name: str = "cal.ics") -> Path:
    """The bytes written to a file in the test's folder."""
    path = tmp_path / name
    path.write_bytes(content)
    return path


def write_rdate_calendar(path: Path, events: int, dates: int, *, first: date) -> Path:
    """`events` events each listing `dates` extra days in one RDATE line, a day apart from
    `first` at 09:00 UTC (the shape of a booking system's export); written line by line."""
    with path.open("w", encoding="ascii", newline="") as out:
        out.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n")
        for i in range(events):
            days = ",".join(
                f"{first + timedelta(days=n):%Y%m%d}T090000Z" for n in range(1, dates + 1)
            )
            out.write(
                f"BEGIN:VEVENT\r\nUID:rdate-{i}\r\nDTSTART:{first:%Y%m%d}T090000Z\r\n"
                f"DTEND:{first:%Y%m%d}T100000Z\r\nRDATE:{days}\r\n"
                f"SUMMARY:Listed {i}\r\nEND:VEVENT\r\n"
            )
        out.write("END:VCALENDAR\r\n")
    return path


NEVER_RULES = (
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30",
    "FREQ=WEEKLY;UNTIL=20201231T000000Z",
    "FREQ=DAILY;COUNT=400",
)
"""Rules that give nothing in 2026 from a start in 2019: impossible days, ended, counted out."""


def write_never_calendar(path: Path, count: int) -> Path:
    """`count` repeating events whose rules (NEVER_RULES in turn) never occur in 2026."""
    with path.open("w", encoding="ascii", newline="") as out:
        out.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n")
        for i in range(count):
            rule = NEVER_RULES[i % len(NEVER_RULES)]
            out.write(
                f"BEGIN:VEVENT\r\nUID:never-{i}\r\nDTSTART;TZID=Europe/Vienna:20190102T100000\r\n"
                f"RRULE:{rule}\r\nSUMMARY:Never {i}\r\nEND:VEVENT\r\n"
            )
        out.write("END:VCALENDAR\r\n")
    return path
