"""Engagements with participants: times in UTC, validation, listing, upcoming."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bilatdesk.domain import CommitmentStatus, Side
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.commitment_drafts import CommitmentDraft
from bilatdesk.services.engagements.commitments import CommitmentInput, CommitmentService
from bilatdesk.services.engagements.service import (
    EngagementDetail,
    EngagementInput,
    EngagementService,
    ParticipantInput,
)
from bilatdesk.services.kernel.errors import ConflictError, ValidationError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.services.tags import TagService
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


# -- commitments and tags saved with the engagement ------------------------------------------
def _with_commitments(database: Database) -> tuple[EngagementService, EngagementDetail]:
    """An engagement in Vienna on 10 Nov 2026, created with two commitments in one Save."""
    person = PersonService(database).create(PersonInput("Anna", "Berger"))
    service = EngagementService(database)
    created = service.create(
        EngagementInput(
            title="Talks",
            starts_at=datetime(2026, 11, 10, 10, tzinfo=ZoneInfo("Europe/Vienna")),
            time_zone="Europe/Vienna",
            commitments=(
                CommitmentDraft(
                    "Send the draft", owner_person_id=person.id, due_date=date(2026, 12, 1)
                ),
                CommitmentDraft("Reply on transit", side=Side.THEIRS, owner="Their MFA"),
            ),
        )
    )
    return service, created


def test_commitments_are_saved_with_a_new_engagement(database: Database) -> None:
    """One Save creates the engagement and its commitments; the detail carries both views."""
    _service, created = _with_commitments(database)
    assert [(r.description, r.owner, r.side) for r in created.commitments] == [
        ("Send the draft", "Anna Berger", Side.OURS),
        ("Reply on transit", "Their MFA", Side.THEIRS),
    ]
    assert [d.id for d in created.commitment_drafts] == [r.id for r in created.commitments]
    assert all(d.version == 1 for d in created.commitment_drafts)
    assert created.data.commitments is None  # the stored input leaves them alone on update
    rows = CommitmentService(database).for_engagement(created.id)
    assert [r.engagement_day for r in rows] == [date(2026, 11, 10)] * 2


def test_update_adds_changes_closes_and_removes_commitments(database: Database) -> None:
    """New, changed, closed and removed drafts are written together; unlisted ones stay."""
    service, created = _with_commitments(database)
    first, second = created.commitment_drafts
    elsewhere = CommitmentService(database).create(
        CommitmentInput(created.id, "Added meanwhile by a colleague")
    )
    updated = service.update(
        created.id,
        replace(
            created.data,
            commitments=(
                replace(first, description="Send the revised draft"),
                replace(second, removed=True),
                CommitmentDraft("Invite the minister", due_date=date(2026, 11, 30)),
            ),
        ),
        created.version,
    )
    assert [r.description for r in updated.commitments] == [
        "Send the revised draft",
        "Added meanwhile by a colleague",
        "Invite the minister",
    ]
    assert updated.commitments[1].id == elsewhere.id
    revised = updated.commitment_drafts[0]
    closed = service.update(
        created.id,
        replace(
            updated.data,
            commitments=(
                replace(
                    revised,
                    status=CommitmentStatus.DONE,
                    closed_on=date(2026, 11, 12),
                    closing_note="Handed over.",
                ),
            ),
        ),
        updated.version,
    )
    row = closed.commitments[0]
    assert (row.status, row.closed_on, row.closing_note) == (
        CommitmentStatus.DONE,
        date(2026, 11, 12),
        "Handed over.",
    )


def test_commitment_problems_are_refused_together_and_nothing_is_written(
    database: Database,
) -> None:
    """Every bad draft is named under "commitments"; the engagement is not saved either."""
    service = EngagementService(database)
    with pytest.raises(ValidationError) as refused:
        service.create(
            EngagementInput(
                title="Talks",
                starts_at=datetime(2026, 11, 10, 10, tzinfo=UTC),
                commitments=(
                    CommitmentDraft(""),
                    CommitmentDraft("Too early", due_date=date(2026, 11, 9)),
                    CommitmentDraft(
                        "Closed in the future",
                        status=CommitmentStatus.DONE,
                        closed_on=date(2999, 1, 1),
                    ),
                ),
            )
        )
    message = refused.value.errors["commitments"]
    assert set(refused.value.errors) == {"commitments"}
    assert message.startswith("Commitment 1: What was promised is required.")
    assert "Commitment 2 (Too early)" in message and "Commitment 3" in message
    assert service.list().rows == ()


def test_a_commitment_changed_elsewhere_conflicts_only_when_edited_here(
    database: Database,
) -> None:
    """Drafts not sent leave a colleague's closing standing; sending a stale one conflicts."""
    service, created = _with_commitments(database)
    first, second = created.commitment_drafts
    commitments = CommitmentService(database)
    commitments.close(first.id or 0, closed_on=date(2026, 11, 11), expected_version=1)
    kept = service.update(
        created.id,
        replace(
            created.data,
            title="Talks on transit",
            commitments=(replace(second, owner="Their MFA desk"),),
        ),
        created.version,
    )
    assert kept.commitments[0].status is CommitmentStatus.DONE
    assert kept.commitments[1].owner == "Their MFA desk"
    # Sent as read before the colleague's closing: refused, the closing stays.
    with pytest.raises(ConflictError):
        service.update(
            created.id,
            replace(kept.data, commitments=(replace(first, description="Mine"),)),
            kept.version,
        )
    assert commitments.get(first.id or 0).status is CommitmentStatus.DONE
    # Sent exactly as stored now: nothing to do, no conflict.
    same = service.update(
        created.id, replace(kept.data, commitments=kept.commitment_drafts), kept.version
    )
    assert [d.version for d in same.commitment_drafts] == [
        d.version for d in kept.commitment_drafts
    ]


