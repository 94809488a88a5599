"""CSV contacts: encodings, delimiters, header recognition, mapping, row problems, export."""

from __future__ import annotations

import codecs
import csv
import io
import json
import tracemalloc
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

from bilatdesk.exchange.csv.read import (
    CsvError,
    load_mapping,
    parse_birthday,
    read_csv_cards,
)
from bilatdesk.exchange.csv.write import EXPORT_HEADERS, guard, unguard
from bilatdesk.exchange.records import CardProblem, ContactCard, Outcome
from bilatdesk.exchange.vcard.read import read_vcards
from bilatdesk.services.contacts.csv_export import export_csv
from bilatdesk.services.contacts.importing import ImportCancelledError, import_cards
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.services.tags import TagService
from bilatdesk.store.database import Database
from tests import paths

DATA = paths.DATA / "csv"


def cards_of(path: Path, mapping: dict[str, str] | None = None) -> list[ContactCard | CardProblem]:
    return list(read_csv_cards(path, mapping).cards)


def good(items: list[ContactCard | CardProblem]) -> list[ContactCard]:
    return [c for c in items if isinstance(c, ContactCard)]


def refused(items: list[ContactCard | CardProblem]) -> dict[int, str]:
    return {c.line: c.reason for c in items if isinstance(c, CardProblem)}


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


# -- the sample files ---------------------------------------------------------------------------
def test_outlook_windows_1252_with_crlf_and_a_multiline_note() -> None:
    """Outlook's export: Windows-1252 letters, Title as honorific, line numbers past a note."""
    read = read_csv_cards(DATA / "outlook.csv")
    assert (read.encoding, read.delimiter) == ("cp1252", ",")
    assert read.mapping["Title"] == "honorific"
    assert read.mapping["Job Title"] == "title"
    assert "Web Page" in read.unmapped and "Spouse" in read.unmapped
    assert "Priority" not in read.unmapped  # bookkeeping columns are known, not asked about
    items = list(read.cards)
    jose, juergen, helene = good(items)
    assert (jose.honorific, jose.given_name, jose.family_name) == ("Dr.", "José", "Müller")
    assert jose.line == 2
    assert [e.value for e in jose.emails] == ["jose.mueller@bmeia.gv.at", "j.mueller@example.at"]
    assert [(p.value, p.types) for p in jose.phones] == [
        ("+43 1 90115 0", ("work",)),
        ("+43 664 123 45 67", ("cell",)),
    ]
    assert jose.address == "Minoritenplatz 8, 1010 Wien, Österreich"
    assert jose.organisation.startswith("Bundesministerium für europäische")
    assert jose.units == ("Abteilung II.3",)
    assert jose.birth_date == date(1970, 4, 15)
    assert jose.categories == ("Diplomats", "Press")
    assert jose.note == "Met at the national day reception.\nPrefers French."
    assert jose.languages == "German"
    # The note ran over two physical lines, so the next row starts on line 4.
    assert (juergen.line, juergen.family_name, juergen.other_names) == (4, "Weiß", "Karl Jr.")
    assert juergen.address == "Straße des 17. Juni 1, 10623 Berlin"  # the home address
    assert refused(items) == {}
    assert (helene.line, helene.given_name, helene.birth_date) == (5, "Hélène", None)
    assert helene.problems == ("The birthday '2/30/1980' is not a real date and was left out.",)


def test_google_old_export() -> None:
    """Google's old CSV: UTF-8 BOM, " ::: " lists, typed e-mails, groups, year-less birthday."""
    read = read_csv_cards(DATA / "google_old.csv")
    assert read.encoding == "utf-8-sig"
    assert "E-mail 1 - Type" not in read.unmapped
    assert "Website 1 - Value" in read.unmapped
    items = list(read.cards)
    eleni, omar = good(items)
    assert (eleni.honorific, eleni.given_name, eleni.family_name) == (
        "H.E.",
        "Ελένη",
        "Παπαδοπούλου",
    )
    assert [(e.value, e.types) for e in eleni.emails] == [
        ("e.papadopoulou@example.gr", ("work",)),
        ("eleni@example.org", ("work",)),
    ]
    assert eleni.phones[0].types == ("cell",)
    assert eleni.address == "Vasilissis Sofias 1, Athens 106 71, Greece"
    assert (eleni.organisation, eleni.title) == ("Ministry of Foreign Affairs", "Secretary-General")
    assert eleni.categories == ("Ambassadors",)  # "* myContacts" dropped
    assert omar.categories == ("Jordan",)  # "* starred" dropped too
    assert (omar.birth_date, omar.birthday) == (None, 415)
    assert omar.line == 5  # the Greek address ran over three lines
    assert refused(items) == {6: "It has no name (no given, family or full name)."}


