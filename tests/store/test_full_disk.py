"""A full disk ends every write in a sentence, with nothing half-saved and nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bilatdesk.store.backups import BackupError, take_backup
from bilatdesk.store.database import Database
from bilatdesk.store.errors import MigrationError, WriteFailedError
from bilatdesk.store.migrate import copy_aside
from tests.disks import fill, small_disk


def _count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM setting")).scalar_one())


def test_saving_on_a_full_disk_says_so_and_keeps_what_was_saved(tmp_path: Path) -> None:
    """Rows saved before the disk filled remain; the failing save is refused in a sentence."""
    with small_disk("3m") as disk:
        path = disk / "db.sqlite"
        with Database.open(path) as db:
            saved = 0
            with pytest.raises(WriteFailedError, match="disk is full"):
                for i in range(10_000):
                    with db.session() as session:
                        session.execute(
                            text("INSERT INTO setting (key, value) VALUES (:k, :v)"),
                            {"k": f"k{i}", "v": "x" * 4000},
                        )
                    saved += 1
            assert saved > 0
            assert _count(db) == saved
            assert db.check().integrity == "ok"


def test_a_copy_aside_or_backup_on_a_full_disk_leaves_nothing() -> None:
    """Copies that do not fit fail in a sentence and leave no file, partial or whole."""
    with small_disk("4m") as disk:
        path = disk / "db.sqlite"
        with Database.open(path) as db, db.session() as session:
            for i in range(300):
                session.execute(
                    text("INSERT INTO setting (key, value) VALUES (:k, :v)"),
                    {"k": f"k{i}", "v": "y" * 4000},
                )
        before = sorted(p.name for p in disk.iterdir())
        fill(disk, leave=300_000)
        with pytest.raises(BackupError, match="not enough space"):
            take_backup(path)
        with pytest.raises(MigrationError, match="not enough space"):
            copy_aside(path, "r")
        after = sorted(p.name for p in disk.iterdir() if p.name != "ballast")
        assert after in (before, [*before, "db.sqlite.backups"])
        backups = disk / "db.sqlite.backups"
        assert not backups.exists() or not list(backups.iterdir())
