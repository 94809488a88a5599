"""People with their contact details and their posts over time (memberships)."""

from __future__ import annotations

import builtins
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    ClassificationScheme,
    Commitment,
    Country,
    Membership,
    MissionClass,
    Participant,
    Person,
    Post,
    Relationship,
    RelationshipScope,
    Tag,
)
from bilatdesk.domain.base import table_of, utcnow
from bilatdesk.domain.names import infer_name_order, with_original
from bilatdesk.domain.person import PERSON_NAME_COLUMNS, person_name
from bilatdesk.domain.phones import international, store_phone
from bilatdesk.domain.protocol import (
    ProtocolBlock,
    effective_protocol,
    propose_protocol,
)
from bilatdesk.domain.tag import person_tag
from bilatdesk.exchange.photos import normalise_photo
from bilatdesk.services.cables.frozen import cable_drafts, open_naming, refuse_deleting
from bilatdesk.services.engagements.commitments import CommitmentClosing, close_all
from bilatdesk.services.kernel.errors import NotFoundError, require_version
from bilatdesk.services.kernel.listing import (
    Choice,
    DeleteImpact,
    ListQuery,
    Page,
    apply_filters,
    fetch_page,
)
from bilatdesk.services.people.inputs import MembershipInput, PersonInput, validate_person
from bilatdesk.services.people.parts import contact_points, matched_memberships
from bilatdesk.services.people.photos import PhotoChange, put_photo, stored_photo
from bilatdesk.services.people.protocol import protocol_facts, stored_protocol
from bilatdesk.services.people.relationships import TieDraft, write_ties
from bilatdesk.services.tags import set_record_tags
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.database import Database
from bilatdesk.store.search import match_clause

# MembershipInput and PersonInput are re-exported: forms, importers and the demo take them here.
__all__ = [
    "SORTS",
    "MembershipInput",
    "MembershipView",
    "PersonDetail",
    "PersonInput",
    "PersonRow",
    "PersonService",
    "PhotoChange",
    "membership_view",
    "protocol_facts",
]


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
    id: int
    post_id: int
    organisation_id: int | None
    mission_class: MissionClass
    credentials_on: date | None
    note: str


@dataclass(frozen=True)
class PersonDetail:
    id: int
    uid: uuid.UUID
    version: int
    display_name: str
    data: PersonInput
    memberships: tuple[MembershipView, ...]
    # The protocol block in use (stored fields, else defaults) and the defaults alone.
    protocol: ProtocolBlock = field(default_factory=ProtocolBlock)
    proposed: ProtocolBlock = field(default_factory=ProtocolBlock)
    tags: tuple[Choice, ...] = ()
    has_photo: bool = False
    # MMDD, from the date of birth when known, else as entered.
    birthday: int | None = None


SORTS = {"name": Person.sort_name, "classification": Person.classification}


