"""Which person a contact card is: by UID, then e-mail, then name and birth date.

In this order: the card's UID equals the person's uid (only UIDs that are UUIDs: "UID:1" from
two phones must not merge two strangers); any e-mail address equals one of the person's
(case-blind); the folded given and family name are equal and the birth dates do not differ
(either side may lack one). People created earlier in the same file match too.

The e-mail addresses of everyone are loaded once per import (the addresses only); UIDs and
names are looked up once per batch, with one set-based query each.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date

from sqlalchemy import Connection, select

from bilatdesk.exchange.checks import CheckedCard
from bilatdesk.services.contacts.people import NewPerson, PersonState
from bilatdesk.services.contacts.write import PERSON, POINT, Driver

Match = tuple[int | NewPerson, str]  # the person, and why


class PeopleIndex:
    """Who a card may be: people in the database, and people new in this import."""

    def __init__(self, connection: Connection, driver: Driver) -> None:
        self.driver = driver
        dialect = connection.dialect
        self.uid_value = PERSON.c.uid.type.dialect_impl(dialect).bind_processor(dialect)
        # Every e-mail address (lower-case) to its person: stored ones by id, new ones
        # waiting in the batch as themselves until written.
        self.emails: dict[str, int | NewPerson] = {}
        for pid, value in connection.execute(
            select(POINT.c.person_id, POINT.c.value)
            .where(POINT.c.kind == "email")
            .order_by(POINT.c.person_id)
        ):
            self.emails.setdefault(value.lower(), pid)
        self.uid_alias: dict[uuid.UUID, int] = {}  # card UIDs (not the person's) seen on updates
        # Per batch: what the database holds for the batch's UIDs and names, and new people.
        self.found_uids: dict[uuid.UUID, int] = {}
        self.found_names: dict[str, list[tuple[int, date | None]]] = {}
        self.new_by_uid: dict[uuid.UUID, NewPerson] = {}
        self.new_by_name: dict[str, list[NewPerson]] = {}
        self.new_emails: list[tuple[str, NewPerson]] = []

    def look_up(self, cards: list[CheckedCard]) -> set[int]:
        """Load what the batch's cards may match; the ids of the people they may be."""
        uids = {card.uid for card in cards if card.uid is not None}
        self.found_uids = {}
        if uids:
            processor = self.uid_value
            values = [uid if processor is None else processor(uid) for uid in uids]
            for pid, stored in self.driver.rows_in(
                "SELECT id, uid FROM person WHERE uid IN ({})", values
            ):
                self.found_uids[stored if isinstance(stored, uuid.UUID) else uuid.UUID(stored)] = (
                    pid
                )
        keys = {card.name_key for card in cards if card.name_key}
        self.found_names = {}
        if keys:
            query = (
                "SELECT id, sort_name, birth_date FROM person WHERE sort_name IN ({}) "
                "AND (given_name != '' OR family_name != '') ORDER BY id"
            )
            for pid, name_key, stored in self.driver.rows_in(query, list(keys)):
                # SQLite gives the date as its text, PostgreSQL as a date.
                born = date.fromisoformat(stored) if isinstance(stored, str) else stored
                self.found_names.setdefault(name_key, []).append((pid, born))
        candidates = set(self.found_uids.values())
        candidates.update(pid for people in self.found_names.values() for pid, _ in people)
        emails = self.emails
        for card in cards:
            for address, _ in card.emails:
                found = emails.get(address.lower())
                if isinstance(found, int):
                    candidates.add(found)
            if card.uid is not None and card.uid in self.uid_alias:
                candidates.add(self.uid_alias[card.uid])
        return candidates

    def match(self, card: CheckedCard, states: Mapping[int, PersonState]) -> Match | None:
        """The person the card is, and why; None for someone new.

        `states` are the people loaded for the batch, as changed by earlier cards (one may
        have given a birth date).
        """
        uid = card.uid
        if uid is not None:
            found: int | NewPerson | None = self.new_by_uid.get(uid)
            found = found or self.found_uids.get(uid) or self.uid_alias.get(uid)
            if found is not None:
                return found, "same UID"
        if card.emails:
            emails = self.emails
            for address, _ in card.emails:
                found = emails.get(address.lower())
                if found is not None:
                    return found, f"same e-mail {address}"
        name_key = card.name_key
        if not name_key:
            return None
        born = card.birth_date
        new_people = self.new_by_name.get(name_key)
        if new_people:
            for new in new_people:
                if born is None or new.birth_date is None or new.birth_date == born:
                    return new, "same name"
        stored_people = self.found_names.get(name_key)
        if stored_people:
            for pid, stored in stored_people:
                state = states.get(pid)
                theirs = stored if state is None else state.birth_date
                if born is None or theirs is None or theirs == born:
                    return pid, "same name"
        return None

    def add_new(self, person: NewPerson, card: CheckedCard, uid: uuid.UUID | None) -> None:
        """A person created from this card, for the cards after it."""
        if uid is not None:
            self.new_by_uid[uid] = person
        if card.name_key:
            named = self.new_by_name.get(card.name_key)
            if named is None:
                self.new_by_name[card.name_key] = [person]
            else:
                named.append(person)
        if card.emails:
            emails = self.emails
            for address, _ in card.emails:
                lower = address.lower()
                if lower not in emails:
                    emails[lower] = person
                    self.new_emails.append((lower, person))

    def written(self) -> None:
        """The new people have ids now: the e-mail index keeps ids, not people."""
        emails = self.emails
        for lower, person in self.new_emails:
            emails[lower] = person.id  # type: ignore[assignment]
        self.new_emails = []

    def end_batch(self) -> None:
        self.new_by_uid, self.new_by_name = {}, {}
