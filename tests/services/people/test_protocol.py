"""People, issue 3: protocol block, head-of-mission memberships, birthday, tags, photo, impact."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from bilatdesk.domain import (
    Commitment,
    Engagement,
    Gender,
    MissionClass,
    Person,
    RelationshipScope,
)
from bilatdesk.services.kernel.errors import ConflictError, NotFoundError, ValidationError
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.relationships import RelationshipInput, RelationshipService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.services.tags import TagService
from bilatdesk.store.database import Database

TODAY = date.today()
EXCELLENCY_CLOSE = "Please accept, Excellency, the assurances of my highest consideration."


def _image(kind: str, size: tuple[int, int] = (800, 1000), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(out, kind)
    return out.getvalue()


def _ambassador(credentials: date | None, mission_class: MissionClass) -> PersonInput:
    return PersonInput(
        given_name="Lixin",
        family_name="Wang",
        name_original="王立新",
        gender=Gender.MALE,
        languages="zh, en",
        memberships=(
            MembershipInput(
                "Ambassador Extraordinary and Plenipotentiary",
                None,
                TODAY - timedelta(days=60),
                mission_class=mission_class,
                credentials_on=credentials,
            ),
        ),
    )


def test_protocol_fields_round_trip(database: Database) -> None:
    """Every protocol field saved is read back as given, in NFC, and wins over the default."""
    people = PersonService(database)
    data = PersonInput(
        given_name="Theresia",
        family_name="Schönbäck-Größl",
        honorific="Dr",
        rank="Counsellor",
        addressee_line="Frau Abgeordnete\nDr. Theresia Schönbäck-Größl",
        salutation="Sehr geehrte Frau Abgeordnete,",
        complimentary_close="Mit freundlichen Grüßen",
        form_of_address="Frau Abgeordnete",
        correspondence_language="de",
    )
    created = people.create(data)
    loaded = people.get(created.id)
    assert loaded.data == created.data
    assert loaded.data.addressee_line == "Frau Abgeordnete\nDr. Theresia Schönbäck-Größl"
    assert loaded.protocol.salutation == "Sehr geehrte Frau Abgeordnete,"
    assert loaded.protocol.rank == "Counsellor"
    assert loaded.proposed.salutation == "Dear Dr Schönbäck-Größl,"


def test_empty_protocol_fields_use_the_proposal(database: Database) -> None:
    """Nothing stored: the effective block is the proposal, the stored fields stay empty."""
    people = PersonService(database)
    created = people.create(
        PersonInput(
            given_name="Maria",
            family_name="Nikolaou",
            gender=Gender.FEMALE,
            languages="el, en",
            memberships=(MembershipInput("Minister of Culture", None, TODAY - timedelta(days=9)),),
        )
    )
    assert created.data.salutation == ""
    assert created.protocol == created.proposed
    assert created.protocol.salutation == "Dear Minister,"
    assert created.protocol.addressee_line == "Minister of Culture\nMs Maria Nikolaou"
    assert created.protocol.correspondence_language == "el"


def test_accredited_ambassador_is_excellency(database: Database) -> None:
    """Class ambassador and credentials presented by today: His Excellency in the proposal."""
    people = PersonService(database)
    created = people.create(_ambassador(TODAY - timedelta(days=30), MissionClass.AMBASSADOR))
    assert created.proposed.honorific == "H.E."
    assert created.protocol.salutation == "Excellency,"
    assert created.protocol.complimentary_close == EXCELLENCY_CLOSE
    # A Chinese citizen's name is family first (inferred from the country when created).
    assert created.protocol.addressee_line.startswith("His Excellency Mr Wang Lixin")
    view = created.memberships[0]
    assert view.mission_class is MissionClass.AMBASSADOR
    assert view.credentials_on == TODAY - timedelta(days=30)


@pytest.mark.parametrize(
    ("credentials", "mission_class"),
    [
        (None, MissionClass.AMBASSADOR),  # named, credentials not yet presented
        (TODAY + timedelta(days=3), MissionClass.AMBASSADOR),  # presenting them next week
        (TODAY - timedelta(days=3), MissionClass.CHARGE_D_AFFAIRES),  # not an ambassador
    ],
)
def test_not_accredited_is_not_excellency(
    database: Database, credentials: date | None, mission_class: MissionClass
) -> None:
    """Without credentials presented, or of another class, nobody is proposed Excellency."""
    created = PersonService(database).create(_ambassador(credentials, mission_class))
    assert "Excellency" not in created.protocol.salutation
    assert created.proposed.salutation == "Dear Mr Wang,"


def test_ended_ambassadorship_is_not_excellency(database: Database) -> None:
    """A former ambassador (membership ended) is written to by name again."""
    data = _ambassador(TODAY - timedelta(days=40), MissionClass.AMBASSADOR)
    ended = replace(data.memberships[0], end_date=TODAY - timedelta(days=1))
    created = PersonService(database).create(replace(data, memberships=(ended,)))
    assert created.proposed.salutation == "Dear Mr Wang,"


def test_credentials_need_a_class_and_follow_the_start(database: Database) -> None:
    """Credentials without a class, or before the post began, are refused with a sentence."""
    people = PersonService(database)
    start = TODAY - timedelta(days=10)
    for membership, words in (
        (MembershipInput("Ambassador", None, start, credentials_on=start), "no head-of-mission"),
        (
            MembershipInput(
                "Ambassador",
                None,
                start,
                mission_class=MissionClass.AMBASSADOR,
                credentials_on=start - timedelta(days=1),
            ),
            "before the post was taken up",
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            people.create(PersonInput(family_name="Envoy", memberships=(membership,)))
        assert words in refused.value.errors["memberships"]
    with database.read() as session:
        assert session.scalar(select(Person.id)) is None


def test_membership_view_carries_ids_and_details(database: Database) -> None:
    """Each post held shows its id, post, organisation, class, credentials and note."""
    org = OrganisationService(database).create(OrganisationInput("Embassy of Veloria")).id
    created = PersonService(database).create(
        PersonInput(
            family_name="Kovač",
            memberships=(
                MembershipInput(
                    "Ambassador",
                    org,
                    date(2024, 1, 1),
                    note="Also accredited to Slovakia",
                    mission_class=MissionClass.AMBASSADOR,
                    credentials_on=date(2024, 2, 1),
                ),
            ),
        )
    )
    view = created.memberships[0]
    assert view.id > 0 and view.post_id > 0
    assert view.organisation_id == org and view.organisation == "Embassy of Veloria"
    assert view.note == "Also accredited to Slovakia"
    assert created.data.memberships[0].id == view.id


def test_editing_keeps_membership_rows_by_id(database: Database) -> None:
    """Posts sent back with their ids keep their rows, even in another order."""
    people = PersonService(database)
    created = people.create(
        PersonInput(
            family_name="Moved",
            memberships=(
                MembershipInput("Director", None, date(2020, 1, 1), date(2022, 1, 1)),
                MembershipInput("Ambassador", None, date(2022, 1, 2)),
            ),
        )
    )
    ids = {m.post_title: m.id for m in created.memberships}
    reordered = tuple(reversed(created.data.memberships))
    updated = people.update(created.id, replace(created.data, memberships=reordered), 1)
    assert {m.post_title: m.id for m in updated.memberships} == ids


@pytest.mark.parametrize(
    ("mmdd", "ok"),
    [
        (415, True),
        (229, True),
        (1231, True),
        (101, True),
        (230, False),
        (1301, False),
        (0, False),
        (1200, False),
        (431, False),
        (-415, False),
    ],
)
def test_birthday_must_be_a_real_day(database: Database, mmdd: int, ok: bool) -> None:
    """MMDD birthdays: 29 February is allowed; 30 February, month 13 and day 0 are refused."""
    people = PersonService(database)
    if ok:
        created = people.create(PersonInput(family_name="Card", birthday=mmdd))
        assert created.birthday == mmdd
        assert people.get(created.id).data.birthday == mmdd
    else:
        with pytest.raises(ValidationError) as refused:
            people.create(PersonInput(family_name="Card", birthday=mmdd))
        assert "MMDD" in refused.value.errors["birthday"]


def test_date_of_birth_wins_over_birthday(database: Database) -> None:
    """With a date of birth the birthday is derived from it; clearing it keeps nothing stale."""
    people = PersonService(database)
    created = people.create(
        PersonInput(family_name="Dated", birth_date=date(1970, 2, 28), birthday=1225)
    )
    assert created.birthday == 228
    assert created.data.birthday is None
    cleared = people.update(created.id, replace(created.data, birth_date=None), created.version)
    assert cleared.birthday is None


def test_tags_are_set_read_and_replaced(database: Database) -> None:
    """tag_ids on save set the tags; the detail lists them by name; a new list replaces them."""
    tags = TagService(database)
    energy, trade, culture = (tags.create(n).id for n in ("Energy", "Trade", "Culture"))
    people = PersonService(database)
    created = people.create(PersonInput(family_name="Tagged", tag_ids=(trade, energy, trade)))
    assert [t.name for t in created.tags] == ["Energy", "Trade"]
    assert set(created.data.tag_ids) == {energy, trade}
    updated = people.update(created.id, replace(created.data, tag_ids=(culture,)), 1)
    assert [t.name for t in updated.tags] == ["Culture"]
    kept = people.update(created.id, replace(updated.data, given_name="Ann"), updated.version)
    assert [t.name for t in kept.tags] == ["Culture"]


def test_a_vanished_tag_refuses_the_save(database: Database) -> None:
    """Saving with a tag deleted meanwhile fails whole: the person is not created."""
    people = PersonService(database)
    with pytest.raises(NotFoundError):
        people.create(PersonInput(family_name="Ghost", tag_ids=(987,)))
    with database.read() as session:
        assert session.scalar(select(Person.id)) is None


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_photo_set_read_and_cleared(database: Database, kind: str) -> None:
    """A JPEG or PNG is stored scaled as JPEG; each change returns the record's new version."""
    people = PersonService(database)
    created = people.create(PersonInput(family_name="Portrait"))
    assert people.photo(created.id) is None and not created.has_photo
    mode = "RGBA" if kind == "PNG" else "RGB"
    version = people.set_photo(created.id, _image(kind, mode=mode), created.version)
    assert version == created.version + 1
    stored = people.photo(created.id)
    assert stored is not None
    data, media_type = stored
    assert media_type == "image/jpeg"
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and max(image.size) <= 600
    detail = people.get(created.id)
    assert detail.has_photo and detail.version == version
    cleared = people.clear_photo(created.id, version)
    assert cleared == version + 1
    assert people.photo(created.id) is None
    assert not people.get(created.id).has_photo


