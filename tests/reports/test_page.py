"""Page furniture: banners top and bottom, running header, page x of y, byte-stable output."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2
import pytest

from bilatdesk.reports.cable import render_cable
from bilatdesk.reports.page import FRAME_BOTTOM, FRAME_TOP, PAGE_HEIGHT, TOP_BANNER_Y, pdf_date
from tests.reports import pdfread
from tests.reports.cables import MARKING, cable, paragraphs


@pytest.fixture(scope="module")
def long_cable() -> bytes:
    return render_cable(cable(paragraphs=paragraphs(40)))


def test_every_page_has_the_marking_top_and_bottom(long_cable: bytes) -> None:
    """Each page of a multi-page cable prints the marking above and below its text."""
    pages = pdfread.page_runs(long_cable)
    assert len(pages) >= 4
    for number, runs in enumerate(pages, start=1):
        marks = [run.y for run in runs if run.text == MARKING and run.font.endswith("Bold")]
        assert any(y > FRAME_TOP for y in marks), number
        assert any(y < FRAME_BOTTOM for y in marks), number


def test_every_page_says_page_x_of_y(long_cable: bytes) -> None:
    """The running header names the serial and the right page number out of the right total."""
    texts = pdfread.page_texts(long_cable)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert "VIE 2026/017" in text


def test_nothing_prints_over_the_banners(long_cable: bytes) -> None:
    """Every line of the cable itself sits between the running header and the bottom banner."""
    for runs in pdfread.page_runs(long_cable):
        furniture = {MARKING, "VIE 2026/017"}
        body = [run for run in runs if run.text not in furniture and "Page" not in run.text]
        assert body
        assert all(FRAME_BOTTOM <= run.y <= FRAME_TOP for run in body)


def test_same_data_gives_identical_bytes() -> None:
    """The same cable gives the same file byte for byte, even with another rendered between."""
    first = render_cable(cable())
    render_cable(cable(draft=True, paragraphs=paragraphs(12)))
    assert render_cable(cable()) == first


def test_different_data_gives_different_bytes() -> None:
    """A one-letter change in the cable changes the file."""
    assert render_cable(cable()) != render_cable(cable(subject="AUSTRIA: FOREIGN MINISTER"))


def test_creation_date_is_the_production_time() -> None:
    """The PDF's creation date is the record's produced_at, not the clock."""
    metadata = pdfread.reader(render_cable(cable())).metadata
    assert metadata is not None
    assert metadata.creation_date == datetime(2026, 11, 22, 15, 30, tzinfo=UTC)


def test_pdf_date_is_in_utc() -> None:
    """An offset time is converted to UTC; a naive one is taken as UTC."""
    assert pdf_date("2026-11-22T16:30:00+01:00") == "D:20261122153000+00'00'"
    assert pdf_date("2026-11-22") == "D:20261122000000+00'00'"


def test_qpdf_finds_the_file_sound(long_cable: bytes, tmp_path: Path) -> None:
    """qpdf --check reports no damage in the file's structure or streams."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed")
    path = tmp_path / "cable.pdf"
    path.write_bytes(long_cable)
    done = subprocess.run([qpdf, "--check", path], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_page_renders_to_ink(long_cable: bytes) -> None:
    """A rasterised first page has a real share of dark pixels: text, not a blank sheet."""
    document = pypdfium2.PdfDocument(long_cable)
    bitmap = document[0].render(scale=60 / 72, grayscale=True)
    pixels = bytes(bitmap.buffer)
    dark = sum(1 for value in pixels if value < 128)
    assert 0.01 < dark / len(pixels) < 0.5
    assert bitmap.height == round(PAGE_HEIGHT * 60 / 72)


def test_runaway_marking_is_cut_to_one_line() -> None:
    """A marking too long for one line is cut with "…" rather than wrapping over the text."""
    pdf = render_cable(cable(classification="SECRET " * 60, caveats="", serial="VIE " * 60))
    for runs in pdfread.page_runs(pdf):
        top = [run for run in runs if run.y > TOP_BANNER_Y - 6]
        bottom = [run for run in runs if run.y < FRAME_BOTTOM]
        assert len(top) == 1 and top[0].text.endswith("…")
        assert len(bottom) == 1 and bottom[0].text == top[0].text
        head = [run for run in runs if FRAME_TOP < run.y < TOP_BANNER_Y - 6]
        assert len({round(run.y) for run in head}) == 1
