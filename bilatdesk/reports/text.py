"""One user string as safe Paragraph markup: escaped, capped, a font per script; its Paragraph."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from xml.sax.saxutils import escape

from bidi.algorithm import get_base_level
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from bilatdesk.reports.fonts import placeholder, register_fonts
from bilatdesk.reports.shaping import MarkedText, draw_line

# The services cap a paragraph at entry; this is the renderer's own backstop, so a record that
# slipped past them still lays out in bounded time (a 1 MB word once took ~125 s).
MAX_FIELD_CHARS = 20_000
TRUNCATED = "[…truncated]"

# Control characters have no glyph and some (NUL, form feed) upset PDF viewers; tabs and other
# whitespace become plain spaces so reportlab can still break lines there.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Right-to-left letters (Hebrew, Arabic and their presentation forms): a paragraph with one is
# laid out in bidirectional order.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def markup(text: str, *, limit: int = MAX_FIELD_CHARS) -> str:
    """`text` as Paragraph markup that prints exactly its characters: never tags, never files."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > limit:
        text = text[:limit] + " " + TRUNCATED
    text = _CONTROL.sub(" ", text.replace("\t", " "))
    return "<br/>".join(_line(line) for line in text.split("\n"))


def paragraph(text: str, style: ParagraphStyle, *, limit: int = MAX_FIELD_CHARS) -> Paragraph:
    """A Paragraph holding exactly `text`."""
    register_fonts()
    return TextParagraph(markup(text, limit=limit), style)


class TextParagraph(Paragraph):  # type: ignore[misc]  # reportlab ships no type hints
    """A Paragraph that draws complex scripts shaped and each line in bidirectional order.

    Lines are broken in logical order (so splitting across pages still works on the typed
    text); only when drawn is each line put in visual order (UAX #9 L1-L4, per line) and
    shaped by HarfBuzz, run by run. A right-to-left paragraph is set flush right.
    """

    def __init__(self, text: str, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        shaped = register_fonts().shaped
        self._complex = any(getattr(f, "fontName", "") in shaped for f in self.frags)
        plain = "".join(getattr(f, "text", "") for f in self.frags)
        self._rtl = self._complex and _RTL.search(plain) is not None and get_base_level(plain) == 1
        if self._complex and (style.spaceShrinkage or self._rtl):
            # Shrinking spaces lets a line run past its width, and only justified lines are
            # drawn shrunk: complex lines are drawn run by run, so they keep their spaces whole.
            self.style: ParagraphStyle = ParagraphStyle(f"{style.name}-shaped", parent=style)
            self.style.spaceShrinkage = 0
            if self._rtl and style.alignment in (TA_LEFT, TA_JUSTIFY):
                self.style.alignment = TA_RIGHT

    def beginText(self, x: float, y: float) -> MarkedText:
        """A text object that gives each shaped run the text a reader should copy out."""
        return MarkedText(self.canv, x, y)

    def drawPara(self, debug: int = 0) -> None:
        """Draw the lines in visual order, shaped; the logical lines stay for later splits."""
        if not self._complex:
            super().drawPara(debug)
            return
        logical: Any = getattr(self, "blPara")  # noqa: B009 - set by reportlab's wrap, untyped
        self.blPara = self._visual(logical)
        try:
            super().drawPara(debug)
        finally:
            self.blPara = logical

    def _visual(self, para: Any) -> Any:
        lines = []
        if para.kind == 0:
            frag = self.frags[0]
            for extra, words in para.lines:
                text = " ".join(words)
                width = extra + stringWidth(text, frag.fontName, frag.fontSize)
                line = type(
                    "Line",
                    (),
                    {
                        "fontSize": para.fontSize,
                        "ascent": para.ascent,
                        "descent": para.descent,
                        "lineBreak": False,
                    },
                )()
                lines.append(draw_line(line, [(frag, text)], rtl=self._rtl, width=width))
        else:
            for line in para.lines:
                pieces = [(f, f.text) for f in line.words if getattr(f, "text", "")
                          and not hasattr(f, "cbDefn")]  # fmt: skip
                width = getattr(
                    line, "maxWidth", line.extraSpace + getattr(line, "currentWidth", 0)
                )
                lines.append(draw_line(line, pieces, rtl=self._rtl, width=width))
        return para.clone(kind=1, lines=lines)


def _line(line: str) -> str:
    if line.isascii():  # the common case: DejaVu has every printable ASCII glyph
        return escape(line)
    coverage = register_fonts()
    out: list[str] = []
    done = 0
    for match in coverage.runs.finditer(line):
        out.append(escape(line[done : match.start()]))
        face = coverage.faces[int(str(match.lastgroup)[1:])]
        if face:
            out.append(f'<font name="{face}">{escape(match.group(0))}</font>')
        else:
            out.append(escape(_unprintable(match.group(0))))
        done = match.end()
    out.append(escape(line[done:]))
    return "".join(out)


def _unprintable(char: str) -> str:
    """Nothing for an invisible format character (an emoji's variation selector); else a name."""
    if unicodedata.category(char) == "Cf" or "\ufe00" <= char <= "\ufe0f":
        return ""
    return placeholder(char)
