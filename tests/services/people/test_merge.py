"""Merging two people: field choices, every link kept, the preview, versions, FK coverage."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Column, ForeignKey, Integer, Table, func, select

from bilatdesk.domain import (
    Attachment,
    Commitment,
    ContactPoint,
    Engagement,
    Membership,
    Participant,
    Person,
    Relationship,
    RelationshipType,
)
from bilatdesk.domain.base import Base
from bilatdesk.domain.enums import Side
from bilatdesk.services.agreements.attachments import AttachmentStore
from bilatdesk.services.cables.records import CableInput
from bilatdesk.services.cables.service import CableService
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import (
    EngagementInput,
    EngagementService,
    ParticipantInput,
)
from bilatdesk.services.kernel.errors import ConflictError, NotFoundError, ValidationError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people import merge_links
from bilatdesk.services.people.merge import Biography, MergeService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.services.tags import TagService
from bilatdesk.store.database import Database


@dataclass
class World:
    keep: int
    other: int
    outsider: int
    friend: int
    shared_meeting: int
    their_meeting: int
    my_meeting: int
    cable_theirs: int
    cable_both: int
    trade: int
    culture: int
    commitment: int
    attachment: int


def _link(session, type_id: int, subject: int, obj: int) -> None:  # type: ignore[no-untyped-def]
    session.add(Relationship(type_id=type_id, subject_person_id=subject, object_person_id=obj))


def _build(db: Database, tmp_path: Path) -> World:
    """Two records of Anna Berger, linked every way a person can be, plus two bystanders."""
    people = PersonService(db)
    at = CountryService(db).create(CountryInput("AT", "Austria")).id
    mfa = OrganisationService(db).create(OrganisationInput("BMEIA", country_id=at)).id
    keep = people.create(
        PersonInput(
            given_name="Anna",
            family_name="Berger",
            country_id=at,
            emails=("anna.berger@bmeia.example",),
            biography="Old biography.",
            biography_source="Embassy notes",
            biography_as_of=date(2020, 1, 1),
            memberships=(MembershipInput("Director", mfa, date(2020, 1, 1)),),
        )
    ).id
    other = people.create(
        PersonInput(
            given_name="Anna Maria",
            family_name="Berger",
            birth_date=date(1975, 4, 15),
            emails=("Anna.Berger@BMEIA.example",),
            phones=("+43 1 53115 4411",),
            biography="New biography.",
            biography_source="Press release",
            biography_as_of=date(2025, 6, 1),
            classification="C",
            memberships=(
                MembershipInput("Director", mfa, date(2020, 1, 1), note="From her card"),
                MembershipInput("Ambassador to Jordan", mfa, date(2014, 9, 1), date(2019, 8, 31)),
            ),
        )
    ).id
    outsider = people.create(PersonInput(given_name="Omar", family_name="Khatib")).id
    friend = people.create(PersonInput(given_name="Lukas", family_name="Hofer")).id
    engagements = EngagementService(db)
    moment = datetime(2026, 3, 2, 9, tzinfo=UTC)
    shared = engagements.create(
        EngagementInput(
            "Political consultations",
            moment,
            participants=(
                ParticipantInput(keep, side=Side.THEIRS, role="Director"),
                ParticipantInput(other, side=Side.THEIRS, role="Head of delegation"),
                ParticipantInput(outsider, side=Side.OURS, role="Ambassador"),
            ),
        )
    ).id
    theirs = engagements.create(
        EngagementInput("Courtesy call", moment, participants=(ParticipantInput(other),))
    ).id
    mine = engagements.create(
        EngagementInput("Working lunch", moment, participants=(ParticipantInput(keep),))
    ).id
    cables = CableService(db)
    cable_theirs = cables.create(
        CableInput(subject="AUSTRIA: ONE", person_ids=(other,)), drafter="Clerk"
    ).id
    cable_both = cables.create(
        CableInput(subject="AUSTRIA: TWO", person_ids=(keep, other, outsider)), drafter="Clerk"
    ).id
    tags = TagService(db)
    trade = tags.create("trade").id
    culture = tags.create("culture").id
    tags.set_tags("person", keep, [trade])
    tags.set_tags("person", other, [trade, culture])
    note = tmp_path / "card.txt"
    note.write_text("business card", encoding="utf-8")
    attachment = AttachmentStore(db).add("person", other, note).id
    with db.session() as session:
        adviser = RelationshipType(
            name="adviser", forward_label="adviser to", reverse_label="advised by"
        )
        session.add(adviser)
        session.flush()
        _link(session, adviser.id, other, friend)  # moves
        _link(session, adviser.id, keep, outsider)  # kept
        _link(session, adviser.id, other, outsider)  # identical once merged: dropped
        _link(session, adviser.id, keep, other)  # between the two: dropped
        commitment = Commitment(
            engagement_id=theirs, description="Send the draft MoU", owner_person_id=other
        )
        commitment.refresh_derived("Anna Maria Berger")
        session.add(commitment)
        session.flush()
        commitment_id = commitment.id
    return World(
        keep,
        other,
        outsider,
        friend,
        shared,
        theirs,
        mine,
        cable_theirs,
        cable_both,
        trade,
        culture,
        commitment_id,
        attachment,
    )


def _versions(db: Database, world: World) -> tuple[int, int]:
    people = PersonService(db)
    return people.get(world.keep).version, people.get(world.other).version


def test_compare_proposes_non_empty_newer_and_higher(database: Database, tmp_path: Path) -> None:
    """Proposed: the non-empty value, the newer biography, the higher classification."""
    world = _build(database, tmp_path)
    comparison = MergeService(database).compare(world.keep, world.other)
    proposed = comparison.proposed_choices()
    assert proposed["given_name"] == "keep"  # both given: the kept record's
    assert proposed["birth_date"] == "other"  # only the other has one
    assert proposed["country"] == "keep"
    assert proposed["biography"] == "other"  # as of 2025 beats 2020
    assert proposed["classification"] == "other"  # CONFIDENTIAL beats UNCLASSIFIED
    assert comparison.field("classification").fixed
    family = comparison.field("family_name")
    assert family.same and family.keep == "Berger"
    assert comparison.field("country").keep == "Austria"
    assert comparison.field("country").other is None
    assert comparison.field("biography").other == Biography(
        "New biography.", "Press release", date(2025, 6, 1)
    )
    assert comparison.field("photo").keep is False
    assert (comparison.keep_name, comparison.other_name) == ("Anna Berger", "Anna Maria Berger")


def test_preview_names_everything_that_moves(database: Database, tmp_path: Path) -> None:
    """The preview lists every kind of link in plain sentences, and changes nothing."""
    world = _build(database, tmp_path)
    merge = MergeService(database)
    before = _versions(database, world)
    preview = merge.preview(world.keep, world.other, {"given_name": "other"})
    assert preview.name == "Anna Maria Berger"
    assert preview.deleted_name == "Anna Maria Berger"
    assert preview.sentences == (
        "Anna Maria Berger takes from the other record: given name, date of birth, birthday, "
        "biography, classification",
        "1 post held moves to Anna Maria Berger (1 identical one is dropped)",
        "2 participations in engagements move to Anna Maria Berger (in 1 engagement both took "
        "part: one entry stays, the roles joined)",
        "1 tag is added to Anna Maria Berger (1 both carried already)",
        "2 cables mentioning them now mention Anna Maria Berger (1 mentioned both)",
        "1 relationship moves to Anna Maria Berger (1 identical one is dropped); "
        "1 relationship between the two is dropped",
        "1 commitment they owe now falls to Anna Maria Berger",
        "1 contact detail (e-mail, phone, address) is added to Anna Maria Berger "
        "(1 duplicate dropped)",
        "1 attached file moves to Anna Maria Berger",
        "The record of Anna Maria Berger is deleted",
    )
    values = {f.key: f.value for f in preview.fields}
    assert values["birthday"] == 415  # follows the date of birth taken
    assert values["classification"] == "C"
    assert _versions(database, world) == before


def test_merge_keeps_every_link(database: Database, tmp_path: Path) -> None:
    """After the merge every membership, participation, tag, tie, commitment, cable link,
    contact and file of both belongs to the kept person, and the other record is gone."""
    world = _build(database, tmp_path)
    keep_version, other_version = _versions(database, world)
    merged = MergeService(database).merge(
        world.keep, world.other, {"given_name": "other"}, keep_version, other_version
    )
    assert merged == world.keep
    people = PersonService(database)
    with pytest.raises(NotFoundError):
        people.get(world.other)
    detail = people.get(world.keep)
    assert detail.version > keep_version
    assert detail.display_name == "Anna Maria Berger"
    assert detail.data.birth_date == date(1975, 4, 15)
    assert detail.data.biography == "New biography."
    assert detail.data.biography_source == "Press release"
    assert detail.data.classification == "C"
    assert detail.data.country_id is not None  # kept from the kept record
    assert detail.data.emails == ("anna.berger@bmeia.example",)
    assert detail.data.phones == ("+43 1 531154411",)  # stored E.164, shown international
    assert sorted(m.post_title for m in detail.memberships) == ["Ambassador to Jordan", "Director"]
    assert {t.name for t in TagService(database).tags_of("person", world.keep)} == {
        "trade",
        "culture",
    }
    with database.read() as session:
        director = session.scalars(
            select(Membership).where(
                Membership.person_id == world.keep, Membership.end_date.is_(None)
            )
        ).one()
        assert director.note == "From her card"
        rows = session.execute(
            select(Participant.engagement_id, Participant.role).where(
                Participant.person_id == world.keep
            )
        ).all()
        assert sorted(rows) == sorted(
            [
                (world.shared_meeting, "Director; Head of delegation"),
                (world.their_meeting, ""),
                (world.my_meeting, ""),
            ]
        )
        ties = session.execute(
            select(Relationship.subject_person_id, Relationship.object_person_id)
        ).all()
        assert sorted(ties) == sorted([(world.keep, world.friend), (world.keep, world.outsider)])
        commitment = session.get(Commitment, world.commitment)
        assert commitment is not None and commitment.owner_person_id == world.keep
        assert "anna maria berger" in commitment.search_text
        attachment = session.get(Attachment, world.attachment)
        assert attachment is not None and attachment.owner_id == world.keep
        assert attachment.version == 2
        birthday = session.scalar(select(Person.birthday).where(Person.id == world.keep))
        assert birthday == 415
        assert session.scalar(select(func.count()).select_from(ContactPoint)) == 2
        bumped = session.scalars(
            select(Engagement.version).where(
                Engagement.id.in_((world.shared_meeting, world.their_meeting))
            )
        ).all()
        assert all(version >= 2 for version in bumped)
    cables = CableService(database)
    assert cables.get(world.cable_theirs).data.person_ids == (world.keep,)
    assert sorted(cables.get(world.cable_both).data.person_ids) == sorted(
        (world.keep, world.outsider)
    )
    # The meeting only the other attended is found by the merged name.
    found = EngagementService(database).list(ListQuery(text="Anna Maria"))
    assert {row.id for row in found.rows} == {
        world.shared_meeting,
        world.their_meeting,
        world.my_meeting,
    }


def test_merge_takes_the_photo_and_protocol_fields(database: Database) -> None:
    """A photo and protocol fields chosen from the other record arrive on the kept one."""
    people = PersonService(database)
    keep = people.create(PersonInput(given_name="Rana", family_name="Abbadi")).id
    other = people.create(PersonInput(given_name="Rana", family_name="Al-Abbadi")).id
    with database.session() as session:
        record = session.get(Person, other)
        assert record is not None
        record.photo, record.photo_type = b"\xff\xd8jpeg", "image/jpeg"
        record.salutation = "Your Excellency"
        record.rank = "Ambassador"
    merge = MergeService(database)
    comparison = merge.compare(keep, other)
    assert comparison.field("photo").proposed == "other"
    assert comparison.field("salutation").proposed == "other"
    choices = {**comparison.proposed_choices(), "family_name": "other"}
    merge.merge(keep, other, choices, comparison.keep_version, comparison.other_version)
    with database.read() as session:
        merged = session.get(Person, keep)
        assert merged is not None
        assert (merged.photo, merged.photo_type) == (b"\xff\xd8jpeg", "image/jpeg")
        assert (merged.salutation, merged.rank, merged.family_name) == (
            "Your Excellency",
            "Ambassador",
            "Al-Abbadi",
        )
        assert "al abbadi" in merged.search_text or "al-abbadi" in merged.search_text


def test_versions_are_checked_and_nothing_changes_on_conflict(
    database: Database, tmp_path: Path
) -> None:
    """A change to either record since the preview refuses the merge whole."""
    world = _build(database, tmp_path)
    keep_version, other_version = _versions(database, world)
    merge = MergeService(database)
    with pytest.raises(ConflictError):
        merge.merge(world.keep, world.other, {}, keep_version - 1, other_version)
    with pytest.raises(ConflictError):
        merge.merge(world.keep, world.other, {}, keep_version, other_version + 1)
    assert PersonService(database).get(world.other).version == other_version
    assert len(TagService(database).tags_of("person", world.other)) == 2
    merge.merge(world.keep, world.other, {}, keep_version, other_version)
    with pytest.raises(NotFoundError):
        merge.merge(world.keep, world.other, {}, keep_version + 1, other_version)


def test_refusals(database: Database) -> None:
    """Merging someone with themself, lowering the classification, unknown fields, no name."""
    people = PersonService(database)
    keep = people.create(PersonInput(family_name="Berger", classification="S")).id
    other = people.create(PersonInput(given_name="Anna")).id
    merge = MergeService(database)
    with pytest.raises(ValidationError, match="themself"):
        merge.preview(keep, keep, {})
    with pytest.raises(ValidationError, match="themself"):
        merge.merge(keep, keep, {}, 1, 1)
    with pytest.raises(ValidationError, match="higher classification"):
        merge.preview(keep, other, {"classification": "other"})
    with pytest.raises(ValidationError, match="nickname"):
        merge.preview(keep, other, {"nickname": "other"})
    with pytest.raises(ValidationError, match="no name"):
        merge.preview(keep, other, {"given_name": "keep", "family_name": "other"})
    merge.merge(keep, other, {"given_name": "other"}, 1, 1)
    assert people.get(keep).display_name == "Anna Berger"
    assert people.get(keep).data.classification == "S"


@pytest.mark.parametrize(
    ("given", "family", "original"),
    [
        ("Γιώργος", "Παπαδόπουλος", "Γιώργος Παπαδόπουλος"),
        ("ليلى", "الحسن", "ليلى الحسن"),
        ("立新", "王", "王立新"),
    ],
)
def test_names_in_other_scripts_survive_in_nfc(
    database: Database, given: str, family: str, original: str
) -> None:
    """Greek, Arabic and Chinese names taken from either record arrive unchanged, in NFC."""
    people = PersonService(database)
    keep = people.create(PersonInput(name_original=unicodedata.normalize("NFD", original))).id
    other = people.create(PersonInput(given_name=given, family_name=family)).id
    merge = MergeService(database)
    comparison = merge.compare(keep, other)
    assert comparison.proposed_choices()["given_name"] == "other"
    merge.merge(keep, other, {}, comparison.keep_version, comparison.other_version)
    data = people.get(keep).data
    assert (data.given_name, data.family_name, data.name_original) == (
        unicodedata.normalize("NFC", given),
        unicodedata.normalize("NFC", family),
        unicodedata.normalize("NFC", original),
    )
    assert unicodedata.is_normalized("NFC", data.name_original)


def test_every_foreign_key_to_person_is_handled() -> None:
    """A table that points at person and that merge does not know makes this fail."""
    assert merge_links.unhandled() == set()
    assert {
        "contact_point.person_id",
        "membership.person_id",
        "participant.person_id",
        "person_tag.person_id",
        "cable_person.person_id",
        "relationship.subject_person_id",
        "relationship.object_person_id",
        "commitment.owner_person_id",
    } <= merge_links.person_references()
    probe = Table(
        "probe_link",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("person_id", ForeignKey("person.id")),
    )
    try:
        assert merge_links.unhandled() == {"probe_link.person_id"}
    finally:
        Base.metadata.remove(probe)
    assert merge_links.unhandled() == set()
