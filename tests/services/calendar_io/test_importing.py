"""ICS import through the service: create then update, classification, dry run, rollback."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bilatdesk.domain import Engagement, EngagementKind, Participant
from bilatdesk.services.calendar_io.exporting import export_ics
from bilatdesk.services.calendar_io.importing import (
    IcsError,
    Outcome,
    import_events,
)
from bilatdesk.services.contacts.importing import ImportCancelledError
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import EngagementInput, EngagementService
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.store.database import Database
from tests.exchange.ics.samples import DATA, calendar, read_file, write_big_calendar, write_file

VIENNA = ZoneInfo("Europe/Vienna")


def _count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Engagement)) or 0)


# -- reading what the programs write ---------------------------------------------------------


# -- refusals -----------------------------------------------------------------------------


def test_too_many_events_or_bytes_is_refused_and_nothing_written(
    database: Database, tmp_path: Path
) -> None:
    """More VEVENTs than allowed, or a file too large: refused before any write."""
    path = write_big_calendar(tmp_path / "many.ics", 30)
    with pytest.raises(IcsError, match="more than 20 events"):
        read_file(path, max_events=20)
    with pytest.raises(IcsError, match="too large"):
        read_file(path, max_bytes=1000)
    assert _count(database) == 0


# -- importing ------------------------------------------------------------------------------
def test_import_creates_then_a_second_import_updates(database: Database, tmp_path: Path) -> None:
    """Every engagement once; the same file again skips; a changed title updates in place."""
    austria = CountryService(database).create(CountryInput("AT", "Austria")).id
    read = read_file(DATA / "google.ics")
    report = import_events(database, read.events, dry_run=False, country_id=austria)
    assert (report.created, report.updated, report.skipped, report.refused) == (6, 0, 1, 0)
    assert _count(database) == 6
    again = import_events(database, read.events, dry_run=False, country_id=austria)
    assert (again.created, again.updated, again.skipped) == (0, 0, 7)
    changed = (
        (DATA / "google.ics").read_bytes().replace(b"SUMMARY:Economic forum", b"SUMMARY:Forum")
    )
    report = import_events(
        database, read_file(write_file(tmp_path, changed)).events, dry_run=False, country_id=None
    )
    assert (report.created, report.updated) == (0, 1)
    assert _count(database) == 6
    with database.read() as session:
        forum = session.scalars(select(Engagement).where(Engagement.title == "Forum")).one()
        assert forum.country_id == austria  # kept: the second import named no country
        assert forum.source_uid == "two-days@google.com"
        assert forum.version == 2
        names = session.scalars(select(Participant.name).order_by(Participant.position)).all()
        assert names == ["Omar Al-Khatib", "desk@embassy.example"]


def test_update_never_lowers_the_classification_nor_touches_the_outcome(
    database: Database, tmp_path: Path
) -> None:
    """A clerk raised an imported meeting to SECRET and wrote the outcome: both stay."""
    path = write_file(
        tmp_path, calendar("UID:m\nDTSTART:20260201T100000Z\nSUMMARY:Talk\nCLASS:PUBLIC")
    )
    import_events(database, read_file(path).events, dry_run=False, country_id=None)
    service = EngagementService(database)
    [row] = service.list().rows
    detail = service.get(row.id)
    data = detail.data
    service.update(
        row.id,
        EngagementInput(
            title=data.title,
            starts_at=data.starts_at,
            time_zone=data.time_zone,
            classification="S",
            outcome="Agreed on the next round.",
            kind=EngagementKind.DEMARCHE,
        ),
        detail.version,
    )
    moved = calendar("UID:m\nDTSTART:20260201T120000Z\nSUMMARY:Talk moved\nCLASS:PUBLIC")
    report = import_events(
        database,
        read_file(write_file(tmp_path, moved, "2.ics")).events,
        dry_run=False,
        country_id=None,
    )
    assert report.updated == 1
    after = service.get(row.id).data
    assert after.title == "Talk moved" and after.starts_at == datetime(2026, 2, 1, 12, tzinfo=UTC)
    assert after.classification == "S"
    assert after.outcome == "Agreed on the next round."
    assert after.kind is EngagementKind.DEMARCHE
    assert [r.id for r in service.list(ListQuery(text="moved")).rows] == [row.id]


def test_dry_run_changes_nothing_and_reports_the_same(database: Database) -> None:
    """The dry run's report equals the real one; the database stays empty until then."""
    read = read_file(DATA / "outlook.ics")
    dry = import_events(database, read.events, dry_run=True, country_id=None)
    assert _count(database) == 0
    real = import_events(database, read.events, dry_run=False, country_id=None)
    assert [(line.outcome, line.title) for line in dry.lines] == [
        (line.outcome, line.title) for line in real.lines
    ]
    assert _count(database) == real.created == 14


