"""The relationship timeline of a country: status periods, engagements, visits, agreements."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bilatdesk.domain import AgreementStatus, EngagementKind, PeriodUnit, RelationStatus
from bilatdesk.services.agreements.records import AgreementInput, PartyInput
from bilatdesk.services.agreements.service import AgreementService
from bilatdesk.services.countries.service import CountryInput, CountryService, StatusEntry
from bilatdesk.services.countries.timeline import CountryTimeline, default_window, periods_of
from bilatdesk.services.engagements.service import EngagementInput, EngagementService
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.services.kernel.settings import PostSettings, save_post_settings
from bilatdesk.services.visits.service import VisitInput, VisitService
from bilatdesk.store.database import Database

TODAY = date(2026, 11, 22)


def bulgaria(database: Database) -> int:
    return (
        CountryService(database)
        .create(
            CountryInput(
                "BG",
                statuses=(
                    StatusEntry(RelationStatus.NORMAL, date(1992, 1, 1), "Established"),
                    StatusEntry(RelationStatus.SLOWDOWN, date(2026, 5, 6), "Transit dispute"),
                    StatusEntry(RelationStatus.NORMAL, date(2026, 10, 13), "Arrangement"),
                ),
            )
        )
        .id
    )


def test_periods_run_to_the_eve_of_the_next_status(database: Database) -> None:
    """Each period ends the day before the next begins; the last one is ongoing."""
    country = bulgaria(database)
    timeline = CountryTimeline(database).build(country, today=TODAY)
    assert [(p.status, p.label, p.start, p.end) for p in timeline.periods] == [
        ("normal", "Normal", date(1992, 1, 1), date(2026, 5, 5)),
        ("slowdown", "Slowdown", date(2026, 5, 6), date(2026, 10, 12)),
        ("normal", "Normal", date(2026, 10, 13), None),
    ]
    assert timeline.periods[1].reason == "Transit dispute"
    assert (timeline.start, timeline.end) == default_window(TODAY)
    assert timeline.start == date(2024, 11, 22) and timeline.end == date(2027, 11, 22)


def test_window_keeps_only_overlapping_periods(database: Database) -> None:
    """A window inside the slowdown shows that period alone, with its true dates."""
    country = bulgaria(database)
    timeline = CountryTimeline(database).build(
        country, date(2026, 6, 1), date(2026, 7, 1), today=TODAY
    )
    assert [(p.status, p.start, p.end) for p in timeline.periods] == [
        ("slowdown", date(2026, 5, 6), date(2026, 10, 12))
    ]


def test_configured_status_keeps_its_name_as_label(database: Database) -> None:
    """A status the post configured is labelled as the post wrote it."""
    save_post_settings(database, PostSettings(relation_statuses=("Strategic partnership",)))
    country = CountryService(database).create(
        CountryInput("AT", statuses=(StatusEntry("Strategic partnership", date(2025, 1, 1)),))
    )
    periods = CountryTimeline(database).build(country.id, today=TODAY).periods
    assert [(p.status, p.label) for p in periods] == [
        ("Strategic partnership", "Strategic partnership")
    ]
    assert periods_of([]) == ()


def test_engagements_fall_on_their_local_day_inside_the_window(database: Database) -> None:
    """An engagement counts on its day where it happens; those outside the window are left."""
    country = bulgaria(database)
    other = CountryService(database).create(CountryInput("RO")).id
    engagements = EngagementService(database)
    # 23:30 UTC on the 1st is the 2nd in Tokyo.
    late = engagements.create(
        EngagementInput(
            "Call with Tokyo",
            datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
            time_zone="Asia/Tokyo",
            country_id=country,
            place="Tokyo",
        )
    ).id
    engagements.create(
        EngagementInput("Too early", datetime(2020, 1, 1, 9, tzinfo=UTC), country_id=country)
    )
    engagements.create(
        EngagementInput("Elsewhere", datetime(2026, 3, 1, 9, tzinfo=UTC), country_id=other)
    )
    events = CountryTimeline(database).build(country, today=TODAY).events
    assert [(e.day, e.kind, e.title, e.record) for e in events] == [
        (date(2026, 3, 2), "engagement", "Call with Tokyo", ("engagement", late))
    ]
    assert events[0].detail == "Bilateral meeting, 08:30 JST, Tokyo"
    narrow = CountryTimeline(database).build(country, date(2026, 3, 2), date(2026, 3, 2))
    assert len(narrow.events) == 1
    assert CountryTimeline(database).build(country, date(2026, 3, 1), date(2026, 3, 1)).events == ()


def test_visits_span_their_days(database: Database) -> None:
    """A visit is one event from its first day, with its last day and its purpose."""
    country = bulgaria(database)
    visit = VisitService(database).create(
        VisitInput(
            "the Minister of Foreign Affairs",
            country,
            date(2026, 12, 3),
            date(2026, 12, 5),
            purpose="Joint commission\nand more",
            classification="R",
        )
    )
    events = CountryTimeline(database).build(country, today=TODAY).events
    assert [(e.kind, e.title, e.day, e.until, e.detail, e.classification) for e in events] == [
        (
            "visit",
            "the Minister of Foreign Affairs",
            date(2026, 12, 3),
            date(2026, 12, 5),
            "Joint commission",
            "R",
        )
    ]
    assert events[0].record == ("visit", visit.id)


def test_agreement_gives_one_event_per_dated_step(database: Database) -> None:
    """Signature, entry into force and the end of the term; termination from the history."""
    country = bulgaria(database)
    agreements = AgreementService(database)
    running = agreements.create(
        AgreementInput(
            "Agreement on road transport",
            short_title="Road transport",
            country_id=country,
            entry_into_force=date(2025, 3, 1),
            fixed_term=True,
            term=(2, PeriodUnit.YEARS),
            parties=(
                PartyInput("Bulgaria", signature_date=date(2025, 1, 20)),
                PartyInput("Us", signature_date=date(2025, 1, 21)),
            ),
        ),
        AgreementStatus.IN_FORCE,
        date(2025, 3, 1),
    )
    ended = agreements.create(
        AgreementInput(
            "Cultural programme",
            country_id=country,
            entry_into_force=date(2019, 1, 1),
        ),
        AgreementStatus.IN_FORCE,
        date(2019, 1, 1),
    )
    agreements.change_status(
        ended.id,
        AgreementStatus.TERMINATED,
        on=date(2025, 6, 30),
        expected_version=ended.version,
    )
    events = CountryTimeline(database).build(country, today=TODAY).events
    steps = [(e.day, e.title, e.detail, e.record) for e in events]
    assert steps == [
        (date(2025, 1, 20), "Road transport", "Signed", ("agreement", running.id)),
        (date(2025, 3, 1), "Road transport", "Entered into force", ("agreement", running.id)),
        (date(2025, 6, 30), "Cultural programme", "Terminated", ("agreement", ended.id)),
        (date(2027, 2, 28), "Road transport", "Expires", ("agreement", running.id)),
    ]


def test_too_many_engagements_are_counted_per_day(database: Database) -> None:
    """Past the limit, engagements come as one counted event per day, opening no record."""
    country = bulgaria(database)
    engagements = EngagementService(database)
    start = datetime(2026, 4, 1, 8, tzinfo=UTC)
    for n in range(5):
        engagements.create(
            EngagementInput(f"Meeting {n}", start + timedelta(days=n // 2), country_id=country)
        )
    listed = CountryTimeline(database, limit=5).build(country, today=TODAY)
    assert not listed.counted and len(listed.events) == 5
    counted = CountryTimeline(database, limit=4).build(country, today=TODAY)
    assert counted.counted
    assert [(e.day, e.count, e.record, e.title) for e in counted.events] == [
        (date(2026, 4, 1), 2, None, "2 engagements"),
        (date(2026, 4, 2), 2, None, "2 engagements"),
        (date(2026, 4, 3), 1, None, "1 engagement"),
    ]


def test_missing_country_is_a_sentence(database: Database) -> None:
    """Asking for a deleted country's timeline says so."""
    with pytest.raises(NotFoundError, match="no longer exists"):
        CountryTimeline(database).build(4242)


def test_reversed_window_is_read_forwards(database: Database) -> None:
    """A window given end first is read as the same days."""
    country = bulgaria(database)
    timeline = CountryTimeline(database).build(country, date(2026, 7, 1), date(2026, 6, 1))
    assert (timeline.start, timeline.end) == (date(2026, 6, 1), date(2026, 7, 1))


def test_a_demarche_reads_with_its_accent_on_the_timeline(database: Database) -> None:
    """The timeline's detail line names the kind from the one label table: "Démarche"."""
    country = bulgaria(database)
    EngagementService(database).create(
        EngagementInput(
            "Protest delivered",
            datetime(2026, 3, 1, 9, tzinfo=UTC),
            kind=EngagementKind.DEMARCHE,
            country_id=country,
        )
    )
    events = CountryTimeline(database).build(country, today=TODAY).events
    assert events[0].detail.startswith("Démarche, ")
