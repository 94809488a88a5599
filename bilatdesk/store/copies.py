"""Copies of a database file that are whole or absent: written aside, verified, then renamed.

A copy written straight to its final name and killed midway left a 0-byte `.before-*` file
(10 of 10 kills), which SQLite opens as an empty database that passes `integrity_check`: a
clerk restoring "the copy taken before the update" would have restored nothing. So a copy is
written under a temporary name, private, checked (integrity and the row count of every table
against the source), flushed to disk, and only then renamed to the name people look for.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bilatdesk.store.private import companions, create_private_file

PARTIAL_SUFFIX = ".partial"

Connect = Callable[[Path], sqlite3.Connection]
"""Opens a SQLite file (plain, or keyed for an encrypted one)."""


class CopyError(Exception):
    """A copy could not be written or did not verify; str() is a sentence, nothing was left."""


@dataclass(frozen=True)
class CopyReport:
    """What a verified copy holds: its size and the rows of each table."""

    path: Path
    size: int
    rows: dict[str, int]


def plain_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(path))


def verified_copy(
    source: Path, target: Path, *, connect: Connect = plain_connect, thorough: bool = False
) -> CopyReport:
    """Copy the database `source` to `target` with the online backup API, whole or not at all.

    The WAL's committed content is included (the backup reads through SQLite). `target`
    must not exist yet; on any failure no file is left under either name. `thorough` runs the
    full `integrity_check` on the copy (backups) instead of `quick_check` (copies aside).
    """
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    remove_with_companions(partial)
    try:
        create_private_file(partial)
        with contextlib.closing(connect(source)) as origin:
            with contextlib.closing(connect(partial)) as copy:
                origin.backup(copy)
            expected = table_rows(origin)
        with contextlib.closing(connect(partial)) as copy:
            verdict = _check(copy, thorough=thorough)
            found = table_rows(copy)
        if verdict != "ok":
            raise CopyError(f"The copy of {source.name} did not verify ({verdict[:200]}).")
        if found != expected:
            raise CopyError(f"The copy of {source.name} does not hold every row of it.")
        _fsync(partial)
        partial.replace(target)
        _fsync_folder(target.parent)
    except CopyError:
        remove_with_companions(partial)
        raise
    except (sqlite3.Error, OSError) as exc:
        remove_with_companions(partial)
        raise CopyError(_sentence(source, target, exc)) from exc
    return CopyReport(target, target.stat().st_size, found)


def table_rows(connection: sqlite3.Connection) -> dict[str, int]:
    """The number of rows of every ordinary table (not SQLite's own, not virtual ones' shadows)."""
    names = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    quote = '"{}"'.format
    return {
        name: int(connection.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()[0])
        for name in names
    }


def _check(connection: sqlite3.Connection, *, thorough: bool) -> str:
    pragma = "PRAGMA integrity_check" if thorough else "PRAGMA quick_check"
    return "; ".join(str(row[0]) for row in connection.execute(pragma))


def _sentence(source: Path, target: Path, exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    if "full" in text.lower() or getattr(exc, "errno", None) == 28:
        return (
            f"There is not enough space in {target.parent} to copy {source.name}. "
            "Free some space and try again; nothing was changed."
        )
    return f"Could not copy {source.name} to {target.parent}: {text}. Nothing was changed."


def remove_with_companions(path: Path) -> None:
    for leftover in (path, *companions(path)):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk (POSIX; not on Windows).
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
