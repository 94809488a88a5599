"""`bilatdesk import ics FILE` and `bilatdesk export ics OUT`: the calendar in and out.

Import reads the events from a year back to two years ahead (repeating ones are expanded in
that window only), prints one line per refused or skipped event and per event imported with a
note, then the counts; all of it is written in one transaction, or nothing. Floating times
(and all-day events) are read in the calendar's own zone if it names one, else in this
computer's. A run that worked exits 0 even when events were refused.

Export writes engagements and national days; nothing marked above the ceiling leaves, and the
ceiling is UNCLASSIFIED unless --ceiling says more.
"""

from __future__ import annotations

import argparse
from datetime import date
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
"""What leaves when no --ceiling is given: unclassified engagements only."""


def import_calendar(args: argparse.Namespace, out: TextIO) -> int:
    from bilatdesk.exchange.records import Outcome
    from bilatdesk.services.calendar_io.importing import default_window, local_zone, read_ics

    path: Path = args.file
    require_readable(path)
    first, last = default_window()
    first = getattr(args, "from_date", None) or first
    last = getattr(args, "to_date", None) or last
    with open_services(args) as services:
        country_id = country_id_for(services, getattr(args, "country", None))
        zone = None
        if country_id is not None:
            zone = services.engagements.usual_time_zone(country_id)
        read = read_ics(
            path,
            window_start=first,
            window_end=last,
            floating_zone=zone or local_zone(),
            progress=count_progress("events read"),
        )
        end_progress()
        report = services.calendar_io.import_events(
            read.events,
            dry_run=args.dry_run,
            country_id=country_id,
            progress=count_progress("events written"),
            source=path.name,
        )
        end_progress()
    notes = [
        f"line {line.line}: {line.describe()}"
        for line in report.lines
        if line.outcome in (Outcome.REFUSE, Outcome.SKIP) or line.reason
    ]
    notes += read.problems
    if read.skipped_outside_window:
        notes.append(
            f"{read.skipped_outside_window:,} outside {_day(first)} – {_day(last)} were left out."
        )
    print_report(notes, report.summary(), dry_run=args.dry_run, out=out)
    return 0


def export_calendar(args: argparse.Namespace, out: TextIO) -> int:
    level = ceiling_level(args.ceiling, DEFAULT_CEILING)
    if args.from_date and args.to_date and args.to_date < args.from_date:
        raise CliError("--to is before --from")
    require_folder(args.out)
    with open_services(args, read_only=True) as services:
        country_id = country_id_for(services, args.country)
        result = services.calendar_io.export_ics(
            args.out,
            country_id=country_id,
            start=args.from_date,
            end=args.to_date,
            ceiling=level.code,
        )
    engagements = "engagement" if result.engagements == 1 else "engagements"
    days = "national day" if result.national_days == 1 else "national days"
    print(
        f"{result.engagements:,} {engagements} and {result.national_days:,} {days} written to "
        f"{args.out} (iCalendar; nothing marked above {level.name})",
        file=out,
    )
    if result.withheld:
        print(
            f"{result.withheld:,} marked above {level.name} left out; "
            "--ceiling LEVEL takes them along.",
            file=out,
        )
    return 0


def _day(day: date) -> str:
    return f"{day:%d %b %Y}"
