"""`bilatdesk who POST --country CODE [--on DAY] [--json]`: who held a post on a day."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from bilatdesk.cli.common import CliError, open_services, write_json


def who(args: argparse.Namespace, out: TextIO) -> int:
    """Print each holder of the post on the day (a line each, or JSON); none is not an error."""
    from bilatdesk.services.people.posts import PostHolder

    day: date = args.on or date.today()
    with open_services(args, read_only=True) as services:
        country = services.countries.by_code(args.country)
        if country is None:
            raise CliError(f"no country with code '{args.country}' in this database")
        holders = services.posts.holders(args.post, country.id, day)
    if args.json:
        write_json(iter(holders), out)
        return 0
    if not holders:
        print(f"Nobody held a post matching '{args.post}' in {country.name} on {day}.", file=out)
        return 0

    def line(holder: PostHolder) -> str:
        text = f"{holder.name} — {holder.post_title}"
        if holder.organisation:
            text += f" ({holder.organisation})"
        if holder.start_date and holder.end_date:
            text += f", from {holder.start_date} to {holder.end_date}"
        elif holder.start_date:
            text += f", from {holder.start_date}"
        elif holder.end_date:
            text += f", until {holder.end_date}"
        return text + (" [acting]" if holder.acting else "")

    for holder in holders:
        print(line(holder), file=out)
    return 0