def test_google_new_export() -> None:
    """Google's 2023+ CSV: First/Last Name, Labels, "--0415", address from its parts."""
    items = cards_of(DATA / "google_new.csv")
    wang, ana = good(items)
    assert (wang.given_name, wang.family_name, wang.honorific) == ("伟", "王", "Mr")
    assert (wang.organisation, wang.title) == ("中华人民共和国外交部", "司长")
    assert wang.birthday == 415 and wang.birth_date is None
    assert wang.categories == ("China desk",)
    assert wang.emails[0].types == ("work",)
    assert (ana.other_names, ana.birth_date) == ("Lucía", date(1985, 3, 2))
    assert ana.categories == ()
    assert ana.address == "Calle Mayor 1, 28013 Madrid, Spain"


def test_semicolon_excel_with_german_headers() -> None:
    """European Excel: semicolons, DD.MM.YYYY, commas and semicolons inside a note kept."""
    read = read_csv_cards(DATA / "excel_semicolon.csv")
    assert (read.encoding, read.delimiter, read.unmapped) == ("utf-8-sig", ";", ())
    anna, lukas = good(list(read.cards))
    assert (anna.honorific, anna.given_name, anna.family_name) == ("Frau Dr.", "Anna", "Berger")
    assert anna.birth_date == date(1975, 12, 24)
    assert anna.note == "Preis: 1,5 Mio; siehe Akte"
    assert anna.phones[0].types == ("cell",)
    assert lukas.birth_date == date(1984, 2, 29)


def test_tab_separated_with_our_headers() -> None:
    """Tabs as delimiter; our own headers; several e-mails in one cell."""
    read = read_csv_cards(DATA / "tabs.tsv")
    assert (read.encoding, read.delimiter, read.unmapped) == ("utf-8", "\t", ())
    rana, dina = good(list(read.cards))
    assert rana.note == "Tabs\tare escaped, commas, too"
    assert rana.title == "Director"
    assert [e.value for e in dina.emails] == ["dina@example.jo", "dina.masri@example.org"]


def test_utf16_unicode_text() -> None:
    """Excel's "Unicode text" (UTF-16 with BOM, tabs) reads as well."""
    read = read_csv_cards(DATA / "unicode_utf16.csv")
    assert (read.encoding, read.delimiter) == ("utf-16", "\t")
    sofia, zoe = good(list(read.cards))
    assert (sofia.given_name, sofia.title) == ("Σοφία", "Πρέσβης")
    assert zoe.family_name == "Ørsted"


def test_utf16_without_bom(tmp_path: Path) -> None:
    """UTF-16 without its BOM is recognised by its NUL bytes."""
    path = write_csv(
        tmp_path / "u.csv", [["First Name", "Last Name"], ["Åsa", "Öberg"]], encoding="utf-16-le"
    )
    read = read_csv_cards(path)
    assert read.encoding == "utf-16-le"
    assert good(list(read.cards))[0].family_name == "Öberg"


# -- mapping --------------------------------------------------------------------------------
def test_mapping_file_overrides_recognition() -> None:
    """A JSON mapping names the odd headers; "" leaves a column out without a warning."""
    path = DATA / "custom_headers.csv"
    plain = read_csv_cards(path)
    assert plain.unmapped == (
        "Kontakt Vorname",
        "Surname",
        "Mail",
        "Handy",
        "Remarks",
        "Internal code",
    )
    assert refused(list(plain.cards)) == {2: "It has no name (no given, family or full name)."}
    read = read_csv_cards(path, load_mapping(DATA / "custom_mapping.json"))
    assert read.unmapped == ()
    assert read.mapping["Internal code"] == ""
    (maria,) = good(list(read.cards))
    assert (maria.given_name, maria.family_name, maria.note) == ("Maria", "Gruber", "Met in Geneva")
    assert [e.value for e in maria.emails] == ["maria.gruber@example.at"]


