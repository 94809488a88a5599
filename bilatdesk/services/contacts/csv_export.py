"""People out to a CSV file that spreadsheets open safely and our import reads back.

UTF-8 with a BOM (so Excel picks the right encoding), CRLF line ends, our own headers (the
field labels), nothing above the classification ceiling (`ceiling=None`: no ceiling, as in
vcard_write). Like the vCard export, the biography never leaves: it is the embassy's own
judgement. One post per person: the current one begun last (its organisation from the top of
the parent chain, the units below it), since a row has one Organisation, Unit and Job title.

Every cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice on
CSV injection). That includes telephone numbers such as "+43 1 234", which then read
"'+43 1 234" in a text editor while Excel shows the number as text; our import removes the
apostrophe again.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bilatdesk.domain import DEFAULT_SCHEME, ContactPoint, Membership, Organisation, Person, Post
from bilatdesk.domain.names import display_name
from bilatdesk.domain.tag import Tag, person_tag
from bilatdesk.exchange.csv.headers import LABELS
from bilatdesk.services.contacts.vcard_export import allowed_codes
from bilatdesk.services.kernel.files import write_atomically
from bilatdesk.store.database import Database

DEFAULT_CEILING = "U"
"""What the export dialog proposes (as the CLI does): unclassified records only."""

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


def export_csv(db: Database, path: Path, *, country_id: int | None, ceiling: str | None) -> int:
    """Write the people (of one country, or all) to `path`; returns how many were written."""
    allowed = allowed_codes(DEFAULT_SCHEME, ceiling)
    today = date.today()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS)
    count = 0
    with db.read() as session:
        for row in _rows(session, country_id, allowed, today):
            writer.writerow([guard(cell) for cell in row])
            count += 1
    write_atomically(path, codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8", "replace"))
    return count


def _chosen(country_id: int | None, allowed: Sequence[str] | None) -> Select[tuple[int]]:
    statement = select(Person.id)
    if allowed is not None:
        statement = statement.where(Person.classification.in_(allowed))
    if country_id is not None:
        statement = statement.where(Person.country_id == country_id)
    return statement


def _rows(
    session: Session, country_id: int | None, allowed: Sequence[str] | None, today: date
) -> Iterator[list[str]]:
    """One list of cells per person, in the order of EXPORT_FIELDS, sorted by name."""
    ids = _chosen(country_id, allowed).scalar_subquery()
    points: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for person_id, kind, value in session.execute(
        select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value)
        .where(ContactPoint.person_id.in_(ids))
        .order_by(ContactPoint.person_id, ContactPoint.position)
    ):
        points[person_id][kind].append(value)
    tags: dict[int, list[str]] = defaultdict(list)
    for person_id, name in session.execute(
        select(person_tag.c.person_id, Tag.name)
        .join(Tag, Tag.id == person_tag.c.tag_id)
        .where(person_tag.c.person_id.in_(ids))
        .order_by(Tag.name)
    ):
        tags[person_id].append(name)
    posts = _current_posts(session, ids, today)
    people = (
        select(
            Person.id,
            Person.uid,
            Person.honorific,
            Person.given_name,
            Person.family_name,
            Person.other_names,
            Person.name_original,
            Person.birth_date,
            Person.birthday,
            Person.languages,
        )
        .where(Person.id.in_(ids))
        .order_by(Person.sort_name, Person.id)
    )
    for p in session.execute(people):
        mine = points.get(p.id, {})
        title, organisation, units = posts.get(p.id, ("", "", ()))
        yield [
            p.honorific,
            p.given_name,
            p.family_name,
            p.other_names,
            display_name(p.given_name, p.family_name, p.name_original, p.other_names),
            join_values(mine.get("email", ())),
            join_values(mine.get("phone", ())),
            next(iter(mine.get("address", ())), ""),
            organisation,
            join_values(units),
            title,
            _birth(p.birth_date, p.birthday),
            join_values(tags.get(p.id, ())),
            p.languages,
            str(p.uid),
        ]


def _birth(born: date | None, birthday: int | None) -> str:
    if born is not None:
        return born.isoformat()
    if birthday:
        return f"--{birthday // 100:02d}-{birthday % 100:02d}"
    return ""


def _current_posts(
    session: Session, ids: object, today: date
) -> dict[int, tuple[str, str, tuple[str, ...]]]:
    """Each person's current post (the latest begun): title, top organisation, units below."""
    statement = (
        select(Membership.person_id, Post.title, Post.organisation_id)
        .join(Post, Post.id == Membership.post_id)
        .where(Membership.person_id.in_(ids))  # type: ignore[arg-type]
        .where((Membership.start_date.is_(None)) | (Membership.start_date <= today))
        .where((Membership.end_date.is_(None)) | (Membership.end_date >= today))
        .order_by(Membership.person_id, Membership.start_date.is_(None).desc())
        .order_by(Membership.start_date, Membership.id)
    )
    latest: dict[int, tuple[str, int | None]] = {}
    for person_id, title, organisation_id in session.execute(statement):
        latest[person_id] = (title, organisation_id)  # later starts overwrite earlier ones
    if not latest:
        return {}
    tree = {
        org_id: (name, parent_id)
        for org_id, name, parent_id in session.execute(
            select(Organisation.id, Organisation.name, Organisation.parent_id)
        )
    }
    result: dict[int, tuple[str, str, tuple[str, ...]]] = {}
    for person_id, (title, organisation_id) in latest.items():
        chain = _ancestry(tree, organisation_id)
        result[person_id] = (title, chain[0] if chain else "", tuple(chain[1:]))
    return result


def _ancestry(tree: dict[int, tuple[str, int | None]], org_id: int | None) -> list[str]:
    """Organisation names from the top (the ministry) down to the unit; stops at a cycle."""
    names: list[str] = []
    seen: set[int] = set()
    while org_id is not None and org_id in tree and org_id not in seen:
        seen.add(org_id)
        name, org_id = tree[org_id]
        names.append(name)
    return names[::-1]
