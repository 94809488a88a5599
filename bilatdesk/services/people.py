"""People with their contact details and their posts over time (memberships)."""

from __future__ import annotations

import builtins
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    ClassificationScheme,
    ContactPoint,
    Country,
    Gender,
    Membership,
    Organisation,
    Participant,
    Person,
    Post,
)
from bilatdesk.services.errors import NotFoundError, require_version
from bilatdesk.services.listing import (
    Choice,
    DeleteImpact,
    ListQuery,
    Page,
    apply_filters,
    fetch_page,
)
from bilatdesk.services.validation import Checker
from bilatdesk.store.database import Database
from bilatdesk.store.search import match_clause

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class MembershipInput:
    """A post held: its title within an organisation, from when to when, acting or not."""

    post_title: str
    organisation_id: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    acting: bool = False
    note: str = ""


@dataclass(frozen=True)
class PersonInput:
    given_name: str = ""
    family_name: str = ""
    honorific: str = ""
    other_names: str = ""
    name_original: str = ""
    pronunciation: str = ""
    gender: Gender = Gender.UNSPECIFIED
    birth_date: date | None = None
    languages: str = ""
    country_id: int | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    address: str = ""
    biography: str = ""
    biography_source: str = ""
    biography_as_of: date | None = None
    classification: str = "U"
    memberships: tuple[MembershipInput, ...] = ()


@dataclass(frozen=True)
class PersonRow:
    id: int
    uid: uuid.UUID
    version: int
    name: str
    name_original: str
    honorific: str
    current_posts: tuple[str, ...]
    country: str
    classification: str


@dataclass(frozen=True)
class MembershipView:
    post_title: str
    organisation: str
    start_date: date | None
    end_date: date | None
    acting: bool
    current: bool


@dataclass(frozen=True)
class PersonDetail:
    id: int
    uid: uuid.UUID
    version: int
    display_name: str
    data: PersonInput
    memberships: tuple[MembershipView, ...]


SORTS = {"name": Person.sort_name, "classification": Person.classification}


def display_name(given: str, family: str, original: str, other: str = "") -> str:
    name = " ".join(part for part in (given, family) if part)
    return name or original or other


