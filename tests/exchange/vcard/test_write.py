"""Writing vCards without a database: folding, and PersonOut records in, bytes out."""

from __future__ import annotations

import io
import unicodedata
from datetime import UTC, date, datetime

import pytest
import vobject

from bilatdesk.exchange.records import ContactCard, PersonOut, PointOut, PostOut
from bilatdesk.exchange.vcard.read import read_vcards
from bilatdesk.exchange.vcard.write import card, fold_line, write_vcards


@pytest.mark.parametrize("text", ["a" * 200, "é" * 100, "李" * 80, "a" + "🙂" * 40, "x"])
def test_fold_line_round_trips(text: str) -> None:
    """Unfolding a folded line gives the line back, whatever its script."""
    folded = fold_line("NOTE:" + text)
    assert all(len(piece) <= 75 for piece in folded.split(b"\r\n"))
    assert folded.replace(b"\r\n ", b"").decode() == "NOTE:" + text + "\r\n"


def _person(**values: object) -> PersonOut:
    """A person with two posts, four ways to reach them, tags, a photo and a birthday."""
    fields: dict[str, object] = {
        "uid": "0b7a6e1c-4d2f-4a8e-9c1b-2f3e4d5c6b7a",
        "honorific": "Dr",
        "given_name": unicodedata.normalize("NFD", "Zoë"),
        "family_name": "Ångström-Müller",
        "other_names": "Z.",
        "birth_date": date(1970, 4, 15),
        "languages": "de, en",
        "points": (
            PointOut("email", "zoe@example.org", "work"),
            PointOut("phone", "+43 1 531 15-0", "work"),
            PointOut("phone", "ext. 12 (evenings)"),
            PointOut("address", "Minoritenplatz 8; 1010 Wien", "work"),
        ),
        "posts": (
            PostOut("Head of Unit", ("Ministry; Trade", "Unit\\Europe, North")),
            PostOut("Chair", ()),
        ),
        "tags": ("Culture", "Trade, investment"),
        "photo": b"\xff\xd8\xff\xe0 not really a jpeg",
        "photo_type": "image/jpeg",
        "updated_at": datetime(2026, 5, 1, 8, 30, tzinfo=UTC),
    }
    fields.update(values)
    return PersonOut(**fields)  # type: ignore[arg-type]


def test_a_record_becomes_one_folded_card() -> None:
    """Records in, bytes out: every line CRLF-ended, at most 75 octets, valid UTF-8."""
    data = card(_person(photo=bytes(range(256)) * 8))
    assert data.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert data.endswith(b"REV:20260501T083000Z\r\nEND:VCARD\r\n")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75
        line.decode("utf-8")


def test_write_vcards_streams_and_counts() -> None:
    """Each record is written as it comes; the count is the number of cards."""
    out = io.BytesIO()
    people = (_person(uid=f"00000000-0000-4000-8000-00000000000{i}") for i in range(3))
    assert write_vcards(people, out) == 3
    assert out.getvalue().count(b"BEGIN:VCARD") == 3


def test_our_reader_reads_the_card_back() -> None:
    """read_vcards gives back names (NFC), posts, points, birthday, tags, photo and UID."""
    person = _person()
    [back] = list(read_vcards(io.BytesIO(card(person))))
    assert isinstance(back, ContactCard) and not back.problems
    assert (back.given_name, back.family_name) == ("Zoë", "Ångström-Müller")
    assert back.honorific == "Dr"
    assert (back.organisation, back.units) == ("Ministry; Trade", ("Unit\\Europe, North",))
    assert back.title == "Head of Unit"
    assert [e.value for e in back.emails] == ["zoe@example.org"]
    assert [p.value for p in back.phones] == ["+43 1 531 15 0", "ext. 12 (evenings)"]
    assert back.address == "Minoritenplatz 8; 1010 Wien"
    assert back.birth_date == date(1970, 4, 15)
    assert back.categories == ("Culture", "Trade, investment")
    assert back.photo == person.photo
    assert back.languages == "de, en"
    assert back.uid == f"urn:uuid:{person.uid}"


def test_vobject_reads_the_card_back() -> None:
    """vobject, an independent reader, sees the same names, groups, tel: URI and no NOTE."""
    [back] = list(vobject.readComponents(card(_person(photo=None)).decode("utf-8")))
    assert back.n.value.family == "Ångström-Müller"
    assert back.n.value.given == "Zoë"
    assert back.fn.value == "Zoë Ångström-Müller"
    assert back.org.value == ["Ministry; Trade", "Unit\\Europe, North"]
    assert [t.value for t in back.contents["title"]] == ["Head of Unit", "Chair"]
    assert [t.value for t in back.contents["tel"]] == ["tel:+43-1-531-15-0", "ext. 12 (evenings)"]
    assert back.categories.value == ["Culture", "Trade, investment"]
    assert back.bday.value == "19700415"
    assert "note" not in back.contents


def test_a_birthday_without_a_year_and_a_name_only_in_its_own_script() -> None:
    """BDAY --MMDD; without given and family name FN and N carry the original script."""
    data = card(
        _person(given_name="", family_name="", name_original="李明", birth_date=None, birthday=229)
    ).decode("utf-8")
    assert "FN:李明\r\n" in data
    assert "N:李明;;Z.;Dr;\r\n" in data
    assert "BDAY:--0229\r\n" in data
