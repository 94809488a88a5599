"""The reminders service behind Today: each source's window, scope, caps and registration."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from bilatdesk.domain import (
    AgreementStatus,
    Commitment,
    CommitmentStatus,
    Membership,
    Organisation,
    Person,
    Post,
    Side,
)
from bilatdesk.domain.enums import MissionClass, OrganisationKind
from bilatdesk.services.agreements.service import AgreementService
from bilatdesk.services.cables.service import CableService
from bilatdesk.services.cables.workflow import CableWorkflow
from bilatdesk.services.catalog import today_sources
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import EngagementInput, EngagementService
from bilatdesk.services.today.reminders import (
    URGENCY_INFO,
    URGENCY_NOW,
    URGENCY_SOON,
    RecordRef,
    Reminder,
    ReminderKind,
    ReminderSection,
    ReminderService,
    ReminderWindow,
    next_occurrence,
    relative_phrase,
)
from bilatdesk.services.today.sources import (
    Birthdays,
    CommitmentsDue,
    CredentialsAnniversaries,
    NationalDays,
    UpcomingEngagements,
    mmdd_ranges,
)
from bilatdesk.store.database import Database
from tests.services.agreements.test_service import _mou
from tests.services.cables.test_service import _ready

TODAY = date(2026, 11, 22)
K = ReminderKind

# The sections Today shows by default, in their order.
BUILT_IN_SECTIONS = [
    "engagements",
    "commitments",
    "cables",
    "agreements",
    "national_days",
    "birthdays",
    "credentials",
]


@dataclass
class World:
    db: Database
    austria: int
    jordan: int

    def sections(
        self, today: date = TODAY, country_id: int | None = None, **kwargs: object
    ) -> dict[str, ReminderSection]:
        service = ReminderService(self.db, today_sources(), **kwargs)  # type: ignore[arg-type]
        return {s.key: s for s in service.sections(today, country_id, zone=UTC)}

    def titles(self, key: str, today: date = TODAY, country_id: int | None = None) -> list[str]:
        return [r.title for r in self.sections(today, country_id)[key].reminders]

    def engagement(self, title: str, at: datetime, country_id: int | None = None) -> int:
        return (
            EngagementService(self.db)
            .create(
                EngagementInput(title, at, country_id=country_id or self.austria, time_zone="UTC")
            )
            .id
        )

    def commitment(
        self,
        description: str,
        due: date | None,
        *,
        status: CommitmentStatus = CommitmentStatus.OPEN,
        engagement_id: int | None = None,
        side: Side = Side.OURS,
        owner: str = "",
    ) -> int:
        engagement_id = engagement_id or self.engagement(
            "Talks", datetime(2026, 10, 1, 9, tzinfo=UTC)
        )
        with self.db.session() as session:
            made = Commitment(
                engagement_id=engagement_id,
                description=description,
                due_date=due,
                status=status,
                side=side,
                owner=owner,
            )
            made.refresh_derived()
            session.add(made)
            session.flush()
            return made.id

    def person(
        self,
        given: str,
        *,
        birth_date: date | None = None,
        birthday: int | None = None,
        country_id: int | None = None,
    ) -> int:
        with self.db.session() as session:
            person = Person(
                given_name=given,
                family_name="Test",
                birth_date=birth_date,
                birthday=birthday,
                country_id=country_id or self.austria,
            )
            person.refresh_derived()
            session.add(person)
            session.flush()
            return person.id


@pytest.fixture
def world(database: Database) -> World:
    countries = CountryService(database)
    austria = countries.create(CountryInput("AT", "Austria", national_day=(10, 26))).id
    jordan = countries.create(CountryInput("JO", "Jordan", national_day=(5, 25))).id
    return World(database, austria, jordan)


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


# -- engagements ------------------------------------------------------------------------------
def test_engagements_cover_today_to_the_end_of_day_seven(world: World) -> None:
    """From midnight today to the last minute of day 7; yesterday and day 8 stay out."""
    world.engagement("yesterday late", at(TODAY - timedelta(days=1), 23, 59))
    world.engagement("today early", at(TODAY, 0, 0))
    world.engagement("day seven", at(TODAY + timedelta(days=7), 23, 59))
    world.engagement("day eight", at(TODAY + timedelta(days=8), 0, 0))
    world.engagement("tomorrow", at(TODAY + timedelta(days=1), 10))
    section = world.sections()["engagements"]
    assert [r.title for r in section.reminders] == ["today early", "tomorrow", "day seven"]
    assert [r.urgency for r in section.reminders] == [URGENCY_NOW, URGENCY_SOON, URGENCY_INFO]
    first = section.reminders[0]
    assert (first.kind, first.country, first.record.kind) == (K.ENGAGEMENT, "Austria", "engagement")
    assert first.moment == at(TODAY)


def test_engagement_days_follow_the_viewers_zone(world: World) -> None:
    """23:30 UTC the evening before is 00:30 in Vienna: today for a viewer there."""
    world.engagement("early in Vienna", at(TODAY - timedelta(days=1), 23, 30))
    service = ReminderService(world.db, [UpcomingEngagements()])
    vienna = ZoneInfo("Europe/Vienna")
    [section] = service.sections(TODAY, zone=vienna)
    assert [(r.title, r.when) for r in section.reminders] == [("early in Vienna", TODAY)]
    [section] = service.sections(TODAY, zone=UTC)
    assert section.reminders == ()


def test_engagement_moment_is_shown_in_the_zone_where_it_happens(world: World) -> None:
    """A meeting in Amman keeps its local time, whatever zone the viewer is in."""
    EngagementService(world.db).create(
        EngagementInput(
            "Call on the minister", at(TODAY, 12), country_id=world.jordan, time_zone="Asia/Amman"
        )
    )
    [reminder] = world.sections()["engagements"].reminders
    assert reminder.moment is not None
    assert (reminder.moment.hour, reminder.moment.tzname()) == (15, "+03")


# -- commitments ------------------------------------------------------------------------------
def test_commitments_overdue_and_due_within_fourteen_days(world: World) -> None:
    """Every open overdue one comes first, then those due up to day 14; closed ones never."""
    world.commitment("long overdue", date(2025, 1, 10))
    world.commitment("overdue by a day", TODAY - timedelta(days=1))
    world.commitment("due today", TODAY)
    world.commitment("due day 3", TODAY + timedelta(days=3))
    world.commitment("due day 14", TODAY + timedelta(days=14))
    world.commitment("due day 15", TODAY + timedelta(days=15))
    world.commitment("done", TODAY - timedelta(days=2), status=CommitmentStatus.DONE)
    world.commitment("dropped", TODAY, status=CommitmentStatus.DROPPED)
    world.commitment("no date", None)
    section = world.sections()["commitments"]
    found = [(r.title, r.kind, r.urgency) for r in section.reminders]
    assert found == [
        ("long overdue", K.COMMITMENT_OVERDUE, URGENCY_NOW),
        ("overdue by a day", K.COMMITMENT_OVERDUE, URGENCY_NOW),
        ("due today", K.COMMITMENT_DUE, URGENCY_NOW),
        ("due day 3", K.COMMITMENT_DUE, URGENCY_SOON),
        ("due day 14", K.COMMITMENT_DUE, URGENCY_INFO),
    ]
    assert section.more == 0


def test_a_commitment_names_who_owes_it_and_opens_in_its_engagement(world: World) -> None:
    """The detail says who owes it and where it was promised; the context is the engagement."""
    talks = world.engagement("Trade talks", at(TODAY - timedelta(days=10), 9))
    made = world.commitment(
        "Send the draft text\nsecond line",
        TODAY,
        engagement_id=talks,
        side=Side.THEIRS,
        owner="their MFA",
    )
    [reminder] = world.sections()["commitments"].reminders
    assert reminder.title == "Send the draft text"
    assert reminder.detail == "Owed by them (their MFA) · from: Trade talks"
    assert (reminder.record, reminder.context) == (
        RecordRef("commitment", made),
        RecordRef("engagement", talks),
    )


# -- national days ----------------------------------------------------------------------------
def test_national_days_within_thirty_days_and_across_the_year_end(world: World) -> None:
    """Day 30 shows, day 31 not; in late December a day in January is next year's."""
    countries = CountryService(world.db)
    countries.create(CountryInput("GR", "Greece", national_day=(12, 22)))  # day 30
    countries.create(CountryInput("BG", "Bulgaria", national_day=(12, 23)))  # day 31
    countries.create(CountryInput("FR", "France", national_day=(11, 25), accredited=False))
    assert world.titles("national_days") == ["National day of Greece"]
    december = date(2026, 12, 20)
    countries.create(CountryInput("HU", "Hungary", national_day=(1, 5)))
    section = world.sections(december)["national_days"]
    assert [(r.title, r.when) for r in section.reminders] == [
        ("National day of Greece", date(2026, 12, 22)),
        ("National day of Bulgaria", date(2026, 12, 23)),
        ("National day of Hungary", date(2027, 1, 5)),
    ]
    assert section.reminders[0].record == RecordRef("country", section.reminders[0].record.id)


