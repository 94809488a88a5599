"""Opening databases: one instance per file, stale locks, bad files, read-only files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bilatdesk.store.database import Database
from bilatdesk.store.errors import DatabaseInUseError, DatabaseOpenError
from bilatdesk.store.lock import lock_path_for


def _hold_open(path: Path) -> subprocess.Popen[str]:
    """Another bilatdesk process with the database open, waiting to be told to stop."""
    code = textwrap.dedent(
        f"""
        import sys
        from bilatdesk.store.database import Database
        db = Database.open({str(path)!r})
        print("open", flush=True)
        sys.stdin.readline()
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "open"
    return process


def test_second_instance_is_refused_naming_the_holder(tmp_path: Path) -> None:
    """While one process has the file open, another is told which process holds it."""
    path = tmp_path / "db.sqlite"
    holder = _hold_open(path)
    try:
        with pytest.raises(DatabaseInUseError, match=f"process {holder.pid} on "):
            Database.open(path)
    finally:
        holder.communicate("\n", timeout=30)
    Database.open(path).close()


def test_stale_lock_of_a_killed_holder_is_taken_over(tmp_path: Path) -> None:
    """A holder killed without cleaning up leaves a lock file that the next start takes over."""
    path = tmp_path / "db.sqlite"
    holder = _hold_open(path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    assert lock_path_for(path).exists()
    with Database.open(path) as db:
        assert db.check().healthy


def test_same_process_cannot_open_twice(tmp_path: Path) -> None:
    """Two windows in one process on one file are refused too."""
    path = tmp_path / "db.sqlite"
    with Database.open(path), pytest.raises(DatabaseInUseError):
        Database.open(path)


def test_garbage_file_is_refused_with_a_sentence(tmp_path: Path) -> None:
    """A file that is not a database gives a clear message and is left as it was."""
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="not a bilatdesk database"):
        Database.open(path)
    assert path.read_bytes() == before
    assert not lock_path_for(path).exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_file_is_refused_with_a_sentence(tmp_path: Path) -> None:
    """A read-only database is refused with what to do about it."""
    path = tmp_path / "db.sqlite"
    Database.open(path).close()
    path.chmod(0o444)
    with pytest.raises(DatabaseOpenError, match="read-only"):
        Database.open(path)


def test_unwritable_folder_is_refused_with_a_sentence(tmp_path: Path) -> None:
    """A database path below a file (not a folder) gives a clear message."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseOpenError):
        Database.open(blocker / "sub" / "db.sqlite")


def test_damaged_file_after_a_crash_is_refused_with_a_sentence(tmp_path: Path) -> None:
    """A file damaged while its WAL was left behind is refused, saying what to do."""
    path = tmp_path / "db.sqlite"
    with Database.open(path) as db, db.session() as session:
        from sqlalchemy import text

        session.execute(text("INSERT INTO setting (key, value) VALUES ('k', 'v')"))
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 2, min(len(data), page_size * 6)):
        data[offset] = 0xA5  # scribble over a few b-tree pages
    path.write_bytes(bytes(data))
    Path(f"{path}-wal").write_bytes(b"\x00" * 64)  # as if the last program died
    with pytest.raises(DatabaseOpenError, match="damaged"):
        Database.open(path)
    assert not lock_path_for(path).exists()