def test_mapping_keeps_the_types_of_a_recognised_column() -> None:
    """Mapping "Mobile Phone" to phone again keeps its "cell" type."""
    cards = good(cards_of(DATA / "outlook.csv", {"Mobile Phone": "phone", "Business Phone": ""}))
    assert [(p.value, p.types) for p in cards[0].phones] == [("+43 664 123 45 67", ("cell",))]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"First": "given_name",', "not valid JSON: Expecting"),
        ('["given_name"]', "must hold one JSON object"),
        ('{"First": "shoe_size"}', "unknown fields: 'shoe_size' (for column 'First')"),
        ('{"First": 3}', "must map column headers to field names"),
    ],
)
def test_bad_mapping_files_are_refused_with_a_sentence(
    tmp_path: Path, content: str, message: str
) -> None:
    """Bad JSON, a list, an unknown field, a number: each gets a clear error."""
    path = tmp_path / "mapping.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CsvError, match="mapping file") as error:
        load_mapping(path)
    assert message in str(error.value)


def test_missing_mapping_file(tmp_path: Path) -> None:
    """A mapping file that is not there is named in the error."""
    with pytest.raises(CsvError, match="does not exist"):
        load_mapping(tmp_path / "nope.json")


def test_a_mapping_given_in_code_is_checked_too() -> None:
    """An unknown field in a mapping passed directly is refused before reading."""
    with pytest.raises(CsvError, match="unknown fields"):
        read_csv_cards(DATA / "custom_headers.csv", {"Mail": "mail"})


# -- malformed rows -----------------------------------------------------------------------------
def test_every_malformed_row_of_the_sample_is_refused_with_its_line() -> None:
    """No name and ragged rows are refused; a bad birthday is left out of its row only."""
    items = cards_of(DATA / "malformed.csv")
    assert [c.line for c in good(items)] == [2, 4, 5, 6, 7, 10, 11]
    assert refused(items) == {
        3: "It has no name (no given, family or full name).",
        8: "It has 5 cells where the header has 4.",
        9: "It has 2 cells where the header has 4.",
    }
    cards = {c.line: c for c in good(items)}
    assert cards[11].birthday == 229
    assert [e.value for e in cards[4].emails] == ["not-an-address"]  # the import judges it
    assert cards[10].birth_date == date(2999, 1, 1)  # and the future, on its own day
    assert {line: cards[line].problems for line in (5, 6, 7)} == {
        5: ("The birthday '30.02.1970' is not a real date and was left out.",),
        6: ("The birthday '13/45/1970' is not a real date and was left out.",),
        7: (
            "The birthday 'March 3rd' is not in a known form "
            "(YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or --MM-DD) and was left out.",
        ),
    }


def test_a_bad_e_mail_and_a_future_birth_date_are_left_out_as_in_a_vcard(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """CSV and vCard: the bad field is dropped with the same sentence, the person imported."""
    csv_path = write_csv(
        tmp_path / "odd.csv",
        [
            ["First Name", "Last Name", "E-mail Address", "Birthday"],
            ["Bad", "Mail", "not-an-address", "1970-01-31"],
            ["Future", "Born", "future@example.org", "2999-01-01"],
        ],
    )
    vcard = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Mail;Bad;;;\r\nEMAIL:not-an-address\r\n"
        b"BDAY:1970-01-31\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Born;Future;;;\r\nEMAIL:future@example.org\r\n"
        b"BDAY:2999-01-01\r\nEND:VCARD\r\n"
    )
    today = date(2026, 11, 22)
    from_csv = import_cards(
        sqlite_database, read_csv_cards(csv_path).cards, dry_run=True, today=today
    )
    from_vcard = import_cards(
        sqlite_database, read_vcards(io.BytesIO(vcard)), dry_run=True, today=today
    )
    expected = [
        (
            Outcome.CREATE,
            "Bad Mail",
            ("The e-mail 'not-an-address' does not look like an e-mail address and was left out.",),
        ),
        (Outcome.CREATE, "Future Born", ("The birth date 2999-01-01 is in the future; left out.",)),
    ]
    assert [(r.outcome, r.name, r.problems) for r in from_csv.lines] == expected
    assert [(r.outcome, r.name, r.problems) for r in from_vcard.lines] == expected


