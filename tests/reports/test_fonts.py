"""The shipped TrueType fonts: registered once, and embedded in every PDF."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from bilatdesk.reports.cable import render_cable
from bilatdesk.reports.fonts import CJK, SANS, SANS_BOLD, register_fonts
from bilatdesk.reports.records import CableParagraph
from tests.reports import pdfread
from tests.reports.cables import NAMES, cable, paragraphs


def test_registration_is_idempotent() -> None:
    """Registering twice returns the same coverage and leaves the faces registered."""
    assert register_fonts() is register_fonts()
    for name in (SANS, SANS_BOLD, CJK):
        assert pdfmetrics.getFont(name).fontName == name


def test_every_shipped_font_is_embedded() -> None:
    """Each face the cable uses carries its font program (FontFile2), so no printer swaps it."""
    names = CableParagraph(" ".join(NAMES), "(C)")
    pdf = render_cable(cable(paragraphs=(*paragraphs(2), names)))
    fonts = pdfread.fonts(pdf)
    assert set(fonts) == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "WenQuanYiMicroHei-0",
        "NotoSansArabic-Regular",
    }
    for name, descriptor in fonts.items():
        assert "/FontFile2" in descriptor or "/FontFile" in descriptor, name
