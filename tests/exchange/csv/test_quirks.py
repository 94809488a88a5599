"""Contact CSVs as real programs save them: one file per quirk (tests/data/csv/quirks), by
hand after what Excel (Mac: CR line ends) and Windows ("Unicode": UTF-16 or UTF-32) write."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilatdesk.exchange.csv.dialect import describe_encoding
from bilatdesk.exchange.csv.read import read_csv_cards
from bilatdesk.exchange.records import ContactCard
from tests import paths

QUIRKS = paths.DATA / "csv" / "quirks"
GREEK = [
    ("Jürgen", "Müller", "Bundesministerium für Europa"),
    ("Ελένη", "Παπαδοπούλου", "Υπουργείο Εξωτερικών"),
]
# file -> (encoding as shown to the clerk, the people it holds)
EXPECTED = {
    "cr_cr_lf": ("UTF-8", GREEK),
    "cr_only": ("UTF-8", GREEK),
    "utf16le_no_bom": ("UTF-16 LE", GREEK),
    "utf32be_no_bom": ("UTF-32 BE", GREEK),
    "utf32le_bom": ("UTF-32 (with BOM)", GREEK),
    "windows1252": (
        "Windows-1252",
        [
            ("Jürgen", "Müller", "Bundesministerium für Europa"),
            ("Françoise", "Châtelet", "Ministère de l’Europe"),
        ],
    ),
}


def test_every_quirk_file_has_a_test() -> None:
    """Each file of the corpus is expected here."""
    source = Path(__file__).read_text(encoding="utf-8")
    for path in QUIRKS.iterdir():
        assert path.stem in source, path.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_quirk_file_reads_its_people(name: str) -> None:
    """The encoding is recognised and named; every row becomes its person, nothing dropped."""
    read = read_csv_cards(QUIRKS / f"{name}.csv")
    encoding, people = EXPECTED[name]
    assert describe_encoding(read.encoding) == encoding
    cards = list(read.cards)
    assert all(isinstance(card, ContactCard) and not card.problems for card in cards)
    assert [
        (card.given_name, card.family_name, card.organisation)
        for card in cards
        if isinstance(card, ContactCard)
    ] == people