def test_nul_bytes_refuse_their_row_only(tmp_path: Path) -> None:
    """A NUL byte (which the csv module cannot read) refuses its row; the rest imports."""
    path = tmp_path / "nul.csv"
    path.write_bytes(b"First Name,Last Name\r\nAnna,Ber\x00ger\r\nLukas,Hof\r\n")
    items = cards_of(path)
    assert "NUL bytes" in refused(items)[2]
    assert [c.family_name for c in good(items)] == ["Hof"]


def test_a_cell_over_100k_characters_is_refused(tmp_path: Path) -> None:
    """A 150,000-character cell refuses its row with a sentence; the next row still reads."""
    path = write_csv(
        tmp_path / "long.csv",
        [["First Name", "Notes"], ["Anna", "x" * 150_000], ["Lukas", "short"]],
    )
    items = cards_of(path)
    assert refused(items) == {2: "A cell is longer than 100,000 characters."}
    assert good(items)[0].given_name == "Lukas"


def test_invalid_utf8_late_in_the_file_refuses_only_that_row(tmp_path: Path) -> None:
    """Valid UTF-8 for the whole sample, then a Windows-1252 byte: that row alone is refused."""
    rows = ["First Name,Last Name"] + [f"Given{n},Family{n}" for n in range(20_000)]
    rows.insert(15_000, "Ren\xe9e,Late")  # the é as one Windows-1252 byte
    path = tmp_path / "late.csv"
    path.write_bytes("\r\n".join(rows).encode("latin-1") + b"\r\n")
    assert path.stat().st_size > 128 * 1024
    read = read_csv_cards(path)
    assert read.encoding == "utf-8"
    items = list(read.cards)
    assert len(good(items)) == 20_000
    ((line, reason),) = refused(items).items()
    assert line == 15_001
    assert "not valid in the file's encoding" in reason


def test_unclosed_quote_is_reported_not_swallowed_silently(tmp_path: Path) -> None:
    """A quote that never closes swallows the rest; that row is refused as ragged."""
    path = tmp_path / "quote.csv"
    path.write_text('First Name,Last Name,Notes\nAnna,Berger,"open\nLukas,Hof,x\nDina,M,y\n')
    items = cards_of(path)
    assert good(items) == []
    assert refused(items) == {
        2: 'A quote (") opened on line 2 is never closed, so lines 2 to 4 were read as one '
        "row; close the quote or remove it."
    }


def test_blank_and_empty_rows_are_skipped(tmp_path: Path) -> None:
    """Blank lines and rows of empty cells (Excel leaves them) are neither cards nor problems."""
    path = tmp_path / "blank.csv"
    path.write_text("First Name,Last Name\n\n,\nAnna,Berger\n,,\n")
    items = cards_of(path)
    assert [(c.line, c.given_name) for c in good(items)] == [(4, "Anna")]
    assert refused(items) == {}


def test_empty_file_is_refused(tmp_path: Path) -> None:
    """An empty file (or one of blank lines) cannot be imported: a sentence says so."""
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\r\n\r\n")
    with pytest.raises(CsvError, match="empty"):
        read_csv_cards(path)
    with pytest.raises(CsvError, match="does not exist"):
        read_csv_cards(tmp_path / "missing.csv")


def test_excel_separator_hint_line(tmp_path: Path) -> None:
    """Excel's "sep=;" first line names the delimiter; the header is on line 2."""
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\nFirst Name;Last Name\nAnna;Berger\n")
    read = read_csv_cards(path)
    assert read.delimiter == ";"
    assert [(c.line, c.family_name) for c in good(list(read.cards))] == [(3, "Berger")]


