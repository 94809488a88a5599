"""Headless sub-commands: demo, check, list. Each fails with one clear line and a non-zero exit.

`python -m bilatdesk` without a command parses its arguments here on the way to the window, so
this module stays light at import: the store and the services (SQLAlchemy) and the package
version (importlib.metadata) are loaded inside the commands that need them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bilatdesk.config import default_database_path

if TYPE_CHECKING:
    from bilatdesk.domain.classification import ClassificationLevel
    from bilatdesk.services.kernel.listing import ListQuery, Page
    from bilatdesk.store.database import Database

LIST_KINDS = (
    "countries",
    "people",
    "organisations",
    "engagements",
    "cables",
    "agreements",
    "visits",
    "commitments",
)
EXCHANGE_FORMATS = ("vcard", "csv", "ics")


class CliError(Exception):
    """A failure to print as one line."""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help="a SQLite file or a postgresql:// URL (default: the database in your data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="bilatdesk",
        description="The relations log of an embassy. Without a command, opens the window.",
        parents=[common],
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", parents=[common], help="write a demo database")
    demo.add_argument("--out", required=True, type=Path, help="where to write it")
    demo.add_argument(
        "--scale",
        type=_non_negative,
        default=0,
        help="add N synthetic engagements (for benchmarks)",
    )
    demo.add_argument("--force", action="store_true", help="replace an existing file")

    commands.add_parser(
        "check", parents=[common], help="check integrity and schema state (exit 0 when healthy)"
    )

    listing = commands.add_parser("list", parents=[common], help="list records")
    listing.add_argument("kind", choices=LIST_KINDS)
    listing.add_argument("--country", metavar="CODE", help="only this country (ISO code)")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--limit", type=_non_negative, default=0, help="at most N records")
    listing.add_argument("--filter", default="", help="full-text filter")

    cable = commands.add_parser("cable", parents=[common], help="work with one cable")
    cable_commands = cable.add_subparsers(dest="cable_command", metavar="ACTION", required=True)
    pdf = cable_commands.add_parser("pdf", parents=[common], help="print a cable to a PDF file")
    pdf.add_argument("key", metavar="SERIAL|ID", help="a serial such as 'VIE 2026/017', or an id")
    pdf.add_argument("--out", required=True, type=Path, help="the PDF file to write")

    agreements = commands.add_parser("agreements", parents=[common], help="the agreements register")
    agreement_commands = agreements.add_subparsers(
        dest="agreements_command", metavar="ACTION", required=True
    )
    register = agreement_commands.add_parser(
        "pdf", parents=[common], help="print a country's agreements register"
    )
    register.add_argument("--country", required=True, metavar="CODE", help="ISO code")
    register.add_argument("--out", required=True, type=Path, help="the PDF file to write")

    brief = commands.add_parser("brief", parents=[common], help="print a visit's brief")
    brief.add_argument("visit_id", type=int, metavar="VISIT_ID")
    brief.add_argument("--out", required=True, type=Path, help="the PDF file to write")

    _add_exchange_commands(commands, common)
    _add_people_and_day_commands(commands, common)
    return parser


def _add_exchange_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    importing = commands.add_parser(
        "import", parents=[common], help="import contacts (vCard, CSV) or a calendar (ICS)"
    )
    importing.add_argument("format", choices=EXCHANGE_FORMATS)
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument(
        "--dry-run", action="store_true", help="print what would happen and change nothing"
    )
    importing.add_argument(
        "--mapping", type=Path, metavar="FILE", help="CSV only: a JSON column mapping"
    )
    importing.add_argument(
        "--country",
        metavar="CODE",
        help="the country new people or engagements belong to (ISO code)",
    )
    importing.add_argument(
        "--from",
        dest="from_date",
        type=_iso_date,
        metavar="DATE",
        help="ICS: import events from this day (default: a year ago)",
    )
    importing.add_argument(
        "--to",
        dest="to_date",
        type=_iso_date,
        metavar="DATE",
        help="ICS: up to this day; repeating events are expanded only inside (default: +2 years)",
    )
    importing.add_argument(
        "--on-match",
        choices=("update", "skip"),
        default="update",
        help="what to do with a card matching an existing person (default: update)",
    )

    exporting = commands.add_parser(
        "export", parents=[common], help="export people (vCard, CSV) or a calendar (ICS)"
    )
    exporting.add_argument("format", choices=EXCHANGE_FORMATS)
    exporting.add_argument("out", type=Path, metavar="OUT")
    exporting.add_argument("--country", metavar="CODE", help="only this country (ISO code)")
    exporting.add_argument(
        "--ceiling",
        metavar="LEVEL",
        help="leave out records marked above this level (default U: nothing classified leaves)",
    )
    exporting.add_argument(
        "--from", dest="from_date", type=_iso_date, metavar="DATE", help="ICS: from this day"
    )
    exporting.add_argument(
        "--to", dest="to_date", type=_iso_date, metavar="DATE", help="ICS: up to this day"
    )


def _add_people_and_day_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    who = commands.add_parser("who", parents=[common], help="who held a post on a day")
    who.add_argument(
        "post", metavar="POST", help='a post title, e.g. "Minister of Foreign Affairs"'
    )
    who.add_argument("--country", required=True, metavar="CODE", help="ISO code")
    who.add_argument("--on", type=_iso_date, metavar="YYYY-MM-DD", help="default: today")
    who.add_argument("--json", action="store_true", help="print JSON")

    today = commands.add_parser("today", parents=[common], help="what needs attention now")
    today.add_argument("--on", type=_iso_date, metavar="YYYY-MM-DD", help="default: today")
    today.add_argument("--country", metavar="CODE", help="only this country (ISO code)")
    today.add_argument("--json", action="store_true", help="print JSON")

    corps = commands.add_parser(
        "diplomatic-list", parents=[common], help="print the diplomatic list of a capital"
    )
    corps.add_argument("--country", required=True, metavar="CODE", help="the host country")
    corps.add_argument("--on", type=_iso_date, metavar="YYYY-MM-DD", help="default: today")
    corps.add_argument("--out", required=True, type=Path, help="the PDF file to write")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run a parsed sub-command; errors become one line on stderr."""
    from bilatdesk.services.kernel.errors import ServiceError
    from bilatdesk.store.errors import StoreError

    out = out or sys.stdout
    commands = {
        "demo": _demo,
        "check": _check,
        "list": _list,
        "cable": _cable_pdf,
        "agreements": _agreements_pdf,
        "brief": _brief_pdf,
        "import": _import,
        "export": _export,
        "who": _who,
        "today": _today,
        "diplomatic-list": _diplomatic_list,
    }
    try:
        if args.command not in commands:
            raise CliError(f"unknown command {args.command}")
        return commands[args.command](args, out)
    except (CliError, StoreError, ServiceError, FileExistsError) as exc:
        print(f"bilatdesk: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"bilatdesk: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return 1
    except KeyboardInterrupt:
        print("bilatdesk: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.error(
            "give a command (demo, check, list, cable, agreements, brief, import, export, who, "
            "today, diplomatic-list), "
            "or run bilatdesk without arguments"
        )
    return run(args)


# -- commands ---------------------------------------------------------------------------------
def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.demo.database import build_demo

    def report(done: int, total: int) -> None:
        print(f"\r{done:,} of {total:,} engagements", end="", file=sys.stderr, flush=True)

    build_demo(
        args.out, scale=args.scale, force=args.force, progress=report if args.scale else None
    )
    if args.scale:
        print(file=sys.stderr)
    print(f"Demo database written to {args.out}", file=out)
    return 0


def _check(args: argparse.Namespace, out: TextIO) -> int:
    with open_existing(args) as db:
        report = db.check()
    print(f"database:  {db.display_location}", file=out)
    print(f"integrity: {report.integrity}", file=out)
    print(f"schema:    {report.revision} (expected {report.expected_revision})", file=out)
    print("healthy" if report.healthy else "NOT healthy", file=out)
    return 0 if report.healthy else 1


def _list(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.services.agreements.service import AgreementService
    from bilatdesk.services.cables.service import CableService
    from bilatdesk.services.countries.service import CountryService
    from bilatdesk.services.engagements.commitments import CommitmentService
    from bilatdesk.services.engagements.service import EngagementService
    from bilatdesk.services.kernel.listing import ListQuery
    from bilatdesk.services.organisations.service import OrganisationService
    from bilatdesk.services.people.service import PersonService
    from bilatdesk.services.visits.service import VisitService

    with open_existing(args) as db:
        country_id = country_id_for(db, args.country)
        listers: dict[str, Callable[[ListQuery], Page[Any]]] = {
            "countries": CountryService(db).list,
            "people": PersonService(db).list,
            "organisations": OrganisationService(db).list,
            "engagements": EngagementService(db).list,
            "cables": CableService(db).list,
            "agreements": AgreementService(db).list,
            "visits": VisitService(db).list,
            "commitments": CommitmentService(db).list,
        }
        lister = listers[args.kind]
        query = ListQuery(text=args.filter, country_id=country_id)
        records = _all_rows(lister, query, args.limit)
        if args.json:
            write_json(records, out)
        else:
            _write_table(records, out)
    return 0


def _cable_pdf(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.services.cables.documents import CableDocuments
    from bilatdesk.services.cables.service import CableService
    from bilatdesk.services.kernel.documents import issue_to_file

    with open_existing(args) as db:
        cable = CableService(db).by_serial_or_id(args.key)
        pdf = CableDocuments(db).pdf(cable.id)
    issue_to_file(args.out, pdf)
    name = cable.serial or f"draft {cable.id}"
    print(f"Cable {name} written to {args.out} ({len(pdf):,} bytes)", file=out)
    return 0


def _agreements_pdf(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.services.agreements.register import AgreementRegister
    from bilatdesk.services.countries.service import CountryService
    from bilatdesk.services.kernel.documents import issue_to_file

    with open_existing(args) as db:
        country = CountryService(db).by_code(args.country)
        if country is None:
            raise CliError(f"no country with code '{args.country}' in this database")
        pdf = AgreementRegister(db).pdf(country.id)
    issue_to_file(args.out, pdf)
    print(
        f"Agreements register of {country.name} written to {args.out} ({len(pdf):,} bytes)",
        file=out,
    )
    return 0


def _brief_pdf(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.services.kernel.documents import issue_to_file
    from bilatdesk.services.visits.brief.assemble import BriefService

    with open_existing(args) as db:
        briefs = BriefService(db)
        pdf = briefs.build(args.visit_id)
        issue_to_file(args.out, pdf)
        digest = briefs.keep(args.visit_id, pdf)
    print(f"Brief written to {args.out} ({len(pdf):,} bytes, SHA-256 {digest[:12]}…)", file=out)
    return 0


# The exchange and reminder commands live in their own modules, loaded only when run.
def _import(args: argparse.Namespace, out: TextIO) -> int:
    if args.format == "ics":
        from bilatdesk.cli.calendar import import_calendar

        return import_calendar(args, out)
    from bilatdesk.cli.contacts import import_contacts

    return import_contacts(args, out)


def _export(args: argparse.Namespace, out: TextIO) -> int:
    if args.format == "ics":
        from bilatdesk.cli.calendar import export_calendar

        return export_calendar(args, out)
    from bilatdesk.cli.contacts import export_contacts

    return export_contacts(args, out)


def _who(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.cli.people import who

    return who(args, out)


def _today(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.cli.today import today

    return today(args, out)


def _diplomatic_list(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.cli.corps import diplomatic_list

    return diplomatic_list(args, out)


# -- helpers ----------------------------------------------------------------------------------
def country_id_for(db: Database, code: str | None) -> int | None:
    """The id of the country with this ISO code; None without a code; an error if unknown."""
    if not code:
        return None
    from bilatdesk.services.countries.service import CountryService

    found = CountryService(db).by_code(code)
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


def open_existing(args: argparse.Namespace) -> Database:
    """Open the database named by --db (or the default) that must already exist."""
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
    return Database.open(target, lock=False)


def _all_rows(
    lister: Callable[[ListQuery], Page[Any]], query: ListQuery, limit: int
) -> Iterator[Any]:
    emitted = 0
    while True:
        page = lister(query)
        for row in page.rows:
            yield row
            emitted += 1
            if limit and emitted >= limit:
                return
        if page.next_cursor is None:
            return
        query = replace(query, after=page.next_cursor)


def plain(value: Any) -> Any:
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


def _write_table(records: Iterator[Any], out: TextIO) -> None:
    for row in records:
        values = as_dict(row)
        values.pop("uid", None)
        cells = []
        for value in values.values():
            cells.append("; ".join(map(str, value)) if isinstance(value, list) else str(value))
        out.write("\t".join(cells) + "\n")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day as YYYY-MM-DD") from None


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


class _VersionAction(argparse.Action):
    """--version, reading the installed version only when asked (importlib.metadata is slow)."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: str = argparse.SUPPRESS,
        help: str | None = None,
    ) -> None:
        super().__init__(
            option_strings,
            dest=dest,
            default=default,
            nargs=0,
            help=help or "show the program's version number and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {_version()}", file=sys.stdout)
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bilatdesk")
    except PackageNotFoundError:
        return "0+unknown"


if __name__ == "__main__":
    sys.exit(main())
