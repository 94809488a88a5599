"""`bilatdesk diplomatic-list --country CODE [--on DAY] --out PDF`: a capital's diplomatic list."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from bilatdesk.cli.common import CliError, open_services


def diplomatic_list(args: argparse.Namespace, out: TextIO) -> int:
    """Write the list as a PDF (whole or not at all) and say in one line what it holds."""
    from bilatdesk.services.corps.diplomatic_list import long_date
    from bilatdesk.services.kernel.documents import issue_to_file

    day: date = args.on or date.today()
    with open_services(args, read_only=True) as services:
        country = services.countries.by_code(args.country)
        if country is None:
            raise CliError(f"no country with code '{args.country}' in this database")
        built = services.diplomatic_list.build(country.id, day)
        pdf = services.diplomatic_list.render(built)
    issue_to_file(args.out, pdf)
    heads = len(built.entries)
    gaps = len(built.missing)
    noted = f", {gaps} gap{'' if gaps == 1 else 's'} noted" if gaps else ""
    print(
        f"Diplomatic list of {built.capital} on {long_date(day)}: {heads} "
        f"head{'' if heads == 1 else 's'} of mission{noted}, written to {args.out} "
        f"({len(pdf):,} bytes)",
        file=out,
    )
    return 0
