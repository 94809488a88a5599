"""What every command shares: the one-line error, opening the database, its services, output.

Each command module imports this one, never the parser (`bilatdesk.cli`), so the parser can
load a command when it runs without a cycle. The store and the services are imported inside
the helpers that need them, so a command that fails on its arguments stays fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bilatdesk.config import default_database_path

if TYPE_CHECKING:
    from bilatdesk.domain.classification import ClassificationLevel
    from bilatdesk.services.catalog import Services
    from bilatdesk.store.database import Database


class CliError(Exception):
    """A failure to print as one line."""


PASSPHRASE_VARIABLE = "BILATDESK_PASSPHRASE"
"""Where a script gives the passphrase: never an argument, which the process list would show."""


def database_target(args: argparse.Namespace) -> str:
    """The --db target (or the default file), which must already exist."""
    target = getattr(args, "db", None)
    if target is None:
        path = default_database_path()
        if not path.exists():
            raise CliError(
                f"no database at {path}; give one with --db, "
                "or make one with: bilatdesk demo --out PATH"
            )
        return str(path)
    if "://" not in target and not Path(target).exists():
        raise CliError(f"no database at {target}")
    return str(target)


def ask_passphrase(name: str, *, twice: bool = False) -> str:
    """The passphrase from BILATDESK_PASSPHRASE, else asked on the terminal (not echoed)."""
    import os

    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise CliError(
            f"{name} is encrypted: set {PASSPHRASE_VARIABLE}, or run the command in a terminal "
            "to be asked for the passphrase"
        )
    from getpass import getpass

    passphrase = getpass(f"Passphrase for {name}: ")
    if twice and getpass("The same passphrase again: ") != passphrase:
        raise CliError("the two passphrases differ; nothing was written")
    if not passphrase:
        raise CliError("no passphrase given; nothing was opened")
    return passphrase


def open_existing(args: argparse.Namespace, *, read_only: bool = False) -> Database:
    """Open the database named by --db (or the default), asking its passphrase if encrypted.

    Reading commands open `read_only`: nothing is written, not even a lock file or a
    migration (checking a backup must not change it), and they do not take the instance lock,
    so a clerk may list while the window is open.
    """
    import os

    from bilatdesk.store.cipher import PassphraseRequiredError
    from bilatdesk.store.database import Database

    target = database_target(args)
    passphrase = os.environ.get(PASSPHRASE_VARIABLE) or None
    try:
        db = Database.open(target, lock=False, read_only=read_only, passphrase=passphrase)
    except PassphraseRequiredError as exc:
        if passphrase is not None:
            raise
        if not sys.stdin.isatty():
            raise CliError(
                f"{exc} If it is encrypted, set {PASSPHRASE_VARIABLE} or run the command in a "
                "terminal to be asked for its passphrase."
            ) from exc
        passphrase = ask_passphrase(Path(target).name)
        db = Database.open(target, lock=False, read_only=read_only, passphrase=passphrase)
    if read_only and not getattr(args, "any_schema", False):
        _require_current_schema(db)
    return db


def _require_current_schema(db: Database) -> None:
    from bilatdesk.store.schema import HEAD_REVISION

    revision = db.revision()
    if revision != HEAD_REVISION:
        db.close()
        raise CliError(
            f"{db.display_location} was written by another version of bilatdesk (schema "
            f"{revision}); open it once in the program to update it (a copy is kept first)"
        )


def open_services(args: argparse.Namespace, *, read_only: bool = False) -> Services:
    """The catalogue of services over the database --db names; closing it closes the database."""
    from bilatdesk.services.catalog import Services

    return Services.over(open_existing(args, read_only=read_only))


def country_id_for(services: Services, code: str | None) -> int | None:
    """The id of the country with this ISO code; None without a code; an error if unknown."""
    if not code:
        return None
    found = services.countries.by_code(code)
    if found is None:
        raise CliError(f"no country with code '{code}' in this database")
    return found.id


def ceiling_level(args_ceiling: str | None, default: str) -> ClassificationLevel:
    """The level --ceiling names (`default` without one); an error for an unknown level."""
    from bilatdesk.domain.classification import DEFAULT_SCHEME, UnknownClassificationError

    try:
        return DEFAULT_SCHEME.parse(args_ceiling or default)
    except UnknownClassificationError as exc:
        raise CliError(f"--ceiling: {exc}") from None


def require_readable(path: Path) -> None:
    """An error unless `path` is a file this process can read."""
    if not path.exists():
        raise CliError(f"no file at {path}")
    if not path.is_file():
        raise CliError(f"{path} is not a file")
    try:
        with path.open("rb") as stream:
            stream.read(1)
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None


def require_folder(out: Path) -> None:
    """An error unless the folder `out` is to be written in exists."""
    if not out.parent.is_dir():
        raise CliError(f"no folder {out.parent} to write {out.name} in")


def count_progress(what: str) -> Callable[[int], bool] | None:
    """A running count ("1,200 cards read") on a terminal's stderr; None when stderr is a file
    or a pipe. `end_progress` ends its line."""
    if not sys.stderr.isatty():
        return None

    def show(count: int) -> bool:
        print(f"\r{count:,} {what}", end="", file=sys.stderr, flush=True)
        return True

    return show


def end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def print_report(notes: Iterable[str], summary: str, *, dry_run: bool, out: TextIO) -> None:
    """An import's notes (refusals, skips, what was left out), one a line, then its counts;
    a dry run says that it wrote nothing."""
    for note in notes:
        print(note, file=out)
    print(summary, file=out)
    if dry_run:
        print("Dry run: nothing was written.", file=out)


def plain(value: Any) -> Any:
    """A record's value as JSON holds it: enums by value, ids and days as text."""
    from uuid import UUID

    if isinstance(value, Enum):
        return value.value
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def as_dict(row: Any) -> dict[str, Any]:
    assert is_dataclass(row)
    return {f.name: plain(getattr(row, f.name)) for f in fields(row)}


def write_json(records: Iterator[Any], out: TextIO) -> None:
    import json

    # Streamed, so a million engagements never sit in memory at once.
    out.write("[")
    for index, row in enumerate(records):
        out.write(",\n " if index else "\n ")
        out.write(json.dumps(as_dict(row), ensure_ascii=False))
    out.write("\n]\n")