def test_refused_and_cancelled_lines_say_why(database: Database, tmp_path: Path) -> None:
    """A refused event and a cancelled one are report lines with their sentences."""
    path = write_file(
        tmp_path,
        calendar(
            "UID:a\nDTSTART;TZID=Atlantis/Capital:20260210T100000\nSUMMARY:Lost",
            "UID:b\nDTSTART:20260211T100000Z\nSUMMARY:Off\nSTATUS:CANCELLED",
            "UID:c\nDTSTART:20260212T100000Z\nSUMMARY:Twice",
            "UID:c\nDTSTART:20260213T100000Z\nSUMMARY:Twice again",
        ),
    )
    report = import_events(database, read_file(path).events, dry_run=False, country_id=None)
    lines = {line.title: line for line in report.lines}
    assert lines["Lost"].outcome is Outcome.REFUSE and "Atlantis" in lines["Lost"].reason
    assert lines["Off"].outcome is Outcome.SKIP and "cancelled" in lines["Off"].reason
    assert lines["Twice again"].outcome is Outcome.SKIP and "twice" in lines["Twice again"].reason
    assert report.summary() == "1 created, 0 updated, 2 skipped, 1 refused"
    assert "refused: " in lines["Lost"].describe()


def test_cancel_writes_nothing(database: Database, tmp_path: Path) -> None:
    """Answering False to the progress call rolls the whole import back."""
    path = write_big_calendar(tmp_path / "c.ics", 1200, per_day=40)
    read = read_file(path, (date(2026, 1, 1), date(2026, 12, 31)))
    with pytest.raises(ImportCancelledError):
        import_events(
            database, read.events, dry_run=False, country_id=None, progress=lambda n: n < 1000
        )
    assert _count(database) == 0


def test_unknown_country_is_refused(database: Database) -> None:
    """Assigning a country that no longer exists is one sentence; nothing written."""
    read = read_file(DATA / "google.ics")
    with pytest.raises(Exception, match="country no longer exists"):
        import_events(database, read.events, dry_run=False, country_id=999_999)
    assert _count(database) == 0


def test_exported_calendar_imports_back(database: Database, tmp_path: Path) -> None:
    """Our own export read back: same moments, zones, sides and markings."""
    service = EngagementService(database)
    start = datetime(2026, 3, 29, 3, 30, tzinfo=VIENNA)
    service.create(
        EngagementInput(
            title="Round trip",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            time_zone="Europe/Vienna",
            classification="S",
            kind=EngagementKind.NEGOTIATION_ROUND,
        )
    )
    out = tmp_path / "out.ics"
    export_ics(database, out, ceiling="TS")
    [event] = [e for e in read_file(out).events if e.title == "Round trip"]
    assert event.starts_at == start and event.time_zone == "Europe/Vienna"
    assert event.classification == "S" and event.kind is EngagementKind.NEGOTIATION_ROUND


def test_a_thousand_events_read_and_import_in_one_transaction(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """1,000 Outlook-like events: every one read and written in one transaction.

    How long it takes is a benchmark, not a test: benchmarks/ics_bench.py imports 100,000.
    """
    path = write_big_calendar(tmp_path / "big.ics", 1_000, per_day=60)
    read = read_file(path, (date(2026, 1, 1), date(2026, 12, 31)))
    report = import_events(sqlite_database, read.events, dry_run=False, country_id=None)
    assert report.created == 1_000 and _count(sqlite_database) == 1_000
