"""Reading calendar files without a database: Outlook, Google, Apple, zones, windows, refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bilatdesk.domain.enums import EngagementKind, Side
from bilatdesk.exchange.ics.read import IcsError, IcsRead, ImportedEvent, default_window
from tests.exchange.ics.samples import DATA, calendar, read_file, write_file

VIENNA = ZoneInfo("Europe/Vienna")


def _by_title(read: IcsRead) -> dict[str, list[ImportedEvent]]:
    found: dict[str, list[ImportedEvent]] = {}
    for event in read.events:
        found.setdefault(event.title, []).append(event)
    return found


def _local(moment: datetime | None, zone: str) -> datetime:
    assert moment is not None
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def test_outlook_windows_zones_with_their_vtimezones() -> None:
    """Windows names (quoted TZIDs) give the right instants; alarms and X- lines are ignored."""
    read = read_file(DATA / "outlook.ics", (date(2026, 1, 1), date(2026, 4, 30)))
    events = _by_title(read)
    [meeting] = events["Meeting with the Director-General for Bilateral Affairs"]
    assert meeting.starts_at == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    assert meeting.time_zone == "Europe/Berlin"  # CLDR's city for "W. Europe Standard Time"
    assert meeting.place == "Federal Ministry, Minoritenplatz 8"
    assert meeting.agenda.startswith("Agenda:\n1. Review of the economic commission\n2. Visit")
    assert "Minister in May" in meeting.agenda  # the folded line is joined again
    [call] = events["Video call with the consulate in San Francisco"]
    assert call.time_zone == "America/Los_Angeles"
    assert call.starts_at == datetime(2026, 4, 2, 16, 0, tzinfo=UTC)  # 09:00 PDT
    assert call.classification == "R" and call.kind is EngagementKind.VIDEO_CALL
    assert "Reminder" not in "".join(e.agenda for e in read.events)


def test_windows_name_becomes_the_posts_zone_when_it_keeps_the_same_time() -> None:
    """With Vienna as the floating zone, "W. Europe Standard Time" events are kept in Vienna."""
    read = read_file(DATA / "outlook.ics", floating_zone="Europe/Vienna")
    zones = {e.time_zone for e in read.events if e.title.startswith("Meeting with")}
    assert zones == {"Europe/Vienna"}


def test_outlook_all_day_event_spans_its_day_in_the_floating_zone() -> None:
    """VALUE=DATE: from 00:00 to 00:00 the day after, in the zone the import was given."""
    read = read_file(DATA / "outlook.ics", floating_zone="Asia/Amman")
    [holiday] = _by_title(read)["Embassy closed (public holiday)"]
    assert holiday.all_day and holiday.time_zone == "Asia/Amman"
    assert _local(holiday.starts_at, "Asia/Amman") == datetime(2026, 3, 15)
    assert _local(holiday.ends_at, "Asia/Amman") == datetime(2026, 3, 16)


def test_weekly_rule_without_end_is_expanded_only_in_the_window() -> None:
    """A Tuesday meeting with no end: one engagement per Tuesday of the window, no more."""
    read = read_file(DATA / "outlook.ics", (date(2026, 1, 1), date(2026, 6, 30)))
    weekly = _by_title(read)["Heads of section meeting"]
    tuesdays = [
        date(2026, 1, 6) + timedelta(weeks=n)
        for n in range(60)
        if date(2026, 1, 6) + timedelta(weeks=n) <= date(2026, 6, 30)
    ]
    expected = [d for d in tuesdays if d not in (date(2026, 1, 13), date(2026, 1, 20))]
    days = sorted(_local(e.starts_at, e.time_zone).date() for e in weekly)
    assert days == expected
    # 09:00 local before and after the change to summer time (29 March).
    hours = {_local(e.starts_at, e.time_zone).hour for e in weekly}
    assert hours == {9}
    assert {e.key.rsplit("/", 1)[1] for e in weekly} >= {"20260106T080000Z", "20260331T070000Z"}


def test_exdate_removes_and_override_replaces_an_occurrence() -> None:
    """EXDATE drops 13 January; the override moves 20 January to 11:00 with its own title."""
    read = read_file(DATA / "outlook.ics")
    events = _by_title(read)
    days = {_local(e.starts_at, e.time_zone).date() for e in events["Heads of section meeting"]}
    assert date(2026, 1, 13) not in days and date(2026, 1, 20) not in days
    [moved] = events["Heads of section meeting (moved)"]
    assert _local(moved.starts_at, moved.time_zone) == datetime(2026, 1, 20, 11, 0)
    assert moved.key.endswith("/20260120T080000Z")  # the original occurrence's key


def test_google_utc_times_attendees_and_cancelled() -> None:
    """Z times kept exact and shown in X-WR-TIMEZONE; attendees by name; CANCELLED read."""
    read = read_file(DATA / "google.ics")
    events = _by_title(read)
    [lunch] = events["Working lunch: Jordan"]
    assert lunch.starts_at == datetime(2026, 3, 12, 11, 0, tzinfo=UTC)
    assert lunch.time_zone == "Europe/Vienna"
    assert lunch.kind is EngagementKind.WORKING_LUNCH
    assert lunch.participants == (
        ("Omar Al-Khatib", Side.THEIRS),
        ("desk@embassy.example", Side.THEIRS),
    )
    assert lunch.place == "Restaurant Zum Schwarzen Kameel, Bognergasse 5, 1010 Wien, Austria"
    [cancelled] = events["Call with the MFA protocol"]
    assert cancelled.cancelled
    [late] = events["Jour fixe with the trade section (late)"]
    assert _local(late.starts_at, "Europe/Vienna") == datetime(2026, 3, 16, 11, 0)
    weekly = events["Jour fixe with the trade section"]
    days = [_local(e.starts_at, "Europe/Vienna").date() for e in weekly]
    assert days == [date(2026, 3, 2), date(2026, 3, 23), date(2026, 3, 30)]
    [forum] = events["Economic forum"]
    assert forum.classification == "C" and forum.all_day
    assert forum.ends_at is not None and forum.starts_at is not None
    assert forum.ends_at - forum.starts_at == timedelta(days=2)


def test_apple_custom_vtimezone_floating_time_and_todo() -> None:
    """A zone only the file defines is converted exactly; floating times take the given zone."""
    read = read_file(
        DATA / "apple.ics", (date(2026, 3, 1), date(2026, 4, 30)), floating_zone="Asia/Amman"
    )
    events = _by_title(read)
    [call] = events["Courtesy call on the Minister of Planning"]
    assert call.starts_at == datetime(2026, 4, 14, 7, 0, tzinfo=UTC)  # 10:00 at +03:00
    assert call.time_zone == "Asia/Amman"  # the floating zone keeps the same time
    assert call.kind is EngagementKind.COURTESY_CALL
    assert call.place == "Ministry of Planning Amman"  # a place is one line
    [train] = events["Night train arrives (DST morning)"]
    assert train.starts_at == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 CEST
    [reception] = events["Reception at the residence (floating time)"]
    assert reception.time_zone == "Asia/Amman"
    assert _local(reception.starts_at, "Asia/Amman") == datetime(2026, 4, 20, 15, 0)
    assert read.problems == ["1 to-do in the file was not imported (only events are)."]


def test_custom_zone_that_differs_is_kept_in_utc_with_a_note() -> None:
    """When the floating zone keeps another time, the exact times are kept in UTC, said so."""
    read = read_file(DATA / "apple.ics", (date(2026, 3, 1), date(2026, 4, 30)), floating_zone="UTC")
    [call] = _by_title(read)["Courtesy call on the Minister of Planning"]
    assert call.starts_at == datetime(2026, 4, 14, 7, 0, tzinfo=UTC)
    assert call.time_zone == "UTC"
    assert any("defined only in the file" in note for note in call.notes)


def test_unknown_zone_and_30_february_refuse_only_their_event(tmp_path: Path) -> None:
    """An unknown TZID and a 30 February are refused with a sentence; the rest reads."""
    path = write_file(
        tmp_path,
        calendar(
            "UID:a\nDTSTART;TZID=Mars/Olympus_Mons:20260210T100000\nSUMMARY:On Mars",
            "UID:b\nDTSTART;TZID=Europe/Vienna:20260230T100000\nSUMMARY:Thirtieth of February",
            "UID:c\nDTSTART;TZID=/mozilla.org/20050126_1/Europe/Vienna:20260211T100000\n"
            "SUMMARY:Fine",
        ),
    )
    read = read_file(path)
    events = _by_title(read)
    [mars] = events["On Mars"]
    assert "'Mars/Olympus_Mons' is not a known IANA or Windows name" in mars.refusal
    [february] = events["Thirtieth of February"]
    assert february.refusal == "Its start '20260230T100000' is not a real date and time."
    [fine] = events["Fine"]
    assert not fine.refusal and fine.time_zone == "Europe/Vienna"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, I am not a calendar\r\n", "is not an iCalendar file"),
        (b"", "is empty"),
        (b"\x00\xff\xfe garbage" * 50, "is not an iCalendar file"),
        (calendar("UID:a\nDTSTART:20260101T100000Z\nSUMMARY:x")[:-30], "cut off"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "damaged at line 3"),
    ],
)
def test_broken_files_are_refused_whole(tmp_path: Path, content: bytes, message: str) -> None:
    """Not a calendar, empty, binary, cut off, mismatched: one sentence, nothing read."""
    with pytest.raises(IcsError, match=message) as raised:
        read_file(write_file(tmp_path, content))
    assert "Nothing was imported" in str(raised.value)


def test_expansion_beyond_the_cap_is_refused_whole(tmp_path: Path) -> None:
    """A few daily rules making more engagements than allowed refuse the file, not cut it."""
    rules = [
        f"UID:d{i}\nDTSTART:20260101T090000Z\nRRULE:FREQ=DAILY\nSUMMARY:Daily {i}" for i in range(3)
    ]
    with pytest.raises(IcsError, match="more than 200 engagements"):
        read_file(write_file(tmp_path, calendar(*rules)), max_events=200)


def test_each_rule_is_capped_with_a_problem_line(tmp_path: Path) -> None:
    """A daily rule gives at most `max_per_rule` engagements; the file's problems say so."""
    path = write_file(
        tmp_path, calendar("UID:d\nDTSTART:20260101T090000Z\nRRULE:FREQ=DAILY\nSUMMARY:Daily")
    )
    read = read_file(path, max_per_rule=10)
    assert len(read.events) == 10
    assert read.events[-1].starts_at == datetime(2026, 1, 10, 9, tzinfo=UTC)
    assert read.problems == [
        "'Daily' (line 4) repeats 90 times in the window; only the first 10 are imported."
    ]


