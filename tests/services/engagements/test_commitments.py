"""Commitments: keyset paging with undated ones last, filters, closing rules, versions, scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bilatdesk.domain import CommitmentStatus, Side
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.commitment_rows import CommitmentFilters, CommitmentRow
from bilatdesk.services.engagements.commitments import CommitmentInput, CommitmentService
from bilatdesk.services.engagements.service import (
    EngagementInput,
    EngagementService,
    ParticipantInput,
)
from bilatdesk.services.kernel.errors import ConflictError, NotFoundError, ValidationError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database
from tests.databases import DEMO_DAY

VIENNA = ZoneInfo("Europe/Vienna")
TODAY = date(2026, 11, 22)
MADE_ON = date(2026, 11, 10)


@dataclass
class World:
    service: CommitmentService
    engagements: EngagementService
    austria: int
    jordan: int
    meeting: int
    """Vienna, 10 Nov 2026, 00:30 local: still 9 Nov in UTC (the local day counts)."""
    amman_meeting: int
    lukas: int
    omar: int
    ana: int


@pytest.fixture
def world(database: Database) -> World:
    countries = CountryService(database)
    austria = countries.create(CountryInput("AT", "Austria")).id
    jordan = countries.create(CountryInput("JO", "Jordan")).id
    people = PersonService(database)
    lukas = people.create(PersonInput("Lukas", "Hofstätter", country_id=austria)).id
    omar = people.create(PersonInput("Omar", "Al-Khatib", name_original="عمر الخطيب")).id
    ana = people.create(PersonInput("Ana", "Kovačević-Brandt")).id
    engagements = EngagementService(database)
    meeting = engagements.create(
        EngagementInput(
            "Talks on transit",
            datetime(2026, 11, 10, 0, 30, tzinfo=VIENNA),
            time_zone="Europe/Vienna",
            country_id=austria,
            participants=(
                ParticipantInput(lukas, side=Side.THEIRS, role="host"),
                ParticipantInput(ana, side=Side.OURS, role="head of delegation"),
            ),
        )
    ).id
    amman_meeting = engagements.create(
        EngagementInput(
            "Consular consultations",
            datetime(2026, 10, 1, 10, tzinfo=ZoneInfo("Asia/Amman")),
            time_zone="Asia/Amman",
            country_id=jordan,
            participants=(ParticipantInput(omar, side=Side.THEIRS),),
        )
    ).id
    return World(
        CommitmentService(database),
        engagements,
        austria,
        jordan,
        meeting,
        amman_meeting,
        lukas,
        omar,
        ana,
    )


def _add(world: World, description: str, due: date | None, **fields: object) -> CommitmentRow:
    engagement = fields.pop("engagement_id", world.meeting)
    assert isinstance(engagement, int)
    return world.service.create(
        CommitmentInput(engagement, description, due_date=due, **fields),  # type: ignore[arg-type]
        today=TODAY,
    )


def _walk(
    service: CommitmentService, limit: int, *, descending: bool = False, **filters: object
) -> list[str]:
    """Every page in turn, as the list view scrolls, by description."""
    seen: list[str] = []
    query = ListQuery(limit=limit, descending=descending)
    pages = 0
    while True:
        page = service.list(query, CommitmentFilters(**filters), today=TODAY)  # type: ignore[arg-type]
        seen.extend(r.description for r in page.rows)
        pages += 1
        assert pages < 50
        if page.next_cursor is None:
            return seen
        query = ListQuery(limit=limit, descending=descending, after=page.next_cursor)


def test_create_shows_owner_engagement_day_and_overdue(world: World) -> None:
    """A row names its owner, its engagement's local day and country, and how overdue it is."""
    row = _add(world, "Send the draft MoU", date(2026, 11, 15), owner_person_id=world.lukas)
    assert row.owner == "Lukas Hofstätter"
    assert row.engagement_title == "Talks on transit"
    assert row.engagement_day == MADE_ON
    assert row.country == "Austria"
    assert row.overdue and row.days_overdue == 7
    assert row.status is CommitmentStatus.OPEN
    text_owner = _add(world, "Reply on the note", None, owner="Trade section", side=Side.THEIRS)
    assert (text_owner.owner, text_owner.side, text_owner.overdue) == (
        "Trade section",
        Side.THEIRS,
        False,
    )
    assert world.service.get(row.id, today=TODAY) == row


