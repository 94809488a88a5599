"""Reading vCard files as iPhone, Android, Outlook and Thunderbird write them, and broken ones."""

from __future__ import annotations

import base64
import dataclasses
import io
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from bilatdesk.exchange.records import CardProblem, ContactCard
from bilatdesk.exchange.vcard.read import MAX_CARD_BYTES, parse_bday, read_vcards
from tests import paths

DATA = paths.DATA / "vcards"


def _read(name: str) -> list[ContactCard | CardProblem]:
    with (DATA / name).open("rb") as stream:
        return list(read_vcards(stream))


def _cards(items: list[ContactCard | CardProblem]) -> list[ContactCard]:
    return [item for item in items if isinstance(item, ContactCard)]


def _problems(items: list[ContactCard | CardProblem]) -> list[CardProblem]:
    return [item for item in items if isinstance(item, CardProblem)]


def test_iphone_3_0_groups_photo_and_a_birthday_without_year() -> None:
    """iOS 3.0: grouped EMAIL/ADR, ORG with units, base64 photo, year-less BDAY, a company."""
    items = _read("iphone.vcf")
    eleni, greek = _cards(items)
    assert (eleni.honorific, eleni.given_name, eleni.family_name) == ("Dr", "Eleni", "Papadopoulou")
    assert eleni.organisation == "Ministry of Foreign Affairs"
    assert eleni.units == ("Directorate for Bilateral Relations", "Unit A3")
    assert eleni.title == "Head of Unit"
    assert [e.value for e in eleni.emails] == ["eleni.papadopoulou@mfa.example.gr"]
    assert eleni.emails[0].types == ("internet", "pref")
    assert [p.types[0] for p in eleni.phones] == ["cell", "work"]
    assert eleni.address == "Vasilissis Sofias 1, Athens, 106 71, Greece"
    assert (eleni.birth_date, eleni.birthday) == (None, 325)
    assert eleni.note == "Prefers French in meetings.\nMet at the national day reception, 2025."
    assert eleni.photo is not None and eleni.photo[:2] == b"\xff\xd8"
    assert eleni.categories == ("Greece", "Culture")
    assert eleni.uid.endswith(":ABPerson")
    assert (greek.given_name, greek.family_name) == ("Ελένη", "Παπαδοπούλου")
    assert greek.birth_date == date(1971, 11, 2)
    (company,) = _problems(items)
    assert company.line == 39 and "company" in company.reason


def test_android_2_1_quoted_printable_with_soft_breaks() -> None:
    """Android 2.1: QP UTF-8 names and a note split by "=" soft breaks, bare TYPE params."""
    ivan, ahmad = _cards(_read("android.vcf"))
    assert (ivan.given_name, ivan.family_name, ivan.other_names) == ("Иван", "Иванов", "Петрович")
    assert ivan.note == (
        "Встреча на приёме в посольстве; обсуждали визит министра в марте и культурный обмен."
    )
    assert ivan.organisation == "Министерство иностранных дел"
    assert ivan.units == ("Второй европейский департамент",)
    assert ivan.title == "Советник"
    assert [(p.value, p.types) for p in ivan.phones] == [
        ("+7 495 123-45-67", ("cell",)),
        ("+7 495 244-16-06", ("work", "voice")),
    ]
    assert ivan.birth_date == date(1970, 4, 15)
    assert ivan.photo is not None and ivan.photo[:2] == b"\xff\xd8"
    assert ivan.problems == ()
    assert (ahmad.given_name, ahmad.birthday, ahmad.phones[0].types) == (
        "Ahmad",
        229,
        ("cell", "pref"),
    )


def test_outlook_windows_1252_iso_8859_1_and_unindented_base64() -> None:
    """Outlook 2.1: undeclared Windows-1252 (noted), CHARSET=ISO-8859-1 QP, bare base64 lines."""
    joerg, renee = _cards(_read("outlook.vcf"))
    assert (joerg.given_name, joerg.family_name) == ("Jörg", "Müller")
    assert (
        joerg.organisation == "Bundesministerium für europäische und internationale Angelegenheiten"
    )
    assert joerg.address == "Minoritenplatz 8, Wien, 1010, Österreich"
    assert joerg.photo is not None and joerg.photo[:2] == b"\xff\xd8"
    assert joerg.birth_date == date(1965, 7, 8)
    assert any("Windows-1252" in p for p in joerg.problems)
    assert (renee.given_name, renee.family_name) == ("Renée", "François")
    assert renee.problems == ()


