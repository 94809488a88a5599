"""Encryption at rest with SQLCipher 4: keyed connections, encrypting, decrypting, rekeying.

`sqlcipher3` bundles SQLCipher 4 (with FTS5). A wrong key fails with "file is not a database"
after the key derivation (about 0.15 s here). One file is never opened from two SQLite
libraries in one process: an encrypted file only through sqlcipher3, a plain one through
sqlite3, except while it is being encrypted, when the plain file is read by sqlcipher3 alone.
The passphrase is never stored; it lives in memory only while the database is unlocked.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bilatdesk.store.copies import (
    PARTIAL_SUFFIX,
    Connect,
    CopyError,
    plain_connect,
    remove_with_companions,
    table_rows,
)
from bilatdesk.store.errors import DatabaseOpenError, StoreError
from bilatdesk.store.private import companions, create_private_file
from bilatdesk.store.sqlite_file import read_only_uri


class WrongPassphraseError(DatabaseOpenError):
    """The passphrase does not open the file (or the file is not a database at all)."""


class PassphraseRequiredError(DatabaseOpenError):
    """The file is encrypted (or not a database): a passphrase is needed to tell which."""


class CipherError(StoreError):
    """Encrypting, decrypting or changing the passphrase failed; nothing was changed."""


def sqlcipher() -> Any:
    """The sqlcipher3 DB-API module (imported late: plain databases never load it)."""
    import sqlcipher3

    return sqlcipher3


def quote_key(passphrase: str) -> str:
    """The passphrase as a SQL string literal for PRAGMA key / rekey / ATTACH … KEY."""
    return "'" + passphrase.replace("'", "''") + "'"


def keyed(connection: Any, passphrase: str) -> Any:
    """Key a fresh sqlcipher3 connection; nothing is read until the first statement."""
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {quote_key(passphrase)}")
    return connection


def keyed_connect(passphrase: str) -> Connect:
    """A `Connect` for store/copies.py that opens files with this passphrase."""

    def connect(path: Path) -> sqlite3.Connection:
        connection: sqlite3.Connection = keyed(sqlcipher().connect(str(path)), passphrase)
        return connection

    return connect


def keyed_uri_connect(uri: str, passphrase: str) -> Callable[[], Any]:
    """A creator for SQLAlchemy that opens a SQLite URI (read-only modes) with the key."""

    def create() -> Any:
        return keyed(sqlcipher().connect(uri, uri=True, check_same_thread=False), passphrase)

    return create


def probe(path: Path, passphrase: str) -> tuple[frozenset[str], int]:
    """The table names and application id of an encrypted file, read-only.

    Raises WrongPassphraseError when the key derivation does not open the file.
    """
    last: Exception | None = None
    for immutable in (False, True):
        uri = read_only_uri(path, immutable=immutable)
        try:
            connection = keyed(sqlcipher().connect(uri, uri=True), passphrase)
        except sqlcipher().Error as exc:  # pragma: no cover - unopenable paths fail earlier
            last = exc
            continue
        with contextlib.closing(connection):
            try:
                rows = connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
                tables = frozenset(str(row[0]) for row in rows)
                application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
                return tables, application_id
            except sqlcipher().DatabaseError as exc:
                last = exc
                if "not a database" in str(exc):
                    raise WrongPassphraseError(
                        f"The passphrase does not open {path.name}. Check it and try again "
                        "(or the file is not a bilatdesk database)."
                    ) from exc
    raise DatabaseOpenError(f"{path} cannot be read ({last}).") from last


def encrypt_file(plain: Path, passphrase: str) -> None:
    """Encrypt a closed plain database in place: export, verify, swap, destroy the plain file.

    The encrypted copy is written beside it under a temporary name (sqlcipher_export), checked
    row for row against the plain file, and renamed over it; the plain bytes (and any WAL)
    are then overwritten with zeros and removed, so no readable copy remains on the disk
    through this program (a journaling or copy-on-write file system may keep old blocks).
    """
    _export(plain, None, passphrase)
    _record(plain, passphrase, "the database was encrypted")


def decrypt_file(encrypted: Path, passphrase: str) -> None:
    """Decrypt a closed encrypted database in place (the user asked for it, warned)."""
    _export(encrypted, passphrase, None)
    _record(encrypted, None, "the database was decrypted")


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Re-encrypt a closed database with a new passphrase, as a verified swap.

    `PRAGMA rekey` rewrites pages in place and a kill midway would leave a file half in each
    key; exporting to a new file and swapping it in keeps the old file whole until the end.
    """
    _export(path, old, new)
    _record(path, new, "the passphrase was changed")