def test_paging_puts_undated_last_across_page_boundaries(world: World) -> None:
    """Dated by (due, id) then undated by id, in pages of two, with no row lost or repeated."""
    _add(world, "u1", None)
    _add(world, "d3", date(2026, 12, 3))
    _add(world, "d1", date(2026, 11, 20))
    _add(world, "u2", None)
    _add(world, "d2a", date(2026, 12, 1))
    _add(world, "d2b", date(2026, 12, 1))
    _add(world, "u3", None)
    expected = ["d1", "d2a", "d2b", "d3", "u1", "u2", "u3"]
    for limit in (1, 2, 3, 4, 7, 50):
        assert _walk(world.service, limit) == expected, limit
    descending = ["d3", "d2b", "d2a", "d1", "u3", "u2", "u1"]
    for limit in (1, 2, 3, 4, 50):
        assert _walk(world.service, limit, descending=True) == descending, limit


def test_paging_with_only_undated_and_an_exact_page(world: World) -> None:
    """A page ending exactly on the last dated row still continues into the undated ones."""
    _add(world, "d1", date(2026, 12, 1))
    _add(world, "d2", date(2026, 12, 2))
    _add(world, "u1", None)
    first = world.service.list(ListQuery(limit=2), today=TODAY)
    assert [r.description for r in first.rows] == ["d1", "d2"]
    assert first.next_cursor is not None
    rest = world.service.list(ListQuery(limit=2, after=first.next_cursor), today=TODAY)
    assert [r.description for r in rest.rows] == ["u1"]
    assert rest.next_cursor is None


def test_filters_status_owner_engagement_side_text_and_country(world: World) -> None:
    """Each filter narrows on its own; the default shows open ones only."""
    owed = _add(world, "Send transit statistics", date(2026, 12, 1), owner_person_id=world.lukas)
    _add(world, "Invite the minister", None, side=Side.THEIRS)
    amman = _add(world, "Reply on the consular case", None, engagement_id=world.amman_meeting)
    closed = _add(world, "Share the agenda", date(2026, 11, 12))
    world.service.close(
        closed.id, closed_on=date(2026, 11, 12), expected_version=closed.version, today=TODAY
    )
    assert "Share the agenda" not in _walk(world.service, 10)
    assert "Share the agenda" in _walk(world.service, 10, status=None)
    assert _walk(world.service, 10, status=CommitmentStatus.DONE) == ["Share the agenda"]
    assert _walk(world.service, 10, person_id=world.lukas) == [owed.description]
    assert _walk(world.service, 10, engagement_id=world.amman_meeting) == [amman.description]
    assert _walk(world.service, 10, side=Side.THEIRS) == ["Invite the minister"]
    scoped = world.service.list(ListQuery(country_id=world.jordan), today=TODAY)
    assert [r.description for r in scoped.rows] == [amman.description]
    # Full text: folded, so the owner's name without accents finds it.
    found = world.service.list(ListQuery(text="hofstatter"), today=TODAY)
    assert [r.id for r in found.rows] == [owed.id]
    found = world.service.list(ListQuery(text="consular"), today=TODAY)
    assert [r.id for r in found.rows] == [amman.id]


def test_validation_at_each_field(world: World) -> None:
    """Empty text, a missing owner record, a due date before the meeting, a bad marking."""
    with pytest.raises(ValidationError) as refused:
        world.service.create(
            CommitmentInput(
                world.meeting,
                "  ",
                owner_person_id=99_999,
                owner="x" * 301,
                due_date=date(2026, 11, 9),
                classification="COSMIC",
            )
        )
    errors = refused.value.errors
    assert set(errors) == {"description", "owner_person_id", "owner", "due_date", "classification"}
    assert "2026-11-10" in errors["due_date"]
    with pytest.raises(ValidationError) as gone:
        world.service.create(CommitmentInput(99_999, "Something"))
    assert set(gone.value.errors) == {"engagement_id"}
    # Due on the meeting's own (local) day is fine.
    assert _add(world, "Same day", MADE_ON).due_date == MADE_ON


