"""`bilatdesk import vcard|csv FILE` and `bilatdesk export vcard|csv OUT`: contacts in and out.

Import prints one line per refused or skipped card and per card imported with something left
out, then the counts; a run that worked exits 0 even when cards were refused. Export writes
nothing above the classification ceiling, which is UNCLASSIFIED unless --ceiling says more.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from bilatdesk.cli.common import (
    CliError,
    ceiling_level,
    count_progress,
    country_id_for,
    end_progress,
    open_services,
    print_report,
    require_folder,
    require_readable,
)

DEFAULT_CEILING = "U"
"""What leaves when no --ceiling is given: unclassified people only."""


def import_contacts(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.exchange.records import Outcome

    path: Path = args.file
    require_readable(path)
    if args.mapping is not None and args.format != "csv":
        raise CliError("--mapping is for CSV files only")
    with open_services(args) as services:
        country_id = country_id_for(services, getattr(args, "country", None))
        if args.format == "csv":
            from bilatdesk.exchange.csv.read import (
                describe_delimiter,
                describe_encoding,
                load_mapping,
                read_csv_cards,
            )

            mapping = load_mapping(args.mapping) if args.mapping is not None else None
            read = read_csv_cards(path, mapping)
            print(
                f"{path.name}: {describe_encoding(read.encoding)}, "
                f"{describe_delimiter(read.delimiter)}-separated",
                file=out,
            )
            if read.unmapped:
                print(f"Columns not imported: {', '.join(read.unmapped)}", file=out)
            report = services.contacts.import_cards(
                read.cards,
                dry_run=args.dry_run,
                on_match=args.on_match,
                progress=count_progress("cards read"),
                country_id=country_id,
                source=path.name,
            )
        else:
            from bilatdesk.exchange.vcard.read import read_vcards

            with path.open("rb") as stream:
                report = services.contacts.import_cards(
                    read_vcards(stream),
                    dry_run=args.dry_run,
                    on_match=args.on_match,
                    progress=count_progress("cards read"),
                    country_id=country_id,
                    source=path.name,
                )
    end_progress()
    notes = (
        line.describe()
        for line in report.lines
        if line.outcome in (Outcome.REFUSE, Outcome.SKIP) or line.problems
    )
    print_report(notes, report.summary(), dry_run=args.dry_run, out=out)
    return 0


def export_contacts(args: argparse.Namespace, out: TextIO) -> int:
    level = ceiling_level(args.ceiling, DEFAULT_CEILING)
    require_folder(args.out)
    with open_services(args, read_only=True) as services:
        country_id = country_id_for(services, args.country)
        if args.format == "csv":
            count = services.contacts.export_csv(
                args.out, country_id=country_id, ceiling=level.code
            )
            kind = "CSV"
        else:
            count = services.contacts.export_vcards(
                args.out, country_id=country_id, ceiling=level.code
            )
            kind = "vCard 4.0"
    people = "person" if count == 1 else "people"
    print(
        f"{count:,} {people} written to {args.out} ({kind}; nothing marked above {level.name})",
        file=out,
    )
    return 0
