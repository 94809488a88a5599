"""Page furniture for every document: classification banners, running header, page x of y, draft."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import unescape

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from bilatdesk.reports.fonts import SANS, SANS_BOLD, register_fonts
from bilatdesk.reports.styles import BANNER, RUNNING_LEFT, RUNNING_RIGHT
from bilatdesk.reports.text import paragraph

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 22 * mm
# Banners sit inside the ~5 mm most printers cannot reach; the text frame starts below the
# running header and ends above the bottom banner, so nothing the story prints can touch them.
TOP_BANNER_Y = PAGE_HEIGHT - 13 * mm
RUNNING_Y = PAGE_HEIGHT - 20 * mm
FRAME_TOP = PAGE_HEIGHT - 26 * mm
BOTTOM_BANNER_Y = 9 * mm
FRAME_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
# The running head names the document; "Page 12 of 49" needs only the rest of the line.
HEAD_WIDTH = CONTENT_WIDTH * 0.7
# Markings and serials come from configuration; more than a line's worth is never shown.
_FURNITURE_CHARS = 300


@dataclass(frozen=True)
class PageSetup:
    """What every page of a document repeats."""

    marking: str  # classification and caveats, e.g. "CONFIDENTIAL // NATIONAL EYES ONLY"
    running_head: str  # the serial, or "DRAFT"
    draft: bool = False
    title: str = ""
    produced_at: str = ""  # ISO 8601; the PDF's creation date, fixed so output is byte-stable
    subject: str = ""  # what the document is about, e.g. the visit
    author: str = ""  # who issues it: the post
    keywords: tuple[str, ...] = ()  # the overall marking first, so a search of files finds it


def marking_line(classification: str, caveats: str) -> str:
    """The banner text: classification, then caveats when there are any."""
    return f"{classification} // {caveats}" if caveats.strip() else classification


def build_pdf(story: Sequence[Flowable], setup: PageSetup) -> bytes:
    """Lay out `story` on A4 pages carrying `setup`'s furniture; return the PDF bytes."""
    register_fonts()
    buffer = io.BytesIO()
    frame = Frame(
        MARGIN_X,
        FRAME_BOTTOM,
        CONTENT_WIDTH,
        FRAME_TOP - FRAME_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template = PageTemplate(
        "page", frames=[frame], onPage=_draw_watermark if setup.draft else _nothing
    )
    document = _Document(
        buffer,
        pagesize=A4,
        pageTemplates=[template],
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=PAGE_HEIGHT - FRAME_TOP,
        bottomMargin=FRAME_BOTTOM,
        title=setup.title,
        author=setup.author,
        subject=setup.subject,
        keywords=list(setup.keywords),
        creator="bilatdesk",
        producer="bilatdesk",
        invariant=1,
        # Otherwise every page names Helvetica, a font that is not embedded.
        initialFontName=SANS,
    )
    flowables = list(story)
    if any(flowable.isIndexing() for flowable in flowables):
        # A table of contents: laid out again until its page numbers stop changing. Each pass
        # gets a fresh canvas, so "Page x of y" is counted on the final pass alone.
        _seed_contents(flowables)
        document.multiBuild(flowables, canvasmaker=_numbered_canvas(setup))
    else:
        document.build(flowables, canvasmaker=_numbered_canvas(setup))
    return buffer.getvalue()


def _seed_contents(flowables: list[Flowable]) -> None:
    """Give each table of contents the entries the story will report, on page 0 for now.

    The first pass then lays the contents out at their full length, so the pages it finds the
    headings on are final, and the second pass, which prints them, is the last. Left empty,
    the contents took a line on the first pass and pages on the second, every heading after
    them moved, and a third pass was needed (a 49-page brief: 3 passes, now 2). Should an
    entry still move, the layout simply runs again, as before.
    """
    entries = list(_contents_entries(flowables))
    for flowable in flowables:
        if isinstance(flowable, TableOfContents):
            for level, text in entries:
                flowable.addEntry(level, text, 0)


def _contents_entries(flowables: Sequence[Flowable]) -> Iterator[tuple[int, str]]:
    """The `contents_entry` of each flowable in story order, inside KeepTogether too."""
    for flowable in flowables:
        entry = getattr(flowable, "contents_entry", None)
        if entry is not None:
            yield entry
        inner = getattr(flowable, "_content", None)  # KeepTogether keeps its flowables here
        if isinstance(inner, list):
            yield from _contents_entries(inner)


class _Document(BaseDocTemplate):  # type: ignore[misc]  # reportlab ships no type hints
    """Tells a TableOfContents in the story about each heading, with the page it landed on,
    and gives each heading a PDF bookmark that the contents entry links to.

    A flowable listed in the contents carries `contents_entry = (level, markup)`.
    """

    _headings = 0

    def beforeDocument(self) -> None:
        self._headings = 0  # each pass of a multiBuild numbers the same headings again

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "contents_entry", None)
        if entry is None:
            return
        level, text = entry
        self._headings += 1
        key = f"h{self._headings}"
        # The bookmark points at the heading's top, not the page's: the flowable was just
        # drawn, so the frame's cursor is its bottom.
        height = getattr(flowable, "height", None) or getattr(flowable, "_height", 0)
        top = self.frame._y + height
        self.canv.mark_heading(key, min(top + 4, FRAME_TOP))
        self.canv.addOutlineEntry(_plain(text), key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, text, self.page, key))


