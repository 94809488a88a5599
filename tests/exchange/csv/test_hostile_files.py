"""Files that are not what they claim: refused whole with a sentence, never a raw exception."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bilatdesk.exchange.csv.read import CsvError, load_mapping, read_csv_cards


@pytest.mark.parametrize("seed", range(4))
def test_a_binary_file_is_not_a_csv(tmp_path: Path, seed: int) -> None:
    """Random bytes (a spreadsheet, a picture) are refused as "not a CSV file", not _csv.Error."""
    generator = random.Random(seed)
    path = tmp_path / "contacts.csv"
    path.write_bytes(bytes(generator.randrange(256) for _ in range(4_000 * (seed + 1))))
    with pytest.raises(CsvError, match=r"contacts\.csv is not a CSV file"):
        read = read_csv_cards(path)
        list(read.cards)


def test_a_carriage_return_inside_a_cell_is_still_a_csv(tmp_path: Path) -> None:
    """A lone carriage return ends a line, as in the rows: the header is still read."""
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"Name,Email\r\nAna\rBerger,ana@example.org\r\n")
    assert read_csv_cards(path).headers == ("Name", "Email")


def test_a_mapping_nested_200000_deep_is_a_sentence(tmp_path: Path) -> None:
    """json's recursion limit becomes a sentence about the mapping file, not RecursionError."""
    path = tmp_path / "mapping.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(CsvError, match="nested far too deeply"):
        load_mapping(path)
