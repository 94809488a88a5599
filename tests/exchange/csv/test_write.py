"""Writing CSV contacts without a database: the formula guard; PersonOut records in, bytes out."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest

from bilatdesk.exchange.csv.headers import LABELS
from bilatdesk.exchange.csv.read import read_csv_cards
from bilatdesk.exchange.csv.write import EXPORT_HEADERS, guard, unguard, write_csv
from bilatdesk.exchange.records import ContactCard, PersonOut, PointOut, PostOut


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


def _people() -> list[PersonOut]:
    """Two people: one with a post under a unit chain and formula-like cells, one bare."""
    return [
        PersonOut(
            uid="0b7a6e1c-4d2f-4a8e-9c1b-2f3e4d5c6b7a",
            honorific="Dr",
            given_name="Zoë",
            family_name="=HYPERLINK(1)",
            birthday=415,
            languages="de, en",
            points=(
                PointOut("email", "a@example.org"),
                PointOut("email", "b;c@example.org"),
                PointOut("phone", "+43 1 234"),
                PointOut("address", "Minoritenplatz 8"),
                PointOut("address", "second address, not written"),
            ),
            posts=(
                PostOut("Former title", ("Old ministry",)),
                PostOut("Head of Unit", ("Ministry", "Directorate", "Unit")),
            ),
            tags=("Culture", "Trade"),
        ),
        PersonOut(uid="5d0c3a2b-1e4f-4a6b-8c9d-0e1f2a3b4c5d", name_original="李明"),
    ]


def test_records_become_a_bom_crlf_file_with_our_headers() -> None:
    """UTF-8 with a BOM, CRLF, the header row, one guarded row per person; the count."""
    out = io.BytesIO()
    assert write_csv(_people(), out) == 2
    data = out.getvalue()
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(b"\r\n") == 3
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert tuple(rows[0]) == EXPORT_HEADERS
    first = dict(zip(EXPORT_HEADERS, rows[1], strict=True))
    assert first[LABELS["family_name"]] == "'=HYPERLINK(1)"
    assert first[LABELS["phone"]] == "'+43 1 234"
    assert first[LABELS["email"]] == "a@example.org; b\\;c@example.org"
    assert first[LABELS["address"]] == "Minoritenplatz 8"
    assert first[LABELS["organisation"]] == "Ministry"
    assert first[LABELS["unit"]] == "Directorate; Unit"
    assert first[LABELS["title"]] == "Head of Unit"  # the post begun last
    assert first[LABELS["birth_date"]] == "'--04-15"  # a leading minus is guarded too
    second = dict(zip(EXPORT_HEADERS, rows[2], strict=True))
    assert second[LABELS["formatted_name"]] == "李明"


def test_our_reader_reads_the_file_back(tmp_path: Path) -> None:
    """read_csv_cards takes the guard off and gives back names, values, post and birthday."""
    path = tmp_path / "people.csv"
    with path.open("wb") as out:
        write_csv(_people(), out)
    read = read_csv_cards(path)
    zoe, li = list(read.cards)
    assert isinstance(zoe, ContactCard) and isinstance(li, ContactCard)
    assert (zoe.given_name, zoe.family_name) == ("Zoë", "=HYPERLINK(1)")
    assert [e.value for e in zoe.emails] == ["a@example.org", "b;c@example.org"]
    assert [p.value for p in zoe.phones] == ["+43 1 234"]
    assert (zoe.organisation, zoe.units, zoe.title) == (
        "Ministry",
        ("Directorate", "Unit"),
        "Head of Unit",
    )
    assert (zoe.birth_date, zoe.birthday) == (None, 415)
    assert zoe.categories == ("Culture", "Trade")
    assert zoe.uid == "0b7a6e1c-4d2f-4a8e-9c1b-2f3e4d5c6b7a"
    assert li.formatted_name == "李明"


def test_the_stream_stays_open_for_the_caller() -> None:
    """write_csv leaves the binary stream open (the service's atomic file closes it)."""
    out = io.BytesIO()
    write_csv([], out)
    assert not out.closed
    assert out.getvalue() == codecs.BOM_UTF8 + (",".join(EXPORT_HEADERS) + "\r\n").encode()
