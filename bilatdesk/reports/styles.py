"""Paragraph styles shared by the printed documents: one sober sans face, sizes for reading."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from bilatdesk.reports.fonts import SANS, SANS_BOLD

BODY = ParagraphStyle(
    "body",
    fontName=SANS,
    fontSize=10,
    leading=14,
    spaceAfter=8,
    alignment=TA_LEFT,
    # Words longer than a line are cut at the margin rather than overflowing it.
    splitLongWords=True,
)
LABEL = ParagraphStyle(
    "label", parent=BODY, fontName=SANS_BOLD, fontSize=9, leading=12.5, spaceAfter=0
)
VALUE = ParagraphStyle("value", parent=LABEL, fontName=SANS)
SIGNATURE = ParagraphStyle("signature", parent=BODY, fontName=SANS_BOLD, spaceBefore=10)
BANNER = ParagraphStyle(
    "banner",
    parent=BODY,
    fontName=SANS_BOLD,
    fontSize=10.5,
    leading=13,
    alignment=TA_CENTER,
    spaceAfter=0,
)
RUNNING_LEFT = ParagraphStyle("running-left", parent=BODY, fontSize=8.5, leading=11, spaceAfter=0)
RUNNING_RIGHT = ParagraphStyle("running-right", parent=RUNNING_LEFT, alignment=TA_RIGHT)
# Registers and lists: a document title, the line under it, and section headings. A heading
# keeps with what follows, so it never ends a page alone.
TITLE = ParagraphStyle(
    "title", parent=BODY, fontName=SANS_BOLD, fontSize=15, leading=19, spaceAfter=3
)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=9.5, leading=13, spaceAfter=0)
HEADING = ParagraphStyle(
    "heading",
    parent=BODY,
    fontName=SANS_BOLD,
    fontSize=12,
    leading=15,
    spaceBefore=12,
    spaceAfter=5,
    keepWithNext=1,
)
