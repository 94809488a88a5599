"""Private files: the data folder 0700, the database and every file beside it 0600, any umask.

A travelling laptop's database holds classified cables and biographies; created with the
process umask (typically 022) they were readable by every local account (0755 folder, 0644
files). SQLite gives its WAL, SHM and journal the permissions of the database file, so a
database created 0600 keeps its companions private too.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

# The files SQLite and bilatdesk keep beside a database file.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")


def companions(database: Path) -> tuple[Path, ...]:
    """The WAL, SHM, rollback journal and lock file of `database` (whether they exist or not)."""
    return tuple(database.with_name(database.name + suffix) for suffix in COMPANION_SUFFIXES)


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and missing parents) so that only its owner can enter it.

    Folders that already exist are left as they are, except the ones this call creates: a
    user's own folder of choice is not ours to change.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        _chmod(path, PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask


def tighten_folder(folder: Path) -> None:
    """Make a folder that is ours (the program's data folder) private, if it is not."""
    if folder.is_dir():
        _tighten(folder, PRIVATE_FOLDER)


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only; an existing file is made private."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        tighten(path)
        return
    try:
        os.fchmod(descriptor, PRIVATE_FILE)  # whatever the umask removed or left
    finally:
        os.close(descriptor)


def tighten(path: Path) -> None:
    """Make an existing file private (0600) if group or others may read or write it."""
    _tighten(path, PRIVATE_FILE)


def tighten_database(database: Path) -> None:
    """The database file and every companion that exists, made private."""
    for path in (database, *companions(database)):
        tighten(path)


def _tighten(path: Path, mode: int) -> None:
    try:
        info = path.stat()
    except OSError:
        return
    if stat.S_IMODE(info.st_mode) & 0o077 and _owned_by_me(info):
        _chmod(path, mode)


def _owned_by_me(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _chmod(path: Path, mode: int) -> None:
    # A file on a medium without POSIX modes (FAT, some network shares) cannot be made
    # private this way; opening it must not fail for that.
    with contextlib.suppress(OSError):
        path.chmod(mode)