def test_close_records_when_and_how_and_refuses_what_cannot_be(world: World) -> None:
    """Closing needs a day between the meeting and today; dropping needs a reason."""
    row = _add(world, "Send the list of scholars", date(2026, 12, 1))
    refusals = [
        ({"closed_on": date(2026, 11, 9)}, "closed_on"),
        ({"closed_on": date(2026, 11, 23)}, "closed_on"),
        ({"closed_on": date(2026, 11, 20), "status": CommitmentStatus.DROPPED}, "closing_note"),
        ({"closed_on": date(2026, 11, 20), "status": CommitmentStatus.OPEN}, "status"),
    ]
    for fields, field in refusals:
        with pytest.raises(ValidationError) as refused:
            world.service.close(
                row.id,
                expected_version=row.version,
                today=TODAY,
                **fields,  # type: ignore[arg-type]
            )
        assert set(refused.value.errors) == {field}, fields
    done = world.service.close(
        row.id,
        closed_on=MADE_ON,
        note="Sent by note verbale.",
        expected_version=row.version,
        today=TODAY,
    )
    assert (done.status, done.closed_on, done.closing_note) == (
        CommitmentStatus.DONE,
        MADE_ON,
        "Sent by note verbale.",
    )
    assert done.version == row.version + 1
    assert not done.overdue
    with pytest.raises(ValidationError, match="already closed"):
        world.service.close(row.id, closed_on=TODAY, expected_version=done.version, today=TODAY)
    # The closing note is searchable.
    found = world.service.list(ListQuery(text="verbale"), CommitmentFilters(status=None))
    assert [r.id for r in found.rows] == [row.id]


def test_reopen_clears_the_closing_and_refuses_an_open_one(world: World) -> None:
    """Reopening makes it open again without its closing day and note."""
    row = _add(world, "Propose dates", date(2026, 11, 20))
    with pytest.raises(ValidationError, match="open already"):
        world.service.reopen(row.id, row.version, today=TODAY)
    dropped = world.service.close(
        row.id,
        status=CommitmentStatus.DROPPED,
        closed_on=date(2026, 11, 21),
        note="Overtaken by events.",
        expected_version=row.version,
        today=TODAY,
    )
    again = world.service.reopen(row.id, dropped.version, today=TODAY)
    assert (again.status, again.closed_on, again.closing_note) == (CommitmentStatus.OPEN, None, "")
    assert again.overdue


def test_stale_versions_are_conflicts(world: World) -> None:
    """Update, close, reopen and delete at an old version are refused, nothing changed."""
    row = _add(world, "Original", None)
    world.service.update(row.id, CommitmentInput(world.meeting, "Changed"), row.version)
    with pytest.raises(ConflictError):
        world.service.update(row.id, CommitmentInput(world.meeting, "Mine"), row.version)
    with pytest.raises(ConflictError):
        world.service.close(row.id, closed_on=TODAY, expected_version=row.version, today=TODAY)
    with pytest.raises(ConflictError):
        world.service.delete(row.id, row.version)
    current = world.service.get(row.id)
    assert current.description == "Changed"
    world.service.delete(row.id, current.version)
    with pytest.raises(NotFoundError):
        world.service.get(row.id)


def test_update_moves_it_and_keeps_its_rules(world: World) -> None:
    """An update may change every field, even the engagement, under the same checks."""
    row = _add(world, "Send figures", date(2026, 12, 1))
    moved = world.service.update(
        row.id,
        CommitmentInput(
            world.amman_meeting,
            "Send customs figures",
            side=Side.THEIRS,
            owner_person_id=world.omar,
            due_date=date(2026, 10, 5),
            classification="R",
        ),
        row.version,
        today=TODAY,
    )
    assert (moved.engagement_id, moved.country, moved.owner, moved.classification) == (
        world.amman_meeting,
        "Jordan",
        "Omar Al-Khatib",
        "R",
    )
    with pytest.raises(ValidationError) as refused:
        world.service.update(
            row.id,
            CommitmentInput(world.meeting, "Send customs figures", due_date=date(2026, 10, 5)),
            moved.version,
        )
    assert set(refused.value.errors) == {"due_date"}


def test_open_for_person_marks_owed_and_took_part(world: World) -> None:
    """Owed by the person, or made where they sat; overdue first, undated last, open only."""
    owes = _add(world, "Lukas sends the text", date(2026, 11, 30), owner_person_id=world.lukas)
    sat = _add(world, "We send the agenda", date(2026, 11, 18), owner_person_id=world.ana)
    undated = _add(world, "Someone replies", None, owner="Their MFA")
    closed = _add(world, "Already done", date(2026, 11, 12))
    world.service.close(
        closed.id, closed_on=date(2026, 11, 12), expected_version=closed.version, today=TODAY
    )
    elsewhere = _add(world, "Omar's promise", None, engagement_id=world.amman_meeting)
    rows = world.service.open_for_person(world.lukas, TODAY)
    assert [(r.id, r.person_owns) for r in rows] == [
        (sat.id, False),
        (owes.id, True),
        (undated.id, False),
    ]
    assert rows[0].overdue and not rows[1].overdue
    assert [r.id for r in world.service.open_for_person(world.omar, TODAY)] == [elsewhere.id]
    by_owner = world.service.open_for_person(world.ana, TODAY)
    assert (by_owner[0].id, by_owner[0].person_owns) == (sat.id, True)


