"""Copies are whole or absent: the copy-aside before a migration, written aside and verified."""

from __future__ import annotations

import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bilatdesk.store.copies import PARTIAL_SUFFIX, CopyError, table_rows, verified_copy
from bilatdesk.store.database import Database
from bilatdesk.store.errors import MigrationError
from bilatdesk.store.migrate import copy_aside


def _filled(path: Path, rows: int = 2_000) -> Path:
    with Database.open(path) as db, db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES " + ",".join(["(?, ?)"] * rows),
            tuple(v for i in range(rows) for v in (f"k{i}", "v" * 200)),
        )
    return path


def test_a_verified_copy_holds_every_row_and_is_private(tmp_path: Path) -> None:
    """The copy counts the same rows in every table as the original, and is 0600."""
    source = _filled(tmp_path / "db.sqlite")
    report = verified_copy(source, tmp_path / "copy.sqlite")
    with sqlite3.connect(source) as a, sqlite3.connect(report.path) as b:
        assert table_rows(a) == table_rows(b) == report.rows
    assert report.rows["setting"] == 2_000
    assert stat.S_IMODE(report.path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(f"*{PARTIAL_SUFFIX}*"))


def test_a_failed_copy_leaves_no_file_under_either_name(tmp_path: Path) -> None:
    """A copy into a folder that cannot take it leaves nothing behind and says why."""
    source = _filled(tmp_path / "db.sqlite")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(CopyError, match="Nothing was changed"):
        verified_copy(source, blocker / "copy.sqlite")


def test_copy_aside_failure_stops_the_migration_with_a_sentence(tmp_path: Path) -> None:
    """When the copy-aside cannot be written, the update does not run and says so."""
    source = _filled(tmp_path / "db.sqlite")
    (tmp_path / "db.sqlite.before-x-y").mkdir()  # nothing to do with the copy's name
    blocker = tmp_path / "folder-file"
    blocker.write_text("x")
    with pytest.raises(MigrationError, match="copy taken before an update failed"):
        copy_aside(blocker / "db.sqlite", "0001")
    assert source.exists()


@pytest.mark.slow
def test_a_kill_during_the_copy_aside_never_leaves_a_before_file(tmp_path: Path) -> None:
    """Killed at random moments while copying, no `.before-*` file ever exists half-written."""
    source = _filled(tmp_path / "db.sqlite", rows=60_000)
    code = (
        "import sys, pathlib\n"
        "from bilatdesk.store.migrate import copy_aside\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "print('go', flush=True)\n"
        "while True:\n"
        "    copy_aside(p, 'r')\n"
    )
    for delay in (0.05, 0.1, 0.2, 0.3):
        process = subprocess.Popen(
            [sys.executable, "-c", code, str(source)], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None and process.stdout.readline().strip() == "go"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        for copy in tmp_path.glob("db.sqlite.before-r-*"):
            if copy.name.endswith(PARTIAL_SUFFIX) or "-" in copy.name.rsplit("Z", 1)[-1]:
                continue
            with sqlite3.connect(copy) as connection:
                assert table_rows(connection)["setting"] == 60_000, copy
