"""Building blocks of the visit brief: its styles, headings for the contents, labelled text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from bilatdesk.domain.marking import Marked, shown, text_of
from bilatdesk.reports.brief.records import Labelled
from bilatdesk.reports.fonts import SANS
from bilatdesk.reports.styles import BODY, HEADING, LABEL
from bilatdesk.reports.text import TextParagraph as Paragraph
from bilatdesk.reports.text import markup

# Headings keep with what follows, and reportlab loops for minutes on a heading taller than a
# page: titles, names and labels get a cap of a few lines. Text fields keep the text module's.
HEADING_CHARS = 300
NOT_AVAILABLE = "Not available: "
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#bbbbbb")
# Room a label or heading needs below it (itself and a few lines), or it starts the next page.
_LABEL_ROOM = 48
_HEADING_ROOM = 90
# The shipped fonts have no italic face; a slant of ~11° is drawn instead (see Slanted).
_SLANT = 0.19

SECTION = ParagraphStyle(
    "brief-section",
    parent=HEADING,
    fontSize=16,
    leading=20,
    spaceBefore=0,
    spaceAfter=8,
    textColor=ACCENT,
)
PART = ParagraphStyle("brief-part", parent=HEADING, spaceBefore=10, textColor=ACCENT)
FIELD = ParagraphStyle("brief-field", parent=LABEL, spaceBefore=4, spaceAfter=1.5, textColor=MUTED)
TEXT = ParagraphStyle("brief-text", parent=BODY, spaceAfter=4)
SMALL = ParagraphStyle("brief-small", parent=BODY, fontSize=8.5, leading=11.5, textColor=MUTED)
ITEM = ParagraphStyle(
    "brief-item",
    parent=TEXT,
    leftIndent=5 * mm,
    bulletIndent=1 * mm,
    bulletFontName=SANS,  # the default, Helvetica, is not embedded
    spaceAfter=1.5,
)
MISSING = ParagraphStyle("brief-missing", parent=TEXT, textColor=MUTED)


class Para(Paragraph):
    """A Paragraph that breaks its lines once per width.

    The contents need the book laid out twice, and KeepTogether, tables and splits each wrap
    their paragraphs again at the same width: without the memo, line breaking is most of the
    time a brief takes.
    """

    _memo: tuple[float, float, Any, Any] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            self.width, self.height, self.blPara, self._wrapWidths = memo
            return availWidth, self.height
        width, height = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):  # not when the width was too small to lay out at all
            self._memo = (availWidth, height, self.blPara, self._wrapWidths)
        return width, height


class Heading(Para):
    """A heading that page.py's document lists in the contents, with the page it lands on."""

    contents_entry: tuple[int, str] | None = None


class Slanted(Para):
    """A paragraph drawn sheared, standing in for italics: DejaVu Sans ships upright only."""

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.transform(1, 0, _SLANT, 1, 0, 0)
        super().draw()
        self.canv.restoreState()


def heading(
    text: str, style: ParagraphStyle, *, level: int | None = None, mark: str = ""
) -> Heading:
    """`text` as a heading, after a portion mark if any; listed in the contents at `level`."""
    shown = markup(text, limit=HEADING_CHARS)
    flowable = Heading(f"{markup(mark)} {shown}" if mark.strip() else shown, style)
    if level is not None:
        flowable.contents_entry = (level, shown)
    return flowable


def missing(sentences: Sequence[str]) -> list[Flowable]:
    """Each sentence as "Not available: …" in (slanted) italics: a gap said, never silent."""
    return [
        Slanted(f"<b>{NOT_AVAILABLE}</b>{markup(sentence)}", MISSING)
        for sentence in sentences
        if sentence.strip()
    ]


def field(label: str, text: str | Marked, mark: str = "") -> list[Flowable]:
    """A quiet label over its text, after its portion mark if any; nothing when blank."""
    if not text_of(text).strip():
        return []
    body = markup(shown(text))
    if mark.strip():
        body = f"{markup(mark)} {body}"
    return [*_label(label), Para(body, TEXT)]


def _label(label: str) -> list[Flowable]:
    """A label that starts a new page unless a few lines of its text fit under it.

    Not keepWithNext: that moves the label with its whole text, leaving half a page empty
    before any paragraph longer than the space left.
    """
    return [CondPageBreak(_LABEL_ROOM), Para(markup(label, limit=HEADING_CHARS), FIELD)]


def bullets(label: str, lines: Sequence[str | Marked]) -> list[Flowable]:
    """A label over a bulleted list, each line after its portion mark; nothing when blank."""
    printed = [shown(line) for line in lines if text_of(line).strip()]
    if not printed:
        return []
    return [
        *_label(label),
        *(Para(markup(line), ITEM, bulletText="•") for line in printed),
    ]


def labelled(items: Sequence[Labelled]) -> list[Flowable]:
    """Labelled paragraphs in order, each label kept with the start of its text."""
    return [flowable for item in items for flowable in field(item.label, *_text(item))]


def _text(item: Labelled) -> tuple[str, str]:
    """The item's text and mark; several records' lines each printed after their own mark."""
    if item.lines:
        return "\n".join(shown(line) for line in item.lines if line.text.strip()), ""
    return item.text, item.portion_mark


def bound(first: Sequence[Flowable], rest: Sequence[Flowable]) -> list[Flowable]:
    """`first` kept on one page with the first of `rest`, so no heading ends a page alone.

    reportlab's keepWithNext skips over a KeepTogether; binding explicitly does not. A
    KeepTogether nested in another always starts a new page, so the inner one is unpacked.
    """
    if not rest:
        return [KeepTogether(list(first))]
    if isinstance(rest[0], KeepTogether):
        return [KeepTogether([*_unpacked(first), *_unpacked(rest[:1])]), *rest[1:]]
    # Running text: the heading needs room for itself and a few lines, not the whole text.
    return [CondPageBreak(_HEADING_ROOM), *first, *rest]


def _unpacked(flowables: Sequence[Flowable]) -> list[Flowable]:
    out: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            out += _unpacked(flowable._content)
        else:
            out.append(flowable)
    return out
