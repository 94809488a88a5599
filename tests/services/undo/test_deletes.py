"""Cable, commitment and tag deletes: one step each to undo and redo, restored whole by the bin."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pytest

from bilatdesk.domain import CableStatus, ParagraphSection
from bilatdesk.services.cables.records import CableDetail, CableInput, ParagraphInput
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.commitment_drafts import CommitmentDraft
from bilatdesk.services.engagements.commitments import CommitmentInput
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.services.kernel.errors import NotFoundError, ServiceError
from bilatdesk.services.kernel.settings import PostSettings, save_post_settings
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.services.people.service import PersonInput
from bilatdesk.services.undo.service import ChangedSinceError
from bilatdesk.store.database import Database

NOW = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)


@dataclass
class Desk:
    services: Services
    austria: int
    anna: int
    omar: int
    energy: int
    """A tag carried by a person, an organisation, an engagement and the draft."""
    transit: int
    talks: int
    """An engagement in Austria the draft reports."""
    earlier: int
    """A dispatched cable the draft cites."""
    sqlite: bool


def _ready(**changes: object) -> CableInput:
    base = CableInput(
        subject="AUSTRIA: TRANSIT TALKS",
        to_addressees=("MFA CAPITAL / EUROPE DESK",),
        classification="C",
        classified_by="A. Kovačević-Brandt, Ambassador",
        paragraphs=(
            ParagraphInput("Talks went well.", "U", ParagraphSection.SUMMARY),
            ParagraphInput("They will propose dates.", "C"),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def desk(database: Database) -> Desk:
    save_post_settings(
        database,
        PostSettings("VIE", "EMBASSY VIENNA", "KOVAČEVIĆ-BRANDT", "MFA CAPITAL / EUROPE DESK"),
    )
    services = Services(database)
    austria = services.countries.create(CountryInput("AT", "Austria")).id
    energy = services.tags.create("Energy").id
    transit = services.tags.create("Transit").id
    anna = services.people.create(
        PersonInput("Anna", "Berger", country_id=austria, tag_ids=(energy,))
    ).id
    omar = services.people.create(PersonInput("Omar", "Al-Khatib")).id
    ministry = services.organisations.create(
        OrganisationInput("Ministry of Transport", tag_ids=(energy,))
    ).id
    assert ministry
    talks = services.engagements.create(
        EngagementInput(
            "Transit talks",
            datetime(2026, 11, 10, 10, tzinfo=UTC),
            country_id=austria,
            tag_ids=(energy,),
        )
    ).id
    cables, flow = services.cables, services.cable_workflow
    first = cables.create(_ready(subject="AUSTRIA: EARLIER"), drafter="Marta Şahin")
    sent = flow.submit(first.id, first.version, actor="Marta Şahin", now=NOW)
    approved = flow.approve(sent.id, sent.version, actor="Ana Kovačević-Brandt", now=NOW)
    earlier = flow.dispatch(approved.id, approved.version, now=NOW).id
    return Desk(services, austria, anna, omar, energy, transit, talks, earlier, database.is_sqlite)


def _draft(desk: Desk) -> CableDetail:
    """A draft with paragraphs, a reference, two tags, named people and clearances asked
    (sent for clearance and taken back: the clearances stay, uncleared)."""
    s = desk.services
    made = s.cables.create(
        _ready(
            country_id=desk.austria,
            references=(desk.earlier,),
            tag_ids=(desk.energy, desk.transit),
            person_ids=(desk.anna, desk.omar),
            engagement_id=desk.talks,
        ),
        drafter="Marta Şahin",
    )
    sent = s.cable_workflow.submit(
        made.id, made.version, clearers=["Ana Kovačević-Brandt", "Ivo Horvat"], actor="Marta"
    )
    back = s.cable_workflow.return_to_draft(sent.id, sent.version)
    assert back.status is CableStatus.DRAFT and len(back.clearances) == 2
    return back


def _same_cable(a: CableDetail, b: CableDetail) -> None:
    assert (a.uid, a.data, a.status) == (b.uid, b.data, b.status)
    assert [(c.name, c.cleared_at) for c in a.clearances] == [
        (c.name, c.cleared_at) for c in b.clearances
    ]


def test_a_cable_delete_is_one_step_with_everything_it_held(desk: Desk) -> None:
    """Ctrl+Z brings the draft back with its paragraphs, reference, clearances, tags, people
    and meeting; redo deletes it again; the bin holds it while it is deleted."""
    s = desk.services
    draft = _draft(desk)
    impact = s.cables.delete_impact(draft.id)
    assert impact.undoable
    s.cables.delete(draft.id, draft.version)
    with pytest.raises(NotFoundError):
        s.cables.get(draft.id)
    assert s.undo.undo_label == "delete the cable 'AUSTRIA: TRANSIT TALKS'"
    assert [(e.kind, e.title) for e in s.bin.list()] == [("cable", "AUSTRIA: TRANSIT TALKS")]
    s.undo.undo()
    _same_cable(s.cables.get(draft.id), draft)
    assert s.bin.list() == []
    s.undo.redo()
    with pytest.raises(NotFoundError):
        s.cables.get(draft.id)
    assert len(s.bin.list()) == 1
    assert s.cables.get(desk.earlier).status is CableStatus.DISPATCHED


def test_a_cable_comes_back_from_the_bin_after_a_new_draft_took_its_numbers(
    desk: Desk,
) -> None:
    """A new draft written after the delete takes the old one's numbers (and its paragraphs');
    the bin restores the old one under new numbers, whole, and the new one stays as it was."""
    s = desk.services
    draft = _draft(desk)
    s.cables.delete(draft.id, draft.version)
    newer = s.cables.create(_ready(subject="AUSTRIA: NEWER"), drafter="Marta Şahin")
    if desk.sqlite:
        assert newer.id == draft.id  # SQLite gives the highest number again; PostgreSQL never
    [entry] = s.bin.list()
    s.bin.restore(entry.id)
    assert s.cables.get(newer.id).data == newer.data
    back = next(r for r in s.cables.list().rows if r.uid == draft.uid)
    _same_cable(s.cables.get(back.id), replace(draft, id=back.id))
    assert s.bin.list() == []


def test_discarding_an_untouched_draft_leaves_no_step(desk: Desk) -> None:
    """A template's draft closed untouched goes without a step and without a bin entry."""
    s = desk.services
    made = s.cables.create(_ready(), drafter="Marta Şahin")
    s.cables.discard(made.id, made.version)
    assert s.undo.undo_label == ""
    assert s.bin.list() == []