def test_open_for_country_and_for_engagement(world: World) -> None:
    """A country's open ones, overdue first; an engagement's all, in the order made."""
    later = _add(world, "Later", date(2026, 12, 20))
    overdue = _add(world, "Overdue", date(2026, 11, 11))
    closed = _add(world, "Closed", None)
    world.service.close(closed.id, closed_on=TODAY, expected_version=closed.version, today=TODAY)
    _add(world, "In Amman", None, engagement_id=world.amman_meeting)
    rows = world.service.open_for_country(world.austria, TODAY)
    assert [r.id for r in rows] == [overdue.id, later.id]
    assert [r.id for r in world.service.for_engagement(world.meeting, today=TODAY)] == [
        later.id,
        overdue.id,
        closed.id,
    ]


def test_deleting_the_owner_or_the_engagement(world: World, database: Database) -> None:
    """A deleted owner leaves the commitment unowned; a deleted engagement takes them along."""
    row = _add(world, "Owned", None, owner_person_id=world.omar, engagement_id=world.amman_meeting)
    people = PersonService(database)
    people.delete(world.omar, people.get(world.omar).version)
    after = world.service.get(row.id)
    assert (after.owner_person_id, after.owner) == (None, "")
    impact = world.engagements.delete_impact(world.amman_meeting)
    assert "its commitment is deleted (1 still open)" in impact.consequences
    world.engagements.delete(
        world.amman_meeting, world.engagements.get(world.amman_meeting).version
    )
    with pytest.raises(NotFoundError):
        world.service.get(row.id)


HOSTILE = (
    "<b>bold</b> & R&D =cmd|' /C calc'!A0",
    "../../etc/passwd \u200fRTL mark مرحبا",
    "王立新 · Ελένη · Иван · Müller 🙂",
)


def test_hostile_text_is_stored_literally(world: World) -> None:
    """Markup, formulas, paths, bidi controls and every script come back as typed."""
    for text in HOSTILE:
        row = _add(world, text, None, owner=text[:300])
        closed = world.service.close(
            row.id, closed_on=TODAY, note=text, expected_version=row.version, today=TODAY
        )
        assert (closed.description, closed.owner, closed.closing_note) == (text, text, text)
    with pytest.raises(ValidationError) as refused:
        _add(world, "bell\x07", None)
    assert "U+0007" in refused.value.errors["description"]
    with pytest.raises(ValidationError):
        _add(world, "x" * 4_001, None)


def test_demo_has_commitments_in_every_state(demo_file: Path) -> None:
    """The demo has overdue, soon due, later, undated, done and dropped ones, by both sides."""
    with Database.open(demo_file, lock=False) as db:
        service = CommitmentService(db)
        rows = list(
            service.list(ListQuery(limit=1000), CommitmentFilters(status=None), today=DEMO_DAY).rows
        )
    assert 35 <= len(rows) <= 50
    open_rows = [r for r in rows if r.status is CommitmentStatus.OPEN]
    assert sum(r.overdue for r in open_rows) >= 5
    assert sum(1 for r in open_rows if r.due_date and 0 <= (r.due_date - DEMO_DAY).days <= 14) >= 5
    assert any(r.due_date is None for r in open_rows)
    for status in (CommitmentStatus.DONE, CommitmentStatus.DROPPED):
        closed = [r for r in rows if r.status is status]
        assert closed and all(r.closing_note and r.closed_on for r in closed)
        assert all(r.engagement_day <= r.closed_on <= DEMO_DAY for r in closed if r.closed_on)
    assert {r.side for r in rows} == {Side.OURS, Side.THEIRS}
    assert any(r.owner_person_id is not None for r in rows)
    assert any(r.owner_person_id is None and r.owner for r in rows)
    assert all(r.due_date is None or r.due_date >= r.engagement_day for r in rows)
