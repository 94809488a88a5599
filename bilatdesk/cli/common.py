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


def open_existing(args: argparse.Namespace, *, read_only: bool = False) -> Database:
    """Open the database named by --db (or the default) that must already exist.

    `read_only` opens it for reading only: no migration, nothing written (the audit trail).
    """
    target = getattr(args, "db", None)
    if target is None:
        path = default_database_path()
        if not path.exists():
            raise CliError(
                f"no database at {path}; give one with --db, "
                "or make one with: bilatdesk demo --out PATH"
            )
        target = str(path)
    elif "://" not in target and not Path(target).exists():
        raise CliError(f"no database at {target}")
    from bilatdesk.store.database import Database

    # Reading commands do not take the instance lock: a clerk may list while the window is open.
    if read_only:
        return Database.open(target, read_only=True)
    return Database.open(target, lock=False)


def open_services(args: argparse.Namespace) -> Services:
    """The catalogue of services over the database --db names; closing it closes the database."""
    from bilatdesk.services.catalog import Services

    return Services.over(open_existing(args))


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