def _record(path: Path, passphrase: str | None, what: str) -> None:
    """The change of key in the file's own audit trail, opened with the key it now has."""
    from bilatdesk.store.audit import record_file_event

    connect = keyed_connect(passphrase) if passphrase is not None else plain_connect
    try:
        record_file_event(path, connect, "passphrase", what)
    except (sqlcipher().Error, sqlite3.Error) as exc:
        raise CipherError(
            f"{what[:1].upper()}{what[1:]}, but the audit trail could not record it ({exc})."
        ) from exc


def _export(path: Path, old: str | None, new: str | None) -> None:
    partial = path.with_name(path.name + ".rekey" + PARTIAL_SUFFIX)
    remove_with_companions(partial)
    module = sqlcipher()
    try:
        create_private_file(partial)
        source = module.connect(str(path))
        with contextlib.closing(source):
            source.execute("PRAGMA cipher_log_level = NONE")
            if old is not None:
                source.execute(f"PRAGMA key = {quote_key(old)}")
            expected = table_rows(source)
            application_id = int(source.execute("PRAGMA application_id").fetchone()[0])
            user_version = int(source.execute("PRAGMA user_version").fetchone()[0])
            source.execute(
                f"ATTACH DATABASE ? AS target KEY {quote_key(new or '')}", (str(partial),)
            )
            source.execute("SELECT sqlcipher_export('target')")
            source.execute(f"PRAGMA target.application_id = {application_id}")
            source.execute(f"PRAGMA target.user_version = {user_version}")
            source.execute("DETACH DATABASE target")
        copy = module.connect(str(partial))
        with contextlib.closing(copy):
            copy.execute("PRAGMA cipher_log_level = NONE")
            if new is not None:
                copy.execute(f"PRAGMA key = {quote_key(new)}")
            verdict = "; ".join(str(r[0]) for r in copy.execute("PRAGMA quick_check"))
            found = table_rows(copy)
            copy.execute("PRAGMA journal_mode = WAL")
        if verdict != "ok" or found != expected:
            raise CopyError(f"the new file did not verify ({verdict[:100]})")
        _fsync(partial)
        old_bytes = path.with_name(path.name + ".old" + PARTIAL_SUFFIX)
        path.replace(old_bytes)
        for companion in companions(path)[:3]:  # a stale WAL/SHM would not match the new file
            _shred(companion)
        partial.replace(path)
        _shred(old_bytes)
    except (module.Error, sqlite3.Error, OSError, CopyError) as exc:
        remove_with_companions(partial)
        raise CipherError(_sentence(exc)) from exc


def _sentence(exc: BaseException) -> str:
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    if "not a database" in text:
        return "The passphrase does not open this database; nothing was changed."
    if "full" in text.lower():
        return "There is not enough disk space to do this; free some space. Nothing was changed."
    return f"This could not be done ({text}); nothing was changed."


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it, and remove it."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(path, os.O_WRONLY)
        try:
            block = bytes(1 << 20)
            left = size
            while left > 0:
                left -= os.write(descriptor, block[: min(left, len(block))])
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    with contextlib.suppress(OSError):
        path.unlink()