def test_moving_the_engagement_is_checked_against_its_commitments(database: Database) -> None:
    """Commitments sent with the form must still fall due after the engagement's new day."""
    service, created = _with_commitments(database)
    moved = replace(
        created.data,
        starts_at=datetime(2026, 12, 5, 10, tzinfo=UTC),
        commitments=tuple(
            replace(d, description=d.description + ".") for d in created.commitment_drafts
        ),
    )
    with pytest.raises(ValidationError) as refused:
        service.update(created.id, moved, created.version)
    assert "2026-12-01" in refused.value.errors["commitments"]


def test_tags_are_saved_with_the_engagement(database: Database) -> None:
    """Tag ids are set in the same Save; None leaves them; a vanished tag is refused."""
    tags = TagService(database)
    trade, energy = tags.create("trade").id, tags.create("energy").id
    service = EngagementService(database)
    created = service.create(
        EngagementInput(
            "Talks", datetime(2026, 11, 10, 10, tzinfo=UTC), tag_ids=(energy, trade, energy)
        )
    )
    assert sorted(created.tag_ids) == sorted((trade, energy))
    again = service.update(created.id, replace(created.data, title="Talks II"), created.version)
    assert sorted(again.tag_ids) == sorted((trade, energy))
    narrowed = service.update(created.id, replace(again.data, tag_ids=(trade,)), again.version)
    assert narrowed.tag_ids == (trade,)
    assert [r.id for r in service.list(ListQuery(tags=(trade,))).rows] == [created.id]
    with pytest.raises(ValidationError) as refused:
        service.update(created.id, replace(narrowed.data, tag_ids=(9_999,)), narrowed.version)
    assert set(refused.value.errors) == {"tag_ids"}


def test_usual_time_zone_follows_the_country(database: Database) -> None:
    """The latest engagement's zone in the country, else the country's own zone."""
    countries = CountryService(database)
    jordan = countries.create(CountryInput("JO", capital="Amman")).id
    australia = countries.create(CountryInput("AU", capital="Canberra")).id
    service = EngagementService(database)
    assert service.usual_time_zone(jordan) == "Asia/Amman"
    assert service.usual_time_zone(australia) == "Australia/Sydney"
    service.create(
        EngagementInput(
            "Call",
            datetime(2026, 1, 1, tzinfo=UTC),
            time_zone="Australia/Perth",
            country_id=australia,
        )
    )
    assert service.usual_time_zone(australia) == "Australia/Perth"
    assert service.usual_time_zone(9_999) is None
