"""Backups: verified before they count, rotated, listed with a verdict, restored beside the old."""

from __future__ import annotations

import contextlib
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.store.backups import (
    VERIFIED,
    VERIFIED_IN_FULL,
    BackupError,
    CheckStoppedError,
    awaiting_full_check,
    backup_due,
    backup_folder,
    check_in_full,
    latest_good,
    list_backups,
    restore,
    take_backup,
)
from bilatdesk.store.database import Database
from bilatdesk.store.sqlite_file import SQLITE_HEADER


def _database(path: Path, passphrase: str | None = None, rows: int = 20) -> Database:
    db = Database.open(path, passphrase=passphrase)
    with db.session() as session:
        for i in range(rows):
            session.execute(
                text("INSERT INTO setting (key, value) VALUES (:k, 'Kovačević')"), {"k": f"k{i}"}
            )
    return db


def _settings(path: Path, passphrase: str | None = None) -> int:
    with Database.open(path, passphrase=passphrase, read_only=True) as db, db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM setting")).scalar_one())


def test_a_backup_of_an_open_database_is_verified_private_and_listed(tmp_path: Path) -> None:
    """Taken while the database is open, the backup holds every row and is listed as verified."""
    path = tmp_path / "db.sqlite"
    with _database(path) as db:
        backup = take_backup(path, connect=db.connect_file)
    assert backup.good and backup.rows > 20
    assert stat.S_IMODE(backup_folder(path).stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert [b.path for b in list_backups(path)] == [backup.path]
    assert _settings(backup.path) == 20


def test_a_backup_of_an_encrypted_database_stays_encrypted(tmp_path: Path) -> None:
    """The backup of a SQLCipher file needs the same passphrase and shows no header or name."""
    path = tmp_path / "db.sqlite"
    with _database(path, "pass phrase") as db:
        backup = take_backup(path, connect=db.connect_file)
    data = backup.path.read_bytes()
    assert not data.startswith(SQLITE_HEADER) and "Kovačević".encode() not in data
    assert _settings(backup.path, "pass phrase") == 20


def test_rotation_keeps_seven_daily_four_weekly_twelve_monthly(tmp_path: Path) -> None:
    """Sixty daily backups leave the last seven days plus weekly and monthly ones."""
    path = tmp_path / "db.sqlite"
    start = datetime(2026, 6, 1, 20, tzinfo=UTC)
    with _database(path, rows=1) as db:
        for day in range(60):
            take_backup(path, connect=db.connect_file, now=start + timedelta(days=day))
    kept = list_backups(path)
    assert 7 <= len(kept) <= 23
    newest = start + timedelta(days=59)
    assert [b.taken for b in kept[:7]] == [newest - timedelta(days=n) for n in range(7)]
    assert not backup_due(path, now=newest + timedelta(hours=23))
    assert backup_due(path, now=newest + timedelta(days=1))


def test_a_changed_backup_is_listed_as_such(tmp_path: Path) -> None:
    """A backup whose size no longer matches its record is not called verified."""
    path = tmp_path / "db.sqlite"
    with _database(path) as db:
        backup = take_backup(path, connect=db.connect_file)
    with backup.path.open("ab") as handle:
        handle.write(b"tampered")
    assert list_backups(path)[0].verdict == "changed since it was verified"


def test_restore_keeps_the_current_file_aside(tmp_path: Path) -> None:
    """Restoring renames the current file aside (never overwritten) and brings the backup in."""
    path = tmp_path / "db.sqlite"
    with _database(path) as db:
        backup = take_backup(path, connect=db.connect_file)
        with db.session() as session:
            session.execute(text("INSERT INTO setting (key, value) VALUES ('later', 'x')"))
    aside = restore(backup.path, path)
    assert _settings(path) == 20
    assert _settings(aside) == 21


def test_restoring_a_damaged_backup_changes_nothing(tmp_path: Path) -> None:
    """A damaged backup is refused in a sentence; the current file stays where it was."""
    path = tmp_path / "db.sqlite"
    with _database(path):
        pass
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(SQLITE_HEADER + bytes(5000))
    with pytest.raises(BackupError, match="Nothing was restored"):
        restore(bad, path)
    assert _settings(path) == 20
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_a_backup_never_overwrites_an_existing_file(tmp_path: Path) -> None:
    """`backup --out` onto an existing file is refused and the file kept."""
    path = tmp_path / "db.sqlite"
    out = tmp_path / "mine.sqlite"
    out.write_text("precious")
    with _database(path) as db, pytest.raises(BackupError, match="already exists"):
        take_backup(path, connect=db.connect_file, out=out)
    assert out.read_text() == "precious"


def _hide_index_content(backup: Path) -> None:
    """Damage that only the full check sees: the index no longer matches its table, and the
    file keeps its size (so the manifest does not give it away)."""
    with contextlib.closing(sqlite3.connect(backup)) as connection:
        connection.execute("PRAGMA writable_schema=ON")
        connection.execute(
            "UPDATE sqlite_master SET sql = "
            "'CREATE INDEX ix_country_sort ON country (id, sort_name)' "
            "WHERE name = 'ix_country_sort'"
        )
        connection.commit()


def test_a_backup_counts_after_its_quick_check_and_is_checked_in_full_later(
    tmp_path: Path,
) -> None:
    """quick_check and row counts make it count; the full check later says so in its manifest."""
    path = tmp_path / "db.sqlite"
    with _database(path) as db:
        backup = take_backup(path, connect=db.connect_file)
        assert backup.verdict == VERIFIED and backup.good
        assert awaiting_full_check(path) == backup
        checked = check_in_full(backup, connect=db.connect_file)
    assert checked.verdict == VERIFIED_IN_FULL
    assert list_backups(path)[0].verdict == VERIFIED_IN_FULL
    assert awaiting_full_check(path) is None


def test_a_backup_the_full_check_finds_damaged_stops_counting(tmp_path: Path) -> None:
    """An index that no longer matches its table passes quick_check but not the full check."""
    path = tmp_path / "db.sqlite"
    with _database(path) as db:
        services = Services.over(db)
        for code, name in (("AT", "Austria"), ("JO", "Jordan"), ("GR", "Greece")):
            services.countries.create(CountryInput(code, name))
        backup = take_backup(path, connect=db.connect_file)
        _hide_index_content(backup.path)
        checked = check_in_full(backup, connect=db.connect_file)
    assert checked.verdict.startswith("failed the full check") and not checked.good
    assert list_backups(path)[0].verdict == checked.verdict
    assert latest_good(path) is None and backup_due(path)
    with pytest.raises(BackupError, match="Nothing was restored"):
        restore(backup.path, path)


def test_a_full_backup_is_checked_in_full_at_once(tmp_path: Path) -> None:
    """`bilatdesk backup --full`: the full integrity_check runs before the backup counts."""
    path = tmp_path / "db.sqlite"
    with _database(path) as db:
        backup = take_backup(path, connect=db.connect_file, full=True)
    assert backup.verdict == VERIFIED_IN_FULL and awaiting_full_check(path) is None


def test_a_stopped_full_check_leaves_the_verdict_as_it_was(tmp_path: Path) -> None:
    """Stopped at once (the window locked), the check says so and writes no verdict."""
    path = tmp_path / "db.sqlite"
    with _database(path) as db:
        backup = take_backup(path, connect=db.connect_file)
        with pytest.raises(CheckStoppedError):
            check_in_full(backup, connect=db.connect_file, stop=lambda: True)
    assert list_backups(path)[0].verdict == VERIFIED


def test_a_full_check_stops_midway(tmp_path: Path) -> None:
    """Asked every thousand steps of SQLite, a stop during the check interrupts it."""
    path = tmp_path / "db.sqlite"
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 1  # not before the check starts: while it runs

    with _database(path) as db:
        backup = take_backup(path, connect=db.connect_file)
        with pytest.raises(CheckStoppedError):
            check_in_full(backup, connect=db.connect_file, stop=stop)
    assert len(asked) >= 2 and list_backups(path)[0].verdict == VERIFIED
