"""ICS export: read back with icalendar, local times in their zones, ceiling, national days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event
from icalendar.timezone import tzp

from bilatdesk.domain import EngagementKind, Side
from bilatdesk.services.calendar_io.exporting import export_ics
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import (
    EngagementInput,
    EngagementService,
    ParticipantInput,
)
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database

VIENNA = ZoneInfo("Europe/Vienna")
AMMAN = ZoneInfo("Asia/Amman")


@dataclass(frozen=True)
class Seeded:
    austria: int
    jordan: int
    ids: dict[str, int]


def _seed(db: Database) -> Seeded:
    countries = CountryService(db)
    austria = countries.create(
        CountryInput("AT", "Austria", national_day=(10, 26), capital="Vienna")
    ).id
    jordan = countries.create(CountryInput("JO", "Jordan", national_day=(5, 25))).id
    countries.create(CountryInput("FR", "Elsewhere", accredited=False, national_day=(1, 1)))
    people = PersonService(db)
    known = people.create(
        PersonInput(given_name="Omar", family_name="Al-Khatib", emails=("omar@mfa.example",))
    ).id
    secret_person = people.create(
        PersonInput(given_name="Hidden", family_name="Source", classification="S")
    ).id
    service = EngagementService(db)
    ids: dict[str, int] = {}

    def add(name: str, start: datetime, **more: object) -> None:
        data = EngagementInput(
            title=name,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            **more,  # type: ignore[arg-type]
        )
        ids[name] = service.create(data).id

    # 29 March 2026: Vienna moves to summer time at 02:00; 03:30 is then UTC+2.
    add(
        "After the clocks change",
        datetime(2026, 3, 29, 3, 30, tzinfo=VIENNA),
        time_zone="Europe/Vienna",
        country_id=austria,
        agenda="Line one\nLine two; with, punctuation",
        place="Ballhausplatz 2, Vienna",
        participants=(
            ParticipantInput(known, side=Side.THEIRS),
            ParticipantInput(None, 'Interpreter "Ana"', Side.OURS, "interpreter"),
            ParticipantInput(secret_person, side=Side.THEIRS),
        ),
    )
    add(
        "Before the clocks change",
        datetime(2026, 3, 28, 10, 0, tzinfo=VIENNA),
        time_zone="Europe/Vienna",
        country_id=austria,
    )
    add(
        "Restricted talk",
        datetime(2026, 4, 2, 9, 0, tzinfo=AMMAN),
        time_zone="Asia/Amman",
        country_id=jordan,
        classification="R",
    )
    add(
        "Confidential talk",
        datetime(2026, 4, 3, 9, 0, tzinfo=AMMAN),
        time_zone="Asia/Amman",
        country_id=jordan,
        classification="C",
    )
    add(
        "Secret talk",
        datetime(2026, 4, 4, 9, 0, tzinfo=AMMAN),
        time_zone="Asia/Amman",
        country_id=jordan,
        classification="S",
    )
    add("Kept in UTC", datetime(2026, 5, 1, 12, 0, tzinfo=UTC), time_zone="UTC")
    add(
        "Next year",
        datetime(2027, 2, 1, 10, 0, tzinfo=VIENNA),
        time_zone="Europe/Vienna",
        country_id=austria,
    )
    return Seeded(austria, jordan, ids)


def _read(path: Path) -> tuple[Calendar, dict[str, Event]]:
    calendar = Calendar.from_ical(path.read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    return calendar, events


def test_every_engagement_reads_back_with_its_local_time(
    database: Database, tmp_path: Path
) -> None:
    """Without a ceiling every engagement is there, at its local time in its own zone."""
    seeded = _seed(database)
    out = tmp_path / "all.ics"
    result = export_ics(database, out, ceiling=None)
    assert (result.engagements, result.withheld) == (len(seeded.ids), 0)
    _, events = _read(out)
    service = EngagementService(database)
    for title, engagement_id in seeded.ids.items():
        stored = service.get(engagement_id).data
        event = events[title]
        start = event["DTSTART"].dt
        assert start == stored.starts_at  # the same moment
        if stored.time_zone == "UTC":
            assert start.utcoffset() == timedelta(0)
            assert "TZID" not in event["DTSTART"].params
        else:
            assert event["DTSTART"].params["TZID"] == stored.time_zone
            local = stored.starts_at.astimezone(ZoneInfo(stored.time_zone))
            assert start.replace(tzinfo=None) == local.replace(tzinfo=None)
        assert event["DTEND"].dt == stored.ends_at
    after = events["After the clocks change"]["DTSTART"].dt
    assert (after.hour, after.minute, after.utcoffset()) == (3, 30, timedelta(hours=2))
    before = events["Before the clocks change"]["DTSTART"].dt
    assert before.utcoffset() == timedelta(hours=1)


def test_each_tzid_has_a_vtimezone_that_agrees_with_tzdata(
    database: Database, tmp_path: Path
) -> None:
    """One VTIMEZONE per zone used; read on its own it gives tzdata's offsets around DST."""
    _seed(database)
    out = tmp_path / "zones.ics"
    export_ics(database, out, ceiling=None)
    calendar, _ = _read(out)
    used = {
        str(e["DTSTART"].params["TZID"])
        for e in calendar.walk("VEVENT")
        if "TZID" in e["DTSTART"].params
    }
    defined = {str(tz["TZID"]): tz for tz in calendar.walk("VTIMEZONE")}
    assert used == set(defined) == {"Europe/Vienna", "Asia/Amman"}
    vienna = tzp.create_timezone(defined["Europe/Vienna"])
    for hour in (0, 1, 3, 4, 12, 23):
        wall = datetime(2026, 3, 29, hour, 30)
        expected = wall.replace(tzinfo=VIENNA).utcoffset()
        assert wall.replace(tzinfo=vienna).utcoffset() == expected, hour
    for moment in (datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12), datetime(2026, 11, 2)):
        assert (
            moment.replace(tzinfo=vienna).utcoffset() == moment.replace(tzinfo=VIENNA).utcoffset()
        )


