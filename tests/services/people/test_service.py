"""People: create, edit, delete, list; memberships; validation; hostile text; conflicts."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image

from bilatdesk.domain.enums import CommitmentStatus
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.commitments import CommitmentClosing, CommitmentInput
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.services.kernel.errors import ConflictError, NotFoundError, ValidationError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.photos import PhotoChange
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.store.database import Database

HOSTILE = [
    "<b>bold</b> <img src='/etc/passwd'> & R&D \"quoted\" 'single'",
    "emoji 🙂👍🏽 family 👨‍👩‍👧",
    "עברית ועוד — right to left",
    "ليلى الحسن",
    "王立新",
    "Robert'); DROP TABLE person;--",
    "line one\nline two\ttabbed",
]


def test_create_get_round_trip(database: Database) -> None:
    """Every field saved is read back as given (in NFC)."""
    people = PersonService(database)
    created = people.create(
        PersonInput(
            given_name="Jürgen",
            family_name="Grünwald-Österle",
            honorific="Mag.",
            name_original="",
            pronunciation="YUR-gen",
            birth_date=date(1970, 2, 28),
            languages="de, en",
            emails=("j@mfa.example",),
            phones=("+43 1 234",),
            address="Minoritenplatz 8",
            biography="Career diplomat.",
            classification="R",
        )
    )
    loaded = people.get(created.id)
    assert loaded.data == created.data
    assert loaded.data.family_name == "Grünwald-Österle"
    assert loaded.data.emails == ("j@mfa.example",)
    assert loaded.version == 1


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_saved_and_read_back_unchanged(database: Database, text: str) -> None:
    """Markup, quotes, emoji, right-to-left text survive storage unchanged."""
    people = PersonService(database)
    # A name is one line (issue 15): its line breaks are refused, the biography keeps them.
    name = " ".join(text[:300].splitlines())
    created = people.create(PersonInput(family_name=name, biography=text))
    loaded = people.get(created.id)
    assert loaded.data.family_name == unicodedata.normalize("NFC", name).strip()
    assert loaded.data.biography == unicodedata.normalize("NFC", text).strip()


def test_hundred_thousand_characters(database: Database) -> None:
    """100,000 characters fit a long field; in a name they are refused with a sentence."""
    people = PersonService(database)
    long_text = "Ω" * 100_000
    created = people.create(PersonInput(family_name="Long", biography=long_text))
    assert people.get(created.id).data.biography == long_text
    with pytest.raises(ValidationError) as refused:
        people.create(PersonInput(family_name=long_text))
    assert "too long" in refused.value.errors["family_name"]
    assert "100,000" in refused.value.errors["family_name"]


def test_nul_and_control_characters_are_refused_at_the_field(database: Database) -> None:
    """A NUL byte is refused with a message at its field; nothing is saved."""
    people = PersonService(database)
    with pytest.raises(ValidationError) as refused:
        people.create(PersonInput(family_name="Nul\x00l", given_name="Bell\x07"))
    assert set(refused.value.errors) == {"family_name", "given_name"}
    assert "U+0000" in refused.value.errors["family_name"]
    assert people.list().rows == ()


def test_nothing_is_half_saved(database: Database) -> None:
    """A valid person with one invalid membership is refused whole."""
    people = PersonService(database)
    with pytest.raises(ValidationError) as refused:
        people.create(
            PersonInput(
                family_name="Valid",
                memberships=(
                    MembershipInput("Minister", None, date(2025, 1, 1), date(2024, 1, 1)),
                ),
            )
        )
    assert "ends before it starts" in refused.value.errors["memberships"]
    assert people.list().rows == ()


def test_a_name_is_required(database: Database) -> None:
    """A person with no name at all is refused at the family-name field."""
    with pytest.raises(ValidationError) as refused:
        PersonService(database).create(PersonInput())
    assert "family_name" in refused.value.errors


def test_current_posts_are_derived_from_memberships(database: Database) -> None:
    """The list shows posts held today; ended posts are history, not current."""
    people = PersonService(database)
    country = CountryService(database).create(CountryInput("GR"))
    ministry = OrganisationService(database).create(
        OrganisationInput("Ministry of Foreign Affairs", country_id=country.id)
    )
    today = date(2026, 11, 22)
    created = people.create(
        PersonInput(
            given_name="Eleni",
            family_name="Papadopoulou",
            country_id=country.id,
            memberships=(
                MembershipInput(
                    "Secretary-General", ministry.id, date(2019, 1, 1), date(2025, 6, 30)
                ),
                MembershipInput(
                    "Minister of Foreign Affairs", ministry.id, date(2025, 7, 1), acting=True
                ),
            ),
        )
    )
    row = people.list(ListQuery(), today=today).rows[0]
    assert row.current_posts == ("Minister of Foreign Affairs (acting)",)
    detail = people.get(created.id, today=today)
    assert [(m.post_title, m.current) for m in detail.memberships] == [
        ("Secretary-General", False),
        ("Minister of Foreign Affairs", True),
    ]
    assert people.list(ListQuery(), today=date(2020, 1, 1)).rows[0].current_posts == (
        "Secretary-General",
    )


def test_two_holders_of_one_office_share_the_post(database: Database) -> None:
    """Successive ministers hold the same post record, so its history is one list."""
    people = PersonService(database)
    first = people.create(
        PersonInput(
            family_name="First",
            memberships=(MembershipInput("Minister", None, date(2020, 1, 1), date(2022, 1, 1)),),
        )
    )
    second = people.create(
        PersonInput(
            family_name="Second", memberships=(MembershipInput("Minister", None, date(2022, 1, 2)),)
        )
    )
    from sqlalchemy import text

    with database.read() as session:
        assert session.execute(text("SELECT count(*) FROM post")).scalar() == 1
    assert first.id != second.id


def test_update_bumps_version_and_stale_version_is_refused(database: Database) -> None:
    """Two clerks editing one record: the second save is refused, not silently applied."""
    people = PersonService(database)
    created = people.create(PersonInput(family_name="Petrov"))
    first = people.update(
        created.id, PersonInput(family_name="Petrov", given_name="Ivan"), created.version
    )
    assert first.version == created.version + 1
    with pytest.raises(ConflictError, match="changed by someone else"):
        people.update(created.id, PersonInput(family_name="Petrova"), created.version)
    assert people.get(created.id).data.given_name == "Ivan"


def test_delete_names_what_goes_and_then_deletes(database: Database) -> None:
    """The delete impact lists memberships; after deleting, the record is gone."""
    people = PersonService(database)
    created = people.create(
        PersonInput(
            family_name="Gone",
            memberships=(
                MembershipInput("Chief of Protocol", None, date.today() - timedelta(days=5)),
            ),
        )
    )
    impact = people.delete_impact(created.id)
    assert impact.name == "Gone"
    assert any("memberships" in note for note in impact.consequences)
    people.delete(created.id, created.version)
    with pytest.raises(NotFoundError):
        people.get(created.id)


def test_list_filters_by_country_and_sorts_in_sql(database: Database) -> None:
    """Scope narrows to one country; sorting goes by family name, descending when asked."""
    countries = CountryService(database)
    at = countries.create(CountryInput("AT"))
    bg = countries.create(CountryInput("BG"))
    people = PersonService(database)
    for family, country in (("Zeller", at.id), ("Angelov", bg.id), ("Hofer", at.id)):
        people.create(PersonInput(family_name=family, country_id=country))
    scoped = people.list(ListQuery(country_id=at.id))
    assert [r.name for r in scoped.rows] == ["Hofer", "Zeller"]
    descending = people.list(ListQuery(sort="name", descending=True))
    assert [r.name for r in descending.rows] == ["Zeller", "Hofer", "Angelov"]


def test_invalid_email_is_refused_at_its_field(database: Database) -> None:
    """An e-mail without an @ is refused at the e-mails field."""
    with pytest.raises(ValidationError) as refused:
        PersonService(database).create(PersonInput(family_name="X", emails=("not-an-address",)))
    assert "e-mail" in refused.value.errors["emails"]


def test_saving_the_form_keeps_labels_extra_addresses_and_web_pages(database: Database) -> None:
    """An import's contact labels, a second address and a web page survive an ordinary save
    (the form shows one address and no labels)."""
    from bilatdesk.domain import ContactPoint, Person

    people = PersonService(database)
    created = people.create(
        PersonInput(
            given_name="Anna",
            family_name="Berger",
            emails=("anna@example.at",),
            address="Ballhausplatz 2",
        )
    )
    with database.session() as session:
        person = session.get(Person, created.id)
        assert person is not None
        person.contact_points[0].label = "work"
        points = person.contact_points
        points.append(ContactPoint(kind="address", value="Home street 1", position=5))
        points.append(ContactPoint(kind="url", value="https://x.example", position=6))
    current = people.get(created.id)
    people.update(created.id, replace(current.data, phones=("+43 1 234",)), current.version)
    with database.read() as session:
        person = session.get(Person, created.id)
        assert person is not None
        points = [(p.kind, p.value, p.label) for p in person.contact_points]
    assert points == [
        ("email", "anna@example.at", "work"),
        ("phone", "+43 1 234", ""),
        ("address", "Ballhausplatz 2", ""),
        ("address", "Home street 1", ""),
        ("url", "https://x.example", ""),
    ]


def test_a_name_with_a_line_break_or_an_override_is_refused(database: Database) -> None:
    """A name is one line and holds no direction override: each refused at the field."""
    people = PersonService(database)
    for name, words in (("Ali\nKhan", "line break"), ("Ann\u202eaidni", "direction override")):
        with pytest.raises(ValidationError) as refused:
            people.create(PersonInput(family_name=name))
        assert words in refused.value.errors["family_name"]


def test_phones_stored_in_e164_shown_international_found_by_any_digits(
    database: Database,
) -> None:
    """A national number is read in the person's country; the form gets the international
    form back, saving that again changes nothing, and search finds it by digits as written."""
    austria = CountryService(database).create(CountryInput("AT"))
    people = PersonService(database)
    created = people.create(
        PersonInput(
            given_name="Anna",
            family_name="Berger",
            country_id=austria.id,
            phones=("01 531 15-0", "+43 1 555 0101", "0101"),
        )
    )
    assert created.data.phones == ("+43 1 53115 ext. 0", "+43 1 5550101", "0101")
    again = people.update(created.id, created.data, created.version)
    assert again.data.phones == created.data.phones
    for query in ("0101", "5550101", "01 531 15", "531150", "+43 1 555"):
        found = people.list(ListQuery(text=query)).rows
        assert [row.id for row in found] == [created.id], query


# -- the form's Save with its parts ------------------------------------------------------------
def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 1200), (20, 40, 160)).save(out, "PNG")
    return out.getvalue()


def test_a_photo_is_saved_and_removed_with_the_fields(database: Database) -> None:
    """The photo checked when chosen is stored as it is; a raw one is scaled on saving; None
    removes it; each in the Save of the fields, moving the version once."""
    people = PersonService(database)
    created = people.create(PersonInput(family_name="Lind"), photo=PhotoChange(_png()))
    stored = people.photo(created.id)
    assert created.has_photo and stored is not None and stored[1] == "image/jpeg"
    with Image.open(io.BytesIO(stored[0])) as image:
        assert max(image.size) <= 600
    checked = people.check_photo(_png())
    updated = people.update(
        created.id,
        replace(created.data, given_name="Eva"),
        created.version,
        photo=PhotoChange(checked),
    )
    assert updated.version == created.version + 1
    assert people.photo(created.id) == (checked, "image/jpeg")
    cleared = people.update(created.id, updated.data, updated.version, photo=PhotoChange(None))
    assert not cleared.has_photo and people.photo(created.id) is None
    with pytest.raises(ValidationError) as refused:
        people.check_photo(b"GIF89a not really an image")
    assert "could not be read" in refused.value.errors["photo"]


def test_a_refused_part_writes_nothing(database: Database) -> None:
    """A field, a photo or a closing refused: the person, photo and commitments stay as they
    were, and the refusal names what is wrong."""
    services = Services(database)
    people = services.people
    person = people.create(PersonInput(given_name="Ana", family_name="Horvat"))
    engagement = services.engagements.create(
        EngagementInput(title="Talks", starts_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    )
    owed = services.commitments.create(CommitmentInput(engagement.id, "Send the draft"))
    other = services.commitments.create(CommitmentInput(engagement.id, "Invite the minister"))
    closing = CommitmentClosing(owed.id, owed.version, date(2026, 1, 20))
    too_early = CommitmentClosing(other.id, other.version, date(2026, 1, 1))
    edited = replace(person.data, family_name="Horvat-Lind")
    with pytest.raises(ValidationError) as fields:
        people.update(
            person.id,
            replace(edited, family_name="", given_name=""),
            person.version,
            photo=PhotoChange(_png()),
            closings=(closing,),
        )
    assert fields.value.errors
    with pytest.raises(ValidationError) as photo:
        people.update(person.id, edited, person.version, photo=PhotoChange(b"\0" * 10))
    assert "photo" in photo.value.errors
    with pytest.raises(ValidationError) as closed:
        people.update(
            person.id,
            edited,
            person.version,
            photo=PhotoChange(_png()),
            closings=(closing, too_early),
        )
    assert closed.value.errors["commitments"].startswith(
        "The commitment 'Invite the minister': It cannot be closed on 2026-01-01"
    )
    assert people.get(person.id) == person and people.photo(person.id) is None
    assert services.commitments.get(owed.id).status is CommitmentStatus.OPEN
    people.update(person.id, edited, person.version, closings=(closing,))
    assert services.commitments.get(owed.id).closed_on == date(2026, 1, 20)