def test_thunderbird_4_0_data_uri_tel_uri_and_lf_folding() -> None:
    """Thunderbird 4.0: data: URI photo, tel: URIs, TYPE="cell,voice", LANG, LF-folded lines."""
    li, arab = _cards(_read("thunderbird.vcf"))
    assert (li.given_name, li.family_name) == ("明", "李")
    assert [p.value for p in li.phones] == ["+86 10 6596 1114", "+86 138 0013 8000"]
    assert li.phones[1].types == ("cell", "voice")
    assert (li.organisation, li.units, li.title) == ("外交部", ("亚洲司",), "参赞")
    assert li.role.startswith("Deputy head")
    assert li.languages == "zh, en"
    assert li.categories == ("Asia", "Trade, investment")
    assert li.photo is not None and li.photo[:8] == b"\x89PNG\r\n\x1a\n"
    assert li.uid == "urn:uuid:4a6a1a4c-9f2d-4a53-9a49-3b5a2f4b7c11"
    assert (arab.given_name, arab.family_name) == ("محمد", "العلي")
    assert arab.address == "شارع الملك حسين, عمّان, الأردن"
    assert arab.photo is None and "not fetched" in arab.problems[0]


def test_malformed_cards_never_take_the_good_ones_with_them() -> None:
    """Each broken case is one sentence; the good cards around them all come through."""
    items = _read("malformed.vcf")
    names = [i.family_name for i in _cards(items)]
    assert names == [
        "Good1", "Good2", "Colon", "Base", "February", "Bytes", "Mail", "", "Linked", "Good3"
    ]  # fmt: skip
    refused = {p.line: p for p in _problems(items)}
    assert "outside any card" in refused[1].reason
    assert refused[8].name == "Una Unfinished" and "END:VCARD" in refused[8].reason
    assert "VERSION:5.0" in refused[36].reason
    assert refused[66].name == "Carla Cut" and "cut short" in refused[66].reason
    by_name = {c.family_name: c for c in _cards(items)}
    assert by_name["Colon"].problems == (
        "Text that is not a vCard property (2 lines) was left out.",
    )
    assert by_name["Colon"].emails[0].value == "nico@example.org"
    assert "broken base64" in by_name["Base"].problems[0]
    assert by_name["February"].birth_date is None
    assert "1980-02-30" in by_name["February"].problems[0]
    assert "Windows-1252" in by_name["Bytes"].problems[0]
    assert "not fetched" in by_name["Linked"].problems[0]
    assert [i.line for i in items] == sorted(i.line for i in items)


def test_folding_crlf_lf_and_tab_and_escapes() -> None:
    """Folded lines (CRLF or LF, then space or tab) join; \\, \\; \\n unescape in ORG and N."""
    data = (
        b"BEGIN:VCARD\nVERSION:3.0\nN:O\\;Brien;Se\n \xc3\xa1n;;;\n"
        b"ORG:Foreign\\, Commonwealth\r\n\t& Development Office;Europe\\nDirectorate\n"
        b"NOTE:one\\ntwo\\\\three\nEND:VCARD\n"
    )
    (card,) = read_vcards(io.BytesIO(data))
    assert isinstance(card, ContactCard)
    assert (card.family_name, card.given_name) == ("O;Brien", "Seán")
    assert card.organisation == "Foreign, Commonwealth& Development Office"
    assert card.units == ("Europe\nDirectorate",)
    assert card.note == "one\ntwo\\three"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19800415", (date(1980, 4, 15), None)),
        ("1980-04-15", (date(1980, 4, 15), None)),
        ("1980-04-15T00:00:00Z", (date(1980, 4, 15), None)),
        ("--0415", (None, 415)),
        ("--04-15", (None, 415)),
        ("--0229", (None, 229)),
        ("1980-02-30", None),
        ("--1301", None),
        ("circa 1800", None),
    ],
)
def test_birthday_forms(text: str, expected: tuple[date | None, int | None] | None) -> None:
    """The four BDAY forms phones write are read; impossible days are not dates."""
    assert parse_bday(text) == expected


def test_names_come_out_in_nfc() -> None:
    """A decomposed "é" (e + combining accent) is stored composed."""
    data = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Ce\u0301sar;Rene\u0301;;;\r\nEND:VCARD\r\n".encode()
    (card,) = read_vcards(io.BytesIO(data))
    assert isinstance(card, ContactCard)
    assert (card.family_name, card.given_name) == ("C\u00e9sar", "Ren\u00e9")


