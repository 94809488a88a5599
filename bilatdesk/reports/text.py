"""One user string as safe Paragraph markup: escaped, capped, shaped, in fonts with its glyphs."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from bilatdesk.reports.fonts import CJK, register_fonts

# The services cap a paragraph at entry; this is the renderer's own backstop, so a record that
# slipped past them still lays out in bounded time (a 1 MB word once took ~125 s).
MAX_FIELD_CHARS = 20_000
TRUNCATED = "[…truncated]"

# Control characters have no glyph and some (NUL, form feed) upset PDF viewers; tabs and other
# whitespace become plain spaces so reportlab can still break lines there.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Right-to-left letters (Hebrew, Arabic and their presentation forms), optionally joined by
# spaces into one phrase. Only letters, marks and Arabic digits: neutral punctuation at the
# edges stays in the left-to-right flow, since python-bidi does not pair brackets (UBA N0) and
# would print "(2026" with its parenthesis flipped.
_RTL_CHAR = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL_RUN = re.compile(f"[{_RTL_CHAR}]+(?: +[{_RTL_CHAR}]+)*")
# Lines are broken after reordering, so a phrase broken across two lines would print its
# words on the wrong lines; names and short quotes (anything that fits one line of a header
# cell) are kept whole with no-break spaces. A longer Arabic passage still breaks that way.
_UNBROKEN_RTL_CHARS = 60


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
    return Paragraph(markup(text, limit=limit), style)


def _line(line: str) -> str:
    if line.isascii():  # the common case: DejaVu has every printable ASCII glyph
        return escape(line)
    line = _RTL_RUN.sub(_visual_rtl, line)
    # Escaping happens per run, after shaping: the bidi reordering must see the characters,
    # not their entities ("&amp;" reversed would print as ";pma&").
    out: list[str] = []
    done = 0
    for match in register_fonts().cjk_only.finditer(line):
        out.append(escape(line[done : match.start()]))
        out.append(f'<font name="{CJK}">{escape(match.group(0))}</font>')
        done = match.end()
    out.append(escape(line[done:]))
    return "".join(out)


def _visual_rtl(match: re.Match[str]) -> str:
    """An RTL phrase joined into contextual letter forms and put in visual (left-to-right) order."""
    phrase = match.group(0)
    visual = str(get_display(arabic_reshaper.reshape(phrase), base_dir="R"))
    return visual.replace(" ", "\u00a0") if len(phrase) <= _UNBROKEN_RTL_CHARS else visual