def test_default_ceiling_lets_only_unclassified_leave(database: Database, tmp_path: Path) -> None:
    """Without --ceiling nothing classified leaves; the others are counted as withheld."""
    seeded = _seed(database)
    out = tmp_path / "u.ics"
    result = export_ics(database, out)
    _, events = _read(out)
    assert "Restricted talk" not in events and "Secret talk" not in events
    assert result.withheld == 3
    assert result.engagements == len(seeded.ids) - 3
    text = out.read_text("utf-8")
    for word in ("Restricted", "Confidential", "Secret", "Hidden Source"):
        assert word not in text


def test_class_mapping_and_nothing_above_the_ceiling(database: Database, tmp_path: Path) -> None:
    """U → PUBLIC, R → PRIVATE, C → CONFIDENTIAL; a C ceiling keeps the S talk out."""
    _seed(database)
    out = tmp_path / "c.ics"
    result = export_ics(database, out, ceiling="C")
    _, events = _read(out)
    assert str(events["Before the clocks change"]["CLASS"]) == "PUBLIC"
    assert str(events["Restricted talk"]["CLASS"]) == "PRIVATE"
    assert str(events["Confidential talk"]["CLASS"]) == "CONFIDENTIAL"
    assert str(events["Confidential talk"]["X-BILATDESK-CLASSIFICATION"]) == "C"
    assert "Secret talk" not in events
    assert result.withheld == 1


def test_ceiling_by_name_and_unknown_ceiling(database: Database, tmp_path: Path) -> None:
    """The ceiling may be a name or portion mark; an unknown one is refused in a sentence."""
    _seed(database)
    result = export_ics(database, tmp_path / "r.ics", ceiling="restricted")
    assert result.withheld == 2
    with pytest.raises(ServiceError, match="ceiling"):
        export_ics(database, tmp_path / "x.ics", ceiling="SUPER SECRET")
    assert not (tmp_path / "x.ics").exists()


def test_participants_places_and_agenda(database: Database, tmp_path: Path) -> None:
    """ATTENDEE with CN, mailto only for a known e-mail; a secret person's record stays out."""
    _seed(database)
    out = tmp_path / "p.ics"
    export_ics(database, out, ceiling="C")
    _, events = _read(out)
    event = events["After the clocks change"]
    attendees = event["ATTENDEE"]
    shown = [(str(a.params["CN"]), str(a)) for a in attendees]
    assert shown[0] == ("Omar Al-Khatib", "mailto:omar@mfa.example")
    assert shown[1][0] == 'Interpreter "Ana"' and shown[1][1].startswith("urn:uuid:")
    assert len(shown) == 2  # the SECRET person's record is above the ceiling
    assert [str(a.params["X-BILATDESK-SIDE"]) for a in attendees] == ["theirs", "ours"]
    assert str(event["LOCATION"]) == "Ballhausplatz 2, Vienna"
    assert str(event["DESCRIPTION"]) == "Line one\nLine two; with, punctuation"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Bilateral meeting"]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["UID"]).endswith("@bilatdesk")
    assert "DTSTAMP" in event


