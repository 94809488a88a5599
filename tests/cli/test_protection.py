"""The command line keeps files safe: passphrases, read-only reading, backups and restores."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bilatdesk.app import main
from bilatdesk.store.database import Database
from bilatdesk.store.sqlite_file import SQLITE_HEADER

PASSPHRASE = "tram lines over the Danube"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def encrypted_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`bilatdesk demo --out PATH --encrypt`, the passphrase given in the environment."""
    path = tmp_path_factory.mktemp("encrypted") / "demo.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "bilatdesk", "demo", "--out", str(path), "--encrypt"],
        env={**__import__("os").environ, "BILATDESK_PASSPHRASE": PASSPHRASE},
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert "(encrypted)" in result.stdout
    return path


def test_an_encrypted_demo_holds_no_readable_name(encrypted_demo: Path) -> None:
    """The encrypted demo has no SQLite header and none of its people's names in clear."""
    data = encrypted_demo.read_bytes()
    assert not data.startswith(SQLITE_HEADER)
    assert "Παπαδοπούλου".encode() not in data and b"Kova" not in data


def test_reading_an_encrypted_database_takes_the_passphrase_from_the_environment(
    encrypted_demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With BILATDESK_PASSPHRASE set, `list` reads it; without, one sentence says what to do."""
    monkeypatch.setenv("BILATDESK_PASSPHRASE", PASSPHRASE)
    code, out, _ = _run(capsys, "list", "people", "--db", str(encrypted_demo), "--json")
    assert code == 0 and any(p["name_original"] == "Ελένη Παπαδοπούλου" for p in json.loads(out))
    monkeypatch.setenv("BILATDESK_PASSPHRASE", "wrong")
    code, _, err = _run(capsys, "list", "people", "--db", str(encrypted_demo))
    assert code == 1 and "passphrase does not open" in err
    monkeypatch.delenv("BILATDESK_PASSPHRASE")
    code, _, err = _run(capsys, "list", "people", "--db", str(encrypted_demo))
    assert code == 1 and "BILATDESK_PASSPHRASE" in err and len(err.splitlines()) == 1


def test_reading_commands_change_nothing(
    demo_copy: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """check, list, today and an export leave the database byte for byte, and add nothing
    beside it but SQLite's own reader files (WAL index): no lock, no copy, no migration."""
    (tmp_path / "exports").mkdir()
    before = _digest(demo_copy)
    listing = sorted(p.name for p in demo_copy.parent.iterdir() if p.name != "exports")
    readers = {"demo.sqlite-wal", "demo.sqlite-shm"}
    for argv in (
        ("check",),
        ("list", "people"),
        ("today", "--on", "2026-11-22"),
        ("export", "vcard", str(tmp_path / "exports" / "out.vcf")),
    ):
        code, _, err = _run(capsys, *argv, "--db", str(demo_copy))
        assert code == 0, err
    assert _digest(demo_copy) == before
    after = {p.name for p in demo_copy.parent.iterdir()} - readers - {"exports"}
    assert sorted(after) == listing


def test_check_reports_an_older_file_without_migrating_it(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older schema is reported, the file is not updated, and list asks to open it first."""
    with sqlite3.connect(demo_copy) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0005_people_commitments'")
    before = _digest(demo_copy)
    code, out, _ = _run(capsys, "check", "--db", str(demo_copy))
    assert code == 1 and "0005_people_commitments" in out and "NOT healthy" in out
    code, _, err = _run(capsys, "list", "people", "--db", str(demo_copy))
    assert code == 1 and "open it once in the program" in err
    assert _digest(demo_copy) == before


def test_backup_backups_and_restore(
    demo_copy: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A backup is listed as verified; restoring it keeps the current file aside."""
    code, out, err = _run(capsys, "backup", "--db", str(demo_copy))
    assert code == 0 and "verified" in out, err
    code, out, _ = _run(capsys, "backups", "--db", str(demo_copy))
    assert code == 0 and "verified" in out
    backup = next(
        p for p in (demo_copy.parent / "demo.sqlite.backups").iterdir() if p.suffix == ".sqlite"
    )
    with Database.open(demo_copy) as db, db.session() as session:
        session.execute(__import__("sqlalchemy").text("DELETE FROM setting"))
    code, out, err = _run(capsys, "restore", str(backup), "--db", str(demo_copy))
    assert code == 0 and "kept as" in out, err
    aside = Path(out.rsplit("kept as ", 1)[1].strip().rstrip("."))
    assert aside.exists()
    with Database.open(demo_copy, read_only=True) as db, db.read() as session:
        settings = session.execute(__import__("sqlalchemy").text("SELECT count(*) FROM setting"))
        assert settings.scalar_one() > 0
    other = tmp_path / "mine.sqlite"
    other.write_text("precious")
    code, _, err = _run(capsys, "backup", "--db", str(demo_copy), "--out", str(other))
    assert code == 1 and "already exists" in err and other.read_text() == "precious"
