"""Exporting people as vCard 4.0: gather them a page at a time, under the ceiling, to a file.

The cards themselves are written by bilatdesk.exchange.vcard.write; this module queries the
people (their current posts, contact points and tags), streams them to a temporary file and
renames it into place. People marked above the ceiling are left out entirely
(bilatdesk.exchange.release). `ceiling=None` means no ceiling; the CLI passes "U" unless told
otherwise, so nothing classified leaves by accident.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select, tuple_
from sqlalchemy.orm import Session

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    ClassificationScheme,
    ContactPoint,
    Membership,
    Person,
    Post,
)
from bilatdesk.domain.base import table_of
from bilatdesk.domain.phones import shown_point
from bilatdesk.domain.tag import Tag, person_tag
from bilatdesk.exchange.records import PersonOut, PointOut, PostOut
from bilatdesk.exchange.release import allowed_codes
from bilatdesk.exchange.vcard.write import write_vcards
from bilatdesk.services.contacts.organisation_chains import OrganisationChains
from bilatdesk.services.kernel.files import atomic_file
from bilatdesk.store.database import Database

__all__ = ["PAGE", "export_vcards"]

PAGE = 100  # people per query; their photos (at most 200 KB each) are held a page at a time
_PERSON: Table = table_of(Person)


def export_vcards(
    db: Database,
    path: Path,
    *,
    country_id: int | None,
    ceiling: str | None,
    scheme: ClassificationScheme = DEFAULT_SCHEME,
    today: date | None = None,
) -> int:
    """Write the people (of one country, at or below the ceiling) to `path`; how many.

    The file appears whole or not at all: it is written beside the target and renamed.
    """
    codes = allowed_codes(scheme, ceiling)
    today = today or date.today()
    with atomic_file(path) as out, db.read() as session:
        gatherer = _Gatherer(session, today)
        return write_vcards(gatherer.people(_pages(session, country_id, codes)), out)


def _pages(
    session: Session, country_id: int | None, codes: tuple[str, ...] | None
) -> Iterator[list[Any]]:
    """People in name order, a page at a time (keyset, so each page is one indexed query)."""
    columns = [
        _PERSON.c[name]
        for name in (
            "id",
            "uid",
            "updated_at",
            "honorific",
            "given_name",
            "family_name",
            "other_names",
            "name_original",
            "name_order",
            "name_shown",
            "birth_date",
            "birthday",
            "languages",
            "photo",
            "photo_type",
            "sort_name",
        )
    ]
    statement = select(*columns).order_by(_PERSON.c.sort_name, _PERSON.c.id).limit(PAGE)
    if country_id is not None:
        statement = statement.where(_PERSON.c.country_id == country_id)
    if codes is not None:
        statement = statement.where(_PERSON.c.classification.in_(codes))
    after: tuple[str, int] | None = None
    while True:
        page_statement = statement
        if after is not None:
            page_statement = statement.where(tuple_(_PERSON.c.sort_name, _PERSON.c.id) > after)
        rows = list(session.execute(page_statement))
        if not rows:
            return
        yield rows
        after = (rows[-1].sort_name, rows[-1].id)


class _Gatherer:
    """Turns pages of people rows into records, with a few set-based queries per page."""

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.chains = OrganisationChains(session)

    def people(self, pages: Iterator[list[Any]]) -> Iterator[PersonOut]:
        for rows in pages:
            yield from self.page(rows)

    def page(self, rows: list[Any]) -> Iterator[PersonOut]:
        ids = [row.id for row in rows]
        points: dict[int, list[PointOut]] = {}
        for pid, kind, label, value in self.session.execute(
            select(
                ContactPoint.person_id, ContactPoint.kind, ContactPoint.label, ContactPoint.value
            )
            .where(ContactPoint.person_id.in_(ids))
            .order_by(ContactPoint.person_id, ContactPoint.position, ContactPoint.id)
        ):
            points.setdefault(pid, []).append(PointOut(kind, shown_point(kind, value), label))
        posts: dict[int, list[PostOut]] = {}
        for pid, title, organisation_id in self.session.execute(
            select(Membership.person_id, Post.title, Post.organisation_id)
            .join(Post, Post.id == Membership.post_id)
            .where(Membership.person_id.in_(ids))
            .where((Membership.start_date.is_(None)) | (Membership.start_date <= self.today))
            .where((Membership.end_date.is_(None)) | (Membership.end_date >= self.today))
            .order_by(Membership.person_id, Membership.start_date, Membership.id)
        ):
            posts.setdefault(pid, []).append(PostOut(title, self.chains.chain(organisation_id)))
        tags: dict[int, list[str]] = {}
        for pid, name in self.session.execute(
            select(person_tag.c.person_id, Tag.name)
            .join(Tag, Tag.id == person_tag.c.tag_id)
            .where(person_tag.c.person_id.in_(ids))
            .order_by(person_tag.c.person_id, Tag.name)
        ):
            tags.setdefault(pid, []).append(name)
        for row in rows:
            yield PersonOut(
                uid=str(row.uid),
                honorific=row.honorific,
                given_name=row.given_name,
                family_name=row.family_name,
                other_names=row.other_names,
                name_original=row.name_original,
                name_order=row.name_order,
                name_shown=row.name_shown,
                birth_date=row.birth_date,
                birthday=row.birthday,
                languages=row.languages,
                points=tuple(points.get(row.id, ())),
                posts=tuple(posts.get(row.id, ())),
                tags=tuple(tags.get(row.id, ())),
                photo=bytes(row.photo) if row.photo else None,
                photo_type=row.photo_type or "",
                updated_at=row.updated_at,
            )