def test_single_column_and_windows_1252_detected_early(tmp_path: Path) -> None:
    """A one-column file falls back to the comma; a non-UTF-8 byte early means Windows-1252."""
    path = tmp_path / "one.csv"
    path.write_bytes("Full name\r\nRenée Dubœuf\r\n".encode("cp1252"))
    read = read_csv_cards(path)
    assert (read.encoding, read.delimiter) == ("cp1252", ",")
    assert good(list(read.cards))[0].formatted_name == "Renée Dubœuf"


def test_names_are_nfc(tmp_path: Path) -> None:
    """A decomposed é (e + U+0301) arrives composed."""
    path = write_csv(tmp_path / "nfd.csv", [["Last Name"], ["Rene\u0301e"]])
    assert good(cards_of(path))[0].family_name == "Renée"


def test_rows_stream_without_holding_the_file(tmp_path: Path) -> None:
    """Reading 30,000 rows one at a time stays within a small, fixed memory."""
    rows = [["First Name", "Last Name", "E-mail Address", "Notes"]] + [
        [f"Given{n}", f"Family{n}", f"p{n}@example.org", "n" * 100] for n in range(30_000)
    ]
    path = write_csv(tmp_path / "many.csv", rows)
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_csv_cards(path).cards)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 30_000
    assert peak < 3 * 1024 * 1024  # the cards of the whole file would take over 30 MB


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1970-04-15", (date(1970, 4, 15), None)),
        ("19700415", (date(1970, 4, 15), None)),
        ("15.04.1970", (date(1970, 4, 15), None)),
        ("4/15/1970", (date(1970, 4, 15), None)),
        ("--04-15", (None, 415)),
        ("--0415", (None, 415)),
        ("--02-29", (None, 229)),
        ("1604-04-15", (None, 415)),
        ("0/0/00", (None, None)),
        ("", (None, None)),
    ],
)
def test_birthday_forms(text: str, expected: tuple[date | None, int | None]) -> None:
    """Every accepted birthday form, the year-less ones and Outlook's empty one."""
    assert parse_birthday(text) == expected


@pytest.mark.parametrize(
    "text", ["30.02.1970", "02/30/1970", "--02-30", "1970-13-01", "15/04/1970"]
)
def test_impossible_birthdays(text: str) -> None:
    """30 February and month 13 are not dates, whatever the form."""
    with pytest.raises(ValueError, match="not a real date"):
        parse_birthday(text)


# -- formula guard ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example","x")',
        "+43 1 234",
        "@SUM(1)",
        "-2+3",
        "  =1+1",
        "\tx",
        "\rx",
        "'=already",
        "''+two",
    ],
)
def test_formula_like_cells_get_an_apostrophe_and_come_back(value: str) -> None:
    """OWASP: = + - @ TAB CR (also after spaces) are neutralised; unguard restores the value."""
    guarded = guard(value)
    assert guarded == "'" + value
    assert unguard(guarded) == value


@pytest.mark.parametrize("value", ["Anna", "O'Brien", "'quoted'", "1+1", "", "a=b"])
def test_harmless_cells_are_left_alone(value: str) -> None:
    """Ordinary text (apostrophes included) is written and read unchanged."""
    assert guard(value) == value
    assert unguard(value) == value


# -- export -------------------------------------------------------------------------------------
def _people(database: Database) -> dict[str, int]:
    countries = CountryService(database)
    at = countries.create(CountryInput("AT", "Austria")).id
    gr = countries.create(CountryInput("GR", "Greece")).id
    organisations = OrganisationService(database)
    ministry = organisations.create(OrganisationInput("Ministry of Foreign Affairs", country_id=gr))
    unit = organisations.create(
        OrganisationInput("Protocol Department", parent_id=ministry.id, country_id=gr)
    )
    people = PersonService(database)
    today = date.today()
    eleni = people.create(
        PersonInput(
            honorific="H.E.",
            given_name="Ελένη",
            family_name="Παπαδοπούλου",
            country_id=gr,
            emails=("eleni@example.gr", "e.p@example.org"),
            phones=("+30 210 368 1000",),
            birth_date=date(1968, 11, 3),
            languages="el, fr",
            address='=HYPERLINK("http://evil.example","click")',
            biography="Not for export: our own assessment.",
            memberships=(
                MembershipInput(
                    "Director", unit.id, today - timedelta(days=400), today - timedelta(days=30)
                ),
                MembershipInput("Chief of Protocol", unit.id, today - timedelta(days=29)),
            ),
        )
    ).id
    omar = people.create(
        PersonInput(
            given_name="عمر",
            family_name="الخطيب",
            country_id=at,
            phones=("+962 6 000",),
            emails=("omar@example.jo",),
        )
    ).id
    wang = people.create(PersonInput(given_name="伟", family_name="王", other_names="@SUM(1)"))
    jose = people.create(
        PersonInput(
            given_name="Jose\u0301", family_name="Müller-Weiß", country_id=at, classification="R"
        )
    ).id
    tags = TagService(database)
    ids = tags.ensure(["VIP", "Press; media"])
    tags.set_tags("person", eleni, list(ids.values()))
    return {"eleni": eleni, "omar": omar, "wang": wang.id, "jose": jose, "at": at, "gr": gr}


