"""What a person form sends (PersonInput, MembershipInput) and how it is checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bilatdesk.domain import ClassificationScheme, Country, Gender, MissionClass, Organisation
from bilatdesk.domain.enums import NameOrder
from bilatdesk.domain.person import Person
from bilatdesk.services.kernel.validation import Checker, column_limit

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Any year that has a 29 February, so "0229" is a real birthday.
_LEAP_YEAR = 2000


@dataclass(frozen=True)
class MembershipInput:
    """A post held: its title within an organisation, from when to when, acting or not."""

    post_title: str
    organisation_id: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    acting: bool = False
    note: str = ""
    # For a head of mission (VCDR art. 14): the class, and the day credentials were presented.
    mission_class: MissionClass = MissionClass.NONE
    credentials_on: date | None = None
    # The membership being edited, so an edit keeps its row; None for a new post held.
    id: int | None = None


@dataclass(frozen=True)
class PersonInput:
    given_name: str = ""
    family_name: str = ""
    honorific: str = ""
    other_names: str = ""
    name_original: str = ""
    pronunciation: str = ""
    gender: Gender = Gender.UNSPECIFIED
    birth_date: date | None = None
    languages: str = ""
    country_id: int | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    address: str = ""
    biography: str = ""
    biography_source: str = ""
    biography_as_of: date | None = None
    classification: str = "U"
    memberships: tuple[MembershipInput, ...] = ()
    # The protocol block; "" means "use the proposed default" (domain.protocol).
    rank: str = ""
    addressee_line: str = ""
    salutation: str = ""
    complimentary_close: str = ""
    form_of_address: str = ""
    correspondence_language: str = ""
    # Month and day as MMDD (415 = 15 April) when the year is unknown; birth_date wins.
    birthday: int | None = None
    # Replaces the record's tags on every save: pass the detail's tag_ids to keep them.
    tag_ids: tuple[int, ...] = ()
    # The order the name is written in; None lets a new record take the one its script and
    # country imply (domain.names.infer_name_order) and an existing one keep its own.
    name_order: NameOrder | None = None
    # The display form kept from a card when it differs from the parts ("" = the parts).
    name_shown: str = ""


# The protocol fields: (field, label), each capped at its column's length.
PROTOCOL_FIELDS = (
    ("rank", "Rank"),
    ("addressee_line", "Addressee line"),
    ("salutation", "Salutation"),
    ("complimentary_close", "Complimentary close"),
    ("form_of_address", "Form of address"),
    ("correspondence_language", "Language of correspondence"),
)


def birthday_problem(value: int | None) -> str | None:
    """Why an MMDD birthday is not a real day of the year, or None when it is (or is absent)."""
    if value is None:
        return None
    month, day = divmod(value, 100)
    try:
        date(_LEAP_YEAR, month, day)
    except ValueError:
        return f"{value:04d} is not a day of the year; give the month and day as MMDD, e.g. 0415."
    return None


def validate_person(
    session: Session, data: PersonInput, scheme: ClassificationScheme
) -> PersonInput:
    """The input cleaned (NFC, trimmed), or ValidationError naming every bad field."""
    check = Checker()
    given = check.text("given_name", "Given name", data.given_name, max_length=300)
    family = check.text("family_name", "Family name", data.family_name, max_length=300)
    original = check.text("name_original", "Name in original script", data.name_original)
    other = check.text("other_names", "Other names", data.other_names)
    if not (given or family or original or other) and "given_name" not in check.errors:
        check.fail(
            "family_name",
            "Give at least a family name, a given name or the name in its original script.",
        )
    if data.birth_date is not None and data.birth_date > date.today():
        check.fail("birth_date", "The date of birth is in the future.")
    problem = birthday_problem(data.birthday)
    if problem is not None:
        check.fail("birthday", problem)
    check.exists("country_id", session, Country, data.country_id, "That country")
    emails = tuple(e for e in (check.text("emails", "E-mail", raw) for raw in data.emails) if e)
    for email in emails:
        if not _EMAIL.match(email):
            check.fail("emails", f"'{email}' does not look like an e-mail address.")
    phones = tuple(p for p in (check.text("phones", "Phone", raw) for raw in data.phones) if p)
    memberships = tuple(_membership(check, session, m) for m in data.memberships)
    protocol = {
        name: check.text(
            name, label, getattr(data, name), max_length=column_limit(getattr(Person, name))
        )
        for name, label in PROTOCOL_FIELDS
    }
    result = PersonInput(
        given_name=given,
        family_name=family,
        honorific=check.text("honorific", "Honorific", data.honorific, max_length=100),
        other_names=other,
        name_original=original,
        pronunciation=check.text("pronunciation", "Pronunciation", data.pronunciation),
        gender=data.gender,
        birth_date=data.birth_date,
        languages=check.text("languages", "Languages", data.languages, max_length=300),
        country_id=data.country_id,
        emails=emails,
        phones=phones,
        address=check.text("address", "Address", data.address),
        biography=check.long_text("biography", "Biography", data.biography),
        biography_source=check.text("biography_source", "Source", data.biography_source),
        biography_as_of=data.biography_as_of,
        classification=check.classification("classification", scheme, data.classification),
        memberships=memberships,
        rank=protocol["rank"],
        addressee_line=protocol["addressee_line"],
        salutation=protocol["salutation"],
        complimentary_close=protocol["complimentary_close"],
        form_of_address=protocol["form_of_address"],
        correspondence_language=protocol["correspondence_language"],
        birthday=data.birthday,
        tag_ids=tuple(dict.fromkeys(data.tag_ids)),
        name_order=data.name_order,
        name_shown=check.text("name_shown", "Name shown", data.name_shown, max_length=1000),
    )
    check.raise_if_any()
    return result


def _membership(check: Checker, session: Session, m: MembershipInput) -> MembershipInput:
    title = check.text("memberships", "A post title", m.post_title, max_length=500)
    if not title:
        check.fail("memberships", "Every post needs a title.")
    check.date_order("memberships", m.start_date, m.end_date, f"The post '{title}'")
    if m.organisation_id is not None and session.get(Organisation, m.organisation_id) is None:
        check.fail("memberships", "An organisation of a post no longer exists.")
    if m.credentials_on is not None:
        # Credentials belong to a head of mission, and are presented once the post is taken up.
        if m.mission_class is MissionClass.NONE:
            check.fail(
                "memberships",
                f"The post '{title}' has a credentials date but no head-of-mission class; "
                "choose ambassador, envoy or chargé d'affaires, or clear the date.",
            )
        elif m.start_date is not None and m.credentials_on < m.start_date:
            check.fail(
                "memberships",
                f"Credentials for the post '{title}' are dated before the post was taken up.",
            )
    return MembershipInput(
        title,
        m.organisation_id,
        m.start_date,
        m.end_date,
        m.acting,
        check.text("memberships", "A post note", m.note),
        MissionClass(m.mission_class),
        m.credentials_on,
        m.id,
    )
