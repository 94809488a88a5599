"""Is this file ours? A bilatdesk database is recognised before anything is written to it.

Opening another program's SQLite file once wrote 205 schema objects into it and switched it to
WAL. So before the engine (whose connect pragmas write) touches a file, it is read here as
bytes and through a read-only connection: a new or empty file is ours to create; a file with
our application id, or an older one with our tables and a known schema revision, is ours; any
other file is refused with a sentence and left byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import sqlite3
from enum import Enum
from pathlib import Path

from bilatdesk.store.cipher import PassphraseRequiredError, probe
from bilatdesk.store.errors import DatabaseOpenError, ForeignFileError
from bilatdesk.store.sqlite_file import (
    APPLICATION_ID,
    APPLICATION_ID_OFFSET,
    SQLITE_HEADER,
    USER_VERSION_OFFSET,
    read_only_uri,
)

# Tables every bilatdesk schema since the first revision has had.
OUR_TABLES = frozenset({"alembic_version", "country", "person", "organisation", "engagement"})


class FileState(Enum):
    """What a path holds, as far as opening it is concerned."""

    NEW = "new"  # no file, an empty file, or a SQLite file with nothing in it
    OURS = "ours"
    NOT_SQLITE = "not_sqlite"  # garbage, another format, or an encrypted database


def recognise(path: Path, passphrase: str | None = None) -> FileState:
    """Classify `path` without writing to it; raise ForeignFileError for another's SQLite file.

    A file that is not plain SQLite is read with `passphrase`, when one is given, as an
    encrypted database (a wrong passphrase raises WrongPassphraseError).
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return FileState.NEW
    except OSError as exc:
        raise DatabaseOpenError(f"Cannot read {path}: {exc.strerror}.") from exc
    if not header:
        return FileState.NEW
    if header.startswith(SQLITE_HEADER) and len(header) == 100:
        state = _plain_state(path, header)
    elif passphrase is None:
        return FileState.NOT_SQLITE
    else:
        state = _encrypted_state(path, passphrase)
    if state is not None:
        return state
    raise ForeignFileError(
        f"{path} is a database of another program, not of bilatdesk. "
        "It was left unchanged; choose a bilatdesk database or a new file."
    )


def _plain_state(path: Path, header: bytes) -> FileState | None:
    """NEW or OURS for a plain SQLite file, None when it belongs to someone else."""
    if _header_int(header, APPLICATION_ID_OFFSET) == APPLICATION_ID:
        return FileState.OURS
    tables = _table_names(path)
    stamped = _header_int(header, APPLICATION_ID_OFFSET) or _header_int(header, USER_VERSION_OFFSET)
    if not tables and not stamped:
        return FileState.NEW
    if tables >= OUR_TABLES and _revision_known(path):
        return FileState.OURS
    return None


def _encrypted_state(path: Path, passphrase: str) -> FileState | None:
    """NEW or OURS for a file the passphrase opens, None when it belongs to someone else."""

    tables, application_id = probe(path, passphrase)
    if application_id == APPLICATION_ID or tables >= OUR_TABLES:
        return FileState.OURS
    if not tables and not application_id:
        return FileState.NEW
    return None


def require_openable(path: Path, passphrase: str | None = None) -> FileState:
    """`recognise`; a file that is not plain SQLite, with no passphrase given, is refused."""
    state = recognise(path, passphrase)
    if state is FileState.NOT_SQLITE:
        raise PassphraseRequiredError(
            f"{path} is not a bilatdesk database that opens without a passphrase: it is "
            "encrypted, damaged, or another kind of file. It was left unchanged."
        )
    return state


def _header_int(header: bytes, offset: int) -> int:
    return int.from_bytes(header[offset : offset + 4], "big")


def _table_names(path: Path) -> frozenset[str]:
    rows = _read_only_query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")
    return frozenset(str(row[0]) for row in rows)


def _revision_known(path: Path) -> bool:
    from bilatdesk.store.migrate import known_revisions

    rows = _read_only_query(path, "SELECT version_num FROM alembic_version")
    return bool(rows) and str(rows[0][0]) in known_revisions()


def _read_only_query(path: Path, sql: str) -> list[tuple[object, ...]]:
    last: sqlite3.Error | None = None
    # mode=ro needs the WAL index (-shm) to be creatable; on a read-only medium, immutable
    # reads the main file alone, which is enough to tell whose file it is.
    for immutable in (False, True):
        try:
            connection = sqlite3.connect(read_only_uri(path, immutable=immutable), uri=True)
        except sqlite3.Error as exc:
            last = exc
            continue
        with contextlib.closing(connection):
            try:
                return list(connection.execute(sql).fetchall())
            except sqlite3.DatabaseError as exc:
                last = exc
                if "malformed" in str(exc) or "not a database" in str(exc):
                    break
    raise DatabaseOpenError(
        f"{path} cannot be read as a database ({last}). It may be damaged: open your latest "
        "backup instead."
    ) from last
