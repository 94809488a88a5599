"""Private files: the data folder 0700, the database and every file beside it 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from bilatdesk.store.database import Database
from bilatdesk.store.lock import lock_path_for
from bilatdesk.store.private import companions, create_private_file, make_private_folder


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_and_its_companions_are_private_whatever_the_umask(tmp_path: Path) -> None:
    """With umask 000, the new folder is 0700 and the file, WAL, SHM and lock file 0600."""
    folder = tmp_path / "data" / "bilatdesk"
    path = folder / "bilatdesk.sqlite"
    code = (
        "import os, sys\n"
        "os.umask(0)\n"
        "from sqlalchemy import text\n"
        "from bilatdesk.store.database import Database\n"
        "db = Database.open(sys.argv[1])\n"
        "with db.session() as s:\n"
        "    s.execute(text(\"INSERT INTO setting (key, value) VALUES ('k', 'v')\"))\n"
        "import pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "modes = [oct(os.stat(x).st_mode & 0o777) for x in (p.parent, p, str(p) + '-wal',"
        " str(p) + '-shm', str(p) + '.lock')]\n"
        "print(' '.join(modes))\n"
        "db.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0o700", "0o600", "0o600", "0o600", "0o600"]
    assert _mode(tmp_path / "data") == 0o700  # every folder the program created


def test_an_existing_world_readable_database_is_made_private_on_open(tmp_path: Path) -> None:
    """A file written 0644 by an older version is 0600 once opened, with its WAL and SHM."""
    path = tmp_path / "db.sqlite"
    Database.open(path).close()
    path.chmod(0o644)
    with Database.open(path) as db:
        with db.session() as session:
            session.execute(text("INSERT INTO setting (key, value) VALUES ('k', 'v')"))
        assert _mode(path) == 0o600
        for companion in companions(path):
            if companion.exists():
                assert _mode(companion) == 0o600, companion
    assert not lock_path_for(path).exists()


def test_a_folder_the_user_chose_is_left_as_it_was(tmp_path: Path) -> None:
    """Only folders the program creates are made private; an existing one is not changed."""
    tmp_path.chmod(0o755)
    Database.open(tmp_path / "db.sqlite").close()
    assert _mode(tmp_path) == 0o755


def test_private_helpers_ignore_the_umask(tmp_path: Path) -> None:
    """create_private_file and make_private_folder give 0600 and 0700 under umask 000."""
    old = os.umask(0)
    try:
        make_private_folder(tmp_path / "a" / "b")
        create_private_file(tmp_path / "a" / "b" / "f")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a") == 0o700 and _mode(tmp_path / "a" / "b") == 0o700
    assert _mode(tmp_path / "a" / "b" / "f") == 0o600
