"""Files that are not ours are refused untouched; damaged files get a verdict, not a traceback."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from bilatdesk.store.database import Database
from bilatdesk.store.errors import DatabaseOpenError, ForeignFileError, ReadOnlyDatabaseError
from bilatdesk.store.lock import lock_path_for
from bilatdesk.store.private import companions
from bilatdesk.store.recognise import FileState, recognise
from bilatdesk.store.sqlite_file import APPLICATION_ID


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _untouched(path: Path, before: str) -> None:
    assert _digest(path) == before
    assert not any(p.exists() for p in companions(path)), "a WAL, SHM or lock file was left"


def test_another_programs_sqlite_file_is_refused_byte_for_byte(tmp_path: Path) -> None:
    """A file the sqlite3 shell made for someone else is refused and stays as it was."""
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 shell is not installed; .ci/run installs it")
    path = tmp_path / "other.sqlite"
    subprocess.run(
        [
            "sqlite3",
            str(path),
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
            "INSERT INTO notes (body) VALUES ('mine');",
        ],
        check=True,
    )
    before = _digest(path)
    with pytest.raises(ForeignFileError, match="another program"):
        Database.open(path)
    _untouched(path, before)


def test_a_file_with_a_person_table_of_someone_else_is_not_ours(tmp_path: Path) -> None:
    """Sharing a table name with us does not make a file ours."""
    path = tmp_path / "crm.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    before = _digest(path)
    with pytest.raises(ForeignFileError):
        Database.open(path, lock=False)
    _untouched(path, before)


def test_a_sqlite_file_with_another_application_id_is_not_ours(tmp_path: Path) -> None:
    """An empty SQLite file stamped by another program (application id, user version) is theirs."""
    path = tmp_path / "stamped.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version=7")
    before = _digest(path)
    with pytest.raises(ForeignFileError):
        Database.open(path)
    _untouched(path, before)


@pytest.mark.parametrize(
    "content",
    [b"this is not a database" * 200, b"SQLite format 3\x00" + b"\xff" * 4000, bytes(5000)],
    ids=["text", "header-then-garbage", "zeros"],
)
def test_garbage_is_refused_with_a_sentence_and_left_as_it_was(
    tmp_path: Path, content: bytes
) -> None:
    """Text, a bare header and zeros are each refused in a sentence and left unchanged."""
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(content)
    before = _digest(path)
    with pytest.raises(DatabaseOpenError) as caught:
        Database.open(path)
    assert "bilatdesk" in str(caught.value) or "damaged" in str(caught.value)
    _untouched(path, before)


def test_an_empty_file_is_ours_to_create(tmp_path: Path) -> None:
    """A 0-byte file (as `touch` makes) becomes a new bilatdesk database, marked as ours."""
    path = tmp_path / "new.sqlite"
    path.touch()
    assert recognise(path) is FileState.NEW
    Database.open(path).close()
    assert recognise(path) is FileState.OURS
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_older_bilatdesk_file_without_the_mark_is_recognised(tmp_path: Path) -> None:
    """A file written before the application id existed is still ours (tables and revision)."""
    path = tmp_path / "old.sqlite"
    Database.open(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA application_id=0")
    assert recognise(path) is FileState.OURS
    Database.open(path).close()


def test_check_reports_a_damaged_file_in_a_sentence(tmp_path: Path) -> None:
    """Pages scribbled over with dd: check says damaged and unhealthy, without raising."""
    path = tmp_path / "db.sqlite"
    with Database.open(path) as db, db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES " + ",".join(["(?, ?)"] * 500),
            tuple(v for i in range(500) for v in (f"k{i}", "v" * 300)),
        )
    page_size = int.from_bytes(path.read_bytes()[16:18], "big")
    pages = path.stat().st_size // page_size
    subprocess.run(
        [
            "dd",
            "if=/dev/urandom",
            f"of={path}",
            f"bs={page_size}",
            f"seek={pages - 20}",
            "count=15",
            "conv=notrunc",
            "status=none",
        ],
        check=True,
    )
    try:
        db = Database.open(path)
    except DatabaseOpenError as exc:
        assert "damaged" in str(exc)
        return
    with db:
        report = db.check()
    assert not report.healthy
    assert report.integrity.startswith("damaged")
    assert not lock_path_for(path).exists()


def test_read_only_open_of_an_older_file_changes_nothing(tmp_path: Path) -> None:
    """Checking a file opened read-only leaves it, and the folder, exactly as they were."""
    path = tmp_path / "backup.sqlite"
    Database.open(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0004_agreement_tags'")
    before = _digest(path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    with Database.open(path, read_only=True) as db:
        report = db.check()
        assert report.revision == "0004_agreement_tags" and not report.healthy
        with pytest.raises(ReadOnlyDatabaseError, match="viewing only"), db.session():
            pass
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_read_only_open_works_on_an_immutable_file(tmp_path: Path) -> None:
    """A file marked immutable (chattr +i, as on read-only media) opens for reading."""
    path = tmp_path / "db.sqlite"
    Database.open(path).close()
    if shutil.which("chattr") is None:
        pytest.skip("chattr (e2fsprogs) is not installed; .ci/run installs it")
    result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"chattr +i is not allowed here: {result.stderr.decode().strip()}")
    try:
        with Database.open(path, read_only=True) as db:
            assert db.check().healthy
        with pytest.raises(DatabaseOpenError):
            Database.open(path)
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)
