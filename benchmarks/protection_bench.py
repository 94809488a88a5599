"""Encryption at rest and backups on the large benchmark database.

`make bench` calls `encrypted_copy` (made once, beside the plain file, and reused) and
`measure_backup`. The goal for encryption is to stay within 1.5x of the plain figures for the
start to first rows and a list page, measured in the same run; a backup of the 1M-engagement
file should take at most 5 s.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PASSPHRASE = "benchmark passphrase, not a secret"
BACKUP_GOAL_S = 5.0


def encrypted_copy(plain: Path) -> Path:
    """An encrypted copy of `plain` (encrypted once with sqlcipher_export, then reused)."""
    from bilatdesk.store.cipher import encrypt_file

    target = plain.with_name(plain.stem + "-encrypted.sqlite")
    if target.exists():
        return target
    partial = plain.with_name(plain.stem + "-encrypting.sqlite")
    partial.unlink(missing_ok=True)
    shutil.copyfile(plain, partial)
    started = time.perf_counter()
    encrypt_file(partial, PASSPHRASE)
    partial.rename(target)
    print(f"encrypted copy made in {time.perf_counter() - started:.0f} s", flush=True)
    return target


@dataclass(frozen=True)
class BackupFigures:
    seconds: float  # the backup as it counts: copy, quick_check, row counts
    floor_seconds: float
    size: int
    full_check_seconds: float  # the full integrity_check that follows when idle


def measure_backup(path: Path, passphrase: str | None = None, runs: int = 3) -> BackupFigures:
    """The verified backup (copy, quick_check, row counts) against a plain file copy, and the
    full integrity_check of one backup (run once: it is the idle-time step, 20 s or more)."""
    from bilatdesk.store.backups import check_in_full, take_backup
    from bilatdesk.store.database import Database

    samples, floors = [], []
    with (
        tempfile.TemporaryDirectory(dir=path.parent) as folder,
        # Writable: a backup adds its entry to the file's audit trail, and a connection opened
        # to read only cannot fold that back from the WAL when it closes, so the next start
        # took the file for one a crash left and checked it first (15 s, encrypted, cold).
        Database.open(path, lock=False, passphrase=passphrase) as db,
    ):
        for run in range(runs):
            target = Path(folder) / f"backup-{run}.sqlite"
            started = time.perf_counter()
            made = take_backup(path, connect=db.connect_file, out=target)
            samples.append(time.perf_counter() - started)
            started = time.perf_counter()
            shutil.copyfile(path, Path(folder) / f"copy-{run}.sqlite")
            floors.append(time.perf_counter() - started)
        started = time.perf_counter()
        check_in_full(made, connect=db.connect_file)
        full = time.perf_counter() - started
    return BackupFigures(statistics.median(samples), statistics.median(floors), made.size, full)
