"""`bilatdesk cable pdf`, `agreements pdf` and `brief`: a document printed to a PDF file."""

from __future__ import annotations

import argparse
from typing import TextIO

from bilatdesk.cli.common import CliError, open_services


def cable_pdf(args: argparse.Namespace, out: TextIO) -> int:
    """Print one cable, found by its serial or its id."""
    from bilatdesk.services.kernel.documents import issue_to_file

    with open_services(args, read_only=True) as services:
        cable = services.cables.by_serial_or_id(args.key)
        pdf = services.cable_documents.pdf(cable.id)
    issue_to_file(args.out, pdf)
    name = cable.serial or f"draft {cable.id}"
    print(f"Cable {name} written to {args.out} ({len(pdf):,} bytes)", file=out)
    return 0


def agreements_pdf(args: argparse.Namespace, out: TextIO) -> int:
    """Print a country's agreements register."""
    from bilatdesk.services.kernel.documents import issue_to_file

    with open_services(args, read_only=True) as services:
        country = services.countries.by_code(args.country)
        if country is None:
            raise CliError(f"no country with code '{args.country}' in this database")
        pdf = services.agreement_register.pdf(country.id)
    issue_to_file(args.out, pdf)
    print(
        f"Agreements register of {country.name} written to {args.out} ({len(pdf):,} bytes)",
        file=out,
    )
    return 0


def brief_pdf(args: argparse.Namespace, out: TextIO) -> int:
    """Print a visit's brief and keep it with the visit, as the window does."""
    from bilatdesk.services.kernel.documents import issue_to_file

    with open_services(args) as services:
        built = services.briefs.build(args.visit_id)
        pdf = built.pdf
        issue_to_file(args.out, pdf)
        digest = services.briefs.keep(args.visit_id, pdf)
    for notice in built.notices:  # what the page does not say: a photo too small, a character
        print(f"Warning: {notice}", file=out)
    print(f"Brief written to {args.out} ({len(pdf):,} bytes, SHA-256 {digest[:12]}…)", file=out)
    return 0
