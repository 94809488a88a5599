"""Clearance that fits a post: named clearers of our side, clearances on their behalf, approval."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from bilatdesk.domain import ParagraphSection, Side
from bilatdesk.domain.cable_workflow import ClearanceManner
from bilatdesk.services.audit.service import AuditService
from bilatdesk.services.cables.records import CableInput, ParagraphInput
from bilatdesk.services.cables.service import CableService
from bilatdesk.services.cables.workflow import CableWorkflow, WorkflowError
from bilatdesk.services.engagements.service import (
    EngagementInput,
    EngagementService,
    ParticipantInput,
)
from bilatdesk.services.kernel.errors import ValidationError
from bilatdesk.services.kernel.settings import PostSettings, post_settings, save_post_settings
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database

NOW = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)
DRAFTER = "Marta Şahin"


@pytest.fixture
def db(database: Database) -> Database:
    save_post_settings(database, PostSettings("VIE", "EMBASSY VIENNA", "KOVAČEVIĆ-BRANDT"))
    return database


def _ready() -> CableInput:
    return CableInput(
        subject="AUSTRIA: NEW FOREIGN MINISTER",
        to_addressees=("MFA CAPITAL / EUROPE DESK",),
        paragraphs=(ParagraphInput("Sworn in today.", "U", ParagraphSection.SUMMARY),),
    )


def _ours_and_theirs(db: Database) -> tuple[int, int]:
    """Tomás sat on our side of a meeting, Layla on theirs."""
    people = PersonService(db)
    ours = people.create(PersonInput(given_name="Tomás", family_name="Ó Briain"))
    theirs = people.create(PersonInput(given_name="Layla", family_name="Al-Hassan"))
    EngagementService(db).create(
        EngagementInput(
            title="Call on the Secretary-General",
            starts_at=NOW,
            participants=(
                ParticipantInput(ours.id, side=Side.OURS),
                ParticipantInput(theirs.id, side=Side.THEIRS),
            ),
        )
    )
    return ours.id, theirs.id


def _out(db: Database, **submit: object) -> tuple[CableWorkflow, int, int]:
    flow = CableWorkflow(db)
    draft = CableService(db).create(_ready(), drafter=DRAFTER)
    sent = flow.submit(draft.id, draft.version, actor=DRAFTER, now=NOW, **submit)  # type: ignore[arg-type]
    return flow, sent.id, sent.version


def test_clearers_are_people_of_our_side(db: Database) -> None:
    """Only people recorded on our side are offered, and picking another is refused."""
    ours, theirs = _ours_and_theirs(db)
    flow = CableWorkflow(db)
    assert [(c.person_id, c.name) for c in flow.clearers()] == [(ours, "Tomás Ó Briain")]
    draft = CableService(db).create(_ready(), drafter=DRAFTER)
    with pytest.raises(ValidationError) as refused:
        flow.submit(draft.id, draft.version, clearer_ids=[theirs], actor=DRAFTER)
    assert "people of our side" in refused.value.errors["clearers"]
    sent = flow.submit(draft.id, draft.version, clearer_ids=[ours], actor=DRAFTER)
    assert [c.name for c in sent.clearances] == ["Tomás Ó Briain"]


def test_only_the_named_clearer_clears_in_their_own_name(db: Database) -> None:
    """Someone else at the keyboard is refused, and nobody is added as an extra clearer."""
    ours, _ = _ours_and_theirs(db)
    flow, cable_id, version = _out(db, clearer_ids=[ours])
    with pytest.raises(WorkflowError, match="not asked to clear"):
        flow.clear(cable_id, version, actor=DRAFTER)
    with pytest.raises(WorkflowError, match="on their behalf"):
        flow.clear(cable_id, version, actor=DRAFTER, clearer="Tomás Ó Briain")
    detail = CableService(db).get(cable_id)
    assert [(c.name, c.cleared_at) for c in detail.clearances] == [("Tomás Ó Briain", None)]
    cleared = flow.clear(cable_id, version, actor="tomás ó briain", comment="Fine", now=NOW)
    [clearance] = cleared.clearances
    assert (clearance.manner, clearance.recorded_by, clearance.comment) == (
        "self",
        "tomás ó briain",
        "Fine",
    )
    with pytest.raises(WorkflowError, match="cleared this cable already"):
        flow.clear(cable_id, cleared.version, actor="Tomás Ó Briain")


def test_a_clearance_by_telephone_is_recorded_on_behalf_and_audited(db: Database) -> None:
    """The drafter records Tomás's telephoned clearance; the row and the trail say so, and the
    cable can then be approved by another person."""
    ours, _ = _ours_and_theirs(db)
    flow, cable_id, version = _out(db, clearer_ids=[ours])
    later = NOW + timedelta(minutes=10)
    cleared = flow.clear(
        cable_id,
        version,
        actor=DRAFTER,
        clearer="Tomás Ó Briain",
        manner=ClearanceManner.TELEPHONE,
        now=later,
    )
    [clearance] = cleared.clearances
    assert (clearance.cleared_at, clearance.manner, clearance.recorded_by) == (
        later,
        "telephone",
        DRAFTER,
    )
    [entry] = AuditService(db).history("cable", cable_id, limit=1)
    [change] = [c for c in entry.changes if c.field == "cable_clearance"]
    assert "telephone" in change.new and DRAFTER in change.new
    approved = flow.approve(cable_id, cleared.version, actor="KOVAČEVIĆ-BRANDT")
    assert approved.approved_by == "KOVAČEVIĆ-BRANDT"


def test_the_drafter_approves_only_where_the_post_allows_it(db: Database) -> None:
    """Two pairs of eyes by default; a one-person post turns the rule off in its settings."""
    flow, cable_id, version = _out(db)
    assert post_settings(db).drafter_may_approve is False
    with pytest.raises(WorkflowError, match="cannot approve their own cable"):
        flow.approve(cable_id, version, actor=" marta şahin ")
    save_post_settings(db, dataclasses.replace(post_settings(db), drafter_may_approve=True))
    assert post_settings(db).drafter_may_approve is True
    approved = flow.approve(cable_id, version, actor=DRAFTER)
    assert approved.approved_by == DRAFTER
