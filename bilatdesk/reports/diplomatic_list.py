"""The printed diplomatic list of a capital: heads of mission in order of precedence.

One table per class (ambassadors, envoys, chargés d'affaires), numbered in one run of
precedence; the dean's row prints bold with "Dean of the Diplomatic Corps" under the name and
is named again under the title. Missions with no head recorded follow as notes.
"""

from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from bilatdesk.domain.marking import shown, text_of
from bilatdesk.reports.diplomatic_list_records import DiplomaticListData, ListEntry, ListGroup
from bilatdesk.reports.fonts import SANS, SANS_BOLD, register_fonts
from bilatdesk.reports.page import (
    CONTENT_WIDTH,
    PageSetup,
    build_pdf,
    fits_running_head,
)
from bilatdesk.reports.styles import BODY, HEADING, SUBTITLE, TITLE
from bilatdesk.reports.text import TextParagraph as Paragraph
from bilatdesk.reports.text import markup, paragraph

GENERIC_HEAD = "Diplomatic list"
DEAN_MARK = "Dean of the Diplomatic Corps"
HEADERS = ("No.", "Mission", "Head of mission", "Class", "Credentials presented", "Spouse")
# Names and titles are short. A cell is capped so that a row always fits a page (a row taller
# than the frame cannot be laid out); full-width lines only so one value cannot fill pages.
_CELL_CHARS = 200
_FIELD_CHARS = 1_000
_HEADING_CHARS = 300
_GROUP_CHARS = 120  # repeated over each page of its class: a few lines at most
_MUTED = colors.HexColor("#555555")
_RULE = colors.HexColor("#bbbbbb")
_HEAD_FILL = colors.HexColor("#eeeeee")
_DEAN_FILL = colors.HexColor("#f3efe2")  # a pale warm band: visible on screen and in grey print

# Breaks at a word's own hyphen ("Ambassador-|designate") before cutting it mid-word.
_CELL = ParagraphStyle(
    "dl-cell", parent=BODY, fontSize=8.5, leading=11, spaceAfter=0, embeddedHyphenation=1
)
_CELL_BOLD = ParagraphStyle("dl-cell-bold", parent=_CELL, fontName=SANS_BOLD)
_CELL_SMALL = ParagraphStyle(
    "dl-cell-small", parent=_CELL, fontSize=7.5, leading=9.5, textColor=_MUTED
)
_HEADER = ParagraphStyle(
    "dl-header", parent=_CELL, fontName=SANS_BOLD, fontSize=7.5, leading=9.5, textColor=_MUTED
)
_DEAN = ParagraphStyle(
    "dl-dean", parent=BODY, fontName=SANS_BOLD, fontSize=9.5, leading=13, spaceAfter=0
)
_DEAN_NONE = ParagraphStyle("dl-dean-none", parent=_DEAN, fontName=SANS)
_DEAN_NOTE = ParagraphStyle("dl-dean-note", parent=_CELL_BOLD, spaceBefore=1.5)
# The class heading is the table's first row, so it can never end a page alone and it repeats
# over the column headers on every page the class runs onto.
_GROUP = ParagraphStyle("dl-group", parent=HEADING, spaceBefore=0, spaceAfter=0)
_NOTE = ParagraphStyle("dl-note", parent=BODY, fontSize=9, leading=12, spaceAfter=3)

# No., mission, head, class, credentials, spouse. The number, credentials and spouse columns
# are sized to what they hold, so no date or name is cut; the head's column takes the rest,
# and at least the dean's note ("★ Dean of the Diplomatic Corps") on one line.
_NUMBER_W, _MISSION_MIN_W, _CLASS_MIN_W = 7 * mm, 24 * mm, 16 * mm
_DATE_MIN_W, _SPOUSE_MIN_W, _SPOUSE_MAX_W = 20 * mm, 20 * mm, 36 * mm
_PADDING = 2 + 3  # the cells' left and right padding, in points
# A date in a narrow column wraps as a whole ("a.i. since / 8 Sep 2026"), never inside.
_DATE = re.compile(r"\b(\d{1,2}) (\w{3,9}) (\d{4})\b")