def test_a_tag_delete_is_one_step_and_the_bin_puts_it_back_on_every_record(
    desk: Desk,
) -> None:
    """The tag returns on the person, the organisation, the engagement and the draft; from
    the bin too, except on a record deleted meanwhile."""
    s = desk.services
    draft = _draft(desk)
    tag = next(t for t in s.tags.vocabulary() if t.id == desk.energy)
    assert tag.uses == 4
    assert s.tags.delete_impact(tag.id).undoable
    s.tags.delete(tag.id, tag.version)
    assert s.tags.tags_of("person", desk.anna) == []
    assert s.undo.undo_label == "delete the tag 'Energy'"
    s.undo.undo()
    back = next(t for t in s.tags.vocabulary() if t.id == desk.energy)
    assert (back.name, back.uses) == ("Energy", 4)
    assert desk.energy in s.cables.get(draft.id).data.tag_ids
    s.undo.redo()
    assert [t.name for t in s.tags.vocabulary()] == ["Transit"]
    # Anna is deleted meanwhile: the tag comes back on the three records still there.
    anna = s.people.get(desk.anna)
    s.people.delete(desk.anna, anna.version)
    entry = next(e for e in s.bin.list() if e.kind == "tag")
    s.bin.restore(entry.id)
    back = next(t for t in s.tags.vocabulary() if t.name == "Energy")
    assert back.uses == 3
    assert back.id in s.cables.get(draft.id).data.tag_ids


def test_a_tag_whose_name_was_taken_meanwhile_is_refused_by_the_bin(desk: Desk) -> None:
    """A new tag of the same name: the bin says so and restores nothing."""
    s = desk.services
    tag = next(t for t in s.tags.vocabulary() if t.id == desk.transit)
    s.tags.delete(tag.id, tag.version)
    s.tags.create("Transit")
    [entry] = s.bin.list()
    with pytest.raises(ServiceError, match="another tag has the name “Transit”"):
        s.bin.restore(entry.id)
    assert len(s.bin.list()) == 1


def test_a_commitment_delete_is_one_step_and_waits_in_the_bin(desk: Desk) -> None:
    """Deleting a commitment is undone and redone; the bin restores it to its engagement,
    and refuses with a sentence once the engagement itself is gone."""
    s = desk.services
    made = s.commitments.create(
        CommitmentInput(desk.talks, "Send the transit figures", owner_person_id=desk.omar)
    )
    s.commitments.delete(made.id, made.version)
    assert s.undo.undo_label == "delete the commitment 'Send the transit figures'"
    assert [(e.kind, e.title) for e in s.bin.list()] == [("commitment", "Send the transit figures")]
    s.undo.undo()
    assert s.commitments.get(made.id).owner_person_id == desk.omar
    s.undo.redo()
    [entry] = s.bin.list()
    s.bin.restore(entry.id)
    assert [c.description for c in s.commitments.for_engagement(desk.talks)] == [
        "Send the transit figures"
    ]
    again = s.commitments.get(made.id)
    s.commitments.delete(again.id, again.version)
    engagement = s.engagements.get(desk.talks)
    s.engagements.delete(desk.talks, engagement.version)
    entry = next(e for e in s.bin.list() if e.kind == "commitment")
    with pytest.raises(ServiceError, match="the engagement it belongs to"):
        s.bin.restore(entry.id)