class PersonService:
    def __init__(self, database: Database, scheme: ClassificationScheme = DEFAULT_SCHEME) -> None:
        self.db = database
        self.scheme = scheme

    # -- reading ----------------------------------------------------------------------------
    def list(self, query: ListQuery = ListQuery(), *, today: date | None = None) -> Page[PersonRow]:
        today = today or date.today()
        sort_column = SORTS.get(query.sort, Person.sort_name)
        with self.db.read() as session:
            statement = select(
                Person.id,
                Person.uid,
                Person.version,
                Person.given_name,
                Person.family_name,
                Person.name_original,
                Person.other_names,
                Person.honorific,
                Person.classification,
                func.coalesce(Country.name, "").label("country"),
            ).outerjoin(Country, Country.id == Person.country_id)
            statement = apply_filters(session, statement, Person.__table__, query)  # type: ignore[arg-type]
            if query.country_id is not None:
                statement = statement.where(Person.country_id == query.country_id)
            rows, cursor = fetch_page(session, statement, sort_column, Person.id, query)
            posts = self._current_posts(session, [r.id for r in rows], today)
            return Page(
                tuple(
                    PersonRow(
                        r.id,
                        r.uid,
                        r.version,
                        display_name(r.given_name, r.family_name, r.name_original, r.other_names),
                        r.name_original,
                        r.honorific,
                        tuple(posts.get(r.id, ())),
                        r.country,
                        r.classification,
                    )
                    for r in rows
                ),
                cursor,
            )

    def get(self, person_id: int, *, today: date | None = None) -> PersonDetail:
        with self.db.read() as session:
            return self._detail(self._load(session, person_id), today or date.today())

    def search_choices(self, text: str, limit: int = 50) -> builtins.list[Choice]:
        """People whose names match, for pickers (participants, relationships)."""
        with self.db.read() as session:
            statement = (
                select(
                    Person.id,
                    Person.given_name,
                    Person.family_name,
                    Person.name_original,
                    Person.other_names,
                )
                .order_by(Person.sort_name, Person.id)
                .limit(limit)
            )
            clause = match_clause(Person.__table__, text, session.get_bind().dialect.name)  # type: ignore[arg-type]
            if clause is not None:
                statement = statement.where(clause)
            return [
                Choice(
                    r.id, display_name(r.given_name, r.family_name, r.name_original, r.other_names)
                )
                for r in session.execute(statement)
            ]

    # -- writing ----------------------------------------------------------------------------
    def create(self, data: PersonInput) -> PersonDetail:
        with self.db.session() as session:
            clean = self._validate(session, data)
            person = Person()
            session.add(person)
            self._apply(session, person, clean)
            session.flush()
            return self._detail(person, date.today())

    def update(self, person_id: int, data: PersonInput, expected_version: int) -> PersonDetail:
        with self.db.session() as session:
            person = self._load(session, person_id)
            require_version(
                person.version, expected_version, f"The record of {person.display_name}"
            )
            clean = self._validate(session, data)
            self._apply(session, person, clean)
            session.flush()
            return self._detail(person, date.today())

    def delete_impact(self, person_id: int) -> DeleteImpact:
        with self.db.read() as session:
            person = self._load(session, person_id)
            notes = []
            if person.memberships:
                notes.append(f"{len(person.memberships)} posts held (memberships) are deleted")
            taken = (
                session.scalar(select(func.count()).where(Participant.person_id == person_id)) or 0
            )
            if taken:
                notes.append(f"they are removed from the participants of {taken} engagements")
            return DeleteImpact(person.display_name, tuple(notes))

    def delete(self, person_id: int, expected_version: int) -> None:
        with self.db.session() as session:
            person = self._load(session, person_id)
            require_version(
                person.version, expected_version, f"The record of {person.display_name}"
            )
            session.delete(person)

    # -- inside -----------------------------------------------------------------------------
    @staticmethod
    def _current_posts(
        session: Session, ids: builtins.list[int], today: date
    ) -> dict[int, builtins.list[str]]:
        """Current titles, derived from dated memberships (never stored beside them)."""
        if not ids:
            return {}
        statement = (
            select(Membership.person_id, Post.title, Organisation.name, Membership.acting)
            .join(Post, Post.id == Membership.post_id)
            .outerjoin(Organisation, Organisation.id == Post.organisation_id)
            .where(Membership.person_id.in_(ids))
            .where((Membership.start_date.is_(None)) | (Membership.start_date <= today))
            .where((Membership.end_date.is_(None)) | (Membership.end_date >= today))
            .order_by(Membership.person_id, Membership.start_date)
        )
        posts: dict[int, builtins.list[str]] = defaultdict(builtins.list)
        for person_id, title, _organisation, acting in session.execute(statement):
            posts[person_id].append(f"{title} (acting)" if acting else title)
        return posts

    @staticmethod
    def _load(session: Session, person_id: int) -> Person:
        person = session.get(
            Person,
            person_id,
            options=[
                selectinload(Person.contact_points),
                selectinload(Person.memberships)
                .selectinload(Membership.post)
                .selectinload(Post.organisation),
            ],
        )
        if person is None:
            raise NotFoundError("That person no longer exists; they may have been deleted.")
        return person

    def _validate(self, session: Session, data: PersonInput) -> PersonInput:
        check = Checker()
        given = check.text("given_name", "Given name", data.given_name, max_length=300)
        family = check.text("family_name", "Family name", data.family_name, max_length=300)
        original = check.text("name_original", "Name in original script", data.name_original)
        other = check.text("other_names", "Other names", data.other_names)
        if not (given or family or original or other) and "given_name" not in check.errors:
            check.fail(
                "family_name",
                "Give at least a family name, a given name or the name in its original script.",
            )
        if data.birth_date is not None and data.birth_date > date.today():
            check.fail("birth_date", "The date of birth is in the future.")
        check.exists("country_id", session, Country, data.country_id, "That country")
        emails = tuple(e for e in (check.text("emails", "E-mail", raw) for raw in data.emails) if e)
        for email in emails:
            if not _EMAIL.match(email):
                check.fail("emails", f"'{email}' does not look like an e-mail address.")
        phones = tuple(p for p in (check.text("phones", "Phone", raw) for raw in data.phones) if p)
        memberships = []
        for m in data.memberships:
            title = check.text("memberships", "A post title", m.post_title, max_length=500)
            if not title:
                check.fail("memberships", "Every post needs a title.")
            check.date_order("memberships", m.start_date, m.end_date, f"The post '{title}'")
            if (
                m.organisation_id is not None
                and session.get(Organisation, m.organisation_id) is None
            ):
                check.fail("memberships", "An organisation of a post no longer exists.")
            memberships.append(
                MembershipInput(
                    title,
                    m.organisation_id,
                    m.start_date,
                    m.end_date,
                    m.acting,
                    check.text("memberships", "A post note", m.note),
                )
            )
        result = PersonInput(
            given_name=given,
            family_name=family,
            honorific=check.text("honorific", "Honorific", data.honorific, max_length=100),
            other_names=other,
            name_original=original,
            pronunciation=check.text("pronunciation", "Pronunciation", data.pronunciation),
            gender=data.gender,
            birth_date=data.birth_date,
            languages=check.text("languages", "Languages", data.languages, max_length=300),
            country_id=data.country_id,
            emails=emails,
            phones=phones,
            address=check.text("address", "Address", data.address),
            biography=check.long_text("biography", "Biography", data.biography),
            biography_source=check.text("biography_source", "Source", data.biography_source),
            biography_as_of=data.biography_as_of,
            classification=check.classification("classification", self.scheme, data.classification),
            memberships=tuple(memberships),
        )
        check.raise_if_any()
        return result

    @staticmethod
    def _apply(session: Session, person: Person, data: PersonInput) -> None:
        # Post look-ups must not flush a half-applied person (and bump its version twice).
        with session.no_autoflush:
            PersonService._apply_fields(session, person, data)

    @staticmethod
    def _apply_fields(session: Session, person: Person, data: PersonInput) -> None:
        person.given_name = data.given_name
        person.family_name = data.family_name
        person.honorific = data.honorific
        person.other_names = data.other_names
        person.name_original = data.name_original
        person.pronunciation = data.pronunciation
        person.gender = data.gender
        person.birth_date = data.birth_date
        person.languages = data.languages
        person.country_id = data.country_id
        person.biography = data.biography
        person.biography_source = data.biography_source
        person.biography_as_of = data.biography_as_of
        person.classification = data.classification
        points = [("email", v) for v in data.emails] + [("phone", v) for v in data.phones]
        if data.address:
            points.append(("address", data.address))
        person.contact_points = [
            ContactPoint(kind=kind, value=value, position=i)
            for i, (kind, value) in enumerate(points)
        ]
        existing = list(person.memberships)
        kept: builtins.list[Membership] = []
        for i, m in enumerate(data.memberships):
            post = _find_or_create_post(session, m.post_title, m.organisation_id)
            membership = existing[i] if i < len(existing) else Membership()
            membership.post = post
            membership.start_date = m.start_date
            membership.end_date = m.end_date
            membership.acting = m.acting
            membership.note = m.note
            kept.append(membership)
        person.memberships = kept
        person.refresh_derived()

    def _detail(self, person: Person, today: date) -> PersonDetail:
        def contacts(kind: str) -> tuple[str, ...]:
            return tuple(p.value for p in person.contact_points if p.kind == kind)

        addresses = contacts("address")
        data = PersonInput(
            given_name=person.given_name,
            family_name=person.family_name,
            honorific=person.honorific,
            other_names=person.other_names,
            name_original=person.name_original,
            pronunciation=person.pronunciation,
            gender=person.gender,
            birth_date=person.birth_date,
            languages=person.languages,
            country_id=person.country_id,
            emails=contacts("email"),
            phones=contacts("phone"),
            address=addresses[0] if addresses else "",
            biography=person.biography,
            biography_source=person.biography_source,
            biography_as_of=person.biography_as_of,
            classification=person.classification,
            memberships=tuple(
                MembershipInput(
                    m.post.title, m.post.organisation_id, m.start_date, m.end_date, m.acting, m.note
                )
                for m in person.memberships
            ),
        )
        views = tuple(
            MembershipView(
                m.post.title,
                m.post.organisation.name if m.post.organisation else "",
                m.start_date,
                m.end_date,
                m.acting,
                m.is_current(today),
            )
            for m in person.memberships
        )
        return PersonDetail(person.id, person.uid, person.version, person.display_name, data, views)


def _find_or_create_post(session: Session, title: str, organisation_id: int | None) -> Post:
    """Posts are shared offices: two holders of one title in one organisation share the post."""
    statement = select(Post).where(Post.title == title)
    statement = statement.where(
        Post.organisation_id.is_(None)
        if organisation_id is None
        else Post.organisation_id == organisation_id
    )
    post = session.scalars(statement.limit(1)).first()
    if post is None:
        post = Post(title=title, organisation_id=organisation_id)
        session.add(post)
    return post
