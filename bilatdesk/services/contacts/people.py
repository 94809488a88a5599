"""People as a contact import sees them: new ones waiting to be written, existing ones loaded.

An update never deletes or overwrites: it fills empty fields, adds e-mails, phones, the
address, the post (TITLE in ORG) and tags the person lacks, and the photo when there is none.
An update that adds nothing is reported as skipped ("already up to date").
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from bilatdesk.domain.enums import NameOrder
from bilatdesk.domain.names import display_name
from bilatdesk.domain.phones import phone_index_words, point_search_text
from bilatdesk.domain.tag import person_tag
from bilatdesk.domain.text import index_text
from bilatdesk.exchange.checks import CheckedCard, phone_key
from bilatdesk.exchange.text import fold, key, search_text, sort_name
from bilatdesk.services.contacts.write import MEMBERSHIP, PERSON, POINT, NewRecord, id_of

PostRef = int | NewRecord


class NewPerson:
    """A person to create, waiting in the batch; `id` is known once the batch is written."""

    __slots__ = ("birth_date", "id", "points", "posts", "row", "tag_ids")

    def __init__(
        self,
        row: tuple[Any, ...] | None,
        points: list[tuple[str, str, str]],
        posts: list[tuple[PostRef, str]],
        tag_ids: list[int],
        birth_date: date | None,
    ) -> None:
        self.row = row  # PERSON_COLUMNS order; None once written
        self.points = points  # (kind, value, label)
        self.posts = posts  # (post, note)
        self.tag_ids = tag_ids
        self.birth_date = birth_date
        self.id: int | None = None


_FILLED = ("honorific", "given_name", "family_name", "other_names", "languages", "biography")
_WORDS = {
    "honorific": "honorific",
    "given_name": "given name",
    "family_name": "family name",
    "other_names": "other names",
    "languages": "languages",
    "biography": "note",
}


@dataclass
class PersonState:
    """An existing person as the import sees and changes it (loaded once per batch)."""

    id: int
    version: int
    name: str
    country_id: int | None
    fields: dict[str, Any]
    points: list[tuple[str, str]]  # (kind, value) of every contact point, in order
    post_ids: set[int]
    tag_ids: set[int]
    changes: dict[str, Any] = field(default_factory=dict)
    new_points: list[tuple[str, str, str]] = field(default_factory=list)
    new_posts: list[tuple[PostRef, str]] = field(default_factory=list)
    new_tags: list[int] = field(default_factory=list)

    @property
    def birth_date(self) -> date | None:
        value: date | None = self.changes.get("birth_date", self.fields["birth_date"])
        return value

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.new_points)

    def person_values(self) -> dict[str, Any]:
        """The columns to set on the person (derived ones included); {} when none changed."""
        if not self.changed:
            return {}
        values = {k: v for k, v in self.changes.items() if k != "has_photo"}
        merged = {**self.fields, **self.changes}
        if "given_name" in values or "family_name" in values:
            values["sort_name"] = sort_name(
                merged["family_name"], merged["given_name"], merged["name_original"]
            )
        values["search_text"] = search_text(
            merged["honorific"],
            merged["given_name"],
            merged["family_name"],
            merged["other_names"],
            merged["name_original"],
            *(point_search_text(kind, value) for kind, value in self.points),
            *(point_search_text(kind, value) for kind, value, _ in self.new_points),
        )
        return values

    def settle(self) -> None:
        """After its changes are written the state is the person as stored (mid-batch writes)."""
        if self.changed:
            self.version += 1
        self.fields.update(self.changes)
        self.fields.pop("photo", None)
        self.points.extend((kind, value) for kind, value, _ in self.new_points)
        self.post_ids.update(id_of(post) for post, _ in self.new_posts)
        self.tag_ids.update(self.new_tags)
        self.changes, self.new_points, self.new_posts, self.new_tags = {}, [], [], []


def load_states(connection: Connection, ids: Iterable[int], today: date) -> dict[int, PersonState]:
    """The people with these ids, their contact points, current posts and tags."""
    ids = set(ids)
    if not ids:
        return {}
    states: dict[int, PersonState] = {}
    columns = [PERSON.c[name] for name in _FILLED]
    rows = connection.execute(
        select(
            PERSON.c.id,
            PERSON.c.version,
            PERSON.c.country_id,
            PERSON.c.name_original,
            PERSON.c.birth_date,
            PERSON.c.birthday,
            (PERSON.c.photo.is_not(None)).label("has_photo"),
            *columns,
        ).where(PERSON.c.id.in_(ids))
    )
    for row in rows:
        fields = {name: getattr(row, name) for name in _FILLED}
        fields.update(
            name_original=row.name_original,
            birth_date=row.birth_date,
            birthday=row.birthday,
            has_photo=row.has_photo,
        )
        states[row.id] = PersonState(
            row.id,
            row.version,
            display_name(row.given_name, row.family_name, row.name_original, row.other_names),
            row.country_id,
            fields,
            [],
            set(),
            set(),
        )
    for pid, kind, value in connection.execute(
        select(POINT.c.person_id, POINT.c.kind, POINT.c.value)
        .where(POINT.c.person_id.in_(ids))
        .order_by(POINT.c.person_id, POINT.c.position, POINT.c.id)
    ):
        states[pid].points.append((kind, value))
    current = (
        select(MEMBERSHIP.c.person_id, MEMBERSHIP.c.post_id)
        .where(MEMBERSHIP.c.person_id.in_(ids))
        .where((MEMBERSHIP.c.start_date.is_(None)) | (MEMBERSHIP.c.start_date <= today))
        .where((MEMBERSHIP.c.end_date.is_(None)) | (MEMBERSHIP.c.end_date >= today))
    )
    for pid, post_id in connection.execute(current):
        states[pid].post_ids.add(post_id)
    for pid, tag_id in connection.execute(
        select(person_tag.c.person_id, person_tag.c.tag_id).where(person_tag.c.person_id.in_(ids))
    ):
        states[pid].tag_ids.add(tag_id)
    return states


def fill(
    state: PersonState, card: CheckedCard, post: PostRef | None, tag_ids: list[int]
) -> list[str]:
    """Fill what the person lacks from the card; what was added, in words."""
    added: list[str] = []
    current = {**state.fields, **state.changes}
    wanted = {
        "honorific": card.honorific,
        "given_name": card.given,
        "family_name": card.family,
        "other_names": card.other,
        "languages": card.languages,
        "biography": card.biography,
    }
    for column, value in wanted.items():
        if value and not current[column]:
            state.changes[column] = value
            added.append(_WORDS[column])
    if card.birth_date is not None and current["birth_date"] is None:
        state.changes["birth_date"] = card.birth_date
        state.changes["birthday"] = card.birthday
        added.append("birth date")
    elif card.birthday is not None and current["birthday"] is None:
        state.changes["birthday"] = card.birthday
        added.append("birthday")
    if card.photo and not current["has_photo"]:
        state.changes.update(photo=card.photo, photo_type="image/jpeg", has_photo=True)
        added.append("photo")
    known = [*state.points, *((kind, value) for kind, value, _ in state.new_points)]
    emails = {value.lower() for kind, value in known if kind == "email"}
    phones = {phone_key(value) for kind, value in known if kind == "phone"}
    addresses = {key(value) for kind, value in known if kind == "address"}
    new_emails = [(v, label) for v, label in card.emails if v.lower() not in emails]
    new_phones = [(v, label) for v, label in card.phones if phone_key(v) not in phones]
    state.new_points.extend(("email", value, label) for value, label in new_emails)
    state.new_points.extend(("phone", value, label) for value, label in new_phones)
    if new_emails:
        added.append(_count(len(new_emails), "e-mail", "e-mails"))
    if new_phones:
        added.append(_count(len(new_phones), "phone", "phones"))
    if card.address and key(card.address) not in addresses:
        state.new_points.append(("address", card.address, ""))
        added.append("address")
    held = {_same(p) for p in state.post_ids} | {_same(p) for p, _ in state.new_posts}
    if post is not None and _same(post) not in held:
        state.new_posts.append((post, card.post_note))
        added.append(f"post {card.title}")
    tags = [t for t in tag_ids if t not in state.tag_ids and t not in state.new_tags]
    if tags:
        state.new_tags.extend(tags)
        added.append(_count(len(tags), "tag", "tags"))
    return added


def new_person(
    card: CheckedCard,
    uid: uuid.UUID | None,
    country_id: int | None,
    post: PostRef | None,
    tag_ids: list[int],
    *,
    name_order: NameOrder = NameOrder.GIVEN_FIRST,
) -> NewPerson:
    """The person a card creates, its row ready for the writer (PERSON_COLUMNS order)."""
    # Plain loops, not comprehensions: each comprehension is a function call in Python 3.11.
    points: list[tuple[str, str, str]] = []
    values: list[str] = []
    for value, label in card.emails:
        points.append(("email", value, label))
        values.append(value)
    numbers: list[str] = []
    for value, label in card.phones:
        points.append(("phone", value, label))
        numbers.append(phone_index_words(value))
    if card.address:
        points.append(("address", card.address, ""))
    # The search text as domain.text.search_blob makes it, from the parts folded once, in
    # the same order: names, e-mails, phones, address. index_text works word by word, so the
    # parts may be made apart; a phone's words are made by phone_index_words directly.
    words = []
    if card.honorific:
        words.append(fold(card.honorific))
    if card.given:
        words.append(card.given_key)
    if card.family:
        words.append(card.family_key)
    if card.other:
        words.append(fold(card.other))
    if card.name_shown:
        words.append(fold(card.name_shown))
    if values:
        words.append(fold(" ".join(values)))
    parts = [index_text(" ".join(words)), *numbers]
    if card.address:
        parts.append(index_text(fold(card.address)))
    photo = card.photo
    row = (
        uid,
        card.honorific,
        card.given,
        card.family,
        card.other,
        card.birth_date,
        card.birthday,
        card.languages,
        card.biography,
        photo,
        "image/jpeg" if photo else "",
        # The sort key; a card without a name sorts under what it was imported under.
        card.name_key or fold(card.name_shown),
        " ".join([part for part in parts if part]),  # as search_blob stores it
        country_id,
        name_order,
        card.name_shown,
    )
    return NewPerson(
        row, points, [(post, card.post_note)] if post is not None else [], tag_ids, card.birth_date
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _same(record: PostRef) -> PostRef:
    """What tells two references to one record apart: its id, or itself until written."""
    if isinstance(record, NewRecord) and record.id is not None:
        return record.id
    return record