def test_29_february_falls_on_the_28th_in_a_common_year(world: World) -> None:
    """A 29 February date is kept on 28 February when the year has no 29th."""
    CountryService(world.db).create(CountryInput("GR", "Leapland", national_day=(2, 29)))
    world.person("Leap", birth_date=date(1988, 2, 29))
    sections = world.sections(date(2027, 2, 1))
    assert [r.when for r in sections["national_days"].reminders] == [date(2027, 2, 28)]
    assert [(r.when, r.detail) for r in sections["birthdays"].reminders] == [
        (date(2027, 2, 28), "turns 39")
    ]
    # The window ending on 28 February of a common year still finds the 29th's birthday.
    assert [r.when for r in world.sections(date(2027, 1, 29))["birthdays"].reminders] == [
        date(2027, 2, 28)
    ]
    assert world.sections(date(2027, 3, 1))["birthdays"].reminders == ()
    assert [r.when for r in world.sections(date(2028, 2, 1))["birthdays"].reminders] == [
        date(2028, 2, 29)
    ]
    assert next_occurrence(date(2027, 3, 1), 2, 29) == date(2028, 2, 29)


# -- birthdays --------------------------------------------------------------------------------
def test_birthdays_within_thirty_days_wrap_the_year_and_need_no_year(world: World) -> None:
    """Day 30 in, day 31 out; December reaches into January; a bare MMDD has no age."""
    world.person("Thirty", birth_date=date(1970, 12, 22))
    world.person("Thirtyone", birth_date=date(1970, 12, 23))
    world.person("Today", birthday=1122)
    world.person("Yesterday", birthday=1121)
    world.person("Impossible", birthday=231)
    section = world.sections()["birthdays"]
    assert [(r.title, r.detail, r.urgency) for r in section.reminders] == [
        ("Today Test", "", URGENCY_NOW),
        ("Thirty Test", "turns 56", URGENCY_INFO),
    ]
    world.person("January", birth_date=date(1980, 1, 10))
    december = world.sections(date(2026, 12, 20))["birthdays"]
    assert [(r.title, r.when) for r in december.reminders] == [
        ("Thirty Test", date(2026, 12, 22)),
        ("Thirtyone Test", date(2026, 12, 23)),
        ("January Test", date(2027, 1, 10)),
    ]
    assert december.reminders[-1].detail == "turns 47"