def test_commitments_removed_in_the_engagement_form_go_to_the_bin(desk: Desk) -> None:
    """Saving the engagement without a commitment bins that one; undoing the save brings it
    back and takes it out of the bin; the bin restores it alone, the engagement untouched."""
    s = desk.services
    keep = s.commitments.create(CommitmentInput(desk.talks, "Propose dates"))
    drop = s.commitments.create(CommitmentInput(desk.talks, "Invite the minister"))
    engagement = s.engagements.get(desk.talks)
    removal = CommitmentDraft(drop.description, id=drop.id, version=drop.version, removed=True)
    data = replace(engagement.data, commitments=(removal,), place="Vienna")
    s.engagements.update(desk.talks, data, engagement.version)
    assert [c.id for c in s.commitments.for_engagement(desk.talks)] == [keep.id]
    assert [(e.kind, e.title) for e in s.bin.list()] == [("commitment", "Invite the minister")]
    s.undo.undo()
    assert [c.id for c in s.commitments.for_engagement(desk.talks)] == [keep.id, drop.id]
    assert s.engagements.get(desk.talks).data.place == ""
    assert s.bin.list() == []
    s.undo.redo()
    [entry] = s.bin.list()
    s.bin.restore(entry.id)
    rows = s.commitments.for_engagement(desk.talks)
    assert [c.description for c in rows] == ["Propose dates", "Invite the minister"]
    assert s.engagements.get(desk.talks).data.place == "Vienna"


def test_closing_dates_and_owners_survive_the_bin(desk: Desk) -> None:
    """A closed commitment owed by a person comes back closed, owed by them."""
    s = desk.services
    made = s.commitments.create(
        CommitmentInput(desk.talks, "Share the agenda", owner_person_id=desk.anna)
    )
    closed = s.commitments.close(
        made.id, closed_on=date(2026, 11, 12), expected_version=made.version, today=NOW.date()
    )
    s.commitments.delete(closed.id, closed.version)
    [entry] = s.bin.list()
    s.bin.restore(entry.id)
    back = s.commitments.get(made.id, today=NOW.date())
    assert (back.status, back.closed_on, back.owner_person_id) == (
        closed.status,
        date(2026, 11, 12),
        desk.anna,
    )


def test_undo_after_a_new_draft_took_the_number_points_to_the_bin(desk: Desk) -> None:
    """Undo cannot bring back a cable under a number another has now; it says the bin can."""
    if not desk.sqlite:
        pytest.skip("PostgreSQL never hands a number out twice")
    s = desk.services
    draft = _draft(desk)
    s.cables.delete(draft.id, draft.version)
    s.cables.create(_ready(subject="AUSTRIA: NEWER"), drafter="Marta Şahin")
    with pytest.raises(ChangedSinceError, match="Recently deleted restores AUSTRIA: TRANSIT"):
        s.undo.undo()
    assert s.cables.get(draft.id).data.subject == "AUSTRIA: NEWER"
    assert len(s.bin.list()) == 1


def test_a_dispatched_cable_is_left_as_it_is_by_what_comes_back(desk: Desk) -> None:
    """A draft dispatched after its tag and its meeting were deleted: restoring them puts the
    tag back on the other records and leaves the dispatched cable untouched."""
    s = desk.services
    draft = _draft(desk)
    tag = next(t for t in s.tags.vocabulary() if t.id == desk.transit)
    s.tags.delete(tag.id, tag.version)
    talks = s.engagements.get(desk.talks)
    s.engagements.delete(desk.talks, talks.version)
    now = s.cables.get(draft.id)
    sent = s.cable_workflow.submit(now.id, now.version, actor="Marta Şahin", now=NOW)
    approved = s.cable_workflow.approve(sent.id, sent.version, actor="Ana", now=NOW)
    dispatched = s.cable_workflow.dispatch(approved.id, approved.version, now=NOW)
    for entry in s.bin.list():
        s.bin.restore(entry.id)
    assert s.cables.get(draft.id).data == dispatched.data
    assert [t.name for t in s.tags.vocabulary()] == ["Energy", "Transit"]
    assert s.engagements.get(desk.talks).data.title == "Transit talks"
