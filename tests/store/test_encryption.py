"""Encryption at rest: SQLCipher files, their WAL and copies hold no readable name or header."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bilatdesk.store.cipher import (
    CipherError,
    PassphraseRequiredError,
    WrongPassphraseError,
    change_passphrase,
    decrypt_file,
    encrypt_file,
)
from bilatdesk.store.copies import verified_copy
from bilatdesk.store.database import Database
from bilatdesk.store.migrate import copy_aside
from bilatdesk.store.sqlite_file import SQLITE_HEADER

SECRET = "Müller-Lüdenscheid"
PASSPHRASE = "correct horse battery staple"


def _write_secret(db: Database, rows: int = 50) -> None:
    with db.session() as session:
        for i in range(rows):
            session.execute(
                text("INSERT INTO setting (key, value) VALUES (:k, :v)"),
                {"k": f"name{i}", "v": f"{SECRET} {i}"},
            )


def _readable(folder: Path) -> list[str]:
    """Every file in `folder` that shows the secret name or a SQLite header in its bytes."""
    found = []
    for path in folder.iterdir():
        if path.is_file():
            data = path.read_bytes()
            if SECRET.encode() in data or data.startswith(SQLITE_HEADER):
                found.append(path.name)
    return found


def test_a_new_encrypted_database_and_its_wal_show_nothing(tmp_path: Path) -> None:
    """While open (WAL and SHM on disk) and after, no file shows a name or a SQLite header."""
    path = tmp_path / "db.sqlite"
    with Database.open(path, passphrase=PASSPHRASE) as db:
        assert db.encrypted
        _write_secret(db)
        assert Path(f"{path}-wal").exists()
        assert _readable(tmp_path) == []
    assert _readable(tmp_path) == []
    with Database.open(path, passphrase=PASSPHRASE) as db, db.read() as session:
        values = session.execute(text("SELECT value FROM setting WHERE key = 'name3'"))
        assert values.scalar_one() == f"{SECRET} 3"


def test_a_wrong_passphrase_is_refused_with_a_sentence_in_under_two_seconds(
    tmp_path: Path,
) -> None:
    """The key derivation runs, then a sentence; the file and folder are left as they were."""
    path = tmp_path / "db.sqlite"
    Database.open(path, passphrase=PASSPHRASE).close()
    before = path.read_bytes()
    began = time.monotonic()
    with pytest.raises(WrongPassphraseError, match="passphrase does not open"):
        Database.open(path, passphrase="wrong")
    assert time.monotonic() - began < 2
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite"]


def test_an_encrypted_file_without_a_passphrase_asks_for_one(tmp_path: Path) -> None:
    """Opening an encrypted file with no passphrase says it needs one; nothing is written."""
    path = tmp_path / "db.sqlite"
    Database.open(path, passphrase=PASSPHRASE).close()
    with pytest.raises(PassphraseRequiredError, match="encrypted"):
        Database.open(path)


def test_copies_of_an_encrypted_database_stay_encrypted(tmp_path: Path) -> None:
    """The copy-aside before a migration and any verified copy are encrypted with the same key."""
    path = tmp_path / "db.sqlite"
    with Database.open(path, passphrase=PASSPHRASE) as db:
        _write_secret(db)
        aside = copy_aside(path, "r1", db.connect_file)
        copy = verified_copy(path, tmp_path / "copy.sqlite", connect=db.connect_file)
    assert copy.rows["setting"] == 50
    assert _readable(tmp_path) == []
    with Database.open(aside, passphrase=PASSPHRASE, read_only=True) as old:
        assert old.check().healthy


def test_encrypting_a_plain_database_leaves_no_plain_copy(tmp_path: Path) -> None:
    """A plain file is exported encrypted, swapped in, and its plain bytes destroyed."""
    path = tmp_path / "db.sqlite"
    with Database.open(path) as db:
        _write_secret(db)
    assert _readable(tmp_path)  # plain: the name is there to read
    encrypt_file(path, PASSPHRASE)
    assert _readable(tmp_path) == []
    with Database.open(path, passphrase=PASSPHRASE) as db:
        assert db.encrypted and db.check().healthy
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM setting")).scalar_one() >= 50


def test_changing_the_passphrase_and_decrypting(tmp_path: Path) -> None:
    """After a change the old passphrase fails and the new one opens; decrypting gives plain."""
    path = tmp_path / "db.sqlite"
    with Database.open(path, passphrase=PASSPHRASE) as db:
        _write_secret(db)
    change_passphrase(path, PASSPHRASE, "new one")
    with pytest.raises(WrongPassphraseError):
        Database.open(path, passphrase=PASSPHRASE)
    with pytest.raises(CipherError, match="does not open"):
        change_passphrase(path, PASSPHRASE, "other")
    Database.open(path, passphrase="new one").close()
    assert _readable(tmp_path) == []
    decrypt_file(path, "new one")
    with Database.open(path) as db:
        assert not db.encrypted and db.check().healthy


def test_an_encrypted_database_serves_several_threads(tmp_path: Path) -> None:
    """Worker threads read and write through one encrypted engine (the GUI's pool)."""
    path = tmp_path / "db.sqlite"
    errors: list[BaseException] = []
    with Database.open(path, passphrase=PASSPHRASE) as db:

        def work(n: int) -> None:
            try:
                with db.session() as session:
                    session.execute(
                        text("INSERT INTO setting (key, value) VALUES (:k, 'v')"), {"k": f"t{n}"}
                    )
                with db.read() as session:
                    session.execute(text("SELECT count(*) FROM setting")).scalar_one()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with db.read() as session:
            count = session.execute(text("SELECT count(*) FROM setting WHERE key LIKE 't%'"))
            assert count.scalar_one() == 6
