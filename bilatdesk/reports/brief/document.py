"""The visit brief as a printed book: a cover, the contents, then four parts that each open a
page (steering brief and programme, call briefs, biographies, background), their sections
flowing on, so no page is left mostly empty.

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
from bilatdesk.reports.page import CONTENT_WIDTH, PageSetup, build_pdf, fits_running_head
from bilatdesk.reports.styles import BODY
from bilatdesk.reports.text import markup

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
_META_LABEL = ParagraphStyle("cover-meta-label", parent=_META, textColor=MUTED)
_ISSUER = ParagraphStyle(
    "cover-issuer",
    parent=BODY,
    fontName=SANS_BOLD,
    fontSize=13,
    leading=17,
    alignment=TA_CENTER,
    textColor=ACCENT,
    spaceAfter=1,
)
_MINISTRY = ParagraphStyle(
    "cover-ministry", parent=BODY, fontSize=11, leading=15, alignment=TA_CENTER, spaceAfter=0
)
_HANDLING = ParagraphStyle("cover-handling", parent=BODY, fontSize=8.5, leading=11.5, spaceAfter=2)
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
    # Each inner list is a part that opens a new page; its sections flow one after another.
    parts: list[list[tuple[str, list[Flowable]]]] = [
        [
            (data.steering.title or "Steering brief", sections.section(data.steering)),
            (PROGRAMME, sections.programme(data.programme, data.programme_missing)),
        ],
        [(CALLS, sections.calls(data.calls) or missing(["no meetings are planned."]))],
        [
            (
                BIOGRAPHIES,
                biographies(data.biographies) or missing(["no biographies are on file."]),
            )
        ],
        [
            (data.key_facts.title or "Key facts", sections.section(data.key_facts, grid=True)),
            (data.relations.title or "State of relations", sections.section(data.relations)),
            (AGREEMENTS, sections.agreements(data.agreements)),
            (data.protocol.title or "Protocol notes", sections.section(data.protocol)),
        ],
    ]
    story = [*_cover(data), PageBreak(), *_contents()]
    for part in parts:
        story.append(PageBreak())
        for index, (title, body) in enumerate(part):
            if index:
                story.append(Spacer(1, 6 * mm))
            story += bound([heading(title, SECTION, level=0)], body)
    marking = data.classification.strip()
    setup = PageSetup(
        marking=data.classification,
        running_head=running_head(data),
        title=f"{GENERIC_HEAD}: {data.title}"[:HEADING_CHARS] if data.title else GENERIC_HEAD,
        produced_at=data.produced_at,
        subject=data.title[:HEADING_CHARS],
        author=data.prepared_by[:HEADING_CHARS],
        keywords=tuple(k for k in (marking, GENERIC_HEAD, data.country) if k),
    )
    return build_pdf(story, setup)


def running_head(data: BriefData) -> str:
    """The first of the title, the short title ("Visit to Greece, 6–7 December 2026") and a
    generic name that fits the running-head slot on one line: every page says which visit."""
    for candidate in (data.title, data.short_title):
        if fits_running_head(candidate, HEADING_CHARS):
            return candidate
    generic = f"{GENERIC_HEAD}, version {data.version}" if data.version.strip() else GENERIC_HEAD
    return generic if len(generic) <= 60 else GENERIC_HEAD


def _cover(data: BriefData) -> list[Flowable]:
    """A page of its own: who issues it, the marking, the visit, its facts, how to handle it."""
    state = data.state.strip()
    state = state[4:] if state.casefold().startswith("the ") else state
    story: list[Flowable] = []
    for line, style in ((state.upper(), _ISSUER), (data.ministry, _MINISTRY)):
        if line.strip():
            story.append(Para(markup(line, limit=HEADING_CHARS), style))
    story += [
        Spacer(1, 14 * mm),
        _boxed(Para(markup(data.classification, limit=HEADING_CHARS), _MARKING), 1.4),
        Spacer(1, 18 * mm),
        Para("VISIT BRIEF", _KIND),
        Para(_title(data), _TITLE),
        Spacer(1, 4 * mm),
    ]
    rows = [
        [Para(markup(label), _META_LABEL), Para(markup(value, limit=HEADING_CHARS), _META)]
        for label, value in (
            ("Principal", _capitalised(data.principal)),
            ("Country", data.country),
            ("Dates", data.dates),
            ("Version", data.version),
            ("Prepared by", data.prepared_by),
            ("Date of the brief", _day(data.produced_at)),
        )
        if value.strip()
    ]
    if rows:
        facts = Table(rows, colWidths=[38 * mm, CONTENT_WIDTH - 38 * mm], hAlign="LEFT")
        facts.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
        story.append(facts)
    handling = [Para(f"<b>Handling:</b> {markup(data.handling)}", _HANDLING)]
    if data.copy_number > 0:
        handling.append(Para(f"<b>Copy no. {data.copy_number}</b>", _HANDLING))
    story += [Spacer(1, 22 * mm), _boxed(handling, 0.6)]
    return story


def _contents() -> list[Flowable]:
    """The contents on a page of their own; each entry a link to its heading."""
    contents = TableOfContents(levelStyles=_TOC_LEVELS, dotsMinLevel=0)
    contents.tableStyle = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    return [Para(CONTENTS, SECTION), HRFlowable(width="100%", thickness=0.6, color=MUTED), contents]


def _boxed(content: Flowable | list[Flowable], thickness: float) -> Table:
    box = Table([[content]], colWidths=[CONTENT_WIDTH])
    box.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), thickness, ACCENT),
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ]
    )
    return box


def _capitalised(text: str) -> str:
    """ "the Minister of Foreign Affairs" as a cover line starts: "The Minister ..."."""
    return text[:1].upper() + text[1:]


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