def test_mmdd_ranges_split_at_the_new_year() -> None:
    """The birthday keys of a window come as one range, or two across 31 December."""

    def window(day: date, days: int = 30) -> ReminderWindow:
        return ReminderWindow(day, None, days)

    assert mmdd_ranges(window(TODAY)) == [(1122, 1222)]
    assert mmdd_ranges(window(date(2026, 12, 20))) == [(1220, 1231), (101, 119)]
    assert mmdd_ranges(window(date(2027, 1, 29))) == [(129, 229)]  # ends 28 Feb 2027
    assert mmdd_ranges(window(TODAY, 400)) == [(101, 1231)]


def test_birthdays_show_current_posts(world: World) -> None:
    """The detail names the posts held today, derived from dated memberships."""
    person = world.person("Lena", birth_date=date(1975, 11, 30))
    with world.db.session() as session:
        post = Post(title="State Secretary")
        old = Post(title="Director")
        session.add_all([post, old])
        session.flush()
        session.add_all(
            [
                Membership(person_id=person, post_id=post.id, start_date=date(2024, 1, 1)),
                Membership(
                    person_id=person,
                    post_id=old.id,
                    start_date=date(2019, 1, 1),
                    end_date=date(2023, 12, 31),
                ),
            ]
        )
    [reminder] = world.sections()["birthdays"].reminders
    assert reminder.detail == "turns 51; State Secretary"


