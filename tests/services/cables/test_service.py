"""Cables: drafting, the marking rule, clearance, dispatch, serials, immutability, the register."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bilatdesk.domain import CableKind, CableStatus, ParagraphSection, Side
from bilatdesk.services.cables.documents import CableDocuments
from bilatdesk.services.cables.records import CableFilters, CableInput, ParagraphInput
from bilatdesk.services.cables.service import CableService, DispatchedCableError
from bilatdesk.services.cables.templates import CableDrafting
from bilatdesk.services.cables.workflow import CableWorkflow, WorkflowError
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import (
    EngagementInput,
    EngagementService,
    ParticipantInput,
)
from bilatdesk.services.kernel.errors import ConflictError, ServiceError, ValidationError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.kernel.settings import PostSettings, save_post_settings
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database
from bilatdesk.store.errors import RefusedByDatabaseError

NOW = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)


def _ready(**changes: object) -> CableInput:
    base = CableInput(
        subject="AUSTRIA: NEW FOREIGN MINISTER",
        to_addressees=("MFA CAPITAL / EUROPE DESK",),
        classification="C",
        classified_by="A. Kovačević-Brandt, Ambassador",
        paragraphs=(
            ParagraphInput("The new minister was sworn in today.", "U", ParagraphSection.SUMMARY),
            ParagraphInput("She told us privately she will visit in spring.", "C"),
        ),
    )
    return CableInput(**{**base.__dict__, **changes})


def _dispatched(db: Database, now: datetime = NOW, **changes: object) -> int:
    cables, flow = CableService(db), CableWorkflow(db)
    draft = cables.create(_ready(**changes), drafter="Marta Şahin")
    sent = flow.submit(draft.id, draft.version, clearers=[], actor="Marta Şahin", now=now)
    approved = flow.approve(sent.id, sent.version, actor="Ana Kovačević-Brandt", now=now)
    return flow.dispatch(approved.id, approved.version, now=now).id


@pytest.fixture
def db(database: Database) -> Database:
    save_post_settings(
        database,
        PostSettings("VIE", "EMBASSY VIENNA", "KOVAČEVIĆ-BRANDT", "MFA CAPITAL / EUROPE DESK"),
    )
    return database


def test_overall_marking_is_never_below_a_portion(db: Database) -> None:
    """A cable marked RESTRICTED with a CONFIDENTIAL paragraph is refused at the marking."""
    with pytest.raises(ValidationError) as refused:
        CableService(db).create(_ready(classification="R"), drafter="x")
    assert "Paragraph 2 is CONFIDENTIAL" in refused.value.errors["classification"]


def test_draft_round_trip_and_autosave(db: Database) -> None:
    """A draft reads back as saved; saving again (autosave) bumps the version."""
    cables = CableService(db)
    draft = cables.create(_ready(), drafter="Marta Şahin")
    assert draft.status is CableStatus.DRAFT and draft.serial == "" and draft.dtg == ""
    assert cables.get(draft.id).data == draft.data
    again = cables.update(draft.id, _ready(subject="AUSTRIA: NEW FM"), draft.version)
    assert again.version == draft.version + 1
    with pytest.raises(ConflictError):
        cables.update(draft.id, _ready(), draft.version)


def test_dispatch_sets_serial_dtg_and_keeps_the_pdf(db: Database) -> None:
    """Dispatch gives VIE 2026/001, the DTG 221530Z NOV 26, and keeps a hashed PDF."""
    cable_id = _dispatched(db)
    detail = CableService(db).get(cable_id)
    assert detail.status is CableStatus.DISPATCHED
    assert detail.serial == "VIE 2026/001"
    assert detail.dtg == "221530Z NOV 26"
    documents = CableDocuments(db)
    pdf = documents.pdf(cable_id)
    assert pdf.startswith(b"%PDF")
    kept = documents.kept(cable_id)
    assert kept == (hashlib.sha256(pdf).hexdigest(), len(pdf))
    assert documents.pdf(cable_id) == pdf, "printing it again gives the same bytes"


def test_serials_count_per_post_and_year_and_restart(db: Database) -> None:
    """Serials follow on within a year and start again at 001 in the next."""
    first = _dispatched(db, NOW)
    second = _dispatched(db, NOW + timedelta(hours=1))
    third = _dispatched(db, datetime(2027, 1, 2, 9, tzinfo=UTC))
    serials = [CableService(db).get(i).serial for i in (first, second, third)]
    assert serials == ["VIE 2026/001", "VIE 2026/002", "VIE 2027/001"]


def test_dispatched_cable_never_changes_service_and_database(db: Database) -> None:
    """The service refuses edits and deletion; so does the database, behind its back."""
    cable_id = _dispatched(db)
    cables = CableService(db)
    detail = cables.get(cable_id)
    with pytest.raises(DispatchedCableError, match="correction"):
        cables.update(cable_id, _ready(subject="changed"), detail.version)
    with pytest.raises(DispatchedCableError):
        cables.delete(cable_id, detail.version)
    for statement in (
        "UPDATE cable SET subject = 'tampered'",
        "DELETE FROM cable",
        "UPDATE cable_paragraph SET text = 'tampered'",
        "DELETE FROM cable_paragraph",
        f"INSERT INTO cable_paragraph (cable_id, position, section, portion, text) "
        f"VALUES ({cable_id}, 9, '', 'U', 'added')",
    ):
        with (
            pytest.raises(RefusedByDatabaseError, match="never changes") as refused,
            db.session() as session,
        ):
            session.execute(text(statement))
        assert isinstance(refused.value.__cause__, DBAPIError)  # refused by the database
    assert cables.get(cable_id).data.subject == "AUSTRIA: NEW FOREIGN MINISTER"


def test_clearance_workflow_records_who_and_when(db: Database) -> None:
    """Approval waits for every clearer; clearances and approval are recorded with times."""
    cables, flow = CableService(db), CableWorkflow(db)
    draft = cables.create(_ready(), drafter="Marta Şahin")
    out = flow.submit(
        draft.id, draft.version, clearers=["Tomás Ó Briain"], actor="Marta Şahin", now=NOW
    )
    with pytest.raises(ServiceError, match="Return it to draft"):
        cables.update(out.id, _ready(), out.version)
    with pytest.raises(WorkflowError, match="Tomás Ó Briain"):
        flow.approve(out.id, out.version, actor="Ana")
    cleared = flow.clear(
        out.id, out.version, actor="tomás ó briain", comment="OK", now=NOW + timedelta(minutes=5)
    )
    assert cleared.clearances[0].cleared_at == NOW + timedelta(minutes=5)
    approved = flow.approve(out.id, cleared.version, actor="Ana", now=NOW + timedelta(hours=1))
    assert (approved.status, approved.approved_by) == (CableStatus.APPROVED, "Ana")
    back = flow.return_to_draft(approved.id, approved.version)
    assert back.status is CableStatus.DRAFT and back.clearances[0].cleared_at is None
    with pytest.raises(WorkflowError, match="approved"):
        flow.dispatch(back.id, back.version)


def test_workflow_refuses_what_the_transition_table_does_not_allow(db: Database) -> None:
    """The service refuses exactly the steps the editor disables: a draft is not returned."""
    cables, flow = CableService(db), CableWorkflow(db)
    draft = cables.create(_ready(), drafter="Marta Şahin")
    with pytest.raises(WorkflowError, match="draft already"):
        flow.return_to_draft(draft.id, draft.version)
    with pytest.raises(WorkflowError, match="out for clearance"):
        flow.clear(draft.id, draft.version, actor="Ana")
    sent = flow.submit(draft.id, draft.version, clearers=[], actor="Marta Şahin", now=NOW)
    with pytest.raises(WorkflowError, match="Return it to draft"):
        flow.submit(sent.id, sent.version, clearers=[], actor="Marta Şahin")
    assert cables.get(draft.id).version == sent.version  # nothing refused was written


def test_incomplete_cable_cannot_leave_the_drafter(db: Database) -> None:
    """No TO, no subject, no text, or no classifier: submission is refused at each field."""
    draft = CableService(db).create(
        CableInput(classification="C", paragraphs=(ParagraphInput("", "C"),)), drafter="x"
    )
    with pytest.raises(ValidationError) as refused:
        CableWorkflow(db).submit(draft.id, draft.version, clearers=[], actor="x")
    assert set(refused.value.errors) == {"subject", "to_addressees", "paragraphs", "classified_by"}


def test_references_must_be_dispatched_and_print_by_serial(db: Database) -> None:
    """A correction cites the dispatched cable by serial; a draft cannot be cited."""
    original = _dispatched(db)
    cables = CableService(db)
    draft = cables.create(_ready(), drafter="x")
    with pytest.raises(ValidationError) as refused:
        cables.create(_ready(references=(draft.id,)), drafter="x")
    assert "references" in refused.value.errors
    correction = cables.create(
        _ready(subject="AUSTRIA: CORRECTION", references=(original,)), drafter="x"
    )
    assert correction.data.references == (original,)
    choices = cables.reference_choices()
    assert [c.name.split(" ")[:2] for c in choices] == [["VIE", "2026/001"]]


def test_register_filters(db: Database) -> None:
    """The register filters by status, classification, country and text."""
    country = CountryService(db).create(CountryInput("AT"))
    _dispatched(db, country_id=country.id)
    cables = CableService(db)
    cables.create(_ready(subject="GREECE: FERRY STRIKE", classification="C"), drafter="x")
    everything = cables.list()
    assert len(everything.rows) == 2
    dispatched = cables.list(filters=CableFilters(status=CableStatus.DISPATCHED))
    assert [r.serial for r in dispatched.rows] == ["VIE 2026/001"]
    assert [r.subject for r in cables.list(ListQuery(text="ferry")).rows] == [
        "GREECE: FERRY STRIKE"
    ]
    assert len(cables.list(ListQuery(country_id=country.id)).rows) == 1
    assert cables.list(filters=CableFilters(classification="S")).rows == ()
    assert [r.status for r in cables.in_workflow()] == []


def test_readout_from_an_engagement(db: Database) -> None:
    """'Report this meeting' drafts a readout with participants, date, place and outcome."""
    country = CountryService(db).create(CountryInput("JO"))
    host = PersonService(db).create(PersonInput(given_name="Layla", family_name="Al-Hassan"))
    engagement = EngagementService(db).create(
        EngagementInput(
            title="Call on the Secretary-General",
            starts_at=NOW,
            time_zone="Asia/Amman",
            place="Al-Urdon Street, Amman",
            country_id=country.id,
            classification="R",
            outcome="Agreed to resume consultations in March.",
            participants=(
                ParticipantInput(host.id, side=Side.THEIRS, role="host"),
                ParticipantInput(None, "Ana Kovačević-Brandt", Side.OURS),
            ),
        )
    )
    draft = CableDrafting(db).readout(engagement.id, drafter="Marta Şahin")
    assert draft.data.kind is CableKind.READOUT
    assert draft.data.engagement_id == engagement.id
    assert draft.data.subject == "JORDAN: MEETING WITH LAYLA AL-HASSAN"
    body = " ".join(p.text for p in draft.data.paragraphs)
    assert "22 November 2026, 18:30 +03" in body and "Al-Urdon Street" in body
    assert "Agreed to resume consultations in March." in body
    assert draft.data.classification == "R"
    assert draft.data.person_ids == (host.id,)
    assert draft.data.to_addressees == ("MFA CAPITAL / EUROPE DESK",)


@pytest.mark.parametrize("kind", list(CableKind))
def test_every_template_makes_a_draft(db: Database, kind: CableKind) -> None:
    """Each kind of cable has a template that makes a valid draft."""
    draft = CableDrafting(db).from_template(kind, drafter="x")
    assert draft.data.kind is kind and draft.data.paragraphs


def test_hostile_paragraph_text_is_stored_and_printed(db: Database) -> None:
    """Markup, ampersands and 20,000 characters without a space store and print safely."""
    hostile = '<img src="/etc/passwd"> <b>unclosed & R&D ' + "x" * 19_000
    cable_id = _dispatched(db, paragraphs=(ParagraphInput(hostile, "C"),))
    assert CableService(db).get(cable_id).data.paragraphs[0].text == hostile
    with pytest.raises(ValidationError):
        CableService(db).create(
            _ready(paragraphs=(ParagraphInput("y" * 20_001, "U"),)), drafter="x"
        )


def test_concurrent_dispatches_never_share_a_serial(db: Database) -> None:
    """Several clerks dispatching at the same moment each get their own serial."""
    cables, flow = CableService(db), CableWorkflow(db)
    approved = []
    for _ in range(6):
        draft = cables.create(_ready(), drafter="x")
        out = flow.submit(draft.id, draft.version, clearers=[], actor="x")
        approved.append(flow.approve(out.id, out.version, actor="y"))
    start = threading.Barrier(len(approved))
    errors: list[BaseException] = []

    def go(cable_id: int, version: int) -> None:
        start.wait()
        try:
            CableWorkflow(db).dispatch(cable_id, version, now=NOW)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=go, args=(a.id, a.version)) for a in approved]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    serials = [cables.get(a.id).serial for a in approved]
    assert sorted(serials) == [f"VIE 2026/{n:03d}" for n in range(1, 7)]


def test_declassify_and_instructions_dates_round_trip(db: Database) -> None:
    """Dates on the header come back as saved; instructions need a date."""
    cables = CableService(db)
    with pytest.raises(ValidationError) as refused:
        cables.create(
            _ready(
                nature=__import__(
                    "bilatdesk.domain", fromlist=["x"]
                ).CableNature.INSTRUCTIONS_REQUESTED
            ),
            drafter="x",
        )
    assert "instructions_by" in refused.value.errors
    saved = cables.create(_ready(declassify_on=date(2036, 11, 22)), drafter="x")
    assert cables.get(saved.id).data.declassify_on == date(2036, 11, 22)


def test_dispatch_time_is_the_last_change(db: Database) -> None:
    """A dispatched cable's last change is its dispatch, even with a country and tags."""
    country = CountryService(db).create(CountryInput("AT"))
    tags = CableService(db).tag_choices()
    cable_id = _dispatched(db, NOW, country_id=country.id, tag_ids=tuple(t.id for t in tags[:1]))
    row = CableService(db).list(ListQuery(country_id=country.id)).rows[0]
    assert row.updated_at == NOW and row.dtg == "221530Z NOV 26"
    assert CableService(db).get(cable_id).version == row.version


def test_detail_names_references_by_serial_and_dispatch_time(db: Database) -> None:
    """A cable's detail lists what it cites by serial, and when it was dispatched."""
    original = _dispatched(db, NOW)
    correction = _dispatched(
        db, NOW + timedelta(days=1), subject="AUSTRIA: CORRECTION", references=(original,)
    )
    detail = CableService(db).get(correction)
    assert detail.reference_serials == ("VIE 2026/001",)
    assert detail.dispatched_at == NOW + timedelta(days=1)