def test_rules_that_never_occur_or_repeat_too_often_finish_fast(tmp_path: Path) -> None:
    """30 February yearly or daily, every minute, a 1900 start: bounded, each said or skipped."""
    bodies = [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
        "FREQ=MINUTELY",
        "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY;RSCALE=HEBREW",
    ]
    events = [
        f"UID:r{i}\nDTSTART;TZID=Europe/Vienna:20250101T100000\nRRULE:{rule}\nSUMMARY:{rule}"
        for i, rule in enumerate(bodies)
    ]
    events.append("UID:old\nDTSTART:19000101T100000Z\nRRULE:FREQ=DAILY\nSUMMARY:Since 1900")
    events.append(
        "UID:count\nDTSTART:19000101T100000Z\nRRULE:FREQ=DAILY;COUNT=999999999\nSUMMARY:Counted"
    )
    read = read_file(write_file(tmp_path, calendar(*events)))
    found = _by_title(read)
    for rule in bodies[:3]:
        assert rule not in found  # no occurrence, no refusal
    assert found["FREQ=MINUTELY"][0].refusal.startswith("It repeats every minute")
    assert found["FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"][0].refusal
    assert "cannot be read" in found["FREQ=WEEKLY;RSCALE=HEBREW"][0].refusal
    assert len(found["Since 1900"]) == 90 == len(found["Counted"])


