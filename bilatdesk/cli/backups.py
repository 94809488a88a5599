"""`bilatdesk backup`, `backups` and `restore`: verified copies of a SQLite database file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from bilatdesk.cli.common import CliError, ask_passphrase, database_target, open_existing


def backup(args: argparse.Namespace, out: TextIO) -> int:
    """Back up now: to the rotation beside the database, or to --out (never overwritten)."""
    from bilatdesk.store.backups import take_backup

    with open_existing(args, read_only=True) as db:
        path = _file_of(db.display_location, db.is_sqlite)
        made = take_backup(path, connect=db.connect_file, out=args.out, full=args.full)
    print(
        f"Backup written to {made.path} ({made.size:,} bytes, {made.rows:,} rows, {made.verdict})",
        file=out,
    )
    if not made.checked_in_full:
        print(
            "The full integrity check runs when the program is next idle "
            "(or now: bilatdesk backup --full).",
            file=out,
        )
    return 0


def list_all(args: argparse.Namespace, out: TextIO) -> int:
    """Every backup in the rotation, newest first, with its date, size and verdict."""
    from bilatdesk.store.backups import backup_folder, list_backups

    path = Path(database_target(args))
    found = list_backups(path)
    if not found:
        print(f"No backups yet in {backup_folder(path)}.", file=out)
        return 0
    for made in found:
        taken = made.taken.strftime("%Y-%m-%d %H:%M UTC")
        print(f"{taken}  {made.size:>14,} bytes  {made.verdict:<16}  {made.path.name}", file=out)
    return 0


def restore(args: argparse.Namespace, out: TextIO) -> int:
    """Put a backup in place of the database; the current file is renamed aside, not lost."""
    import os

    from bilatdesk.store.backups import restore as put_back
    from bilatdesk.store.cipher import keyed_connect
    from bilatdesk.store.copies import Connect, plain_connect
    from bilatdesk.store.sqlite_file import SQLITE_HEADER

    path = Path(database_target(args))
    if not args.file.is_file():
        raise CliError(f"no backup at {args.file}")
    with args.file.open("rb") as handle:
        encrypted = not handle.read(16).startswith(SQLITE_HEADER)
    connect: Connect = plain_connect
    if encrypted:
        passphrase = os.environ.get("BILATDESK_PASSPHRASE") or ask_passphrase(args.file.name)
        connect = keyed_connect(passphrase)
    aside = put_back(args.file, path, connect=connect)
    print(f"Restored {args.file.name} into {path}; the previous file is kept as {aside}.", file=out)
    return 0


def _file_of(location: str, is_sqlite: bool) -> Path:
    if not is_sqlite:
        raise CliError("backups of a PostgreSQL database are made with pg_dump by its server")
    return Path(location)
