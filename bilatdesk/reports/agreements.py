"""The printed agreements register: a country's bilateral agreements, grouped by status.

Each agreement prints as one compact block: portion mark and title in bold, then short title,
kind and status, then a two-pair grid of dates (signed / in force, expiry / notice deadline),
registration and note. A notice deadline the data flags as near prints bold, in dark red.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from bilatdesk.reports.agreement_records import (
    AgreementEntry,
    AgreementGroup,
    AgreementRegisterData,
)
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

GENERIC_HEAD = "Agreements register"
EMPTY = "No agreements are recorded in this register."
# Titles of treaties run to a few hundred characters; a smaller cap than a cable paragraph's
# keeps one hostile value from filling pages of the register.
_FIELD_CHARS = 2_000
_NOTE_CHARS = 4_000
# Headings keep with the entry after them; reportlab loops for minutes on a heading taller than
# a page, so the document title and group headings get a cap of a few lines.
_HEADING_CHARS = 300
_ALERT = colors.HexColor("#9b0000")
_MUTED = colors.HexColor("#555555")
_RULE = colors.HexColor("#bbbbbb")

_ENTRY_TITLE = ParagraphStyle(
    "entry-title", parent=BODY, fontName=SANS_BOLD, fontSize=10, leading=13, spaceAfter=0
)
_ENTRY_SUB = ParagraphStyle(
    "entry-sub", parent=BODY, fontSize=9, leading=12, spaceAfter=0, textColor=_MUTED
)
# Labels are quiet (small, grey) so that values, and above all a near deadline, carry the eye.
_FIELD_LABEL = ParagraphStyle(
    "field-label", parent=BODY, fontSize=8, leading=12, spaceAfter=0, textColor=_MUTED
)
_FIELD_VALUE = ParagraphStyle("field-value", parent=BODY, fontSize=9, leading=12, spaceAfter=0)
_ALERT_LABEL = ParagraphStyle(
    "alert-label", parent=_FIELD_LABEL, fontName=SANS_BOLD, textColor=_ALERT
)
_ALERT_VALUE = ParagraphStyle(
    "alert-value", parent=_FIELD_VALUE, fontName=SANS_BOLD, textColor=_ALERT
)

# Two label/value pairs per row: a grid the eye can run down to compare dates across entries.
_LABEL_W, _LABEL2_W = 25 * mm, 28 * mm
_VALUE_W = (CONTENT_WIDTH - _LABEL_W - _LABEL2_W) / 2
_COLUMNS = [_LABEL_W, _VALUE_W, _LABEL2_W, _VALUE_W]


def render_agreement_register(data: AgreementRegisterData) -> bytes:
    """The register as PDF bytes; the same data always gives the same bytes."""
    register_fonts()  # before any Paragraph: styles name the registered faces
    story: list[Flowable] = [paragraph(data.title or GENERIC_HEAD, TITLE, limit=_HEADING_CHARS)]
    for line in (
        f"As of {data.as_of}" if data.as_of.strip() else "",
        f"Prepared by {data.prepared_by}" if data.prepared_by.strip() else "",
    ):
        if line:
            story.append(paragraph(line, SUBTITLE, limit=_FIELD_CHARS))
    story.append(HRFlowable(width="100%", thickness=0.6, color=_MUTED, spaceBefore=4 * mm))
    for group in data.groups:
        if group.entries:  # an empty group says nothing worth a heading
            story.extend(_group(group))
    if not any(group.entries for group in data.groups):
        story += [Spacer(1, 4 * mm), Paragraph(EMPTY, BODY)]
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


def near_notice(entry: AgreementEntry) -> bool:
    """Whether the entry's notice deadline prints stressed: the data flags it as near."""
    return entry.notice_near and bool(entry.notice_deadline.strip())


def _group(group: AgreementGroup) -> list[Flowable]:
    """A group's heading and its entries (the caller leaves out an empty group)."""
    heading = paragraph(group.heading, HEADING, limit=_HEADING_CHARS)
    # The heading is bound to its first entry here: reportlab's keepWithNext skips a
    # KeepTogether, and a heading alone at the foot of a page was the result.
    first, *rest = [_entry(entry) for entry in group.entries]
    return [KeepTogether([heading, *first]), *(KeepTogether(blocks) for blocks in rest)]


def _entry(entry: AgreementEntry) -> list[Flowable]:
    title = markup(entry.title, limit=_FIELD_CHARS)
    if entry.portion_mark.strip():
        title = f"{markup(entry.portion_mark, limit=_FIELD_CHARS)} {title}"
    rows: list[list[Flowable | str]] = [[Paragraph(f"<b>{title}</b>", _ENTRY_TITLE), "", "", ""]]
    wide: list[int] = [0]  # rows spanning the whole grid
    valued: list[int] = []  # rows whose value spans all columns after the label
    sub = [s for s in (entry.short_title, entry.kind, entry.status) if s.strip()]
    if sub:
        # "·" joins the parts so a short title is not mistaken for the kind it precedes.
        line = "  ·  ".join(markup(part, limit=_FIELD_CHARS) for part in sub)
        wide.append(len(rows))
        rows.append([Paragraph(line, _ENTRY_SUB), "", "", ""])
    alert = near_notice(entry)
    for left, right in (
        (("Signed", entry.signed, False), ("In force", entry.in_force, False)),
        (("Expiry", entry.expiry, False), ("Notice deadline", entry.notice_deadline, alert)),
    ):
        # A date that does not apply (no expiry for an agreement never in force) is left out,
        # not printed as a dash: the grid keeps its columns, the row only what it knows.
        if left[1].strip() or right[1].strip():
            rows.append([*_field(*left), *_field(*right)])
    for label, value, limit in (
        ("Registration", entry.registration, _FIELD_CHARS),
        ("Note", entry.note, _NOTE_CHARS),
    ):
        if value.strip():
            valued.append(len(rows))
            rows.append([*_field(label, value, alert and label == "Note", limit), "", ""])
    table = Table(rows, colWidths=_COLUMNS, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(_table_commands(wide, valued)))
    # Kept together by the caller: an entry is read as a unit, and only one taller than a page
    # is split (KeepTogether allows that).
    return [table, Spacer(1, 2.5 * mm)]


def _field(label: str, value: str, alert: bool, limit: int = _FIELD_CHARS) -> list[Flowable | str]:
    if not value.strip():
        return ["", ""]
    shown = value
    return [
        Paragraph(label, _ALERT_LABEL if alert else _FIELD_LABEL),
        Paragraph(markup(shown, limit=limit), _ALERT_VALUE if alert else _FIELD_VALUE),
    ]


def _table_commands(wide: list[int], valued: list[int]) -> list[tuple[object, ...]]:
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Cells hold Paragraphs; this only stops the table naming Helvetica (not embedded).
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
        # Details sit indented under the title, so titles stand out as the left edge to scan.
        ("LEFTPADDING", (0, 1), (0, -1), 5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
        ("LINEBELOW", (0, -1), (-1, -1), 0.4, _RULE),
    ]
    # Labels are a point smaller than values; a point more padding puts both on one baseline.
    # The wide rows (title, subtitle) are always the first ones.
    for column in (0, 2):
        commands.append(("TOPPADDING", (column, len(wide)), (column, -1), 1.5))
    commands += [("SPAN", (0, row), (-1, row)) for row in wide]
    commands += [("SPAN", (1, row), (-1, row)) for row in valued]
    return commands