def _read_back(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_export_writes_bom_crlf_headers_current_post_and_guards(
    database: Database, tmp_path: Path
) -> None:
    """UTF-8 with BOM, CRLF, our headers, the current post only, formula cells guarded."""
    _people(database)
    path = tmp_path / "people.csv"
    count = export_csv(database, path, country_id=None, ceiling="U")
    assert count == 3  # José is RESTRICTED: above the ceiling
    raw = path.read_bytes()
    assert raw.count(b"\r\n") >= 4
    rows = _read_back(path)
    assert tuple(rows[0]) == EXPORT_HEADERS
    eleni = next(r for r in rows if r["Given name"] == "Ελένη")
    assert eleni["Organisation"] == "Ministry of Foreign Affairs"
    assert eleni["Unit"] == "Protocol Department"
    assert eleni["Job title"] == "Chief of Protocol"  # not the ended "Director"
    assert eleni["Phone"] == "'+30 210 368 1000"
    assert eleni["Address"] == '\'=HYPERLINK("http://evil.example","click")'
    assert "Note" not in eleni  # the biography never leaves, as in the vCard export
    assert b"Not for export" not in raw
    assert eleni["E-mail"] == "eleni@example.gr; e.p@example.org"
    assert eleni["Birth date"] == "1968-11-03"
    assert eleni["Categories"] == "Press\\; media; VIP"  # a semicolon inside a tag escaped
    wang = next(r for r in rows if r["Given name"] == "伟")
    assert wang["Other names"] == "'@SUM(1)"
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_export_ceiling_and_country(database: Database, tmp_path: Path) -> None:
    """A ceiling lets RESTRICTED out; a country narrows; an unknown ceiling is refused."""
    ids = _people(database)
    path = tmp_path / "p.csv"
    assert export_csv(database, path, country_id=None, ceiling="RESTRICTED") == 4
    assert export_csv(database, path, country_id=ids["at"], ceiling="(R)") == 2
    assert {r["Family name"] for r in _read_back(path)} == {"الخطيب", "Müller-Weiß"}
    assert export_csv(database, path, country_id=ids["at"], ceiling="U") == 1
    assert export_csv(database, path, country_id=None, ceiling=None) == 4  # no ceiling at all
    with pytest.raises(ServiceError, match="not a classification"):
        export_csv(database, path, country_id=None, ceiling="COSMIC")


def test_export_then_import_round_trip(database: Database, tmp_path: Path) -> None:
    """Our export imports into an empty database with names, contacts, post and tags equal."""
    _people(database)
    path = tmp_path / "round.csv"
    export_csv(database, path, country_id=None, ceiling="R")
    read = read_csv_cards(path)
    assert read.unmapped == ()
    cards = good(list(read.cards))
    assert len(cards) == 4
    target = Database.open(tmp_path / "target.sqlite")
    try:
        report = import_cards(target, cards, dry_run=False)
        assert report.count(Outcome.CREATE) == 4, [line.describe() for line in report.lines]
        source_people, target_people = PersonService(database), PersonService(target)
        source = {p.name: source_people.get(p.id) for p in source_people.list(ListQuery()).rows}
        copied = {p.name: target_people.get(p.id) for p in target_people.list(ListQuery()).rows}
        assert set(copied) == set(source)
        for name, original in source.items():
            assert unicodedata.is_normalized("NFC", name)
            copy = copied[name]
            assert copy.uid == original.uid
            assert copy.data.given_name == original.data.given_name
            assert copy.data.family_name == original.data.family_name
            assert copy.data.emails == original.data.emails
            assert copy.data.phones == original.data.phones
            assert copy.data.birth_date == original.data.birth_date
            assert copy.data.address == original.data.address
        eleni = copied["Ελένη Παπαδοπούλου"]
        assert [(m.post_title, m.organisation) for m in eleni.memberships] == [
            ("Chief of Protocol", "Protocol Department")
        ]
        tags = TagService(target)
        assert sorted(c.name for c in tags.choices()) == ["Press; media", "VIP"]
        assert sorted(c.name for c in tags.tags_of("person", eleni.id)) == ["Press; media", "VIP"]
        # Importing the same file again matches everyone by UID and changes nothing.
        again = import_cards(target, read_csv_cards(path).cards, dry_run=False)
        assert again.count(Outcome.SKIP) == 4
    finally:
        target.close()


def test_import_is_all_or_nothing(database: Database, tmp_path: Path) -> None:
    """Cancelling part-way, or a dry run, leaves no one behind; the real import writes all."""
    rows = (
        [["First Name", "Last Name", "E-mail Address"]]
        + [[f"Given{n}", f"Family{n}", f"p{n}@example.org"] for n in range(450)]
        + [["", "", "nobody@example.org"]]
    )
    path = write_csv(tmp_path / "batch.csv", rows)
    people = PersonService(database)
    calls: list[int] = []

    def cancel_at_second_call(count: int) -> bool:
        calls.append(count)
        return len(calls) < 2

    with pytest.raises(ImportCancelledError):
        import_cards(
            database, read_csv_cards(path).cards, dry_run=False, progress=cancel_at_second_call
        )
    assert people.list(ListQuery()).rows == ()
    preview = import_cards(database, read_csv_cards(path).cards, dry_run=True)
    assert (preview.count(Outcome.CREATE), preview.count(Outcome.REFUSE)) == (450, 1)
    assert people.list(ListQuery()).rows == ()
    result = import_cards(database, read_csv_cards(path).cards, dry_run=False)
    assert result.count(Outcome.CREATE) == 450
    assert len(people.list(ListQuery(limit=1000)).rows) == 450


def test_mapping_json_is_what_the_cli_passes(tmp_path: Path) -> None:
    """load_mapping accepts null for "leave out" and keeps the file's order."""
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"A": "given_name", "B": None}), encoding="utf-8")
    assert load_mapping(path) == {"A": "given_name", "B": ""}


