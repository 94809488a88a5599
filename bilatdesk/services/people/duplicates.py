"""Likely duplicate people: the same folded name, the same e-mail or the same phone number."""

from __future__ import annotations

import heapq
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bilatdesk.domain import ContactPoint, Person
from bilatdesk.domain.base import table_of
from bilatdesk.domain.names import display_name
from bilatdesk.domain.phones import international
from bilatdesk.domain.text import fold
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.store.database import Database
from bilatdesk.store.search import match_clause

MAX_GROUP = 50
"""A key shared by more people than this (a switchboard number, a very common name) does not
propose pairs by itself: it would propose up to n² of them and mostly wrong ones. Pairs found
through another key still list it among their reasons."""

MIN_PHONE_DIGITS = 6
"""Shorter numbers (extensions, "112") say nothing about who someone is."""

PHONE_TAIL = 9
"""Numbers of at least this many digits compare by their last digits, so "+43 1 234 5678" and
"0043 1 2345678" meet whatever international prefix the writer used."""

_STREAM_BATCH = 5_000
_WORD = re.compile(r"\w+")
_NOT_DIGIT = re.compile(r"\D+")

# A key is a string led by its kind, "n" name, "e" e-mail or "p" phone: cheaper than tuples at
# 100k people, and the letter orders the reasons.
_ORDER = {"n": 0, "e": 1, "p": 2}
# id, given, family, original, other, country, and the name's order and kept display form
PersonTuple = tuple[int, str, str, str, str, "int | None", str, str]
"""(id, given name, family name, name in original script, other names, country id)."""

_UNSAVED = 0  # the id a person not yet saved goes by (record ids begin at 1)
_PERSON_COLUMNS = (
    Person.id,
    Person.given_name,
    Person.family_name,
    Person.name_original,
    Person.other_names,
    Person.country_id,
    Person.name_order,
    Person.name_shown,
)


@dataclass(frozen=True)
class DuplicatePair:
    """Two people who may be one, and why: "same name", "same e-mail anna@x.at"."""

    first_id: int
    second_id: int
    first_name: str
    second_name: str
    reasons: tuple[str, ...]


def name_key(text: str) -> str:
    """The words of a name, folded and sorted: "Berger, Anna" and "anna BERGER" meet."""
    return " ".join(sorted(_WORD.findall(fold(text)))) if text else ""


def email_key(value: str) -> str:
    return value.strip().lower()


def phone_digits(value: str) -> str:
    """The digits of a number in any script ("٠٧٩" too), without spaces, dashes or brackets."""
    digits = _NOT_DIGIT.sub("", value)  # \D is Unicode-aware: Arabic-Indic digits stay
    if digits.isascii():
        return digits
    return "".join(str(unicodedata.decimal(ch)) for ch in digits)


def phone_key(value: str) -> str | None:
    """Last nine digits of a long number, all digits of a shorter one, None when too short."""
    digits = phone_digits(value)
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    # Short and long numbers live apart: they only compare when both have nine digits or more.
    return digits[-PHONE_TAIL:] if len(digits) >= PHONE_TAIL else f"short:{digits}"