def render_diplomatic_list(data: DiplomaticListData) -> bytes:
    """The list as PDF bytes; the same data always gives the same bytes."""
    register_fonts()  # before any Paragraph: styles name the registered faces
    story: list[Flowable] = [paragraph(data.title or GENERIC_HEAD, TITLE, limit=_HEADING_CHARS)]
    for line in (data.subtitle, f"Prepared by {data.prepared_by}" if data.prepared_by else ""):
        if line.strip():
            story.append(paragraph(line, SUBTITLE, limit=_FIELD_CHARS))
    story.append(HRFlowable(width="100%", thickness=0.6, color=_MUTED, spaceBefore=4 * mm))
    entries = [entry for group in data.groups for entry in group.entries]
    if text_of(data.dean).strip():
        # Bold names the dean; a sentence saying there is none is plain text.
        style = _DEAN if any(entry.is_dean for entry in entries) else _DEAN_NONE
        story += [Spacer(1, 2 * mm), paragraph(shown(data.dean), style, limit=_FIELD_CHARS)]
    if not entries:
        empty = data.empty or "No head of mission is recorded on this date."
        story += [Spacer(1, 2 * mm), paragraph(empty, BODY, limit=_FIELD_CHARS)]
    columns = _columns(entries)
    for group in data.groups:
        if group.entries:
            story.extend(_group(group, columns))
    if data.notes:
        notes = [paragraph(f"• {shown(note)}", _NOTE, limit=_FIELD_CHARS) for note in data.notes]
        story.append(KeepTogether([Paragraph("Notes", HEADING), notes[0]]))
        story.extend(notes[1:])
    setup = PageSetup(
        marking=data.classification,
        running_head=running_head(data.title),
        title=data.title[:_FIELD_CHARS] or GENERIC_HEAD,
        produced_at=data.produced_at,
    )
    return build_pdf(story, setup)


def running_head(title: str) -> str:
    """The title when it fits the running-head slot on one line, else a generic name."""
    return title if fits_running_head(title, _FIELD_CHARS) else GENERIC_HEAD


def _columns(entries: list[ListEntry]) -> list[float]:
    """Column widths for the whole list (every class alike): the class, date and spouse
    columns fit their longest word, date or name; the head's column the dean's note; the
    mission takes the rest (its long names wrap between words)."""

    def widest(values: list[str], font: str, least: float, most: float) -> float:
        found = max((stringWidth(v, font, _CELL.fontSize) for v in values), default=0)
        return min(max(found + _PADDING + 1, least), most)

    # A date never breaks; the words around it ("a.i. since", "Not yet presented") may.
    unbroken = [
        part
        for e in entries
        for part in [m.group(0) for m in _DATE.finditer(e.credentials)] or e.credentials.split()
    ]
    dates = widest(unbroken, SANS_BOLD, _DATE_MIN_W, 30 * mm)
    # "Ambassador-designate" may break after its hyphen, as the cell style lets it.
    words = [word for e in entries for word in re.findall(r"[^\s-]+-?", e.class_label)]
    klass = widest(words, SANS_BOLD, _CLASS_MIN_W, 30 * mm)
    head = stringWidth(f"★ {DEAN_MARK}", SANS_BOLD, _CELL.fontSize) + _PADDING + 1
    spouse = widest([e.spouse for e in entries], SANS, _SPOUSE_MIN_W, _SPOUSE_MAX_W)
    mission = CONTENT_WIDTH - _NUMBER_W - klass - dates - head - spouse
    if mission < _MISSION_MIN_W:  # long spouses' names wrap at their spaces instead
        spouse = max(_SPOUSE_MIN_W, spouse - (_MISSION_MIN_W - mission))
        mission = CONTENT_WIDTH - _NUMBER_W - klass - dates - head - spouse
    return [_NUMBER_W, mission, head, klass, dates, spouse]