def test_hostile_cells_are_imported_literally(database: Database, tmp_path: Path) -> None:
    """Formula text, SQL, markup, right-to-left and path-like names arrive as written."""
    hostile = [
        ("=cmd|' /C calc'!A0", "@SUM(A1)"),
        ("Robert'); DROP TABLE person;--", "<b>bold</b> & R&D"),
        ("עברית", "\u202eoverride"),
        ("../../x", "a" * 300),
    ]
    path = write_csv(
        tmp_path / "hostile.csv",
        [["First Name", "Last Name"], *[[given, family] for given, family in hostile]],
    )
    report = import_cards(database, read_csv_cards(path).cards, dry_run=False)
    assert report.count(Outcome.CREATE) == 4, [line.describe() for line in report.lines]
    people = PersonService(database)
    stored = {
        (d.data.given_name, d.data.family_name)
        for d in (people.get(p.id) for p in people.list(ListQuery()).rows)
    }
    assert stored == set(hostile)


def test_a_file_whose_rows_are_all_refused_reports_them(database: Database) -> None:
    """Unknown headers leave every row nameless: each is refused, nothing is written."""
    report = import_cards(
        database, read_csv_cards(DATA / "custom_headers.csv").cards, dry_run=False
    )
    assert [(line.line, line.outcome) for line in report.lines] == [(2, Outcome.REFUSE)]
    assert PersonService(database).list(ListQuery()).rows == ()