# -- credentials ------------------------------------------------------------------------------
def _head_of_mission(
    session: Session, person_id: int, on: date, *, country_id: int, ended: date | None = None
) -> None:
    mission = Organisation(
        name="Embassy of France",
        kind=OrganisationKind.MISSION,
        country_id=country_id,
        sending_state="France",
    )
    session.add(mission)
    session.flush()
    post = Post(title="Ambassador of France", organisation_id=mission.id)
    session.add(post)
    session.flush()
    session.add(
        Membership(
            person_id=person_id,
            post_id=post.id,
            start_date=on,
            end_date=ended,
            mission_class=MissionClass.AMBASSADOR,
            credentials_on=on,
        )
    )


def test_credentials_anniversaries_ours_and_current_heads_of_mission(world: World) -> None:
    """Ours per country with its years; a foreign head of mission only while in post."""
    countries = CountryService(world.db)
    countries.create(CountryInput("GR", "Greece", credentials_presented_on=date(2023, 12, 1)))
    countries.create(CountryInput("BG", "Bulgaria", credentials_presented_on=date(2023, 12, 23)))
    countries.create(CountryInput("HU", "Hungary", credentials_presented_on=date(2026, 11, 30)))
    serving = world.person("Claire")
    gone = world.person("Pierre")
    with world.db.session() as session:
        _head_of_mission(session, serving, date(2021, 11, 25), country_id=world.jordan)
        _head_of_mission(
            session, gone, date(2020, 11, 26), country_id=world.jordan, ended=date(2025, 1, 1)
        )
    section = world.sections()["credentials"]
    assert [(r.title, r.record.kind, r.country) for r in section.reminders] == [
        ("Claire Test: 5 years since credentials", "person", "Jordan"),
        ("Our credentials in Greece: 3 years", "country", "Greece"),
    ]
    assert section.reminders[0].detail == (
        "Ambassador of France, Embassy of France; presented on 2021-11-25"
    )
    assert world.sections(country_id=world.austria)["credentials"].reminders == ()


# -- scope, caps, registration ----------------------------------------------------------------
def test_scope_narrows_every_section(world: World) -> None:
    """With Jordan in scope, nothing of Austria's shows in any section."""
    world.engagement("Vienna talks", at(TODAY, 10), world.austria)
    amman = world.engagement("Amman talks", at(TODAY, 11), world.jordan)
    world.commitment("Austrian follow-up", TODAY)
    world.commitment("Jordanian follow-up", TODAY, engagement_id=amman)
    world.person("Wien", birthday=1201, country_id=world.austria)
    world.person("Amman", birthday=1202, country_id=world.jordan)
    AgreementService(world.db).create(
        _mou(world.austria), AgreementStatus.IN_FORCE, on=date(2022, 6, 1)
    )
    jordan = world.sections(country_id=world.jordan)
    assert [r.title for r in jordan["engagements"].reminders] == ["Amman talks"]
    assert [r.title for r in jordan["commitments"].reminders] == ["Jordanian follow-up"]
    assert [r.title for r in jordan["birthdays"].reminders] == ["Amman Test"]
    assert jordan["agreements"].reminders == ()
    everything = world.sections()
    assert len(everything["engagements"].reminders) == 2
    assert [r.title for r in everything["agreements"].reminders] == ["Culture MoU"]
    assert all(r.country == "Jordan" for s in jordan.values() for r in s.reminders)


def test_each_section_is_capped_and_counts_the_rest(world: World) -> None:
    """With a limit of 3, each section shows 3 and says how many more there are."""
    for n in range(5):
        world.engagement(f"meeting {n}", at(TODAY, 8 + n))
        world.commitment(f"promise {n}", TODAY - timedelta(days=5 - n))
        world.person(f"December{n}", birthday=1228 + n if n < 4 else 1231)
        world.person(f"January{n}", birthday=101 + n)
    sections = world.sections(limit=3)
    assert [r.title for r in sections["engagements"].reminders] == [
        "meeting 0",
        "meeting 1",
        "meeting 2",
    ]
    assert sections["engagements"].more == 2
    assert [r.title for r in sections["commitments"].reminders] == [
        "promise 0",
        "promise 1",
        "promise 2",
    ]
    assert sections["commitments"].more == 2
    # Across the new year: December's first, then January's, counting both ranges.
    december = world.sections(date(2026, 12, 27), limit=7)["birthdays"]
    assert [r.title.split()[0] for r in december.reminders] == [
        "December0",
        "December1",
        "December2",
        "December3",
        "December4",
        "January0",
        "January1",
    ]
    assert december.more == 3
    small = world.sections(date(2026, 12, 27), limit=2)["birthdays"]
    assert (len(small.reminders), small.more) == (2, 8)