class _ClassTable(Table):  # type: ignore[misc]  # reportlab ships no type hints
    """A class's table whose heading, repeated over each page it runs onto, says
    "(continued)" there."""

    continued: Flowable | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts[1:]:
            if self.continued is not None and isinstance(part, Table):
                # A new row, not an edit: the parts share the repeated rows' lists.
                part._cellvalues[0] = [self.continued, *part._cellvalues[0][1:]]
                part.continued = self.continued
        return parts


def _group(group: ListGroup, columns: list[float]) -> list[Flowable]:
    heading = paragraph(group.heading, _GROUP, limit=_GROUP_CHARS)
    rows: list[list[Flowable | list[Flowable] | str]] = [[heading, "", "", "", "", ""]]
    rows.append([Paragraph(h, _HEADER) for h in HEADERS])
    rows += [_row(entry) for entry in group.entries]
    # Rows never split: a head's lines stay together (the cells are capped to fit a page).
    table = _ClassTable(rows, colWidths=columns, repeatRows=2, hAlign="LEFT")
    table.continued = paragraph(f"{group.heading} (continued)", _GROUP, limit=_GROUP_CHARS)
    dean_rows = [i for i, entry in enumerate(group.entries, start=2) if entry.is_dean]
    table.setStyle(TableStyle(_table_commands(dean_rows)))
    return [Spacer(1, 4 * mm), table]


def _row(entry: ListEntry) -> list[Flowable | list[Flowable]]:
    strong = _CELL_BOLD if entry.is_dean else _CELL

    def text(value: str) -> str:
        # A dash, so a blank cell reads as "none recorded", not as a printing fault.
        return markup(value, limit=_CELL_CHARS) if value.strip() else "—"

    mission = [Paragraph(text(entry.sending_state or entry.mission_name), strong)]
    if entry.sending_state.strip() and entry.mission_name.strip():
        mission.append(Paragraph(markup(entry.mission_name, limit=_CELL_CHARS), _CELL_SMALL))
    name = text(entry.head_name)
    if entry.portion_mark.strip():
        name = f"{markup(entry.portion_mark, limit=_CELL_CHARS)} {name}"
    head = [Paragraph(name, strong)]
    if entry.name_original.strip() and entry.name_original.strip() not in entry.head_name:
        head.append(Paragraph(text(entry.name_original), strong))
    if entry.functional_title.strip():
        head.append(Paragraph(markup(entry.functional_title, limit=_CELL_CHARS), _CELL_SMALL))
    if entry.is_dean:
        head.append(Paragraph(f"★ {DEAN_MARK}", _DEAN_NOTE))
    return [
        Paragraph(f"{entry.position}.", strong),
        mission,  # a cell may hold a list of flowables
        head,
        Paragraph(text(entry.class_label), strong),
        Paragraph(_DATE.sub("\\1\u00a0\\2\u00a0\\3", text(entry.credentials)), strong),
        Paragraph(text(entry.spouse), _CELL),
    ]


def _table_commands(dean_rows: list[int]) -> list[tuple[object, ...]]:
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Cells hold Paragraphs; this only stops the table naming Helvetica (not embedded).
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("SPAN", (0, 0), (-1, 0)),
        ("LEFTPADDING", (0, 0), (-1, 0), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("BACKGROUND", (0, 1), (-1, 1), _HEAD_FILL),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, _RULE),
    ]
    for row in dean_rows:
        commands += [
            ("BACKGROUND", (0, row), (-1, row), _DEAN_FILL),
            ("LINEABOVE", (0, row), (-1, row), 1, _MUTED),
            ("LINEBELOW", (0, row), (-1, row), 1, _MUTED),
        ]
    return commands
