"""Undo and redo: an edit, a delete with its links, a merge, refused when changed since."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image

from bilatdesk.domain.enums import CommitmentStatus, RelationshipScope
from bilatdesk.domain.errors import ServiceError
from bilatdesk.services.catalog import Services
from bilatdesk.services.engagements.commitments import CommitmentClosing, CommitmentInput
from bilatdesk.services.engagements.service import EngagementInput, ParticipantInput
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.services.people.photos import PhotoChange
from bilatdesk.services.people.relationships import TieDraft
from bilatdesk.services.people.service import MembershipInput, PersonInput
from bilatdesk.services.undo.service import ChangedSinceError
from bilatdesk.store.database import Database


def _person(services: Services, family: str = "Kovačević") -> int:
    """A person with a post in an organisation, a tag and a place at an engagement."""
    ministry = services.organisations.create(OrganisationInput(name=f"Ministry of {family}"))
    tag = services.tags.create(f"culture {family}")
    person = services.people.create(
        PersonInput(
            given_name="Ana",
            family_name=family,
            emails=("ana@example.org",),
            memberships=(
                MembershipInput("Director", ministry.id, date.today() - timedelta(days=5)),
            ),
            tag_ids=(tag.id,),
        )
    )
    services.engagements.create(
        EngagementInput(
            title="Courtesy call",
            starts_at=datetime(2026, 3, 1, 10, tzinfo=UTC),
            participants=(ParticipantInput(person_id=person.id),),
        )
    )
    return person.id


def test_undo_of_an_edit_restores_the_old_values(database: Database) -> None:
    """Undo puts the fields back; redo puts the edit back again."""
    services = Services(database)
    person_id = _person(services)
    before = services.people.get(person_id)
    services.people.update(
        person_id, replace(before.data, family_name="Horvat", emails=()), before.version
    )
    assert services.undo.undo_label == "edit Ana Horvat"
    outcome = services.undo.undo()
    assert outcome.label == "edit Ana Horvat"
    undone = services.people.get(person_id)
    assert undone.data.family_name == "Kovačević"
    assert undone.data.emails == ("ana@example.org",)
    assert undone.version > before.version  # an open copy of the edited record is now stale
    assert services.undo.redo_label == "edit Ana Horvat"
    services.undo.redo()
    assert services.people.get(person_id).data.family_name == "Horvat"
    assert services.undo.undo_label == "edit Ana Horvat"
    assert services.undo.redo_label == ""


def test_undo_of_a_delete_restores_the_record_with_its_links(database: Database) -> None:
    """The person comes back with their post, tag, contact and place at the engagement."""
    services = Services(database)
    person_id = _person(services)
    shown = services.people.get(person_id)
    services.people.delete(person_id, shown.version)
    with pytest.raises(NotFoundError):
        services.people.get(person_id)
    assert services.undo.undo_label == "delete Ana Kovačević"
    assert [entry.title for entry in services.bin.list()] == ["Ana Kovačević"]
    services.undo.undo()
    back = services.people.get(person_id)
    assert back.uid == shown.uid
    assert back.data.emails == ("ana@example.org",)
    assert back.data.tag_ids == shown.data.tag_ids
    assert back.data.memberships == shown.data.memberships
    engagement = services.engagements.list().rows[0]
    assert [p.person_id for p in services.engagements.get(engagement.id).participants] == [
        person_id
    ]
    assert services.bin.list() == []  # back, so no longer in the bin
    services.undo.redo()
    with pytest.raises(NotFoundError):
        services.people.get(person_id)
    assert len(services.bin.list()) == 1


def test_a_record_changed_since_refuses_undo_with_a_sentence(database: Database) -> None:
    """An edit after the step (here or elsewhere) makes the step refuse, and it is dropped."""
    services = Services(database)
    person_id = _person(services)
    first = services.people.get(person_id)
    services.people.update(person_id, replace(first.data, family_name="Horvat"), first.version)
    # Someone else edits the record: another catalogue over the same database.
    other = Services(database)
    second = other.people.get(person_id)
    other.people.update(person_id, replace(second.data, given_name="Anna"), second.version)
    with pytest.raises(ChangedSinceError, match="was changed after it"):
        services.undo.undo()
    assert services.people.get(person_id).data.given_name == "Anna"
    assert services.undo.undo_label == ""


def test_nothing_to_undo_says_so(database: Database) -> None:
    """With no step done, undo and redo refuse with a sentence."""
    services = Services(database)
    with pytest.raises(ServiceError, match="nothing to undo"):
        services.undo.undo()
    with pytest.raises(ServiceError, match="nothing to redo"):
        services.undo.redo()


def test_commitment_close_and_reopen_are_steps(database: Database) -> None:
    """Closing a commitment is undone to open, and redone to closed."""
    services = Services(database)
    engagement = services.engagements.create(
        EngagementInput(title="Talks", starts_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    )
    made = services.commitments.create(CommitmentInput(engagement.id, "Send the draft"))
    services.commitments.close(
        made.id, closed_on=date(2026, 1, 20), expected_version=made.version, today=date(2026, 2, 1)
    )
    assert services.undo.undo_label == "close the commitment 'Send the draft'"
    services.undo.undo()
    assert services.commitments.get(made.id).status is CommitmentStatus.OPEN
    services.undo.redo()
    assert services.commitments.get(made.id).status is CommitmentStatus.DONE


def test_undo_of_a_merge_brings_both_back(database: Database) -> None:
    """The merged-away person returns with their own links, the kept one as before."""
    services = Services(database)
    keep_id = _person(services)
    other_id = _person(services, "Petrović")
    keep, other = services.people.get(keep_id), services.people.get(other_id)
    preview = services.merge.preview(keep_id, other_id)
    services.merge.merge(keep_id, other_id, {}, preview.keep_version, preview.other_version)
    with pytest.raises(NotFoundError):
        services.people.get(other_id)
    services.undo.undo()
    assert services.people.get(other_id).data.family_name == other.data.family_name
    assert services.people.get(keep_id).data == keep.data
    rows = services.engagements.list().rows
    people_at = sorted(
        p.person_id for row in rows for p in services.engagements.get(row.id).participants
    )
    assert people_at == sorted([keep_id, other_id])


def test_a_form_save_with_its_parts_is_one_step_in_the_trail_and_the_history(
    database: Database,
) -> None:
    """A person's Save with a photo, a new tie and a closed commitment is one undo step,
    undone and redone whole, and each record's change is in the audit trail."""
    services = Services(database)
    person_id = _person(services)
    other = services.people.create(PersonInput(given_name="Omar", family_name="Haddad")).id
    engagement = services.engagements.create(
        EngagementInput(title="Talks", starts_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    )
    owed = services.commitments.create(CommitmentInput(engagement.id, "Send the draft"))
    adviser = next(
        t.id for t in services.relationships.types(RelationshipScope.PEOPLE) if t.name == "adviser"
    )
    before = services.people.get(person_id)
    audited = len(services.audit.entries())
    image = io.BytesIO()
    Image.new("RGB", (300, 400), "navy").save(image, "PNG")
    services.people.update(
        person_id,
        replace(before.data, family_name="Horvat"),
        before.version,
        photo=PhotoChange(image.getvalue()),
        ties=(TieDraft(adviser, other),),
        closings=(CommitmentClosing(owed.id, owed.version, date(2026, 1, 20)),),
    )
    assert services.undo.undo_label == "edit Ana Horvat"
    kinds = {(e.record_kind, e.record_id) for e in services.audit.entries()[audited:]}
    assert {("person", person_id), ("commitment", owed.id)} <= kinds
    assert any(kind == "relationship" for kind, _id in kinds)
    services.undo.undo()
    assert services.people.get(person_id).data.family_name == "Kovačević"
    assert services.people.photo(person_id) is None
    assert services.relationships.for_person(person_id) == []
    assert services.commitments.get(owed.id).status is CommitmentStatus.OPEN
    assert services.undo.undo_label != "edit Ana Horvat"
    services.undo.redo()
    assert services.people.photo(person_id) is not None
    assert [v.other_id for v in services.relationships.for_person(person_id)] == [other]
    assert services.commitments.get(owed.id).status is CommitmentStatus.DONE