def test_photo_with_a_stale_version_is_refused(database: Database) -> None:
    """Someone saved meanwhile: the photo is refused as a conflict and nothing changes."""
    people = PersonService(database)
    created = people.create(PersonInput(family_name="Portrait"))
    people.update(created.id, replace(created.data, given_name="Eva"), created.version)
    with pytest.raises(ConflictError):
        people.set_photo(created.id, _image("JPEG"), created.version)
    with pytest.raises(ConflictError):
        people.clear_photo(created.id, created.version)
    assert people.photo(created.id) is None


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff" * (20 * 1024 * 1024 + 1), "MB"),
        (b"GIF89a not really an image", "could not be read"),
        (_image("JPEG")[:200], "could not be read"),
        (b"", "empty"),
    ],
    ids=["20 MB", "not an image", "truncated JPEG", "empty"],
)
def test_bad_photos_are_refused(database: Database, data: bytes, words: str) -> None:
    """Too large, broken or empty: a sentence at the photo field; the old photo is kept."""
    people = PersonService(database)
    created = people.create(PersonInput(family_name="Portrait"))
    version = people.set_photo(created.id, _image("PNG"), created.version)
    before = people.photo(created.id)
    with pytest.raises(ValidationError) as refused:
        people.set_photo(created.id, data, version)
    assert words in refused.value.errors["photo"]
    assert people.photo(created.id) == before
    assert people.get(created.id).version == version


