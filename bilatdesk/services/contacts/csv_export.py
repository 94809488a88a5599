"""People out to a CSV file: gather them under the ceiling, write them atomically.

The rows themselves (headers, cells, the formula guard) are written by
bilatdesk.exchange.csv.write; this module queries the people of one country or all, marked at
or below the ceiling (`ceiling=None`: no ceiling, as in the vCard export), with their contact
points, tags and current posts (the writer keeps the one begun last).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bilatdesk.domain import DEFAULT_SCHEME, ContactPoint, Membership, Person, Post
from bilatdesk.domain.phones import shown_point
from bilatdesk.domain.tag import Tag, person_tag
from bilatdesk.exchange.csv.write import write_csv
from bilatdesk.exchange.records import PersonOut, PointOut, PostOut
from bilatdesk.exchange.release import DEFAULT_CEILING, allowed_codes
from bilatdesk.services.contacts.organisation_chains import OrganisationChains
from bilatdesk.services.kernel.files import atomic_file
from bilatdesk.store.database import Database

__all__ = ["DEFAULT_CEILING", "export_csv"]


def export_csv(db: Database, path: Path, *, country_id: int | None, ceiling: str | None) -> int:
    """Write the people (of one country, or all) to `path`; returns how many were written."""
    allowed = allowed_codes(DEFAULT_SCHEME, ceiling)
    today = date.today()
    with atomic_file(path) as out, db.read() as session:
        return write_csv(_people(session, country_id, allowed, today), out)


def _chosen(country_id: int | None, allowed: Sequence[str] | None) -> Select[tuple[int]]:
    statement = select(Person.id)
    if allowed is not None:
        statement = statement.where(Person.classification.in_(allowed))
    if country_id is not None:
        statement = statement.where(Person.country_id == country_id)
    return statement


def _people(
    session: Session, country_id: int | None, allowed: Sequence[str] | None, today: date
) -> Iterator[PersonOut]:
    """The chosen people sorted by name, with their points, tags and current posts."""
    ids = _chosen(country_id, allowed).scalar_subquery()
    points: dict[int, list[PointOut]] = defaultdict(list)
    for person_id, kind, value in session.execute(
        select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value)
        .where(ContactPoint.person_id.in_(ids))
        .order_by(ContactPoint.person_id, ContactPoint.position)
    ):
        points[person_id].append(PointOut(kind, shown_point(kind, value)))
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
            Person.name_order,
            Person.name_shown,
            Person.birth_date,
            Person.birthday,
            Person.languages,
        )
        .where(Person.id.in_(ids))
        .order_by(Person.sort_name, Person.id)
    )
    for p in session.execute(people):
        yield PersonOut(
            uid=str(p.uid),
            honorific=p.honorific,
            given_name=p.given_name,
            family_name=p.family_name,
            other_names=p.other_names,
            name_original=p.name_original,
            name_order=p.name_order,
            name_shown=p.name_shown,
            birth_date=p.birth_date,
            birthday=p.birthday,
            languages=p.languages,
            points=tuple(points.get(p.id, ())),
            posts=tuple(posts.get(p.id, ())),
            tags=tuple(tags.get(p.id, ())),
        )


def _current_posts(session: Session, ids: object, today: date) -> dict[int, list[PostOut]]:
    """Each person's current posts, the latest begun last (those without a start first)."""
    statement = (
        select(Membership.person_id, Post.title, Post.organisation_id)
        .join(Post, Post.id == Membership.post_id)
        .where(Membership.person_id.in_(ids))  # type: ignore[arg-type]
        .where((Membership.start_date.is_(None)) | (Membership.start_date <= today))
        .where((Membership.end_date.is_(None)) | (Membership.end_date >= today))
        .order_by(Membership.person_id, Membership.start_date.is_(None).desc())
        .order_by(Membership.start_date, Membership.id)
    )
    rows = list(session.execute(statement))
    if not rows:
        return {}
    chains = OrganisationChains(session)
    result: dict[int, list[PostOut]] = defaultdict(list)
    for person_id, title, organisation_id in rows:
        result[person_id].append(PostOut(title, chains.chain(organisation_id)))
    return result
