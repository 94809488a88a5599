"""The CSV sample files and small helpers shared by the CSV tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bilatdesk.exchange.csv.read import read_csv_cards
from bilatdesk.exchange.records import CardProblem, ContactCard
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
