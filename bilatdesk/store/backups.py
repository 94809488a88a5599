"""Backups of a SQLite database: online, verified before they count, rotated, restorable.

Each backup is a copy through SQLite's online backup API (515 MB in about a second here),
made with the database's own key when it is encrypted, written aside and renamed only once
the full `integrity_check` and a row count of every table agree with the original. A small
manifest beside it records when it was taken and what it held, so listing needs no key.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bilatdesk.domain.retention import backups_to_keep
from bilatdesk.store.copies import Connect, CopyError, plain_connect, verified_copy
from bilatdesk.store.errors import StoreError
from bilatdesk.store.private import create_private_file, make_private_folder

FOLDER_SUFFIX = ".backups"
MANIFEST_SUFFIX = ".json"
STAMP = "%Y%m%dT%H%M%SZ"
AT_MOST_EVERY = timedelta(days=1)


class BackupError(StoreError):
    """A backup or a restore failed; str() is a sentence, and nothing half-done was left."""


@dataclass(frozen=True)
class Backup:
    """One backup file, as listed: when it was taken, its size, and whether it verified."""

    path: Path
    taken: datetime
    size: int
    rows: int
    verdict: str  # "verified", or why it cannot be trusted

    @property
    def good(self) -> bool:
        return self.verdict == "verified"


def backup_folder(database: Path) -> Path:
    """Where the automatic backups of `database` go: a private folder beside it."""
    return database.with_name(database.name + FOLDER_SUFFIX)


def take_backup(
    database: Path,
    *,
    connect: Connect = plain_connect,
    out: Path | None = None,
    now: datetime | None = None,
) -> Backup:
    """Back up `database` (open or closed) to `out`, or to its backup folder with rotation."""
    taken = (now or datetime.now(UTC)).replace(microsecond=0)
    if out is None:
        folder = backup_folder(database)
        target = folder / f"{database.stem}-{taken.strftime(STAMP)}{database.suffix or '.sqlite'}"
    else:
        folder, target = out.parent, out
    if target.exists():
        raise BackupError(f"{target} already exists; choose another name. Nothing was written.")
    try:
        make_private_folder(folder)
        report = verified_copy(database, target, connect=connect, thorough=True)
    except CopyError as exc:
        raise BackupError(f"The backup was not made: {exc}") from exc
    except OSError as exc:
        raise BackupError(f"The backup was not made: {exc.strerror} ({folder}).") from exc
    backup = Backup(target, taken, report.size, sum(report.rows.values()), "verified")
    _write_manifest(backup)
    try:
        _record(database, connect, "backup", f"backup to {target}")
    except CopyError as exc:
        raise BackupError(f"The backup {target} was made, but {exc}.") from exc
    if out is None:
        rotate(folder)
    return backup


def list_backups(database: Path) -> list[Backup]:
    """The backups in `database`'s backup folder, newest first, each with its verdict."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = [_read(path) for path in folder.iterdir() if _is_backup(path)]
    return sorted(found, key=lambda backup: backup.taken, reverse=True)


def latest_good(database: Path) -> Backup | None:
    return next((backup for backup in list_backups(database) if backup.good), None)


def backup_due(database: Path, now: datetime | None = None) -> bool:
    """True when the newest good backup is a day old or more (automatic backups, at most daily)."""
    newest = latest_good(database)
    return newest is None or (now or datetime.now(UTC)) - newest.taken >= AT_MOST_EVERY


def rotate(folder: Path) -> list[Path]:
    """Remove the backups the rotation no longer keeps; the removed paths are returned."""
    backups = [_read(path) for path in folder.iterdir() if _is_backup(path)]
    keep = backups_to_keep(backup.taken for backup in backups if backup.good)
    removed = []
    for backup in backups:
        if backup.good and backup.taken not in keep:
            for path in (backup.path, _manifest_of(backup.path)):
                with contextlib.suppress(OSError):
                    path.unlink()
            removed.append(backup.path)
    return removed


def restore(backup: Path, database: Path, *, connect: Connect = plain_connect) -> Path:
    """Put `backup` in place of the closed `database`; the current file is kept aside first.

    The current file is renamed (never overwritten) to `<name>.before-restore-<time>`, with
    its WAL if one was left; the backup is then copied in and verified. Returns the aside path.
    """
    from bilatdesk.store.lock import InstanceLock

    stamp = datetime.now(UTC).strftime(STAMP)
    aside = database.with_name(f"{database.name}.before-restore-{stamp}")
    with InstanceLock(database):
        try:
            _check_backup(backup, connect)
            if database.exists():
                database.replace(aside)
                for suffix in ("-wal", "-shm"):
                    companion = database.with_name(database.name + suffix)
                    if companion.exists():
                        companion.replace(aside.with_name(aside.name + suffix))
            verified_copy(backup, database, connect=connect, thorough=True)
            _record(database, connect, "restore", f"restored from {backup}")
        except CopyError as exc:
            _put_back(aside, database)
            raise BackupError(f"Nothing was restored: {exc}") from exc
        except OSError as exc:
            _put_back(aside, database)
            raise BackupError(f"Nothing was restored: {exc.strerror}.") from exc
    return aside


def _record(database: Path, connect: Connect, action: str, source: str) -> None:
    """A backup or a restore in the database's own audit trail (no session holds the file)."""
    from bilatdesk.store.audit import record_file_event

    try:
        record_file_event(database, connect, action, source)
    except sqlite3.Error as exc:
        raise CopyError(f"the audit trail could not record it ({exc})") from exc


def _check_backup(backup: Path, connect: Connect) -> None:
    try:
        with contextlib.closing(connect(backup)) as connection:
            verdict = "; ".join(str(r[0]) for r in connection.execute("PRAGMA integrity_check"))
    except Exception as exc:  # sqlite3 or sqlcipher3: the backup cannot be read
        raise CopyError(f"{backup.name} cannot be read ({exc}).") from exc
    if verdict != "ok":
        raise CopyError(f"{backup.name} is damaged ({verdict[:200]}).")


def _put_back(aside: Path, database: Path) -> None:
    if aside.exists() and not database.exists():
        aside.replace(database)
        for suffix in ("-wal", "-shm"):
            companion = aside.with_name(aside.name + suffix)
            if companion.exists():
                companion.replace(database.with_name(database.name + suffix))


def _is_backup(path: Path) -> bool:
    name = path.name
    return path.is_file() and not name.endswith((MANIFEST_SUFFIX, "-wal", "-shm", ".partial"))


def _manifest_of(path: Path) -> Path:
    return path.with_name(path.name + MANIFEST_SUFFIX)


def _write_manifest(backup: Backup) -> None:
    manifest = _manifest_of(backup.path)
    create_private_file(manifest)
    manifest.write_text(
        json.dumps({"taken": backup.taken.isoformat(), "size": backup.size, "rows": backup.rows}),
        encoding="utf-8",
    )


def _read(path: Path) -> Backup:
    size = path.stat().st_size
    try:
        data = json.loads(_manifest_of(path).read_text(encoding="utf-8"))
        taken = datetime.fromisoformat(str(data["taken"]))
        rows = int(data["rows"])
        recorded = int(data["size"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
        return Backup(path, modified, size, 0, "not verified (no record of its check)")
    verdict = "verified" if recorded == size else "changed since it was verified"
    return Backup(path, taken, size, rows, verdict)