class PersonService:
    def __init__(
        self,
        database: Database,
        scheme: ClassificationScheme = DEFAULT_SCHEME,
        *,
        undo: UndoService | None = None,
    ) -> None:
        self.db = database
        self.undo = undo
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
                Person.name_order,
                Person.name_shown,
                Person.honorific,
                Person.classification,
                func.coalesce(Country.name, "").label("country"),
            ).outerjoin(Country, Country.id == Person.country_id)
            statement = apply_filters(session, statement, table_of(Person), query)
            if query.country_id is not None:
                statement = statement.where(Person.country_id == query.country_id)
            rows, cursor = fetch_page(session, statement, sort_column, Person.id, query)
            posts = current_posts(session, [r.id for r in rows], today)
            return Page(
                tuple(
                    PersonRow(
                        r.id,
                        r.uid,
                        r.version,
                        person_name(r),
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

    def unreadable_phones(
        self, phones: Sequence[str], country_id: int | None
    ) -> builtins.list[str]:
        """The numbers that cannot be read as telephone numbers in the person's country (no
        country code and no country, or too short): a save keeps them as written."""
        region = ""
        if country_id is not None:
            with self.db.read() as session:
                country = session.get(Country, country_id)
                region = country.iso_code if country is not None else ""
        return [phone for phone in phones if phone.strip() and not store_phone(phone, region).read]

    def get(self, person_id: int, *, today: date | None = None) -> PersonDetail:
        with self.db.read() as session:
            return self._detail(session, self._load(session, person_id), today or date.today())

    def search_choices(self, text: str, limit: int = 50) -> builtins.list[Choice]:
        """People whose names match, for pickers (participants, relationships): each shown
        with the original-script name beside a transliteration and, where two share a
        name, with their country, so two entries can be told apart."""
        with self.db.read() as session:
            statement = (
                select(
                    Person.id,
                    *PERSON_NAME_COLUMNS,
                    func.coalesce(Country.name, "").label("country"),
                )
                .outerjoin(Country, Country.id == Person.country_id)
                .order_by(Person.sort_name, Person.id)
                .limit(limit)
            )
            clause = match_clause(table_of(Person), text, session.get_bind().dialect.name)
            if clause is not None:
                statement = statement.where(clause)
            rows = list(session.execute(statement))
        names = [with_original(person_name(r), r.name_original) for r in rows]
        seen = Counter(names)
        return [
            Choice(r.id, f"{name} — {r.country}" if seen[name] > 1 and r.country else name)
            for r, name in zip(rows, names, strict=True)
        ]

    # -- writing ----------------------------------------------------------------------------
    def create(
        self,
        data: PersonInput,
        *,
        photo: PhotoChange | None = None,
        ties: Sequence[TieDraft] = (),
    ) -> PersonDetail:
        """A new person with, in the same transaction, their photo and relationships."""
        stored = stored_photo(photo)
        with self.db.session() as session:
            clean = self._validate(session, data)
            person = Person()
            session.add(person)
            self._apply(session, person, clean)
            put_photo(person, stored)
            session.flush()
            set_record_tags(session, "person", person.id, clean.tag_ids)
            write_ties(session, RelationshipScope.PEOPLE, person.id, ties)
            return self._detail(session, person, date.today())

    def update(
        self,
        person_id: int,
        data: PersonInput,
        expected_version: int,
        *,
        photo: PhotoChange | None = None,
        ties: Sequence[TieDraft] = (),
        closings: Sequence[CommitmentClosing] = (),
    ) -> PersonDetail:
        """Save the form: the fields and, in the same transaction and undo step, a changed
        photo (None leaves it), relationships added, changed or removed, and commitments
        closed from the person's page. A refusal of any part writes nothing."""
        stored = stored_photo(photo)
        with self.db.session() as session:
            person = self._load(session, person_id)
            require_version(
                person.version, expected_version, f"The record of {person.display_name}"
            )
            closed = (Root("commitment", c.commitment_id) for c in closings)
            step = watching(self.undo, session, Root("person", person_id), *closed)
            clean = self._validate(session, data)
            self._apply(session, person, clean)
            put_photo(person, stored)
            session.flush()
            set_record_tags(session, "person", person.id, clean.tag_ids)
            write_ties(session, RelationshipScope.PEOPLE, person_id, ties)
            close_all(session, closings)
            step.done(f"edit {person.display_name}", person.display_name)
            return self._detail(session, person, date.today())

    def delete_impact(self, person_id: int) -> DeleteImpact:
        with self.db.read() as session:
            person = self._load(session, person_id)
            refuse_deleting(session, "person", person_id)
            notes = []
            drafts = open_naming(session, "person", person_id)
            if drafts:
                notes.append(f"they are no longer named in {cable_drafts(drafts)}")
            if person.memberships:
                notes.append(f"{len(person.memberships)} posts held (memberships) are deleted")
            taken = (
                session.scalar(select(func.count()).where(Participant.person_id == person_id)) or 0
            )
            if taken:
                notes.append(f"they are removed from the participants of {taken} engagements")
            ties = (
                session.scalar(
                    select(func.count()).where(
                        or_(
                            Relationship.subject_person_id == person_id,
                            Relationship.object_person_id == person_id,
                        )
                    )
                )
                or 0
            )
            if ties:
                notes.append(f"{ties} relationships with other people are deleted")
            owed = (
                session.scalar(select(func.count()).where(Commitment.owner_person_id == person_id))
                or 0
            )
            if owed:
                notes.append(f"{owed} commitments they own are kept without an owner")
            return DeleteImpact(person.display_name, tuple(notes), undoable=True)

    def delete(self, person_id: int, expected_version: int) -> None:
        with self.db.session() as session:
            person = self._load(session, person_id)
            require_version(
                person.version, expected_version, f"The record of {person.display_name}"
            )
            refuse_deleting(session, "person", person_id)
            name = person.display_name
            step = watching(self.undo, session, Root("person", person_id), binned=True)
            session.delete(person)
            step.done(f"delete {name}", name)

    # -- photo ------------------------------------------------------------------------------
    def photo(self, person_id: int) -> tuple[bytes, str] | None:
        """The stored portrait and its media type, or None when there is none."""
        with self.db.read() as session:
            row = session.execute(
                select(Person.photo, Person.photo_type).where(Person.id == person_id)
            ).first()
            if row is None:
                raise NotFoundError("That person no longer exists; they may have been deleted.")
            if not row.photo:
                return None
            return bytes(row.photo), row.photo_type or "image/jpeg"

    def check_photo(self, data: bytes) -> bytes:
        """The photo as it would be stored (checked and scaled), without storing it: a form
        shows it at once, or the sentence of the ValidationError at "photo"."""
        return normalise_photo(data)[0]

    def set_photo(self, person_id: int, data: bytes, expected_version: int) -> int:
        """Store a portrait (checked and scaled first); returns the record's new version."""
        stored = stored_photo(PhotoChange(data))
        with self.db.session() as session:
            person = self._locked(session, person_id, expected_version)
            put_photo(person, stored)
            session.flush()
            return person.version

    def clear_photo(self, person_id: int, expected_version: int) -> int:
        """Remove the portrait; returns the record's new version."""
        with self.db.session() as session:
            person = self._locked(session, person_id, expected_version)
            put_photo(person, (None, ""))
            # The version moves even when there was no photo: the caller's copy is now stale.
            person.updated_at = utcnow()
            session.flush()
            return person.version

    # -- inside -----------------------------------------------------------------------------

    @staticmethod
    def _locked(session: Session, person_id: int, expected_version: int) -> Person:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError("That person no longer exists; they may have been deleted.")
        require_version(person.version, expected_version, f"The record of {person.display_name}")
        return person

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
        return validate_person(session, data, self.scheme)

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
        # A date of birth gives the birthday (refresh_derived); without one the MMDD stands.
        if data.birth_date is None:
            person.birthday = data.birthday
        person.languages = data.languages
        person.country_id = data.country_id
        person.biography = data.biography
        person.biography_source = data.biography_source
        person.biography_as_of = data.biography_as_of
        person.classification = data.classification
        country = session.get(Country, data.country_id) if data.country_id else None
        region = country.iso_code if country else ""  # reads names and national numbers
        if data.name_order is not None:
            person.name_order = data.name_order
        elif person.id is None:
            person.name_order = infer_name_order(
                data.given_name, data.family_name, region, data.name_original
            )
        person.name_shown = data.name_shown
        person.rank = data.rank
        person.addressee_line = data.addressee_line
        person.salutation = data.salutation
        person.complimentary_close = data.complimentary_close
        person.form_of_address = data.form_of_address
        person.correspondence_language = data.correspondence_language
        person.contact_points = contact_points(person.contact_points, data, region)
        person.memberships = matched_memberships(session, person, data.memberships)
        country = session.get(Country, data.country_id) if data.country_id else None
        person.refresh_derived(country.name if country else "")

    def _detail(self, session: Session, person: Person, today: date) -> PersonDetail:
        def contacts(kind: str) -> tuple[str, ...]:
            return tuple(p.value for p in person.contact_points if p.kind == kind)

        addresses = contacts("address")
        tags = tuple(
            Choice(r.id, r.name)
            for r in session.execute(
                select(Tag.id, Tag.name)
                .join(person_tag, person_tag.c.tag_id == Tag.id)
                .where(person_tag.c.person_id == person.id)
                .order_by(Tag.name, Tag.id)
            )
        )
        has_photo = bool(
            session.scalar(select(Person.photo.is_not(None)).where(Person.id == person.id))
        )
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
            phones=tuple(international(v) for v in contacts("phone")),
            address=addresses[0] if addresses else "",
            biography=person.biography,
            biography_source=person.biography_source,
            biography_as_of=person.biography_as_of,
            classification=person.classification,
            memberships=tuple(
                MembershipInput(
                    m.post.title,
                    m.post.organisation_id,
                    m.start_date,
                    m.end_date,
                    m.acting,
                    m.note,
                    m.mission_class,
                    m.credentials_on,
                    m.id,
                )
                for m in person.memberships
            ),
            rank=person.rank,
            addressee_line=person.addressee_line,
            salutation=person.salutation,
            complimentary_close=person.complimentary_close,
            form_of_address=person.form_of_address,
            correspondence_language=person.correspondence_language,
            # Entered alone only: with a date of birth the birthday is derived from it.
            birthday=person.birthday if person.birth_date is None else None,
            tag_ids=tuple(tag.id for tag in tags),
            name_order=person.name_order,
            name_shown=person.name_shown,
        )
        views = tuple(membership_view(m, today) for m in person.memberships)
        proposed = propose_protocol(protocol_facts(person, today))
        return PersonDetail(
            person.id,
            person.uid,
            person.version,
            person.display_name,
            data,
            views,
            protocol=effective_protocol(stored_protocol(person), proposed),
            proposed=proposed,
            tags=tags,
            has_photo=has_photo,
            birthday=person.birthday,
        )


def membership_view(m: Membership, today: date) -> MembershipView:
    """A post held, as shown on a person's page and in a timeline."""
    organisation = m.post.organisation
    return MembershipView(
        post_title=m.post.title,
        organisation=organisation.name if organisation else "",
        start_date=m.start_date,
        end_date=m.end_date,
        acting=m.acting,
        current=m.is_current(today),
        id=m.id,
        post_id=m.post_id,
        organisation_id=m.post.organisation_id,
        mission_class=m.mission_class,
        credentials_on=m.credentials_on,
        note=m.note,
    )


def current_posts(
    session: Session, ids: builtins.list[int], today: date
) -> dict[int, builtins.list[str]]:
    """Each person's current titles, derived from dated memberships (never stored beside them)."""
    if not ids:
        return {}
    statement = (
        select(Membership.person_id, Post.title, Membership.acting)
        .join(Post, Post.id == Membership.post_id)
        .where(Membership.person_id.in_(ids))
        .where((Membership.start_date.is_(None)) | (Membership.start_date <= today))
        .where((Membership.end_date.is_(None)) | (Membership.end_date >= today))
        .order_by(Membership.person_id, Membership.start_date)
    )
    posts: dict[int, builtins.list[str]] = defaultdict(builtins.list)
    for person_id, title, acting in session.execute(statement):
        posts[person_id].append(f"{title} (acting)" if acting else title)
    return posts
