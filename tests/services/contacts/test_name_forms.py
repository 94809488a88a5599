"""Names in their owners' order through import, storage, display, sorting and export."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from pathlib import Path

import vobject

from bilatdesk.domain.enums import NameOrder
from bilatdesk.exchange.records import Outcome
from bilatdesk.exchange.vcard.read import read_vcards
from bilatdesk.services.contacts.importing import import_cards
from bilatdesk.services.contacts.vcard_export import export_vcards
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database

TODAY = date(2026, 11, 22)

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王小明\r\nN:王;小明;;;\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nagy Katalin\r\nN:Nagy;Katalin;;;\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr. Jane Smith\r\nN:Smith;Jane;;;\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:김민준\r\nN:김;민준;;;\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nN:Ångström;Zoë;;;\r\nEND:VCARD\r\n"
)
SHOWN = ["王小明", "Nagy Katalin", "Dr. Jane Smith", "김민준", "Zoë Ångström"]


def _import(database: Database, text: str) -> list[str]:
    report = import_cards(
        database, read_vcards(io.BytesIO(text.encode("utf-8"))), dry_run=False, today=TODAY
    )
    assert {line.outcome for line in report.lines} == {Outcome.CREATE}
    return [line.name for line in report.lines]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_imported_names_keep_their_order_in_list_and_export(
    database: Database, tmp_path: Path
) -> None:
    """FN:王小明 with N:王;小明 stays 王小明 in the report, the list and the exported FN and N
    (read back by vobject); an FN that differs from both orders is kept as the display form."""
    assert _import(database, CARDS) == SHOWN
    rows = PersonService(database).list().rows
    assert sorted(_nfc(r.name) for r in rows) == sorted(_nfc(n) for n in SHOWN)
    path = tmp_path / "out.vcf"
    export_vcards(database, path, country_id=None, ceiling="U", today=TODAY)
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    by_fn = {_nfc(c.fn.value): c for c in cards}
    assert set(by_fn) == {_nfc(n) for n in SHOWN}
    assert (by_fn["王小明"].n.value.family, by_fn["王小明"].n.value.given) == ("王", "小明")
    assert (by_fn["Nagy Katalin"].n.value.family, by_fn["Nagy Katalin"].n.value.given) == (
        "Nagy",
        "Katalin",
    )
    assert by_fn["Dr. Jane Smith"].n.value.family == "Smith"


def test_a_second_round_trip_changes_nothing(database: Database, tmp_path: Path) -> None:
    """An exported file imported into a new database exports the same FN and N again."""
    _import(database, CARDS)
    first = tmp_path / "first.vcf"
    export_vcards(database, first, country_id=None, ceiling="U", today=TODAY)
    people = PersonService(database)
    for row in people.list().rows:
        people.delete(row.id, row.version)
    with first.open("rb") as stream:
        import_cards(database, read_vcards(stream), dry_run=False, today=TODAY)
    second = tmp_path / "second.vcf"
    export_vcards(database, second, country_id=None, ceiling="U", today=TODAY)

    def names(path: Path) -> set[tuple[str, str, str]]:
        cards = vobject.readComponents(path.read_text(encoding="utf-8"))
        return {(c.fn.value, c.n.value.family, c.n.value.given) for c in cards}

    assert names(first) == names(second)


def test_a_new_person_takes_the_order_of_their_country(database: Database) -> None:
    """Created without an order, a Chinese citizen is family first; the clerk's choice wins,
    and the sort key is by family name whatever the display order."""
    china = CountryService(database).create(CountryInput(iso_code="CN")).id
    people = PersonService(database)
    wang = people.create(PersonInput(given_name="Lixin", family_name="Wang", country_id=china))
    assert wang.display_name == "Wang Lixin"
    assert wang.data.name_order is NameOrder.FAMILY_FIRST
    chosen = people.create(
        PersonInput(
            given_name="Lixin",
            family_name="Wang",
            country_id=china,
            name_order=NameOrder.GIVEN_FIRST,
        )
    )
    assert chosen.display_name == "Lixin Wang"
    anna = people.create(PersonInput(given_name="Anna", family_name="Berger"))
    assert anna.display_name == "Anna Berger"
    # The list sorts by family name: Berger before Wang, whatever the order shown.
    assert [r.name for r in people.list().rows] == ["Anna Berger", "Wang Lixin", "Lixin Wang"]


def test_protocol_proposes_the_name_in_its_order(database: Database) -> None:
    """The addressee line writes a Hungarian name family first."""
    hungary = CountryService(database).create(CountryInput(iso_code="HU")).id
    detail = PersonService(database).create(
        PersonInput(given_name="Katalin", family_name="Nagy", country_id=hungary)
    )
    assert detail.proposed.addressee_line == "Nagy Katalin"
    assert detail.proposed.salutation == "Dear Nagy Katalin,"


def test_pickers_tell_entries_apart(database: Database) -> None:
    """Two "Ministry of Culture" show their countries, the record's own country first; two
    people of one name show theirs, with the original script beside a transliteration."""
    countries = CountryService(database)
    greece = countries.create(CountryInput(iso_code="GR")).id
    bulgaria = countries.create(CountryInput(iso_code="BG")).id
    china = countries.create(CountryInput(iso_code="CN")).id
    organisations = OrganisationService(database)
    organisations.create(OrganisationInput("Ministry of Culture", country_id=greece))
    organisations.create(OrganisationInput("Ministry of Culture", country_id=bulgaria))
    organisations.create(OrganisationInput("Parliament", country_id=greece))
    names = [c.name for c in organisations.choices(first=bulgaria)]
    assert names == [
        "Ministry of Culture — Bulgaria",
        "Ministry of Culture — Greece",
        "Parliament",
    ]
    people = PersonService(database)
    for country in (greece, bulgaria):
        people.create(PersonInput(given_name="Nadezhda", family_name="Ilieva", country_id=country))
    people.create(
        PersonInput(
            given_name="Lixin", family_name="Wang", name_original="王立新", country_id=china
        )
    )
    assert sorted(c.name for c in people.search_choices("ilieva")) == [
        "Nadezhda Ilieva — Bulgaria",
        "Nadezhda Ilieva — Greece",
    ]
    assert [c.name for c in people.search_choices("王立新")] == ["Wang Lixin (王立新)"]
