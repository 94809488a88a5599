"""The command line's parser and dispatch: `bilatdesk COMMAND ...` runs one command module.

`python -m bilatdesk` without a command parses its arguments here on the way to the window, so
this module stays light at import: each command lives in its own module (`database`, `lists`,
`documents`, `backups`, `contacts`, `calendar`, `people`, `today`, `corps`, `audit`), loaded
only when it runs, and those share `common`, never this module. A failure prints one line and
exits non-zero.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

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
    demo.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt it (passphrase from BILATDESK_PASSPHRASE, or asked twice)",
    )

    backup = commands.add_parser(
        "backup", parents=[common], help="back up the database now (verified before it counts)"
    )
    backup.add_argument(
        "--out", type=Path, metavar="FILE", help="a file of your choice instead of the rotation"
    )
    backup.add_argument(
        "--full",
        action="store_true",
        help="run the full integrity check now (by default it runs when the program is idle)",
    )
    commands.add_parser("backups", parents=[common], help="list the backups with their verdicts")
    restore = commands.add_parser(
        "restore", parents=[common], help="put a backup in place; the current file is kept aside"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")

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
    _add_audit_command(commands, common)
    return parser


def _add_audit_command(commands: Any, common: argparse.ArgumentParser) -> None:
    audit = commands.add_parser(
        "audit", parents=[common], help="the audit trail: who changed what, and when"
    )
    audit.add_argument(
        "--record", metavar="KIND:ID", help="only this record, e.g. person:12 or cable:3"
    )
    audit.add_argument(
        "--since", type=_iso_date, metavar="YYYY-MM-DD", help="only entries from this day (UTC)"
    )
    audit.add_argument("--json", action="store_true", help="print a JSON array")


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

    search = commands.add_parser("search", parents=[common], help="find records by their words")
    search.add_argument("query", metavar="QUERY", help='words to find, e.g. "ferry strike"')
    search.add_argument("--kind", choices=SEARCH_KINDS, help="only this kind of record")
    search.add_argument("--country", metavar="CODE", help="only this country (ISO code)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="per kind (20)")

    corps = commands.add_parser(
        "diplomatic-list", parents=[common], help="print the diplomatic list of a capital"
    )
    corps.add_argument("--country", required=True, metavar="CODE", help="the host country")
    corps.add_argument("--on", type=_iso_date, metavar="YYYY-MM-DD", help="default: today")
    corps.add_argument("--out", required=True, type=Path, help="the PDF file to write")


SEARCH_KINDS = (
    "person",
    "organisation",
    "engagement",
    "commitment",
    "cable",
    "agreement",
    "visit",
    "attachment",
)
"""The kinds of record `search --kind` takes (services.search.records.KINDS, kept light here)."""

COMMANDS = {
    "demo": "database:demo",
    "check": "database:check",
    "backup": "backups:backup",
    "backups": "backups:list_all",
    "restore": "backups:restore",
    "list": "lists:list_records",
    "cable": "documents:cable_pdf",
    "agreements": "documents:agreements_pdf",
    "brief": "documents:brief_pdf",
    "who": "people:who",
    "today": "today:today",
    "diplomatic-list": "corps:diplomatic_list",
    "audit": "audit:audit",
    "search": "search:search",
}
"""Each command's module in this package and the function in it that runs the command."""

EXCHANGES = {
    ("import", "ics"): "calendar:import_calendar",
    ("export", "ics"): "calendar:export_calendar",
    ("import", "vcard"): "contacts:import_contacts",
    ("export", "vcard"): "contacts:export_contacts",
    ("import", "csv"): "contacts:import_contacts",
    ("export", "csv"): "contacts:export_contacts",
}
"""The import and export commands, by format: the calendar's or the contacts' module."""

Command = Callable[[argparse.Namespace, TextIO], int]


def command_for(args: argparse.Namespace) -> Command:
    """The function that runs the parsed command, its module imported only now."""
    from importlib import import_module

    from bilatdesk.cli.common import CliError

    target = COMMANDS.get(args.command) or EXCHANGES.get(
        (args.command, getattr(args, "format", ""))
    )
    if target is None:
        raise CliError(f"unknown command {args.command}")
    module, function = target.split(":")
    found: Command = getattr(import_module(f"bilatdesk.cli.{module}"), function)
    return found


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run a parsed sub-command; errors become one line on stderr."""
    from bilatdesk.cli.common import CliError
    from bilatdesk.services.kernel.errors import ServiceError
    from bilatdesk.store.errors import StoreError

    out = out or sys.stdout
    try:
        return command_for(args)(args, out)
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
            "give a command (demo, check, backup, backups, restore, list, cable, agreements, "
            "brief, import, export, who, today, diplomatic-list, audit), "
            "or run bilatdesk without arguments"
        )
    return run(args)


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