def _plain(text: str) -> str:
    """Paragraph markup as the plain text an outline shows."""
    return unescape(re.sub(r"<[^>]*>", "", text.replace("<br/>", " ")))


def pdf_date(produced_at: str) -> str:
    """ISO 8601 text as a PDF date in UTC ("D:20261122153000+00'00'"); naive times are UTC."""
    moment = datetime.fromisoformat(produced_at)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _numbered_canvas(setup: PageSetup) -> type[Canvas]:
    # Parsed before layout so a bad date fails fast, not after every page is laid out.
    fixed_date = pdf_date(setup.produced_at) if setup.produced_at else ""
    # Built once: the banner and the running head are the same on every page.
    banner = _one_line(setup.marking, BANNER, CONTENT_WIDTH)
    head = _one_line(setup.running_head, RUNNING_LEFT, HEAD_WIDTH)
    rest = CONTENT_WIDTH - HEAD_WIDTH

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        """Two passes: pages are held back until the last, so each can say "Page x of y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._marks: list[tuple[str, float]] = []
            if fixed_date:
                self.setDateFormatter(lambda *_: fixed_date)

        def mark_heading(self, key: str, top: float) -> None:
            """A bookmark at `top` of this page, bound when the page is written: reportlab
            binds a bookmark to the page being written, and pages are held back here."""
            self._marks.append((key, top))

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                for key, top in self._marks:
                    self.bookmarkHorizontalAbsolute(key, top)
                for y in (TOP_BANNER_Y, BOTTOM_BANNER_Y):
                    banner.drawOn(self, MARGIN_X, y - banner.height / 2)
                head.drawOn(self, MARGIN_X, RUNNING_Y)
                page = paragraph(f"Page {number} of {total}", RUNNING_RIGHT)
                page.wrap(rest, PAGE_HEIGHT)
                page.drawOn(self, MARGIN_X + HEAD_WIDTH, RUNNING_Y)
                self.saveState()
                self.setLineWidth(0.4)
                self.setStrokeGray(0.55)
                self.line(MARGIN_X, RUNNING_Y - 2.5, PAGE_WIDTH - MARGIN_X, RUNNING_Y - 2.5)
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


def _one_line(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """`text` wrapped to `width`, cut with "…" to the longest prefix that fits on one line.

    Page furniture has a fixed slot between the page edge and the text frame; a runaway
    marking or serial wrapping to several lines would print over the cable itself.
    """
    text = text[:_FURNITURE_CHARS]
    fitted = _wrapped(text, style, width)
    if len(fitted.blPara.lines) <= 1:
        return fitted
    low, high = 0, len(text)  # binary search on the prefix length: a handful of wraps
    while low < high:
        middle = (low + high + 1) // 2
        if len(_wrapped(text[:middle] + "…", style, width).blPara.lines) <= 1:
            low = middle
        else:
            high = middle - 1
    return _wrapped(text[:low] + "…", style, width)


def _wrapped(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    flowable = paragraph(text, style)
    flowable.wrap(width, PAGE_HEIGHT)
    return flowable


_WATERMARK = "DRAFT"
_WATERMARK_PT = 120
_WATERMARK_PX_PER_PT = 3  # ~216 dpi: smooth edges in print, a small image


@functools.cache
def _watermark() -> tuple[ImageReader, float, float]:
    """ "DRAFT" as a pale image with its letters as the alpha channel, and its size in points.

    An image, not text: drawn as text, its letters landed inside the words a reader copies
    out of the cable (and reportlab here cannot turn text into paths).
    """
    size = _WATERMARK_PT * _WATERMARK_PX_PER_PT
    register_fonts()
    # The file of the registered bold face, whichever it is: the watermark keeps the look.
    font = ImageFont.truetype(str(pdfmetrics.getFont(SANS_BOLD).face.filename), size)
    left, top, right, bottom = font.getbbox(_WATERMARK)
    pad = 2 * _WATERMARK_PX_PER_PT
    alpha = PILImage.new("L", (int(right - left) + 2 * pad, int(bottom - top) + 2 * pad), 0)
    ImageDraw.Draw(alpha).text((pad - left, pad - top), _WATERMARK, font=font, fill=255)
    image = PILImage.new("RGBA", alpha.size, (230, 230, 230, 0))  # a 0.9 grey
    image.putalpha(alpha)
    width, height = (n / _WATERMARK_PX_PER_PT for n in alpha.size)
    return ImageReader(image), width, height


def _draw_watermark(canvas: Canvas, _document: BaseDocTemplate) -> None:
    # Drawn when the page begins, so the text of the cable prints over it, not under it.
    image, width, height = _watermark()
    canvas.saveState()
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(50)
    canvas.drawImage(image, -width / 2, -height / 2, width, height, mask="auto")
    canvas.restoreState()


def _nothing(_canvas: Canvas, _document: BaseDocTemplate) -> None:
    return None


def fits_running_head(title: str, limit: int) -> bool:
    """Whether `title` (at most `limit` characters, one line) fits the header's running-head
    slot; the page would cut a longer one with "…", and a clipped title reads worse than a
    generic one."""
    if not title.strip() or "\n" in title or len(title) > limit:
        return False
    fitted = paragraph(title, RUNNING_LEFT)
    fitted.wrap(HEAD_WIDTH, PAGE_HEIGHT)
    return len(fitted.blPara.lines) <= 1