def test_dateutil_guard_still_stops_a_rule_that_never_occurs() -> None:
    """The guard on dateutil's month walk works with the installed dateutil."""
    from icalendar import vRecur

    from bilatdesk.exchange.ics.recurrence import ExpansionBudget, expand_rule

    budget = ExpansionBudget(1_000_000)
    found = expand_rule(
        vRecur.from_ical("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"),
        start=datetime(2026, 1, 1, 9),
        zone=VIENNA,
        all_day=False,
        window=(datetime(2026, 1, 1), datetime(2026, 12, 31)),
        budget=budget,
    )
    assert found == []
    assert budget.total - budget.left < 200  # months walked, not days up to the year 9999


def test_expansion_budget_refuses_the_file(tmp_path: Path) -> None:
    """Rules costing more steps than the budget refuse the whole file with a sentence."""
    rules = [
        f"UID:c{i}\nDTSTART:19000101T090000Z\nRRULE:FREQ=DAILY;COUNT=99999999\nSUMMARY:C{i}"
        for i in range(5)
    ]
    with pytest.raises(IcsError, match="steps to expand"):
        read_file(write_file(tmp_path, calendar(*rules)), expansion_budget=100_000)


def test_window_leaves_out_single_events_outside_it(tmp_path: Path) -> None:
    """Single events before and after the window are counted, not read."""
    path = write_file(
        tmp_path,
        calendar(
            "UID:a\nDTSTART:20200101T100000Z\nSUMMARY:Long ago",
            "UID:b\nDTSTART:20260201T100000Z\nSUMMARY:Inside",
            "UID:c\nDTSTART;TZID=Nowhere/Zone:20300101T100000\nSUMMARY:Far ahead",
        ),
    )
    read = read_file(path)
    assert [e.title for e in read.events] == ["Inside"]
    assert read.skipped_outside_window == 2


