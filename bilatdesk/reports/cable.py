"""The printed cable: header block, numbered and portion-marked paragraphs, signature."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from bilatdesk.domain.marking import shown
from bilatdesk.reports.fonts import SANS, register_fonts
from bilatdesk.reports.page import (
    CONTENT_WIDTH,
    PAGE_HEIGHT,
    PageSetup,
    build_pdf,
    marking_line,
)
from bilatdesk.reports.records import CableData, CableParagraph, Section
from bilatdesk.reports.styles import BODY, LABEL, SIGNATURE, VALUE
from bilatdesk.reports.text import TextParagraph as Paragraph
from bilatdesk.reports.text import markup

DRAFT = "DRAFT"
LABEL_WIDTH = 36 * mm
# Header values are short by nature (a subject, an addressee); a smaller cap keeps one hostile
# value from filling pages of the header table.
_HEADER_CHARS = 2_000
_HEADER_LINES = 100
# The lines of the last paragraph that go with the signature to a new page, if it must move.
_SIGNED_LINES = 2

_OPENING = {
    Section.SUMMARY: "Summary:",
    Section.COMMENT: "Comment:",
    Section.ACTION: "Action requested:",
}
_CLOSING = {Section.SUMMARY: "End summary.", Section.COMMENT: "End comment."}
# The subject is what readers skim a queue by, so it stands out from the routing lines.
_EMPHASISED = frozenset({"CLASSIFICATION", "SUBJECT"})


def render_cable(data: CableData) -> bytes:
    """The cable as PDF bytes; the same data always gives the same bytes."""
    register_fonts()  # before any Paragraph: styles name the registered faces
    story: list[Flowable] = [_header(data), Spacer(1, 3 * mm)]
    story.append(HRFlowable(width="100%", thickness=0.6, color="#555555", spaceAfter=5 * mm))
    body = _body(data.paragraphs)
    if data.signature.strip():
        signature = Paragraph(markup(data.signature, limit=_HEADER_CHARS), SIGNATURE)
        body[-1:] = _signed(body[-1:], signature)
    story.extend(body)
    running_head = DRAFT if data.draft else (data.serial or DRAFT)
    setup = PageSetup(
        marking=marking_line(data.classification, data.caveats),
        running_head=running_head,
        draft=data.draft,
        title=f"Cable {running_head}",
        produced_at=data.produced_at,
    )
    return build_pdf(story, setup)


def header_rows(data: CableData) -> list[tuple[str, list[str]]]:
    """The header as (label, value lines) in DOMAIN.md order; empty optional fields are left out."""
    dtg, serial = (DRAFT, DRAFT) if data.draft else (data.dtg, data.serial)
    precedence = [data.precedence]
    if data.deskby.strip():
        precedence.append(data.deskby)
    if data.night_action.strip():
        precedence.append(f"NIGHT ACTION: {data.night_action}")
    rows: list[tuple[str, list[str]]] = [
        ("CLASSIFICATION", [marking_line(data.classification, data.caveats)]),
        ("PRECEDENCE", precedence),
        ("DTG", [dtg]),
        ("FM", [data.from_post]),
        ("TO", list(data.to)),
        ("INFO", list(data.info)),
        ("SERIAL", [serial]),
        ("SUBJECT", [_subject(data)]),
        ("REF", [f"({letter}) {shown(text)}" for letter, text in data.references]),
        ("TAGS", [", ".join(data.tags)] if data.tags else []),
        ("CLASSIFIED BY", [data.classified_by]),
        ("REASON", [data.classification_reason]),
        ("DECLASSIFY ON", [data.declassify_on]),
        ("NATURE", [data.nature]),
    ]
    return [(label, lines) for label, lines in rows if any(line.strip() for line in lines)]


def _subject(data: CableData) -> str:
    if data.subject_mark.strip() and data.subject.strip():
        return f"{data.subject_mark} {data.subject}"
    return data.subject


def body_markup(paragraphs: Iterable[CableParagraph]) -> list[str]:
    """Each paragraph's markup: number (unless alone), portion mark, section delimiters, text."""
    items = list(paragraphs)
    numbered = len(items) > 1
    out: list[str] = []
    for index, item in enumerate(items):
        before = items[index - 1].section if index else None
        after = items[index + 1].section if index + 1 < len(items) else None
        parts = [f"{index + 1}."] if numbered else []
        if item.portion_mark.strip():
            parts.append(markup(item.portion_mark, limit=_HEADER_CHARS))
        if item.section in _OPENING and item.section != before:
            parts.append(f"<b>{_OPENING[item.section]}</b>")
        parts.append(markup(item.text))
        if item.section in _CLOSING and item.section != after:
            parts.append(f"<b>{_CLOSING[item.section]}</b>")
        out.append(" ".join(parts))
    return out


def _header(data: CableData) -> Table:
    # One table row per value line, the label on the first: the table then breaks between
    # rows, and a long distribution list costs no more than a long body.
    cells: list[list[Paragraph | str]] = []
    field_starts: list[int] = []
    for label, lines in header_rows(data):
        style = LABEL if label in _EMPHASISED else VALUE
        shown = lines[:_HEADER_LINES]
        if len(lines) > _HEADER_LINES:
            shown.append(f"[…{len(lines) - _HEADER_LINES} more]")
        field_starts.append(len(cells))
        for index, line in enumerate(shown):
            value = Paragraph(markup(line, limit=_HEADER_CHARS), style)
            cells.append([Paragraph(label, LABEL) if index == 0 else "", value])
    table = Table(
        cells, colWidths=[LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH], hAlign="LEFT", splitInRow=1
    )
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Cells hold Paragraphs; this only stops the table naming Helvetica (not embedded).
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    # Space between fields, none between the lines of one field (TO, INFO, REF).
    commands += [("TOPPADDING", (0, row), (-1, row), 3.5) for row in field_starts[1:]]
    table.setStyle(TableStyle(commands))
    return table


def _signed(last: list[Flowable], signature: Flowable) -> list[Flowable]:
    """The last paragraph and the signature, with only the paragraph's last lines kept with it.

    A signature alone at the top of a page looks like a page is missing before it; but kept
    with a whole long paragraph, it pushed that paragraph over and left half a page empty.
    """
    if not last or not isinstance(last[0], Paragraph):
        return [KeepTogether([*last, signature])]
    paragraph = last[0]
    paragraph.wrap(CONTENT_WIDTH, PAGE_HEIGHT)
    lines = len(paragraph.blPara.lines)
    if lines <= _SIGNED_LINES + 1:
        return [KeepTogether([paragraph, signature])]
    leading = paragraph.style.leading
    parts = paragraph.split(CONTENT_WIDTH, (lines - _SIGNED_LINES) * leading + leading / 2)
    if len(parts) != 2:
        return [KeepTogether([paragraph, signature])]
    head, tail = parts
    head.spaceAfter = 0  # one paragraph still: no gap where it was cut
    tail.spaceBefore = 0
    return [head, KeepTogether([tail, signature])]


def _body(paragraphs: Iterable[CableParagraph]) -> list[Flowable]:
    return [Paragraph(text, BODY) for text in body_markup(paragraphs)]
