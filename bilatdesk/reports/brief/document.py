"""The visit brief as a printed book: cover and contents, then each section on a new page.

The minister reads it on the plane, so every part says what it holds or what is missing, every
page carries the overall marking top and bottom, and the contents give real page numbers: the
document is laid out until the numbers the contents print are the pages the headings fall on.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer, Table
from reportlab.platypus.tableofcontents import TableOfContents

from bilatdesk.reports.brief import sections
from bilatdesk.reports.brief.bios import biographies
from bilatdesk.reports.brief.parts import (
    ACCENT,
    HEADING_CHARS,
    MUTED,
    SECTION,
    Para,
    bound,
    heading,
    missing,
)
from bilatdesk.reports.brief.records import BriefData
from bilatdesk.reports.fonts import SANS, SANS_BOLD, register_fonts
from bilatdesk.reports.page import CONTENT_WIDTH, PAGE_HEIGHT, PageSetup, build_pdf
from bilatdesk.reports.styles import BODY, RUNNING_LEFT
from bilatdesk.reports.text import markup, paragraph

GENERIC_HEAD = "Visit brief"
CONTENTS = "Contents"
# Section titles as DOMAIN.md orders them; the Section records may carry their own.
PROGRAMME = "Programme"
CALLS = "Call briefs"
BIOGRAPHIES = "Biographies"
AGREEMENTS = "Agreements"

_MARKING = ParagraphStyle(
    "cover-marking",
    parent=BODY,
    fontName=SANS_BOLD,
    fontSize=17,
    leading=21,
    alignment=TA_CENTER,
    spaceAfter=0,
)
_KIND = ParagraphStyle(
    "cover-kind", parent=BODY, fontSize=10, leading=13, textColor=MUTED, spaceAfter=4
)
_TITLE = ParagraphStyle(
    "cover-title",
    parent=BODY,
    fontName=SANS_BOLD,
    fontSize=20,
    leading=25,
    textColor=ACCENT,
    spaceAfter=10,
)
_META = ParagraphStyle("cover-meta", parent=BODY, fontSize=10, leading=14, spaceAfter=1)
_TOC_LEVELS = [
    ParagraphStyle(
        "toc-0",
        parent=BODY,
        fontName=SANS_BOLD,
        fontSize=10.5,
        leading=14,
        spaceBefore=5,
        spaceAfter=0,
    ),
    ParagraphStyle(
        "toc-1", parent=BODY, fontSize=9.5, leading=12.5, leftIndent=7 * mm, spaceAfter=0
    ),
]


def render_brief(data: BriefData) -> bytes:
    """The brief as PDF bytes; the same data always gives the same bytes."""
    register_fonts()  # before any Paragraph: styles name the registered faces
    parts: list[tuple[str, list[Flowable]]] = [
        (data.steering.title or "Steering brief", sections.section(data.steering)),
        (PROGRAMME, sections.programme(data.programme, data.programme_missing)),
        (CALLS, sections.calls(data.calls) or missing(["no meetings are planned."])),
        (BIOGRAPHIES, biographies(data.biographies) or missing(["no biographies are on file."])),
        (data.key_facts.title or "Key facts", sections.section(data.key_facts, grid=True)),
        (data.relations.title or "State of relations", sections.section(data.relations)),
        (AGREEMENTS, sections.agreements(data.agreements)),
        (data.protocol.title or "Protocol notes", sections.section(data.protocol)),
    ]
    story = _cover(data)
    for title, body in parts:
        story.append(PageBreak())
        story += bound([heading(title, SECTION, level=0)], body)
    setup = PageSetup(
        marking=data.classification,
        running_head=running_head(data),
        title=data.title[:HEADING_CHARS] or GENERIC_HEAD,
        produced_at=data.produced_at,
    )
    return build_pdf(story, setup)


def running_head(data: BriefData) -> str:
    """The title when it fits the header's half-width slot on one line, else a generic name."""
    generic = f"{GENERIC_HEAD}, version {data.version}" if data.version.strip() else GENERIC_HEAD
    title = data.title
    if not title.strip() or "\n" in title or len(title) > HEADING_CHARS:
        return generic if len(generic) <= 60 else GENERIC_HEAD
    fitted = paragraph(title, RUNNING_LEFT)
    fitted.wrap(CONTENT_WIDTH / 2, PAGE_HEIGHT)
    return title if len(fitted.blPara.lines) <= 1 else generic[:60]


def _cover(data: BriefData) -> list[Flowable]:
    """Marking in a box, kind, title, version, author and date, then the contents."""
    marking = Table(
        [[Para(markup(data.classification, limit=HEADING_CHARS), _MARKING)]],
        colWidths=[CONTENT_WIDTH],
    )
    marking.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), 1.4, ACCENT),
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ]
    )
    story: list[Flowable] = [
        marking,
        Spacer(1, 16 * mm),
        Para("VISIT BRIEF", _KIND),
        Para(_title(data), _TITLE),
    ]
    for label, value in (
        ("Version", data.version),
        ("Prepared by", data.prepared_by),
        ("Date", _day(data.produced_at)),
    ):
        if value.strip():
            shown = markup(value, limit=HEADING_CHARS)
            story.append(Para(f"<font color='#555555'>{label}:</font> {shown}", _META))
    contents = TableOfContents(levelStyles=_TOC_LEVELS, dotsMinLevel=0)
    contents.tableStyle = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    story += [
        HRFlowable(width="100%", thickness=0.6, color=MUTED, spaceBefore=10 * mm, spaceAfter=6),
        Para(CONTENTS, SECTION),
        contents,
    ]
    return story


def _title(data: BriefData) -> str:
    """The cover's title, after the visit's portion mark: the principal is the visit's text."""
    title = markup(data.title or GENERIC_HEAD, limit=HEADING_CHARS)
    return f"{markup(data.title_mark)} {title}" if data.title_mark.strip() else title


def _day(produced_at: str) -> str:
    """The production date as "22 November 2026"; an unparsable value is shown as given."""
    try:
        moment = datetime.fromisoformat(produced_at)
    except ValueError:
        return produced_at
    return f"{moment.day} {moment:%B %Y}"
