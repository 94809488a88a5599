"""Where an imported card puts its person: the organisation and unit, the post, the tags.

The card's ORG ("Ministry;Directorate;Unit") is looked up by folded name, or by one of the
organisation's known aliases (its other names and abbreviation). The organisation is
sought in the person's country first (the matched person's country, else the country chosen
for the import), then by its name alone if that name is unique; when several organisations
bear the name and the country does not tell them apart (demo data holds three "Ministry of
Culture"), no post is added and the card's report line says why. Units are found under their
organisation. What is missing is created: the organisation (in the person's country), its
units, the post. Everything is loaded once per import and each answer kept, so 100,000 rows
naming a few hundred posts cost a few hundred look-ups.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Connection, Table, select
from sqlalchemy.orm import Session

from bilatdesk.domain import Country, OrganisationKind, Tag
from bilatdesk.domain.base import table_of
from bilatdesk.exchange.text import fold, key, search_text
from bilatdesk.services.contacts.write import ORGANISATION, POST, NewRecord
from bilatdesk.services.tags import ensure_tags

COUNTRY: Table = table_of(Country)
OrgRef = int | NewRecord
PostRef = int | NewRecord


_Question = tuple[int | None, tuple[str, ...], str]  # country, ORG chain, title


class _Organisation(NamedTuple):
    ref: OrgRef
    parent: OrgRef | None
    country_id: int | None


class Directory:
    """Organisations, posts and tags of the database and of this import."""

    def __init__(self, session: Session, connection: Connection) -> None:
        self.session = session
        self.named: dict[str, list[_Organisation]] = {}  # by folded name, in id order
        self.units: dict[tuple[OrgRef, str], _Organisation] = {}
        for oid, parent, name, country, aliases, abbreviation in connection.execute(
            select(
                ORGANISATION.c.id,
                ORGANISATION.c.parent_id,
                ORGANISATION.c.name,
                ORGANISATION.c.country_id,
                ORGANISATION.c.other_names,
                ORGANISATION.c.abbreviation,
            ).order_by(ORGANISATION.c.id)
        ):
            organisation = _Organisation(oid, parent, country)
            self._add(name, organisation)
            # A card naming the organisation by a known alias ("Hellenic Ministry of Foreign
            # Affairs", "MFA") links to it instead of creating a near-duplicate.
            own = key(name)
            for alias in {key(a): a for a in (*(aliases or "").splitlines(), abbreviation or "")}:
                if alias and alias != own:
                    self._add_key(alias, organisation)
        self.posts: dict[tuple[OrgRef | None, str], PostRef] = {}
        for post_id, organisation_id, title in connection.execute(
            select(POST.c.id, POST.c.organisation_id, POST.c.title).order_by(POST.c.id)
        ):
            self.posts.setdefault((organisation_id, key(title)), post_id)
        # The table's columns, not the entity's: an ORM statement would configure every
        # mapper first, a fifth of a second of a command-line import spent before the first card.
        tags: Table = table_of(Tag)
        self.tags = {
            key(name): tid for tid, name in connection.execute(select(tags.c.id, tags.c.name))
        }
        self.countries: dict[int, str] = {}  # id -> ISO 3166 alpha-2, upper case
        for cid, code in connection.execute(select(COUNTRY.c.id, COUNTRY.c.iso_code)):
            self.countries[cid] = (code or "").upper()
        self.country_ids = {code: cid for cid, code in self.countries.items() if code}
        # Organisations and posts to create, written with the batch that first needs them.
        self.new_records: list[NewRecord] = []
        self._answers: dict[_Question, tuple[PostRef | None, str]] = {}
        self._tag_answers: dict[tuple[str, ...], list[int]] = {}
        # country_of's answers by the organisation's name as given, until one is created.
        self._countries: dict[str, tuple[int | None, str]] = {}

    def _add(self, name: str, organisation: _Organisation) -> None:
        self._add_key(key(name), organisation)

    def _add_key(self, name_key: str, organisation: _Organisation) -> None:
        self.named.setdefault(name_key, []).append(organisation)
        if organisation.parent is not None:
            self.units.setdefault((organisation.parent, name_key), organisation)

    def iso_code(self, country_id: int | None) -> str:
        """The ISO code of a country of the database ("" for none)."""
        return self.countries.get(country_id, "") if country_id is not None else ""

    def country_id(self, code: str) -> int | None:
        """The database's country with this ISO 3166 alpha-2 code, if it has one."""
        return self.country_ids.get(code.upper())

    def country_of(self, chain: tuple[str, ...]) -> tuple[int | None, str]:
        """The country of the organisation a card names, when it is known and unambiguous,
        and the organisation's name as the card gave it."""
        if not chain:
            return None, ""
        first = chain[0]
        answer = self._countries.get(first)
        if answer is None:
            found, problem = self._top(first, None)
            if found is None or problem or found.country_id is None:
                answer = (None, "")
            else:
                answer = (found.country_id, first)
            self._countries[first] = answer
        return answer

    def post(
        self, chain: tuple[str, ...], title: str, country_id: int | None
    ) -> tuple[PostRef | None, str]:
        """The post titled `title` in the unit at the end of `chain`, created where missing;
        (None, why) when the organisation cannot be told apart from others of its name."""
        if not title:
            return None, ""
        answer = self._answers.get((country_id, chain, title))
        if answer is None:
            organisation, problem = self._organisation(chain, country_id)
            if problem:
                answer = (None, problem)
            else:
                post_key = (organisation, key(title))
                post = self.posts.get(post_key)
                if post is None:
                    post = NewRecord({"uid": None, "title": title, "organisation_id": organisation})
                    self.new_records.append(post)
                    self.posts[post_key] = post
                answer = (post, "")
            self._answers[(country_id, chain, title)] = answer
        return answer

    def _organisation(
        self, chain: tuple[str, ...], country_id: int | None
    ) -> tuple[OrgRef | None, str]:
        if not chain:
            return None, ""
        first = chain[0]
        found, problem = self._top(first, country_id)
        if problem:
            return None, problem
        if found is None:
            found = self._create(first, 0, None, country_id)
        for depth, name in enumerate(chain[1:], start=1):
            unit = self.units.get((found.ref, key(name)))
            found = unit or self._create(name, depth, found.ref, found.country_id)
        return found.ref, ""

    def _top(self, name: str, country_id: int | None) -> tuple[_Organisation | None, str]:
        """The organisation a card names: in the person's country, else unique by name."""
        named = self.named.get(key(name), [])
        # A name given as the organisation is a top-level one if there is such; otherwise a
        # unit named on its own ("Protocol Department") is still found.
        candidates = [o for o in named if o.parent is None] or named
        if len(candidates) <= 1:
            return (candidates[0] if candidates else None), ""
        label = f"'{name[:80]}'"
        if country_id is not None:
            here = [o for o in candidates if o.country_id == country_id]
            if len(here) == 1:
                return here[0], ""
            if here:
                return None, (
                    f"No post was added: {len(here)} organisations in the person's country are "
                    f"called {label}."
                )
            return None, (
                f"No post was added: {len(candidates)} organisations are called {label}, none "
                "of them in the person's country."
            )
        return None, (
            f"No post was added: {len(candidates)} organisations are called {label} and the "
            "person has no country to tell them apart."
        )

    def _create(
        self, name: str, depth: int, parent: OrgRef | None, country_id: int | None
    ) -> _Organisation:
        kind = (
            OrganisationKind.OTHER
            if depth == 0
            else OrganisationKind.DIRECTORATE
            if depth == 1
            else OrganisationKind.UNIT
        )
        record = NewRecord(
            {
                "uid": None,
                "name": name,
                "kind": kind,
                "parent_id": parent,
                "country_id": country_id,
                "sort_name": fold(name),
                "search_text": search_text(name),
            }
        )
        self.new_records.append(record)
        organisation = _Organisation(record, parent, country_id)
        self._add(name, organisation)
        self._countries.clear()  # a name may now be known, or no longer unique
        return organisation

    def take_new_records(self) -> list[NewRecord]:
        """The organisations and posts made since the last call, in the order they were made."""
        records, self.new_records = self.new_records, []
        return records

    def tag_ids(self, names: list[str]) -> list[int]:
        """The ids of the tags named (case- and accent-blind), created where missing."""
        if not names:
            return []
        wanted = tuple(names)
        answer = self._tag_answers.get(wanted)
        if answer is None:
            missing = [name for name in names if key(name) not in self.tags]
            if missing:
                made = ensure_tags(self.session, missing)
                for name in missing:
                    self.tags[key(name)] = made[" ".join(name.split())[:100]]
            answer = list(dict.fromkeys(self.tags[key(name)] for name in names))
            self._tag_answers[wanted] = answer
        return answer
