"""Calendars as real programs write them: one file per quirk (tests/data/ics/quirks), written
by hand from RFC 5545 and what exporters are reported to write (a CRM's "DTEND: …", the
globally unique TZIDs of Mozilla and Evolution, Outlook's "Unicode", iOS line ends)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bilatdesk.exchange.ics.read import IcsError, ImportedEvent
from tests import paths
from tests.exchange.ics.samples import read_file

QUIRKS = paths.DATA / "ics" / "quirks"

# file -> (title, UTC start, UTC end, zone kept)
EXPECTED = {
    "dtend_space_after_colon": (
        "Courtesy call",
        datetime(2026, 1, 15, 9, tzinfo=UTC),
        datetime(2026, 1, 15, 10, tzinfo=UTC),
        "UTC",
    ),
    "tzid_leading_slash": (
        "Working lunch",
        datetime(2026, 1, 20, 11, tzinfo=UTC),
        datetime(2026, 1, 20, 12, 30, tzinfo=UTC),
        "Europe/Stockholm",
    ),
    "tzid_mozilla_prefix": (
        "Consultations",
        datetime(2026, 2, 10, 13, tzinfo=UTC),
        datetime(2026, 2, 10, 14, tzinfo=UTC),
        "Europe/Berlin",
    ),
    "tzid_vendor_prefix": (
        "Demarche",
        datetime(2026, 3, 5, 10, tzinfo=UTC),
        datetime(2026, 3, 5, 11, tzinfo=UTC),
        "Europe/London",
    ),
    "params_whitespace": (
        "Video call",
        datetime(2026, 2, 12, 8, tzinfo=UTC),
        datetime(2026, 2, 12, 8, 30, tzinfo=UTC),
        "Europe/Vienna",
    ),
    "utf16le_bom": (
        "Bilateral meeting – Μ. Παπαδοπούλου",
        datetime(2026, 3, 3, 8, tzinfo=UTC),
        datetime(2026, 3, 3, 9, tzinfo=UTC),
        "UTC",
    ),
    "cr_cr_lf": (
        "Reception",
        datetime(2026, 1, 30, 18, tzinfo=UTC),
        datetime(2026, 1, 30, 20, tzinfo=UTC),
        "UTC",
    ),
}


def test_every_quirk_file_has_a_test() -> None:
    """Each file of the corpus is expected here or in its own test."""
    source = Path(__file__).read_text(encoding="utf-8")
    for path in QUIRKS.iterdir():
        assert path.stem in source, path.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_quirk_file_reads_its_event(name: str) -> None:
    """The one event of each file, at the moment its writer meant, in its zone."""
    read = read_file(QUIRKS / f"{name}.ics")
    assert read.problems == []
    (event,) = read.events
    assert isinstance(event, ImportedEvent) and event.refusal == ""
    assert (event.title, event.starts_at, event.ends_at, event.time_zone) == EXPECTED[name]


def test_utf16_damaged() -> None:
    """A UTF-16 calendar with a broken character is refused by that cause, named."""
    with pytest.raises(IcsError, match=r"read as UTF-16 LE, but a character could not"):
        read_file(QUIRKS / "utf16_damaged.ics")