def test_national_days_are_yearly_all_day_events(database: Database, tmp_path: Path) -> None:
    """Accredited countries' national days: all-day, RRULE yearly, from the start year."""
    _seed(database)
    out = tmp_path / "n.ics"
    result = export_ics(database, out, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert result.national_days == 2  # not the country we are not accredited to
    _, events = _read(out)
    austria = events["National Day: Austria"]
    assert austria["DTSTART"].dt == date(2026, 10, 26)
    assert austria["DTEND"].dt == date(2026, 10, 27)
    assert austria["RRULE"]["FREQ"] == ["YEARLY"]
    assert str(austria["CLASS"]) == "PUBLIC"
    assert "National Day: Elsewhere" not in events


def test_country_and_days_narrow_the_export(database: Database, tmp_path: Path) -> None:
    """--country and --from/--to pick by the local start day; the rest is not in the file."""
    seeded = _seed(database)
    out = tmp_path / "at.ics"
    result = export_ics(
        database,
        out,
        country_id=seeded.austria,
        start=date(2026, 3, 29),
        end=date(2026, 12, 31),
        ceiling="TS",
    )
    _, events = _read(out)
    titles = {t for t in events if not t.startswith("National")}
    assert titles == {"After the clocks change"}
    assert result.national_days == 1 and "National Day: Austria" in events
    # 28 March 23:30 in Vienna is already the 29th in Amman, but the day is the local one.
    assert result.engagements == 1


def test_same_data_gives_the_same_bytes(database: Database, tmp_path: Path) -> None:
    """Two exports of the same data are byte for byte the same; CRLF line ends."""
    _seed(database)
    first, second = tmp_path / "1.ics", tmp_path / "2.ics"
    export_ics(database, first, start=date(2026, 1, 1), ceiling="TS")
    export_ics(database, second, start=date(2026, 1, 1), ceiling="TS")
    assert first.read_bytes() == second.read_bytes()
    assert b"\r\n" in first.read_bytes() and b"\n\n" not in first.read_bytes()


def test_a_failed_write_leaves_the_old_file(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault in the middle of writing leaves the previous file whole and no temporary."""
    _seed(database)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "keep.ics"
    out.write_bytes(b"old calendar")
    import bilatdesk.exchange.ics.write as module

    def broken(*_args: object, **_kwargs: object) -> Event:
        raise OSError("disk full")

    monkeypatch.setattr(module, "engagement_event", broken)
    with pytest.raises(OSError, match="disk full"):
        export_ics(database, out, ceiling=None)
    assert out.read_bytes() == b"old calendar"
    assert [p.name for p in folder.iterdir()] == ["keep.ics"]


def test_hostile_text_survives_the_round_trip(database: Database, tmp_path: Path) -> None:
    """Formula starts, right-to-left text, path tricks and long text come back literally."""
    titles = ["=cmd|' /C calc'!A0", "مرحبا بالعالم \u200fabc", "../../etc/passwd", "x" * 500]
    service = EngagementService(database)
    start = datetime(2026, 6, 1, 9, tzinfo=UTC)
    for title in titles:
        service.create(EngagementInput(title=title, starts_at=start, agenda="y" * 10_000 + "\\;,:"))
    out = tmp_path / "h.ics"
    export_ics(database, out)
    _, events = _read(out)
    assert set(events) == set(titles)
    assert all(str(e["DESCRIPTION"]) == "y" * 10_000 + "\\;,:" for e in events.values())


def test_a_demarche_is_categorised_with_its_accent(database: Database, tmp_path: Path) -> None:
    """CATEGORIES carries the one label table's "Démarche", not "Demarche"."""
    EngagementService(database).create(
        EngagementInput(
            title="Note verbale handed over",
            starts_at=datetime(2026, 6, 1, 9, tzinfo=UTC),
            kind=EngagementKind.DEMARCHE,
        )
    )
    out = tmp_path / "d.ics"
    export_ics(database, out)
    _, events = _read(out)
    assert [str(c) for c in events["Note verbale handed over"]["CATEGORIES"].cats] == ["Démarche"]
