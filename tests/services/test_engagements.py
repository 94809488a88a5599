"""Engagements with participants: times in UTC, validation, listing, upcoming."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bilatdesk.domain import Side
from bilatdesk.services.countries import CountryInput, CountryService
from bilatdesk.services.engagements import EngagementInput, EngagementService, ParticipantInput
from bilatdesk.services.errors import ValidationError
from bilatdesk.services.listing import ListQuery
from bilatdesk.services.people import PersonInput, PersonService
from bilatdesk.store.database import Database


def test_engagement_with_participants_round_trip(database: Database) -> None:
    """Participants on both sides, with roles, come back in order; times stay UTC-aware."""
    person = PersonService(database).create(
        PersonInput(given_name="Layla", family_name="Al-Hassan", name_original="ليلى الحسن")
    )
    vienna = ZoneInfo("Europe/Vienna")
    start = datetime(2026, 11, 24, 10, 30, tzinfo=vienna)
    service = EngagementService(database)
    created = service.create(
        EngagementInput(
            title="Courtesy call on the Secretary-General",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            time_zone="Europe/Vienna",
            participants=(
                ParticipantInput(person.id, side=Side.THEIRS, role="host"),
                ParticipantInput(None, "Interpreter", Side.OURS, "interpreter"),
            ),
        )
    )
    loaded = service.get(created.id)
    assert loaded.data.starts_at == start
    assert loaded.data.starts_at.tzinfo is not None
    assert [(p.name, p.side, p.role) for p in loaded.participants] == [
        ("Layla Al-Hassan", Side.THEIRS, "host"),
        ("Interpreter", Side.OURS, "interpreter"),
    ]
    found = service.list(ListQuery(text="ليلى"))
    assert [r.id for r in found.rows] == [created.id]


def test_engagement_validation_at_each_field(database: Database) -> None:
    """End before start, unknown time zone, empty title: each refused at its field."""
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    with pytest.raises(ValidationError) as refused:
        EngagementService(database).create(
            EngagementInput(
                title=" ",
                starts_at=start,
                ends_at=start - timedelta(minutes=1),
                time_zone="Mars/Olympus",
                classification="COSMIC",
                participants=(ParticipantInput(None, ""),),
            )
        )
    assert set(refused.value.errors) == {
        "title",
        "ends_at",
        "time_zone",
        "classification",
        "participants",
    }


def test_deleted_participant_is_refused(database: Database) -> None:
    """A participant whose record was deleted meanwhile is refused, not saved dangling."""
    with pytest.raises(ValidationError) as refused:
        EngagementService(database).create(
            EngagementInput(
                title="Lunch",
                starts_at=datetime(2026, 1, 1, tzinfo=UTC),
                participants=(ParticipantInput(9999),),
            )
        )
    assert "no longer exists" in refused.value.errors["participants"]


def test_upcoming_and_scope(database: Database) -> None:
    """Upcoming lists the next seven days, soonest first, narrowed to a country."""
    countries = CountryService(database)
    at = countries.create(CountryInput("AT"))
    gr = countries.create(CountryInput("GR"))
    service = EngagementService(database)
    now = datetime(2026, 11, 22, 8, tzinfo=UTC)
    for days, country, title in (
        (1, at.id, "Soon AT"),
        (3, gr.id, "Soon GR"),
        (10, at.id, "Later"),
        (-1, at.id, "Past"),
    ):
        service.create(
            EngagementInput(title=title, starts_at=now + timedelta(days=days), country_id=country)
        )
    assert [r.title for r in service.upcoming(now=now)] == ["Soon AT", "Soon GR"]
    assert [r.title for r in service.upcoming(now=now, country_id=gr.id)] == ["Soon GR"]
    scoped = service.list(ListQuery(country_id=at.id, sort="starts_at", descending=True))
    assert [r.title for r in scoped.rows] == ["Later", "Soon AT", "Past"]


def test_deleting_a_person_removes_their_participations(database: Database) -> None:
    """The delete impact counts engagements; the engagement stays, without that participant."""
    people = PersonService(database)
    person = people.create(PersonInput(family_name="Guest"))
    service = EngagementService(database)
    engagement = service.create(
        EngagementInput(
            title="Reception",
            starts_at=datetime(2026, 1, 1, 18, tzinfo=UTC),
            participants=(ParticipantInput(person.id), ParticipantInput(None, "Host")),
        )
    )
    assert any("1 engagements" in n for n in people.delete_impact(person.id).consequences)
    people.delete(person.id, person.version)
    assert [p.name for p in service.get(engagement.id).participants] == ["Host"]
