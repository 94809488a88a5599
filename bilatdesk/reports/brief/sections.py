"""The visit brief's sections after the steering brief: programme, calls, facts, agreements."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table

from bilatdesk.reports.brief.parts import (
    HEADING_CHARS,
    MUTED,
    PART,
    RULE,
    SMALL,
    TEXT,
    Para,
    bound,
    bullets,
    field,
    heading,
    labelled,
    missing,
)
from bilatdesk.reports.brief.records import (
    AgreementsPart,
    CallBrief,
    Labelled,
    ProgrammeDay,
    ProgrammeItem,
    Section,
)
from bilatdesk.reports.fonts import SANS, SANS_BOLD
from bilatdesk.reports.page import CONTENT_WIDTH
from bilatdesk.reports.styles import BODY
from bilatdesk.reports.text import markup

NONE = "None."
# Table cells are laid out again at each split and each contents pass; a smaller cap than a
# paragraph's keeps one hostile value from costing seconds (reportlab cuts long words slowly).
_CELL_CHARS = 4_000
_TIME_W = 34 * mm
_LABEL_W = 42 * mm
_ITEM_TITLE = ParagraphStyle(
    "brief-item-title", parent=BODY, fontName=SANS_BOLD, leading=13.5, spaceAfter=1
)
_CELL = ParagraphStyle("brief-cell", parent=BODY, fontSize=9.5, leading=12.5, spaceAfter=1.5)
_TIME = ParagraphStyle("brief-time", parent=_CELL, fontName=SANS_BOLD)
_GRID_LABEL = ParagraphStyle("brief-grid-label", parent=_CELL, textColor=MUTED)


def programme(days: Sequence[ProgrammeDay], when_empty: str) -> list[Flowable]:
    """Day by day; each event a block of time beside title, place, both sides and details."""
    if not any(day.items for day in days):
        return missing([when_empty or "No programme has been drawn up for this visit."])
    story: list[Flowable] = []
    for day in days:
        blocks = [_event(item) for item in day.items] or [Para(NONE, TEXT)]
        story += bound([heading(day.day, PART, level=1)], blocks)
    return story


def _event(item: ProgrammeItem) -> Flowable:
    title = markup(item.title, limit=HEADING_CHARS)
    if item.portion_mark.strip():
        title = f"{markup(item.portion_mark)} {title}"
    right: list[Flowable] = [Para(title, _ITEM_TITLE)]
    if item.place.strip():
        right.append(Para(markup(item.place, limit=_CELL_CHARS), _CELL))
    # Our principal leads the programme (protocol order): our side first, then the hosts.
    for label, names in (("Our side", item.ours), ("Their side", item.theirs)):
        shown = [name for name in names if name.strip()]
        if shown:
            people = "; ".join(markup(name, limit=_CELL_CHARS) for name in shown)
            right.append(Para(f"<b>{label}:</b> {people}", _CELL))
    for detail in item.details:
        if detail.text.strip():
            label = markup(detail.label, limit=HEADING_CHARS)
            text = markup(detail.text, limit=_CELL_CHARS)
            right.append(Para(f"<b>{label}:</b> {text}", _CELL))
    table = Table(
        [[Para(markup(item.time, limit=HEADING_CHARS), _TIME), right]],
        colWidths=[_TIME_W, CONTENT_WIDTH - _TIME_W],
        hAlign="LEFT",
        splitInRow=1,
    )
    table.setStyle(_grid_style())
    return KeepTogether([table])


def calls(briefs: Sequence[CallBrief]) -> list[Flowable]:
    """One call brief per meeting, flowing one after another under a rule; each title keeps
    with the start of its brief."""
    story: list[Flowable] = []
    for index, brief in enumerate(briefs):
        if index:
            story.append(HRFlowable(width="100%", thickness=0.4, color=RULE, spaceBefore=4 * mm))
        head = [heading(brief.title, PART, level=1, mark=brief.portion_mark)]
        if brief.when.strip():
            head.append(Para(markup(brief.when), SMALL))
        body = [
            *field("Objectives", brief.objectives, brief.notes_mark),
            *field("Points to make", brief.points_to_make, brief.notes_mark),
            *field("Their likely points", brief.their_points, brief.notes_mark),
            *field("Last meeting", brief.last_meeting),
            *bullets("Outstanding commitments", brief.commitments),
            *missing(brief.missing),
        ]
        story += bound(head, body or missing(["nothing has been prepared for this call."]))
    return story


def section(part: Section, *, grid: bool = False) -> list[Flowable]:
    """Labelled paragraphs (or a label/value grid for short facts), then what is missing."""
    body: list[Flowable] = []
    if grid and any(item.text.strip() for item in part.items):
        body.append(_facts(part.items))
    else:
        body += labelled(part.items)
    body += missing(part.missing)
    return body or missing(["nothing has been recorded for this section."])


def _facts(items: Sequence[Labelled]) -> Flowable:
    rows = [
        [
            Para(markup(item.label, limit=HEADING_CHARS), _GRID_LABEL),
            Para(_marked(item.portion_mark, item.text, _CELL_CHARS), _CELL),
        ]
        for item in items
        if item.text.strip()
    ]
    table = Table(rows, colWidths=[_LABEL_W, CONTENT_WIDTH - _LABEL_W], hAlign="LEFT", splitInRow=1)
    table.setStyle(_grid_style())
    return table


def agreements(part: AgreementsPart) -> list[Flowable]:
    """Each group under its heading; an empty group is left out, and when every group is
    empty one sentence says so."""
    if not any(lines for _title, lines in part.groups):
        return missing(["no agreements are recorded with this country."])
    story: list[Flowable] = []
    for title, lines in part.groups:
        if not lines:
            continue
        blocks: list[Flowable] = [
            KeepTogether(
                [
                    Para(f"<b>{_marked(line.portion_mark, line.title)}</b>", _CELL),
                    Para(markup(line.detail, limit=_CELL_CHARS), SMALL),
                    Spacer(1, 1.5 * mm),
                ]
            )
            for line in lines
        ]
        story += bound([heading(title, PART)], blocks)
    return story


def _marked(mark: str, title: str, limit: int = HEADING_CHARS) -> str:
    shown = markup(title, limit=limit)
    return f"{markup(mark)} {shown}" if mark.strip() else shown


def _grid_style() -> list[tuple[object, ...]]:
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Cells hold Paragraphs; this only stops the table naming Helvetica (not embedded).
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