class _Groups:
    """People by key, filled by streaming compact tuples; pairs come from groups of two or more."""

    def __init__(self, max_group: int = MAX_GROUP) -> None:
        self.max_group = max_group
        self.members: dict[str, list[int]] = {}
        self.shown: dict[str, str] = {}
        """A phone key -> the number as first written, for the reason sentence."""
        self.people: dict[int, PersonTuple] = {}

    def add_person(self, row: PersonTuple) -> None:
        person_id, given, family, original = row[0], row[1], row[2], row[3]
        self.people[person_id] = row
        written = name_key(f"{given} {family}") if given or family else ""
        if written:
            self._add("n" + written, person_id)
        script = name_key(original)
        if script and script != written:
            self._add("n" + script, person_id)

    def add_email(self, person_id: int, value: str) -> None:
        key = email_key(value)
        if key:
            self._add("e" + key, person_id)

    def add_phone(self, person_id: int, value: str) -> None:
        key = phone_key(value)
        if key is not None and self._add("p" + key, person_id):
            self.shown["p" + key] = value.strip()

    def _add(self, key: str, person_id: int) -> bool:
        members = self.members.get(key)
        if members is None:
            self.members[key] = [person_id]
            return True
        members.append(person_id)
        return False

    def shared_keys(self) -> dict[tuple[int, int], list[str]]:
        """(lower id, higher id) -> the keys they share, for every pair a group proposes."""
        shared: dict[tuple[int, int], list[str]] = {}
        crowded: dict[int, set[str]] = defaultdict(set)
        for key, members in self.members.items():
            if len(members) < 2:
                continue
            ids = sorted(set(members))
            if len(ids) > self.max_group:
                for person_id in ids:
                    crowded[person_id].add(key)
                continue
            for i, first in enumerate(ids):
                for second in ids[i + 1 :]:
                    shared.setdefault((first, second), []).append(key)
        if crowded:
            # A crowded key proposes nothing alone but is still a reason for a pair found else.
            for (first, second), keys in shared.items():
                if first in crowded and second in crowded:
                    keys.extend(crowded[first] & crowded[second])
        return shared

    def reasons(self, keys: Iterable[str]) -> tuple[str, ...]:
        out: list[str] = []
        for key in sorted(set(keys), key=lambda k: (_ORDER[k[0]], k)):
            if key[0] == "n":
                if "same name" not in out:
                    out.append("same name")
            elif key[0] == "e":
                out.append(f"same e-mail {key[1:]}")
            else:
                # Shown as every list shows numbers; only the few reasons given pay for it.
                out.append(f"same phone {international(self.shown.get(key, key[1:]))}")
        return tuple(out)

    def name(self, person_id: int) -> str:
        _id, given, family, original, other, _country, order, shown = self.people[person_id]
        return display_name(given, family, original, other, order=order or None, shown=shown)

    def pair(self, first: int, second: int, keys: Iterable[str]) -> DuplicatePair:
        return DuplicatePair(first, second, self.name(first), self.name(second), self.reasons(keys))