def test_hostile_text_is_kept_with_notes(tmp_path: Path) -> None:
    """Control characters become U+FFFD; a 700-character title is shortened, kept in agenda."""
    long_title = "T" * 700
    path = write_file(
        tmp_path,
        calendar(
            "UID:a\nDTSTART:20260201T100000Z\nSUMMARY:=cmd|' /C calc'!A0 \\, ../../x\n"
            "DESCRIPTION:bell\x07here\\nمرحبا",
            f"UID:b\nDTSTART:20260202T100000Z\nSUMMARY:{long_title}",
        ),
    )
    read = read_file(path)
    first, second = read.events
    assert first.title == "=cmd|' /C calc'!A0 , ../../x"
    assert first.agenda == "bell\N{REPLACEMENT CHARACTER}here\nمرحبا"
    assert any("control characters" in note for note in first.notes)
    assert len(second.title) == 500 and second.agenda.startswith(long_title)


def test_default_window_is_a_year_back_and_two_ahead() -> None:
    """Today −1 year … today +2 years, 29 February handled."""
    assert default_window(date(2026, 11, 22)) == (date(2025, 11, 22), date(2028, 11, 22))
    assert default_window(date(2028, 2, 29)) == (date(2027, 2, 28), date(2030, 2, 28))


def test_a_disguised_title_is_cleaned_and_said(tmp_path: Path) -> None:
    """A direction override leaves the title with a note; a Persian ZWNJ stays."""
    path = write_file(
        tmp_path,
        calendar(
            "UID:a\nDTSTART:20260201T100000Z\nSUMMARY:Call \u202eevil\n"
            "LOCATION:\u0645\u06cc\u200c\u062e",
        ),
    )
    (event,) = read_file(path).events
    assert event.title == "Call evil"
    assert event.place == "\u0645\u06cc\u200c\u062e"
    assert any("direction override (U+202E)" in note for note in event.notes)