def test_photo_of_a_missing_person(database: Database) -> None:
    """Asking for the photo of a deleted person says so."""
    with pytest.raises(NotFoundError):
        PersonService(database).photo(4242)


def test_delete_impact_names_relationships_and_commitments(database: Database) -> None:
    """Deleting a person names the ties that go and the commitments left without an owner."""
    people = PersonService(database)
    ana = people.create(PersonInput(given_name="Ana", family_name="Kovač")).id
    tomas = people.create(PersonInput(given_name="Tomás", family_name="Ó Briain")).id
    ties = RelationshipService(database)
    deputy = next(t for t in ties.types(RelationshipScope.PEOPLE) if t.name == "deputy")
    ties.create(RelationshipInput(deputy.id, tomas, ana))
    with database.session() as session:
        meeting = Engagement(title="Talks", starts_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
        session.add(meeting)
        session.flush()
        session.add_all(
            Commitment(engagement_id=meeting.id, description=f"Send note {i}", owner_person_id=ana)
            for i in range(2)
        )
    impact = people.delete_impact(ana)
    text = " ".join(impact.consequences)
    assert "1 relationships" in text
    assert "2 commitments" in text and "without an owner" in text
    people.delete(ana, people.get(ana).version)
    assert ties.for_person(tomas) == []
    with database.read() as session:
        owners = session.scalars(select(Commitment.owner_person_id)).all()
        assert owners == [None, None]


HOSTILE = [
    "=cmd|' /C calc'!A0",
    "../../x",
    "עברית — right to left",
    "<script>alert(1)</script>",
    "Ελένη Παπαδοπούλου",
    "ليلى الحسن",
    "王立新",
    "Ивановна",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_protocol_fields_is_kept_literally(database: Database, text: str) -> None:
    """Formulas, paths, markup and every script are stored and read back unchanged (NFC)."""
    people = PersonService(database)
    created = people.create(
        PersonInput(
            family_name=text,
            salutation=text,
            addressee_line=f"{text}\n{text}",
            complimentary_close=text,
            form_of_address=text,
        )
    )
    loaded = people.get(created.id)
    nfc = unicodedata.normalize("NFC", text)
    assert loaded.data.salutation == nfc
    assert loaded.protocol.addressee_line == f"{nfc}\n{nfc}"
    assert loaded.display_name == nfc


def test_decomposed_names_are_stored_in_nfc(database: Database) -> None:
    """A name typed decomposed (e + combining acute) is kept composed, and proposes in NFC."""
    decomposed = "Rene\u0301e"
    created = PersonService(database).create(
        PersonInput(given_name=decomposed, family_name="Dupont")
    )
    assert created.data.given_name == "Renée"
    assert created.proposed.addressee_line == "Renée Dupont"


def test_too_long_and_control_characters_are_refused_at_their_field(database: Database) -> None:
    """10,000 characters in a salutation and a NUL in a close are refused where they are."""
    with pytest.raises(ValidationError) as refused:
        PersonService(database).create(
            PersonInput(family_name="X", salutation="Ω" * 10_000, complimentary_close="a\x00b")
        )
    assert "too long" in refused.value.errors["salutation"]
    assert "U+0000" in refused.value.errors["complimentary_close"]


def test_existing_callers_keep_working(database: Database) -> None:
    """A PersonInput made the old way (no protocol, no tags, no birthday) still saves."""
    created = PersonService(database).create(
        PersonInput(family_name="Old", memberships=(MembershipInput("Director"),))
    )
    assert created.memberships[0].mission_class is MissionClass.NONE
    assert created.tags == () and created.birthday is None