@dataclass(frozen=True)
class Elections:
    """A source an area might add: a fixed list of election days."""

    key: str = "elections"
    heading: str = "Elections"
    horizon_days: int = 60

    def collect(self, session: Session, window: ReminderWindow) -> list[Reminder]:
        days = [date(2026, 12, 6), date(2026, 11, 29), date(2027, 6, 1)]
        return [
            Reminder(
                "election", d, f"Election {d.isoformat()}", "", RecordRef("country", 1), "Austria"
            )
            for d in days
            if window.today <= d <= window.last_day
        ]


def test_a_registered_source_shows_up_in_order_and_sorted(world: World) -> None:
    """An area registers a source; its section follows the built-in ones, sorted by day."""
    service = ReminderService(world.db, today_sources())
    service.register(Elections())
    sections = service.sections(TODAY, zone=UTC)
    assert [s.key for s in sections] == [*BUILT_IN_SECTIONS, "elections"]
    assert [r.title for r in sections[-1].reminders] == [
        "Election 2026-11-29",
        "Election 2026-12-06",
    ]
    assert sections[-1].horizon_days == 60
    service.register(Elections(heading="Elections ahead"))
    assert [s.heading for s in service.sections(TODAY, zone=UTC)][-1] == "Elections ahead"
    assert len(service.sources) == 8