def _good(n: int) -> bytes:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Good{n};Card;;;\r\nEND:VCARD\r\n".encode()


def _huge_photo_card(megabytes: int, *, width: int | None) -> bytes:
    """A card with a base64 photo of `megabytes` MB, folded at `width` or on one line."""
    payload = base64.b64encode(b"\xff\xd8" + b"\x00" * (megabytes * 1024 * 1024))
    if width is not None:
        payload = b"\r\n ".join(payload[i : i + width] for i in range(0, len(payload), width))
    return (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Huge;Hugo;;;\r\nEMAIL:hugo@example.org\r\n"
        b"PHOTO;ENCODING=b;TYPE=JPEG:" + payload + b"\r\nEND:VCARD\r\n"
    )


# tracemalloc slows each allocation ~25 times: the 76-octet folding (370,000 lines) is checked
# for its result only; its memory is the same as the 4,096-octet folding's, which is traced.
@pytest.mark.parametrize(("width", "traced"), [(None, True), (4096, True), (76, False)])
def test_a_20_mb_photo_is_dropped_in_bounded_memory(
    tmp_path: Path, width: int | None, traced: bool
) -> None:
    """A 20 MB photo costs well under 100 MB to read: the photo is left out, the card kept."""
    path = tmp_path / "huge.vcf"
    with path.open("wb") as out:
        out.write(_good(1))
        out.write(_huge_photo_card(20, width=width))
        out.write(_good(2))
    assert path.stat().st_size > 20 * 1024 * 1024
    if traced:
        tracemalloc.start()
    try:
        with path.open("rb") as stream:
            items = list(read_vcards(stream))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert [i.family_name for i in _cards(items)] == ["Good1", "Huge", "Good2"]
    huge = _cards(items)[1]
    assert huge.photo is None and huge.emails[0].value == "hugo@example.org"
    assert "PHOTO value is larger than 8 MB" in huge.problems[0]


def test_an_oversized_card_is_refused_and_reading_resumes(tmp_path: Path) -> None:
    """A card over the card limit (many mid-sized values) is refused; the next card is read."""
    value = base64.b64encode(b"\x00" * (5 * 1024 * 1024))
    path = tmp_path / "big.vcf"
    with path.open("wb") as out:
        out.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Big;Bea;;;\r\n")
        for _ in range(MAX_CARD_BYTES // len(value) + 1):
            out.write(b"X-BLOB:" + value + b"\r\n")
        out.write(b"END:VCARD\r\n")
        out.write(_good(1))
    tracemalloc.start()
    try:
        with path.open("rb") as stream:
            items = list(read_vcards(stream))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024
    refused, good = items
    assert isinstance(refused, CardProblem) and refused.name == "Bea Big"
    assert "larger than 16 MB" in refused.reason
    assert isinstance(good, ContactCard) and good.family_name == "Good1"


def test_binary_garbage_file_is_one_refusal_not_silence() -> None:
    """A file that is not a vCard at all (say a JPEG) yields one sentence, and no card."""
    items = list(read_vcards(io.BytesIO(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))))
    assert len(items) == 1
    assert isinstance(items[0], CardProblem) and "outside any card" in items[0].reason


def test_organisation_cards_are_not_people() -> None:
    """KIND:org (4.0) is refused as an organisation."""
    data = b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:ACME\r\nEND:VCARD\r\n"
    (item,) = read_vcards(io.BytesIO(data))
    assert isinstance(item, CardProblem) and "organisation" in item.reason


def test_reading_is_streamed() -> None:
    """The first card comes out before the stream is read to its end."""
    stream = io.BytesIO(_good(1) + _good(2) * 10_000)
    first = next(read_vcards(stream))
    assert isinstance(first, ContactCard) and first.family_name == "Good1"
    assert stream.tell() < 1_000


def test_cards_are_built_with_every_field() -> None:
    """The reader's quick constructor fills every field a ContactCard has (none forgotten)."""
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Whole;Wanda;;;\r\nEND:VCARD\r\n"
    (card,) = read_vcards(io.BytesIO(data))
    assert isinstance(card, ContactCard)
    assert set(vars(card)) == {f.name for f in dataclasses.fields(ContactCard)}
    assert card == ContactCard(line=1, given_name="Wanda", family_name="Whole")
