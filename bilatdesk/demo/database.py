"""`bilatdesk demo`: a deterministic, fictional but believable database, optionally huge."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Table, insert, text, update

from bilatdesk.demo.agreements import build_demo_agreements
from bilatdesk.demo.cables import DemoCables
from bilatdesk.demo.commitments import build_demo_commitments
from bilatdesk.demo.corps import build_demo_corps
from bilatdesk.demo.people import build_demo_people
from bilatdesk.demo.seed import (
    AGENDA_LINES,
    COUNTRIES,
    MISSION_COLLEAGUES,
    OUTCOMES,
    POSTS,
    SECTORS,
    SeedCountry,
)
from bilatdesk.demo.visit import build_demo_visit
from bilatdesk.domain import (
    DEMO_KEY,
    Accreditation,
    Base,
    Engagement,
    EngagementKind,
    Formality,
    Gender,
    MissionFunction,
    OrganisationKind,
    RelationStatus,
    Setting,
    Side,
)
from bilatdesk.domain.base import RecordMixin, table_of
from bilatdesk.domain.labels import engagement_kind_label
from bilatdesk.domain.text import search_blob
from bilatdesk.services.countries.service import CountryInput, CountryService, StatusEntry
from bilatdesk.services.engagements.service import (
    EngagementInput,
    EngagementService,
    ParticipantInput,
)
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.store.database import Database

SEED = 2026
TIME_ZONES = {
    "AT": "Europe/Vienna",
    "GR": "Europe/Athens",
    "BG": "Europe/Sofia",
    "JO": "Asia/Amman",
    "CN": "Asia/Shanghai",
}
ENGAGEMENTS_PER_COUNTRY = 110
BULK_CHUNK = 20_000
UID_NAMESPACE = uuid.UUID("6f0f6c1e-2a47-4c59-9a55-0b1a7de3c0de")

Progress = Callable[[int, int], None]


class DemoExistsError(FileExistsError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists. Choose another path, or pass --force.")


def build_demo(
    path: Path,
    *,
    scale: int = 0,
    today: date | None = None,
    force: bool = False,
    progress: Progress | None = None,
    passphrase: str | None = None,
) -> None:
    """Write the demo database at `path`; `scale` adds that many synthetic engagements.

    With a `passphrase` the file is encrypted (SQLCipher) from its first byte.

    The same `today` gives the same database, record for record (uids included).
    """
    today = today or date.today()
    if path.exists():
        if not force:
            raise DemoExistsError(path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    with Database.open(path, passphrase=passphrase) as db:
        # The demo's records are made up, nobody's changes, and the same day must give the
        # same file: its audit trail starts empty, and the first change a person makes opens it.
        db.auditing = False
        builder = _DemoBuilder(db, today, random.Random(SEED))
        builder.build()
        build_demo_agreements(db, today)
        build_demo_visit(db, today)
        build_demo_corps(db, today)
        build_demo_commitments(db, today)
        cables = DemoCables(db, today)
        cables.draft_all()
        build_demo_people(db, today)  # after the cables' tags, which it reuses
        _stabilise(db, today)  # before the bulk rows, which carry seeded uids already
        cables.dispatch_ready()  # dispatched cables never change: stabilised first
        _stabilise(db, today, only=("generated_document",))
        if scale > 0:
            bulk_engagements(db, scale, today, random.Random(SEED + 1), progress)


class _DemoBuilder:
    def __init__(self, db: Database, today: date, rng: random.Random) -> None:
        self.db = db
        self.today = today
        self.rng = rng
        self.countries = CountryService(db)
        self.organisations = OrganisationService(db)
        self.people = PersonService(db)
        self.engagements = EngagementService(db)
        self.our_people: list[int] = []

    def build(self) -> None:
        with self.db.session() as session:
            session.add(Setting(key=DEMO_KEY, value="1"))
        self._our_side()
        for index, seed in enumerate(COUNTRIES):
            country_id = self._country(seed, index)
            officials = self._officials(seed, country_id)
            self._engagements(seed, country_id, officials)
        self._colleagues()

    def _our_side(self) -> None:
        for given, family, post in (
            ("Ana", "Kovačević-Brandt", "Ambassador"),
            ("Tomás", "Ó Briain", "Deputy Head of Mission"),
            ("Marta", "Şahin", "First Secretary (political)"),
        ):
            detail = self.people.create(
                PersonInput(
                    given_name=given,
                    family_name=family,
                    honorific="H.E." if post == "Ambassador" else "",
                    languages="en, de, fr",
                    memberships=(MembershipInput(post, None, self.today - timedelta(days=700)),),
                )
            )
            self.our_people.append(detail.id)

    def _country(self, seed: SeedCountry, index: int) -> int:
        statuses = [StatusEntry(RelationStatus.NORMAL, date(1992, 1, 1), "Relations established")]
        if seed.code == "BG":
            statuses += [
                StatusEntry(
                    RelationStatus.SLOWDOWN,
                    self.today - timedelta(days=200),
                    "Dispute over the transit of goods; ministerial contacts paused.",
                ),
                StatusEntry(
                    RelationStatus.NORMAL,
                    self.today - timedelta(days=40),
                    "Transit arrangement agreed at the joint commission.",
                ),
            ]
        detail = self.countries.create(
            CountryInput(
                iso_code=seed.code,
                accreditation=Accreditation.RESIDENT
                if seed.resident
                else Accreditation.NON_RESIDENT,
                resident_in="" if seed.resident else "Vienna",
                credentials_presented_on=date(2023, 3 + index, 14),
                relations_since=date(1992, 1, 1),
                priority_circle=seed.circle,
                national_day=seed.national_day,
                capital=seed.capital,
                statuses=tuple(statuses),
            )
        )
        return detail.id

    def _officials(self, seed: SeedCountry, country_id: int) -> list[int]:
        ministries: list[int] = []
        directorates: list[int] = []
        for m_index, (name, abbreviation, units) in enumerate(seed.ministries):
            ministry = self.organisations.create(
                OrganisationInput(
                    name, OrganisationKind.MINISTRY, abbreviation, country_id=country_id
                )
            )
            ministries.append(ministry.id)
            units_made: list[int] = []
            for u_index, unit in enumerate(units):
                # The desk (last) sits under the bilateral directorate (first); the others
                # sit directly under the ministry.
                is_desk = u_index == len(units) - 1 and u_index > 0
                created = self.organisations.create(
                    OrganisationInput(
                        unit,
                        OrganisationKind.UNIT if is_desk else OrganisationKind.DIRECTORATE,
                        country_id=country_id,
                        parent_id=units_made[0] if is_desk else ministry.id,
                    )
                )
                units_made.append(created.id)
            if m_index == 0:
                directorates = units_made
        people: list[int] = []
        for index, person in enumerate(seed.people):
            title, place = POSTS[index]
            named = {"mfa": ministries[0], "economy": ministries[1], "culture": ministries[2]}
            organisation = directorates[place] if isinstance(place, int) else named[place]
            if index == 0:  # the former minister: an ended membership, then another post
                memberships: tuple[MembershipInput, ...] = (
                    MembershipInput(
                        title,
                        organisation,
                        self.today - timedelta(days=1500),
                        self.today - timedelta(days=400),
                    ),
                    MembershipInput("Member of Parliament", None, self.today - timedelta(days=399)),
                )
            elif index == 1:
                memberships = (
                    MembershipInput(
                        "Secretary-General",
                        ministries[0],
                        self.today - timedelta(days=1800),
                        self.today - timedelta(days=400),
                    ),
                    MembershipInput(title, organisation, self.today - timedelta(days=399)),
                )
            else:
                start = self.today - timedelta(days=self.rng.randint(200, 2400))
                memberships = (
                    MembershipInput(title, organisation, start, acting=self.rng.random() < 0.15),
                )
            detail = self.people.create(
                PersonInput(
                    given_name=person.given,
                    family_name=person.family,
                    name_original=person.original,
                    pronunciation=person.pronunciation,
                    honorific=person.honorific,
                    gender=Gender(person.gender),
                    birth_date=date(
                        1955 + self.rng.randint(0, 30),
                        self.rng.randint(1, 12),
                        self.rng.randint(1, 28),
                    ),
                    languages=person.languages,
                    country_id=country_id,
                    emails=(f"{_ascii(person.given)}.{_ascii(person.family)}@mfa.example",),
                    biography=f"{person.given} {person.family} joined the service in "
                    f"{1980 + self.rng.randint(0, 20)}.",
                    biography_source="Ministry website",
                    biography_as_of=self.today - timedelta(days=self.rng.randint(10, 300)),
                    classification="U" if self.rng.random() < 0.8 else "R",
                    memberships=memberships,
                )
            )
            people.append(detail.id)
        return people

    def _engagements(self, seed: SeedCountry, country_id: int, officials: list[int]) -> None:
        zone = ZoneInfo(TIME_ZONES[seed.code])
        kinds = list(EngagementKind)
        for _ in range(ENGAGEMENTS_PER_COUNTRY):
            day = self.today + timedelta(days=self.rng.randint(-330, 35))
            local = datetime.combine(
                day, time(self.rng.choice((9, 10, 11, 12, 14, 15, 16))), tzinfo=zone
            )
            kind = self.rng.choice(kinds)
            counterpart = self.rng.choice(officials)
            theirs = [ParticipantInput(counterpart, side=Side.THEIRS, role="host")]
            if self.rng.random() < 0.4:
                other = self.rng.choice(officials)
                if other != counterpart:
                    theirs.append(ParticipantInput(other, side=Side.THEIRS, role="note-taker"))
            ours = [ParticipantInput(self.our_people[0], side=Side.OURS, role="head of delegation")]
            if self.rng.random() < 0.5:
                ours.append(
                    ParticipantInput(
                        self.rng.choice(self.our_people[1:]), side=Side.OURS, role="note-taker"
                    )
                )
            if seed.code == "JO" and self.rng.random() < 0.5:
                ours.append(
                    ParticipantInput(None, "Interpreter (Arabic)", Side.OURS, "interpreter")
                )
            sector = self.rng.choice(SECTORS)
            self.engagements.create(
                EngagementInput(
                    title=f"{engagement_kind_label(kind)}: {self.rng.choice(AGENDA_LINES)}",
                    starts_at=local.astimezone(UTC),
                    ends_at=(
                        local + timedelta(minutes=self.rng.choice((30, 45, 60, 90)))
                    ).astimezone(UTC),
                    kind=kind,
                    time_zone=str(zone),
                    place=self.rng.choice(seed.places),
                    country_id=country_id,
                    formality=self.rng.choice(list(Formality)),
                    function=self.rng.choice(list(MissionFunction)[1:]),
                    sector=sector,
                    classification=self.rng.choice(("U", "U", "R", "C")),
                    agenda=self.rng.choice(AGENDA_LINES),
                    outcome=self.rng.choice(OUTCOMES) if day < self.today else "",
                    participants=tuple(ours + theirs),
                )
            )

    def _colleagues(self) -> None:
        for code, mission, person, title in MISSION_COLLEAGUES:
            country = self.countries.by_code(code)
            if country is None:
                country_id = self.countries.create(
                    CountryInput(
                        iso_code=code, accredited=False, accreditation=Accreditation.NON_RESIDENT
                    )
                ).id
            else:
                country_id = country.id
            choices = [c for c in self.organisations.choices(country_id) if c.name == mission]
            organisation_id = (
                choices[0].id
                if choices
                else self.organisations.create(
                    OrganisationInput(mission, OrganisationKind.MISSION, country_id=country_id)
                ).id
            )
            self.people.create(
                PersonInput(
                    given_name=person.given,
                    family_name=person.family,
                    name_original=person.original,
                    pronunciation=person.pronunciation,
                    honorific=person.honorific,
                    gender=Gender(person.gender),
                    languages=person.languages,
                    country_id=country_id,
                    memberships=(MembershipInput(title, organisation_id, date(2024, 9, 1)),),
                )
            )


def bulk_engagements(
    db: Database, count: int, today: date, rng: random.Random, progress: Progress | None = None
) -> None:
    """Synthetic engagements for benchmarks, inserted in bulk (Core, chunked transactions)."""
    with db.read() as session:
        country_ids = [
            row[0]
            for row in session.execute(text("SELECT id FROM country WHERE accredited ORDER BY id"))
        ]
    if not country_ids:
        raise ValueError("the demo needs countries before bulk engagements")
    kinds = list(EngagementKind)
    formalities = list(Formality)
    start = datetime.combine(today - timedelta(days=3650), time(8), tzinfo=UTC)
    span_minutes = 3650 * 24 * 60
    stamp = datetime.combine(today, time(0), tzinfo=UTC)
    # Titles, places and sectors repeat; folding each combination once saves a third of the time.
    blobs: dict[tuple[str, str, str], str] = {}
    done = 0
    for chunk in _chunks(count, BULK_CHUNK):
        rows = []
        for _ in range(chunk):
            kind = rng.choice(kinds)
            title = f"{engagement_kind_label(kind)}: {rng.choice(AGENDA_LINES)}"
            sector = rng.choice(SECTORS)
            place = f"Meeting room {rng.randint(1, 400)}"
            starts = start + timedelta(minutes=rng.randrange(span_minutes))
            rows.append(
                {
                    "uid": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "created_at": stamp,
                    "updated_at": stamp,
                    "version": 1,
                    "title": title,
                    "kind": kind,
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=1),
                    "time_zone": "UTC",
                    "place": place,
                    "country_id": rng.choice(country_ids),
                    "formality": rng.choice(formalities),
                    "function": MissionFunction.UNSPECIFIED,
                    "sector": sector,
                    "classification": "U",
                    "agenda": "",
                    "outcome": "",
                    "search_text": blobs.get((title, place, sector))
                    or blobs.setdefault((title, place, sector), search_blob(title, place, sector)),
                }
            )
        with db.session() as session:
            session.execute(insert(table_of(Engagement)), rows)
        done += chunk
        if progress is not None:
            progress(done, count)


def _chunks(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size


def _stabilise(db: Database, today: date, only: tuple[str, ...] = ()) -> None:
    """Fixed uids and timestamps, so the same day always gives the same database."""
    stamp = datetime.combine(today, time(0), tzinfo=UTC)
    with db.session() as session:
        for mapper in Base.registry.mappers:
            cls = mapper.class_
            if not issubclass(cls, RecordMixin):
                continue
            if only and mapper.local_table.name not in only:  # type: ignore[attr-defined]
                continue
            table = mapper.local_table
            assert isinstance(table, Table)
            ids = session.execute(text(f"SELECT id FROM {table.name}")).scalars().all()
            for record_id in ids:
                session.execute(
                    update(table)
                    .where(table.c.id == record_id)
                    .values(
                        uid=uuid.uuid5(UID_NAMESPACE, f"{table.name}:{record_id}"),
                        created_at=stamp,
                        updated_at=stamp,
                    )
                )


def _ascii(text_value: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text_value)
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).lower() or "x"
