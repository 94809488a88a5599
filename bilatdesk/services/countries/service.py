"""Countries of accreditation: create, edit, delete, get, list; the relationship timeline."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pycountry
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import Accreditation, Country, CountryStatus, Engagement, Organisation, Person
from bilatdesk.domain.base import table_of
from bilatdesk.domain.enums import RelationStatus, relation_status_label
from bilatdesk.domain.text import fold
from bilatdesk.services.cables.frozen import refuse_deleting
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
from bilatdesk.services.kernel.settings import read_post_settings
from bilatdesk.services.kernel.validation import Checker, column_limit
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.database import Database


@dataclass(frozen=True)
class StatusEntry:
    """One step of the relationship timeline."""

    status: str  # a RelationStatus value or one the post configured
    from_date: date
    reason: str = ""


@dataclass(frozen=True)
class CountryInput:
    iso_code: str
    name: str = ""
    official_name: str = ""
    accredited: bool = True
    accreditation: Accreditation = Accreditation.NON_RESIDENT
    resident_in: str = ""
    credentials_presented_on: date | None = None
    charge_d_affaires: str = ""
    relations_since: date | None = None
    priority_circle: int = 2
    national_day: tuple[int, int] | None = None
    capital: str = ""
    notes: str = ""
    statuses: tuple[StatusEntry, ...] = ()


@dataclass(frozen=True)
class CountryRow:
    id: int
    uid: uuid.UUID
    version: int
    iso_code: str
    name: str
    accreditation: Accreditation
    resident_in: str
    priority_circle: int
    status: str | None
    relations_since: date | None
    accredited: bool = True
    """False: a country we keep records on without being accredited there (not in the scope)."""


@dataclass(frozen=True)
class CountryDetail:
    id: int
    uid: uuid.UUID
    version: int
    data: CountryInput


SORTS = {
    "name": Country.sort_name,
    "iso_code": Country.iso_code,
    "priority_circle": Country.priority_circle,
}


def status_vocabulary(configured: tuple[str, ...]) -> dict[str, str]:
    """Every status a timeline may hold, by its folded value and label: the built-in ones
    (stored by value) and those the post configured (stored as configured)."""
    known = {fold(s.value): s.value for s in RelationStatus}
    known |= {fold(relation_status_label(s.value)): s.value for s in RelationStatus}
    known |= {fold(value): value for value in configured}
    return known


def _known_status(check: Checker, known: dict[str, str], value: str) -> str:
    """The stored form of a status ("Deep freeze" → deep_freeze), or an error at the field."""
    found = known.get(fold(value.strip()))
    if found is None:
        check.fail(
            "statuses",
            f"'{value[:40]}' is not a relationship status here: use normal, slowdown, deep "
            "freeze or one added under Post settings.",
        )
        return value
    return found


def iso_name(code: str) -> str | None:
    """The ISO 3166 short name of an alpha-2 code, or None when there is no such country."""
    found = pycountry.countries.get(alpha_2=code.upper())
    return None if found is None else str(found.name)


class CountryService:
    def __init__(self, database: Database, *, undo: UndoService | None = None) -> None:
        self.db = database
        self.undo = undo

    # -- reading ----------------------------------------------------------------------------
    def list(
        self, query: ListQuery = ListQuery(), *, today: date | None = None
    ) -> Page[CountryRow]:
        today = today or date.today()
        sort_column = SORTS.get(query.sort, Country.sort_name)
        with self.db.read() as session:
            statement = select(Country.id)
            statement = apply_filters(session, statement, table_of(Country), query)
            if query.country_id is not None:
                statement = statement.where(Country.id == query.country_id)
            rows, cursor = fetch_page(session, statement, sort_column, Country.id, query)
            ids = [row.id for row in rows]
            loaded = {
                c.id: c
                for c in session.scalars(
                    select(Country)
                    .where(Country.id.in_(ids))
                    .options(selectinload(Country.statuses))
                )
            }
            result = []
            for country_id in ids:
                c = loaded[country_id]
                current = c.status_on(today)
                result.append(
                    CountryRow(
                        c.id,
                        c.uid,
                        c.version,
                        c.iso_code,
                        c.name,
                        c.accreditation,
                        c.resident_in,
                        c.priority_circle,
                        current.status if current else None,
                        c.relations_since,
                        c.accredited,
                    )
                )
        return Page(tuple(result), cursor)

    def get(self, country_id: int) -> CountryDetail:
        with self.db.read() as session:
            country = self._load(session, country_id)
            return self._detail(country)

    def choices(self, *, accredited_only: bool = True) -> builtins.list[Choice]:
        with self.db.read() as session:
            statement = select(Country.id, Country.name).order_by(Country.sort_name)
            if accredited_only:
                statement = statement.where(Country.accredited.is_(True))
            return [Choice(row.id, row.name) for row in session.execute(statement)]

    def by_code(self, iso_code: str) -> Choice | None:
        with self.db.read() as session:
            row = session.execute(
                select(Country.id, Country.name).where(Country.iso_code == iso_code.upper())
            ).first()
            return None if row is None else Choice(row.id, row.name)

    # -- writing ----------------------------------------------------------------------------
    def create(self, data: CountryInput) -> CountryDetail:
        with self.db.session() as session:
            clean = self._validate(session, data, None)
            country = Country(iso_code=clean.iso_code, name=clean.name)
            self._apply(country, clean)
            session.add(country)
            session.flush()
            return self._detail(country)

    def update(
        self,
        country_id: int,
        data: CountryInput,
        expected_version: int,
        *,
        closings: Sequence[CommitmentClosing] = (),
    ) -> CountryDetail:
        """Save the form: the fields and, in the same transaction and undo step, the
        commitments closed from the country's page. A refusal of any part writes nothing."""
        with self.db.session() as session:
            country = self._load(session, country_id)
            require_version(country.version, expected_version, f"The country {country.name}")
            closed = (Root("commitment", c.commitment_id) for c in closings)
            step = watching(self.undo, session, Root("country", country_id), *closed)
            clean = self._validate(session, data, country_id)
            self._apply(country, clean)
            session.flush()
            close_all(session, closings)
            step.done(f"edit {country.name}", country.name)
            return self._detail(country)

    def delete_impact(self, country_id: int) -> DeleteImpact:
        with self.db.read() as session:
            country = self._load(session, country_id)
            counts = {
                "engagement": Engagement.country_id,
                "organisation": Organisation.country_id,
                "person": Person.country_id,
            }
            refuse_deleting(session, "country", country_id)
            notes = [f"{len(country.statuses)} entries of its relationship timeline are deleted"]
            for label, column in counts.items():
                n = session.scalar(select(func.count()).where(column == country_id)) or 0
                if n:
                    notes.append(f"{n} {label}{'s' if n != 1 else ''} lose their country")
            return DeleteImpact(country.name, tuple(notes), undoable=True)

    def delete(self, country_id: int, expected_version: int) -> None:
        with self.db.session() as session:
            country = self._load(session, country_id)
            require_version(country.version, expected_version, f"The country {country.name}")
            refuse_deleting(session, "country", country_id)
            name = country.name
            step = watching(self.undo, session, Root("country", country_id), binned=True)
            session.delete(country)
            step.done(f"delete {name}", name)

    # -- inside -----------------------------------------------------------------------------
    @staticmethod
    def _load(session: Session, country_id: int) -> Country:
        country = session.get(Country, country_id, options=[selectinload(Country.statuses)])
        if country is None:
            raise NotFoundError("That country no longer exists; it may have been deleted.")
        return country

    @staticmethod
    def _validate(session: Session, data: CountryInput, own_id: int | None) -> CountryInput:
        check = Checker()
        code = data.iso_code.strip().upper()
        official = iso_name(code) if len(code) == 2 else None
        if official is None:
            check.fail("iso_code", f"'{data.iso_code}' is not an ISO 3166 two-letter code.")
        else:
            clash = session.scalar(select(Country.id).where(Country.iso_code == code))
            if clash is not None and clash != own_id:
                check.fail("iso_code", f"{code} is already in the list of countries.")
        name = check.text("name", "Name", data.name, max_length=column_limit(Country.name)) or (
            official or ""
        )
        if data.national_day is not None:
            month, day = data.national_day
            try:
                date(2024, month, day)  # a leap year, so 29 February is a valid national day
            except ValueError:
                check.fail("national_day", "The national day is not a real day of the year.")
        if not 1 <= data.priority_circle <= 3:
            check.fail("priority_circle", "The priority circle is 1, 2 or 3.")
        # A status this country already holds stays acceptable even if the post's list lost
        # it meanwhile (an older database, another user's settings): saving must lose nothing.
        held = tuple(
            session.scalars(select(CountryStatus.status).where(CountryStatus.country_id == own_id))
            if own_id is not None
            else ()
        )
        known = status_vocabulary(read_post_settings(session).relation_statuses + held)
        statuses = tuple(
            StatusEntry(
                _known_status(check, known, entry.status),
                entry.from_date,
                check.long_text("statuses", "A status reason", entry.reason),
            )
            for entry in data.statuses
        )
        if len({entry.from_date for entry in statuses}) != len(statuses):
            check.fail("statuses", "Two status entries start on the same day; keep one.")
        result = CountryInput(
            iso_code=code,
            name=name,
            official_name=check.text(
                "official_name",
                "Official name",
                data.official_name,
                max_length=column_limit(Country.official_name),
            ),
            accredited=data.accredited,
            accreditation=data.accreditation,
            resident_in=check.text(
                "resident_in",
                "Resident in",
                data.resident_in,
                max_length=column_limit(Country.resident_in),
            ),
            credentials_presented_on=data.credentials_presented_on,
            charge_d_affaires=check.text(
                "charge_d_affaires",
                "Chargé d'affaires",
                data.charge_d_affaires,
                max_length=column_limit(Country.charge_d_affaires),
            ),
            relations_since=data.relations_since,
            priority_circle=data.priority_circle,
            national_day=data.national_day,
            capital=check.text(
                "capital", "Capital", data.capital, max_length=column_limit(Country.capital)
            ),
            notes=check.long_text("notes", "Notes", data.notes),
            statuses=statuses,
        )
        check.raise_if_any()
        return result

    @staticmethod
    def _apply(country: Country, data: CountryInput) -> None:
        country.iso_code = data.iso_code
        country.name = data.name
        country.official_name = data.official_name
        country.accredited = data.accredited
        country.accreditation = data.accreditation
        country.resident_in = data.resident_in
        country.credentials_presented_on = data.credentials_presented_on
        country.charge_d_affaires = data.charge_d_affaires
        country.relations_since = data.relations_since
        country.priority_circle = data.priority_circle
        country.national_day_month = data.national_day[0] if data.national_day else None
        country.national_day_day = data.national_day[1] if data.national_day else None
        country.capital = data.capital
        country.notes = data.notes
        existing = {entry.from_date: entry for entry in country.statuses}
        kept = []
        for entry in sorted(data.statuses, key=lambda e: e.from_date):
            row = existing.get(entry.from_date) or CountryStatus(from_date=entry.from_date)
            row.status = entry.status
            row.reason = entry.reason
            kept.append(row)
        country.statuses = kept
        country.refresh_derived()

    @staticmethod
    def _detail(country: Country) -> CountryDetail:
        national_day = (
            (country.national_day_month, country.national_day_day)
            if country.national_day_month and country.national_day_day
            else None
        )
        data = CountryInput(
            iso_code=country.iso_code,
            name=country.name,
            official_name=country.official_name,
            accredited=country.accredited,
            accreditation=country.accreditation,
            resident_in=country.resident_in,
            credentials_presented_on=country.credentials_presented_on,
            charge_d_affaires=country.charge_d_affaires,
            relations_since=country.relations_since,
            priority_circle=country.priority_circle,
            national_day=national_day,
            capital=country.capital,
            notes=country.notes,
            statuses=tuple(StatusEntry(s.status, s.from_date, s.reason) for s in country.statuses),
        )
        return CountryDetail(country.id, country.uid, country.version, data)
