"""People out to a CSV file that spreadsheets open safely and our import reads back.

UTF-8 with a BOM (so Excel picks the right encoding), CRLF line ends, our own headers (the
field labels). Like the vCard export, the biography never leaves: it is the embassy's own
judgement. One post per person: the current one begun last (its organisation from the top of
the parent chain, the units below it), since a row has one Organisation, Unit and Job title.

Every cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice on
CSV injection). That includes telephone numbers such as "+43 1 234", which then read
"'+43 1 234" in a text editor while Excel shows the number as text; our import removes the
apostrophe again (unguard).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import BinaryIO

from bilatdesk.exchange.csv.headers import LABELS
from bilatdesk.exchange.records import PersonOut

EXPORT_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "other_names",
    "formatted_name",
    "email",
    "phone",
    "address",
    "organisation",
    "unit",
    "title",
    "birth_date",
    "categories",
    "languages",
    "uid",
)
EXPORT_HEADERS = tuple(LABELS[field] for field in EXPORT_FIELDS)
_FORMULA_STARTS = ("=", "+", "-", "@")


def needs_guard(value: str) -> bool:
    """Whether a spreadsheet could run the cell as a formula (or strip our guard from it)."""
    if value[:1] in ("\t", "\r"):
        return True
    if value.lstrip()[:1] in _FORMULA_STARTS:
        return True
    # A value that itself starts with an apostrophe before a formula character is guarded too,
    # so that the import, which removes one apostrophe, gives it back unchanged.
    return value[:1] == "'" and needs_guard(value[1:])


def guard(value: str) -> str:
    """The cell as written: a leading apostrophe before anything formula-like."""
    return "'" + value if value and needs_guard(value) else value


def unguard(value: str) -> str:
    """The inverse of guard(): the apostrophe our export put before a formula-like cell."""
    return value[1:] if value[:1] == "'" and needs_guard(value[1:]) else value


def join_values(values: Iterable[str]) -> str:
    """Several values in one cell, "; " between them; a semicolon inside one is escaped."""
    return "; ".join(v.replace("\\", "\\\\").replace(";", "\\;") for v in values)


def write_csv(people: Iterable[PersonOut], out: BinaryIO) -> int:
    """Write the header and one guarded row per person to `out`; how many people."""
    # utf-8-sig writes the BOM first; a lone surrogate (never valid in a file) becomes "?".
    text = io.TextIOWrapper(out, encoding="utf-8-sig", errors="replace", newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS)
    count = 0
    for person in people:
        writer.writerow([guard(cell) for cell in row(person)])
        count += 1
    text.flush()
    text.detach()  # the stream stays the caller's to close
    return count


def row(person: PersonOut) -> list[str]:
    """The person's cells in the order of EXPORT_FIELDS, before the formula guard."""
    emails = [point.value for point in person.points if point.kind == "email"]
    phones = [point.value for point in person.points if point.kind == "phone"]
    address = next((point.value for point in person.points if point.kind == "address"), "")
    post = person.posts[-1] if person.posts else None
    chain = post.organisations if post else ()
    return [
        person.honorific,
        person.given_name,
        person.family_name,
        person.other_names,
        person.formatted_name,
        join_values(emails),
        join_values(phones),
        address,
        chain[0] if chain else "",
        join_values(chain[1:]),
        post.title if post else "",
        _birth(person.birth_date, person.birthday),
        join_values(person.tags),
        person.languages,
        person.uid,
    ]


def _birth(born: date | None, birthday: int | None) -> str:
    if born is not None:
        return born.isoformat()
    if birthday:
        return f"--{birthday // 100:02d}-{birthday % 100:02d}"
    return ""