def test_all_sources_are_read_in_one_transaction(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today opens one read for every section, not one per source."""
    opened: list[int] = []
    real = world.db.read

    @contextmanager
    def counted() -> Iterator[Session]:
        opened.append(1)
        with real() as session:
            yield session

    monkeypatch.setattr(world.db, "read", counted)
    ReminderService(world.db, today_sources()).sections(TODAY, zone=UTC)
    assert opened == [1]


def test_today_sources_include_agreements_and_cables() -> None:
    """The catalogue's built-in sections include the agreements' and the cables' sections."""
    assert [s.key for s in today_sources()] == BUILT_IN_SECTIONS
    assert isinstance(today_sources()[0], UpcomingEngagements)
    assert {type(s) for s in today_sources()} >= {
        CommitmentsDue,
        NationalDays,
        Birthdays,
        CredentialsAnniversaries,
    }


def test_the_framework_registers_no_source_of_its_own(world: World) -> None:
    """Without sources Today has no section: the catalogue, not the framework, names them."""
    assert ReminderService(world.db).sections(TODAY, zone=UTC) == []


def test_agreement_deadlines_come_from_the_agreements_service(world: World) -> None:
    """The notice deadline within 180 days shows with its urgency; the expiry is further."""
    made = AgreementService(world.db).create(
        _mou(world.austria), AgreementStatus.IN_FORCE, on=date(2022, 6, 1)
    )
    [reminder] = world.sections()["agreements"].reminders
    assert (reminder.title, reminder.when, reminder.detail) == (
        "Culture MoU",
        date(2026, 12, 1),
        "Last day to give notice",
    )
    assert (reminder.record, reminder.urgency) == (RecordRef("agreement", made.id), URGENCY_SOON)
    later = world.sections(date(2027, 1, 1))["agreements"].reminders
    assert [(r.detail, r.when) for r in later] == [("Expires", date(2027, 5, 31))]


def test_cables_awaiting_clearance_and_dispatch(world: World) -> None:
    """Cables in clearance and approved ones show, saying whose clearance each waits for; a
    named viewer sees the same cables, theirs marked as awaiting their clearance."""
    cables, flow = CableService(world.db), CableWorkflow(world.db)
    mine = cables.create(_ready(subject="MINE", country_id=world.austria), drafter="Marta")
    flow.submit(mine.id, mine.version, clearers=["Tomás"], actor="Marta")
    other = cables.create(_ready(subject="OTHER", country_id=world.jordan), drafter="Marta")
    flow.submit(other.id, other.version, clearers=["Someone"], actor="Marta")
    approved = cables.create(_ready(subject="APPROVED", country_id=world.jordan), drafter="M")
    sent = flow.submit(approved.id, approved.version, clearers=[], actor="M")
    flow.approve(sent.id, sent.version, actor="Ambassador")
    cables.create(_ready(subject="DRAFT"), drafter="Marta")
    service = ReminderService(world.db, today_sources())
    today = datetime.now(UTC).date()

    def titles(**kwargs: object) -> dict[str, str]:
        [section] = [
            s
            for s in service.sections(today, zone=UTC, **kwargs)  # type: ignore[arg-type]
            if s.key == "cables"
        ]
        return {r.title: r.detail for r in section.reminders}

    assert titles() == {
        "MINE": "Awaiting clearance by Tomás",
        "OTHER": "Awaiting clearance by Someone",
        "APPROVED": "Approved, awaiting dispatch",
    }
    assert titles(user="tomás") == {
        "MINE": "Awaiting your clearance",
        "OTHER": "Awaiting clearance by Someone",
        "APPROVED": "Approved, awaiting dispatch",
    }
    assert titles(country_id=world.jordan) == {
        "OTHER": "Awaiting clearance by Someone",
        "APPROVED": "Approved, awaiting dispatch",
    }


def test_relative_phrases() -> None:
    """Days ahead, today, overdue, and how long a cable has waited."""

    def phrase(days: int, kind: str = K.COMMITMENT_DUE) -> str:
        reminder = Reminder(kind, TODAY + timedelta(days=days), "t", "", RecordRef("x", 1))
        return relative_phrase(reminder, TODAY)

    assert [phrase(d) for d in (0, 1, 3, -1, -2)] == [
        "today",
        "tomorrow",
        "in 3 days",
        "overdue by 1 day",
        "overdue by 2 days",
    ]
    assert phrase(-3, K.CABLE_AWAITING) == "waiting 3 days"


def test_hostile_text_is_kept_literally(world: World) -> None:
    """Control characters, right-to-left text and formula-like titles come back as written."""
    title = "=cmd|' /C calc'!A0 \u200fevil\u200e ../../x"
    world.engagement(title, at(TODAY, 9))
    world.commitment("y" * 10_000, TODAY)
    sections = world.sections()
    assert sections["engagements"].reminders[0].title == title
    [long] = sections["commitments"].reminders
    assert len(long.title) == 300 and long.title.endswith("…")


def test_one_countrys_count_is_bounded_and_says_at_least(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a country in scope only so many candidates are read; the count is then a floor."""
    from bilatdesk.services.today import sources

    monkeypatch.setattr(sources, "CANDIDATE_CEILING", 3)
    amman = world.engagement("Amman talks", at(TODAY - timedelta(days=30), 9), world.jordan)
    vienna = world.engagement("Vienna talks", at(TODAY - timedelta(days=30), 9), world.austria)
    for n, place in enumerate([vienna, amman, vienna, vienna, amman]):
        world.commitment(f"promise {n}", TODAY - timedelta(days=10 - n), engagement_id=place)
    for n, country_id in enumerate([world.austria, world.jordan, world.austria, world.jordan]):
        world.person(f"P{n}", birthday=1201 + n, country_id=country_id)
    jordan = world.sections(country_id=world.jordan)
    commitments = jordan["commitments"]
    assert [r.title for r in commitments.reminders] == ["promise 1"]
    assert (commitments.more, commitments.more_exact) == (0, False)
    birthdays = jordan["birthdays"]
    assert [r.title for r in birthdays.reminders] == ["P1 Test"]
    assert birthdays.more_exact is False
    everyone = world.sections()
    assert everyone["commitments"].more_exact and len(everyone["commitments"].reminders) == 5
    monkeypatch.setattr(sources, "CANDIDATE_CEILING", 500)
    jordan = world.sections(country_id=world.jordan)
    assert [r.title for r in jordan["commitments"].reminders] == ["promise 1", "promise 4"]
    assert jordan["commitments"].more_exact and jordan["birthdays"].more_exact