class DuplicateService:
    def __init__(self, database: Database) -> None:
        self.db = database

    def find(self, country_id: int | None = None, limit: int = 500) -> list[DuplicatePair]:
        """Likely duplicates, most reasons first; with a country, pairs with one of the two in it.

        Names and phones stream once as compact tuples and are keyed here (folding accents and
        scripts, and picking digits, are not SQL on SQLite); e-mails are grouped in SQL, so
        only the addresses two records share come back.
        """
        groups = _Groups()
        with self.db.read() as session:
            for row in _stream(session, select(*_PERSON_COLUMNS)):
                groups.add_person(row)
            phones = select(ContactPoint.person_id, ContactPoint.value).where(
                ContactPoint.kind == "phone"
            )
            for person_id, value in _stream(session, phones):
                groups.add_phone(person_id, value)
            address = func.lower(func.trim(ContactPoint.value))
            in_two = (
                select(address)
                .where(ContactPoint.kind == "email")
                .group_by(address)
                .having(func.count(func.distinct(ContactPoint.person_id)) > 1)
            )
            emails = select(ContactPoint.person_id, ContactPoint.value).where(
                ContactPoint.kind == "email", address.in_(in_two)
            )
            for person_id, value in _stream(session, emails):
                groups.add_email(person_id, value)
        people = groups.people
        candidates = [
            (pair, keys)
            for pair, keys in groups.shared_keys().items()
            if country_id is None or country_id in (people[pair[0]][5], people[pair[1]][5])
        ]
        folded: dict[int, str] = {}

        def rank(item: tuple[tuple[int, int], list[str]]) -> tuple[int, str, int, int]:
            (first, second), keys = item
            if first not in folded:
                folded[first] = fold(groups.name(first))
            return (-_reason_count(keys), folded[first], first, second)

        # Only the pairs shown become records: a big import can propose tens of thousands.
        best = heapq.nsmallest(limit, candidates, key=rank)
        return [groups.pair(first, second, keys) for (first, second), keys in best]

    def candidates_for(self, person_id: int) -> list[DuplicatePair]:
        """The people who may be the same as one person, that person first in each pair.

        Only the people sharing a word of the name (the full-text index), an e-mail or the
        digits of a phone number are read, so this stays quick on a large database.
        """
        # However common the name, the one person asked about is compared with every namesake.
        groups = _Groups(max_group=sys.maxsize)
        with self.db.read() as session:
            if session.get(Person, person_id) is None:
                raise NotFoundError("That person no longer exists; they may have been deleted.")
            self._load(session, groups, [person_id])
            others = self._candidate_ids(session, person_id, groups)
            self._load(session, groups, sorted(others))
        found = []
        for (first, second), keys in groups.shared_keys().items():
            if person_id in (first, second):
                other = second if first == person_id else first
                found.append(groups.pair(person_id, other, keys))
        found.sort(key=lambda p: (-len(p.reasons), fold(p.second_name), p.second_id))
        return found

    def matches_for(
        self,
        given: str,
        family: str,
        original: str = "",
        emails: Sequence[str] = (),
        phones: Sequence[str] = (),
        *,
        exclude: int | None = None,
    ) -> list[DuplicatePair]:
        """The people on record a person about to be saved may be: the same folded name,
        e-mail or phone digits. Each pair's first side is the one being saved (id 0)."""
        groups = _Groups(max_group=sys.maxsize)
        groups.add_person((_UNSAVED, given, family, original, "", None, "", ""))
        for email in emails:
            groups.add_email(_UNSAVED, email)
        for phone in phones:
            groups.add_phone(_UNSAVED, phone)
        with self.db.read() as session:
            others = self._candidate_ids(session, _UNSAVED, groups)
            if exclude is not None:
                others.discard(exclude)
            self._load(session, groups, sorted(others))
        found = [
            groups.pair(_UNSAVED, second if first == _UNSAVED else first, keys)
            for (first, second), keys in groups.shared_keys().items()
            if _UNSAVED in (first, second)
        ]
        found.sort(key=lambda p: (-len(p.reasons), fold(p.second_name), p.second_id))
        return found

    # -- inside -----------------------------------------------------------------------------
    @staticmethod
    def _candidate_ids(session: Session, person_id: int, groups: _Groups) -> set[int]:
        found: set[int] = set()
        dialect = session.get_bind().dialect.name
        phones: set[str] = set()
        for key in groups.members:
            kind, value = key[0], key[1:]
            if kind == "n":
                clause = match_clause(table_of(Person), value, dialect)
                if clause is not None:
                    found.update(session.scalars(select(Person.id).where(clause)))
            elif kind == "e":
                found.update(
                    session.scalars(
                        select(ContactPoint.person_id).where(
                            ContactPoint.kind == "email",
                            func.lower(func.trim(ContactPoint.value)) == value,
                        )
                    )
                )
            else:
                phones.add(value)
        if phones:
            # Digits are not a SQL expression on SQLite: stream the (person, number) pairs, a
            # compact pass over one column, and compare keys here.
            statement = select(ContactPoint.person_id, ContactPoint.value).where(
                ContactPoint.kind == "phone"
            )
            for other_id, value in _stream(session, statement):
                if phone_key(value) in phones:
                    found.add(other_id)
        found.discard(person_id)
        return found

    @staticmethod
    def _load(session: Session, groups: _Groups, ids: Sequence[int]) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in session.execute(select(*_PERSON_COLUMNS).where(Person.id.in_(chunk))):
                groups.add_person(row._tuple())
            contacts = select(ContactPoint.person_id, ContactPoint.kind, ContactPoint.value).where(
                ContactPoint.person_id.in_(chunk), ContactPoint.kind.in_(("email", "phone"))
            )
            for other_id, kind, value in session.execute(contacts):
                if kind == "email":
                    groups.add_email(other_id, value)
                else:
                    groups.add_phone(other_id, value)


def _reason_count(keys: Iterable[str]) -> int:
    """How many reasons the keys make: every name key together is one "same name"."""
    distinct = set(keys)
    names = sum(1 for key in distinct if key[0] == "n")
    return len(distinct) - names + (1 if names else 0)


def _stream(session: Session, statement: Select[Any]) -> Iterator[Any]:
    """Plain driver tuples in batches, inside the session's transaction.

    The driver's own cursor rather than SQLAlchemy's result rows: at 100k people the row
    objects cost more than the query (0.6 s against 0.24 s measured). Only the module's own
    constant parameters are inlined by `literal_binds`.
    """
    connection = session.connection()
    sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    raw = connection.connection.dbapi_connection
    assert raw is not None  # the session holds the connection for this transaction
    cursor = raw.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(_STREAM_BATCH):
            yield from rows
    finally:
        cursor.close()
