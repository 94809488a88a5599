"""Reading CSV contacts without a database: encodings, delimiters, headers, mapping, bad rows."""

from __future__ import annotations

import json
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from bilatdesk.exchange.csv.read import (
    CsvError,
    load_mapping,
    parse_birthday,
    read_csv_cards,
)
from tests.exchange.csv.samples import DATA, cards_of, good, refused, write_csv


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


def test_mapping_json_is_what_the_cli_passes(tmp_path: Path) -> None:
    """load_mapping accepts null for "leave out" and keeps the file's order."""
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"A": "given_name", "B": None}), encoding="utf-8")
    assert load_mapping(path) == {"A": "given_name", "B": ""}
