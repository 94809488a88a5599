"""`bilatdesk today`: the Today page's sections as text or JSON, for a day and a country."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

from bilatdesk.cli.common import country_id_for, open_services, plain

if TYPE_CHECKING:
    from bilatdesk.services.today.reminders import Reminder, ReminderSection


def today(args: argparse.Namespace, out: TextIO) -> int:
    """Print every section of Today: a block of lines each, or one JSON list of sections.

    The sections are the catalogue's, so the window's Today and this command show the same."""
    from bilatdesk.services.today.reminders import local_zone

    zone = local_zone()
    day: date = args.on or datetime.now(zone).date()
    with open_services(args, read_only=True) as services:
        country_id = country_id_for(services, args.country)
        sections = services.reminders.sections(day, country_id, zone=zone)
    if args.json:
        json.dump([_section_dict(s, day) for s in sections], out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        _write_text(sections, day, args.country, out)
    return 0


def _write_text(
    sections: list[ReminderSection], day: date, country: str | None, out: TextIO
) -> None:
    from bilatdesk.services.today.reminders import relative_phrase

    scope = f" ({country.upper()})" if country else ""
    out.write(f"Today, {day:%A} {day.isoformat()}{scope}\n")
    for section in sections:
        out.write(f"\n{section.heading}\n")
        if not section.reminders:
            out.write("  nothing\n")
            continue
        phrases = [relative_phrase(r, day) for r in section.reminders]
        width = max(len(p) for p in phrases)
        places = max(len(_clean(r.country)) for r in section.reminders)
        for reminder, phrase in zip(section.reminders, phrases, strict=True):
            title = _clean(reminder.title)
            if reminder.moment is not None:  # local time where it happens, as invited
                title = f"{reminder.moment:%H:%M} {reminder.moment.tzname() or ''} {title}"
            line = (
                f"  {reminder.when.isoformat()}  {phrase:<{width}}  "
                f"{_clean(reminder.country):<{places}}  {title}"
            )
            if reminder.detail:
                line += f" — {_clean(reminder.detail)}"
            out.write(line.rstrip() + "\n")
        if not section.more_exact:
            out.write(f"  … and at least {section.more:,} more\n")
        elif section.more:
            out.write(f"  … and {section.more:,} more\n")


def _clean(text: str) -> str:
    """One line whatever a record holds: control characters would break the block."""
    return "".join(c if c.isprintable() else " " for c in text)


def _section_dict(section: ReminderSection, day: date) -> dict[str, Any]:
    return {
        "key": section.key,
        "heading": section.heading,
        "horizon_days": section.horizon_days,
        "more": section.more,
        "more_exact": section.more_exact,
        "reminders": [_reminder_dict(r, day) for r in section.reminders],
    }


def _reminder_dict(reminder: Reminder, day: date) -> dict[str, Any]:
    from bilatdesk.services.today.reminders import relative_phrase

    return {
        "kind": plain(reminder.kind),
        "when": plain(reminder.when),
        "days": (reminder.when - day).days,
        "relative": relative_phrase(reminder, day),
        "title": reminder.title,
        "detail": reminder.detail,
        "country": reminder.country,
        "urgency": reminder.urgency,
        "moment": plain(reminder.moment),
        "record": {"kind": reminder.record.kind, "id": reminder.record.id},
        "context": (
            {"kind": reminder.context.kind, "id": reminder.context.id} if reminder.context else None
        ),
    }
