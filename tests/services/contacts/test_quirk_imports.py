"""Every file of the vCard quirk corpus imports with the expected people, names and countries."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bilatdesk.exchange.records import ImportReport, Outcome
from bilatdesk.exchange.vcard.read import read_vcards
from bilatdesk.services.contacts.importing import import_cards
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import PersonService
from bilatdesk.store.database import Database
from tests import paths

QUIRKS = paths.DATA / "vcards" / "quirks"
TODAY = date(2026, 11, 22)

# file -> the name each created person is shown by, in file order
EXPECTED = {
    "ablabel_groups": ["Omar Al-Khatib"],
    "cr_only": ["Nagy Katalin"],
    "family_first_fn": ["王小明"],
    "formatted_name_kept": ["Jo Smith-Okafor"],
    "ios_cr_cr_lf": ["Eleni Papadopoulou"],
    "latin1_charset": ["Françoise Châtelet"],
    "mixed_line_ends": ["Stoyan Dimitrov"],
    "no_name_email": ["protocol@mfa.gr"],
    "no_name_organisation": ["Embassy of Japan"],
    "outlook_utf16le_bom": ["Jürgen Müller"],
    "quoted_printable_soft_breaks": ["Zoë Ångström-Müller"],
    "type_lists": ["Tsvetelina Koleva"],
    "utf16_damaged": ["Nadezhda Ilieva"],
    "utf16be_no_bom": ["Jürgen Müller"],
    "utf32be_no_bom": ["Jürgen Müller"],
    "utf32le_bom": ["Jürgen Müller"],
    "whitespace_around_values": ["Desislava Hristova"],
    "windows1252_no_charset": ["Jürgen Müller"],
}


def _import(database: Database, name: str) -> ImportReport:
    with (QUIRKS / f"{name}.vcf").open("rb") as stream:
        return import_cards(database, read_vcards(stream), dry_run=False, today=TODAY)


def test_the_corpus_is_covered() -> None:
    """Every quirk file has its expected result here."""
    assert {path.stem for path in QUIRKS.glob("*.vcf")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_quirk_file_imports(database: Database, name: str) -> None:
    """The people are created under the names their cards show, and listed by them."""
    report = _import(database, name)
    created = [line.name for line in report.lines if line.outcome is Outcome.CREATE]
    assert created == EXPECTED[name]
    listed = {row.name for row in PersonService(database).list().rows}
    assert listed == set(EXPECTED[name])


def test_a_nameless_card_is_flagged_in_the_preview(database: Database) -> None:
    """The dry run names what the card is imported under, so the clerk can see it."""
    with (QUIRKS / "no_name_email.vcf").open("rb") as stream:
        report = import_cards(database, read_vcards(stream), dry_run=True, today=TODAY)
    (line,) = report.lines
    assert line.outcome is Outcome.CREATE
    assert line.problems == ("The card has no name; it was imported under 'protocol@mfa.gr'.",)


def test_countries_follow_the_organisation_then_the_phones(database: Database) -> None:
    """The iPhone card's ministry is in Greece: the person takes Greece, and the report says
    why; without that ministry, the +30 number and the .gr address say Greece too."""
    countries = CountryService(database)
    greece = countries.create(CountryInput(iso_code="GR")).id
    jordan = countries.create(CountryInput(iso_code="JO")).id
    OrganisationService(database).create(
        OrganisationInput("Ministry of Foreign Affairs", country_id=greece)
    )
    report = _import(database, "ios_cr_cr_lf")
    assert report.lines[0].reason == "country from organisation Ministry of Foreign Affairs"
    report = _import(database, "ablabel_groups")
    assert report.lines[0].reason == "country from phone +962"
    report = _import(database, "no_name_email")
    assert report.lines[0].reason == "country from phone +30"
    people = PersonService(database)
    by_name = {row.name: row for row in people.list().rows}
    assert by_name["Eleni Papadopoulou"].country == by_name["protocol@mfa.gr"].country
    assert people.get(by_name["Omar Al-Khatib"].id).data.country_id == jordan


def test_an_organisation_made_by_the_file_places_the_cards_after_it(database: Database) -> None:
    """The first card's +30 number places it in Greece, and the ministry it names is made
    there; the next cards naming that ministry take Greece from it (the ministry was looked
    for, and not found, before it was made)."""
    CountryService(database).create(CountryInput(iso_code="GR"))
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person{i};Anna;;;\r\nORG:New Ministry\r\n"
        f"TITLE:Director\r\n{phone}END:VCARD\r\n"
        for i, phone in enumerate(("TEL:+30 210 368 1000\r\n", "", ""))
    )
    report = import_cards(
        database, read_vcards(io.BytesIO(cards.encode())), dry_run=False, today=TODAY
    )
    assert [line.reason for line in report.lines] == [
        "country from phone +30",
        "country from organisation New Ministry",
        "country from organisation New Ministry",
    ]


def test_an_organisation_named_by_its_alias_is_linked(database: Database) -> None:
    """ORG "Hellenic Ministry of Foreign Affairs" finds the ministry that records it as an
    other name: the person holds the post there and takes Greece; nothing new is created."""
    greece = CountryService(database).create(CountryInput(iso_code="GR")).id
    organisations = OrganisationService(database)
    ministry = organisations.create(
        OrganisationInput(
            "Ministry of Foreign Affairs of the Hellenic Republic",
            country_id=greece,
            other_names="Hellenic Ministry of Foreign Affairs\nYPEX",
        )
    ).id
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Alexiou;Dimitris;;;\r\n"
        "ORG:Hellenic Ministry of Foreign Affairs\r\nTITLE:Director\r\nEND:VCARD\r\n"
    )
    report = import_cards(
        database, read_vcards(io.BytesIO(card.encode())), dry_run=False, today=TODAY
    )
    (line,) = report.lines
    assert line.reason == "country from organisation Hellenic Ministry of Foreign Affairs"
    assert len(organisations.choices(greece)) == 1
    people = PersonService(database)
    person = people.get(people.list().rows[0].id, today=TODAY)
    assert [m.organisation_id for m in person.data.memberships] == [ministry]
    assert person.data.country_id == greece
