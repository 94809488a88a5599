"""Every document type looks as approved: pages rendered small and compared with references.

The references (tests/reports/references/*.png, 40 dpi greyscale) are updated only on purpose:
BILATDESK_UPDATE_REFERENCES=1 writes them afresh. A page whose mean pixel difference passes
the tolerance differs by antialiasing noise at most; a moved block or a lost line does not.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat

from bilatdesk.reports.agreements import render_agreement_register
from bilatdesk.reports.brief.document import render_brief
from bilatdesk.reports.cable import render_cable
from bilatdesk.reports.diplomatic_list import render_diplomatic_list
from tests.reports.brief.samples import full_brief
from tests.reports.cables import cable
from tests.reports.test_agreements import sample_register
from tests.reports.test_diplomatic_list import sample

REFERENCES = Path(__file__).parent / "references"
DPI = 40
# Mean absolute difference per pixel (0-255). Antialiasing noise stays far below 1; a block of
# text moved by a line changes a few percent of the page.
TOLERANCE = 1.5
UPDATE = os.environ.get("BILATDESK_UPDATE_REFERENCES") == "1"

DOCUMENTS: dict[str, Callable[[], bytes]] = {
    "cable": lambda: render_cable(cable()),
    "cable-draft": lambda: render_cable(cable(draft=True, serial="", dtg="")),
    "brief": lambda: render_brief(full_brief()),
    "agreements": lambda: render_agreement_register(sample_register()),
    "diplomatic-list": lambda: render_diplomatic_list(sample(14)),
}


def pages(pdf: bytes) -> list[Image.Image]:
    """Each page as a small greyscale image."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in document
        ]
    finally:
        document.close()


def difference(one: Image.Image, other: Image.Image) -> float:
    """The mean absolute pixel difference of two same-sized greyscale images."""
    return float(ImageStat.Stat(ImageChops.difference(one, other)).mean[0])


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_looks_as_approved(name: str, tmp_path: Path) -> None:
    """Each page matches its approved reference within the tolerance; same page count."""
    fresh = pages(DOCUMENTS[name]())
    if UPDATE:
        for old in REFERENCES.glob(f"{name}-p*.png"):
            old.unlink()
        REFERENCES.mkdir(exist_ok=True)
        for number, image in enumerate(fresh, start=1):
            image.save(REFERENCES / f"{name}-p{number:02}.png", optimize=True)
    approved = sorted(REFERENCES.glob(f"{name}-p*.png"))
    assert approved, f"no reference for {name}: run with BILATDESK_UPDATE_REFERENCES=1"
    failures = []
    for number, image in enumerate(fresh, start=1):
        reference = REFERENCES / f"{name}-p{number:02}.png"
        with Image.open(reference) if reference.exists() else Image.new("L", (1, 1)) as loaded:
            expected = loaded.convert("L")
        if expected.size != image.size or difference(expected, image) > TOLERANCE:
            written = tmp_path / f"{name}-p{number:02}.fresh.png"
            image.save(written)  # beside the test's output, to compare with the reference
            failures.append(str(written))
    assert len(fresh) == len(approved), f"{name}: {len(fresh)} pages, {len(approved)} approved"
    assert not failures, f"pages differ from their references; fresh images: {failures}"


def test_difference_passes_noise_and_fails_a_moved_block() -> None:
    """A one-pixel grey speckle passes; the same page with its text moved down a line fails."""
    page = pages(render_cable(cable()))[0]
    speckled = page.copy()
    speckled.putpixel((10, 10), 128)
    assert difference(page, speckled) < TOLERANCE
    moved = Image.new("L", page.size, 255)
    moved.paste(page.crop((0, 0, page.width, page.height - 8)), (0, 8))
    assert difference(page, moved) > TOLERANCE
