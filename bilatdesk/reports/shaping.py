"""Lines of complex-script text made ready to draw: bidi order per line, then HarfBuzz shaping."""

from __future__ import annotations

import threading
from typing import Any

import uharfbuzz
from bidi import algorithm as uba
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import FragLine

from bilatdesk.reports.fonts import ACTUAL_TEXT, FEATURES, ShapedFont, hb_font

# Faces with no complex script (DejaVu, the CJK face) are drawn with their letters' own widths,
# as reportlab measured them when it broke the lines and as it draws every other paragraph.
_PLAIN = {"kern": False, "liga": False}
_lock = threading.Lock()
# Code points handed to glyphs that have none of their own (a ligature, a joined form), per
# font and per text they stand for, so the same glyph copied out gives back the right letters.
_private: dict[tuple[str, int, str], int] = {}
_next_private: dict[str, int] = {}
_FIRST_PRIVATE = 0xE000
_NOTHING = "\u200b"  # a ToUnicode entry cannot be empty; a zero-width space is the least
_LAST_PRIVATE = 0xF8FF


def levels(text: str, *, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of one line (UAX #9 up to I2, then L1)."""
    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(text, storage)
    every = list(storage["chars"])
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    # X9 drops joiners and embedding controls from the list; they keep the level of the
    # character before them (UAX #9, 5.2), so each level still lines up with its character.
    kept = {id(char): int(char["level"]) for char in storage["chars"]}
    resolved: list[int] = []
    for char in every:
        resolved.append(kept.get(id(char), resolved[-1] if resolved else storage["base_level"]))
    # L1: whitespace at the end of the line takes the paragraph's level.
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        resolved[end] = storage["base_level"]
    return resolved


def visual_order(resolved: list[int]) -> list[int]:
    """Logical indices in visual order (L2: reverse each run at or above each odd level)."""
    order = list(range(len(resolved)))
    if not resolved:
        return order
    highest = max(resolved)
    lowest_odd = (
        min(level for level in resolved if level % 2)
        if any(level % 2 for level in resolved)
        else highest + 1
    )
    for level in range(highest, lowest_odd - 1, -1):
        start = None
        for index in range(len(order) + 1):
            inside = index < len(order) and resolved[order[index]] >= level
            if inside and start is None:
                start = index
            elif not inside and start is not None:
                order[start:index] = order[start:index][::-1]
                start = None
    return order


def runs(pieces: list[tuple[Any, str]], *, rtl: bool) -> list[tuple[Any, str, bool]]:
    """A line's (frag, text) pieces as visual runs: (frag, logical text, right-to-left)."""
    text = "".join(piece for _, piece in pieces)
    owner: list[int] = []
    for number, (_, piece) in enumerate(pieces):
        owner += [number] * len(piece)
    resolved = levels(text, rtl=rtl)
    out: list[tuple[Any, str, bool]] = []
    run: list[int] = []
    for index in [*visual_order(resolved), -1]:
        if run and (
            index < 0
            or owner[index] != owner[run[0]]
            or resolved[index] != resolved[run[0]]
            or abs(index - run[-1]) != 1
        ):
            odd = resolved[run[0]] % 2 == 1
            first, last = min(run), max(run)
            out.append((pieces[owner[run[0]]][0], text[first : last + 1], odd))
            run = []
        if index >= 0:
            run.append(index)
    return out


class MarkedStr(ShapedStr):  # type: ignore[misc]  # reportlab ships no type hints
    """Shaped glyphs and the text a reader copies out of them (empty: the glyphs' own)."""

    actual = ""


class MarkedText(PDFTextObject):  # type: ignore[misc]
    """A text object that writes each marked run in a span naming the text it shows.

    The span (/Span with /ActualText, ISO 32000 14.9.4) stands for all its glyphs at once, so
    a mark raised above its letter, a ligature or a vowel drawn before its consonant copy out
    as the typed letters, on the line's baseline.
    """

    def _formatText(self, text: Any) -> str:
        code: str = super()._formatText(text)
        actual = getattr(text, "actual", "")
        if not actual:
            return code
        utf16 = ("\ufeff" + actual).encode("utf-16-be").hex().upper()
        return f"/Span <</ActualText <{utf16}>>> BDC {code} EMC"


def shape(text: str, font_name: str, font_size: float, *, rtl: bool) -> tuple[MarkedStr, float]:
    """`text` shaped by HarfBuzz in one direction: glyphs in visual order, and its width."""
    font = pdfmetrics.getFont(font_name)
    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    uharfbuzz.shape(hb_font(font), buffer, FEATURES if isinstance(font, ShapedFont) else _PLAIN)
    infos = buffer.glyph_infos
    # Each cluster's letters, to name the glyph that shows them when it has no code point.
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    counts: dict[int, int] = {}
    for info in infos:
        counts[info.cluster] = counts.get(info.cluster, 0) + 1
    seen: set[int] = set()
    raised = False
    chars: list[str] = []
    data: list[ShapeData] = []
    advance = 0.0
    for info, position in zip(infos, buffer.glyph_positions, strict=True):
        cluster = info.cluster
        # A cluster drawn by several glyphs (a vowel sign before its consonant) copies out
        # whole from its first glyph; the others copy out as nothing visible.
        letters = text[cluster : ends[cluster]] if cluster not in seen else _NOTHING
        seen.add(cluster)
        code = _code_for(font, info.codepoint, letters, position.x_advance, counts[cluster] > 1)
        x_advance = font.pdfScale(position.x_advance)
        data.append(
            ShapeData(
                cluster,
                x_advance,
                font.pdfScale(position.y_advance),
                font.pdfScale(position.x_offset),
                font.pdfScale(position.y_offset),
                font.face.charWidths[code],
            )
        )
        chars.append(chr(code))
        raised = raised or position.y_offset != 0
        advance += x_advance
    drawn = MarkedStr("".join(chars), shapeData=data)
    if rtl or raised or drawn != text:
        # poppler and PDFium read a span's text as they read glyphs: laid out left to right,
        # then each right-to-left run reversed. So a right-to-left run's text goes in reversed.
        drawn.actual = text[::-1] if rtl else text
    return drawn, advance * font_size / 1000


def _code_for(font: Any, glyph: int, letters: str, advance: int, shared: bool) -> int:
    """The code to draw `glyph` by: its own if that copies out as `letters`, else a private one."""
    own = font.face.glyphToChar.get(glyph)
    if own and letters == chr(own[0]) and not shared:
        return int(own[0])
    face = font.face.name.decode("latin-1") + font.face.subfontNameX.decode("latin-1")
    key = (face, glyph, letters)
    with _lock:
        code = _private.get(key)
        if code is None:
            code = _next_private.get(face, _FIRST_PRIVATE)
            while code in font.face.charToGlyph:
                code += 1
            if code > _LAST_PRIVATE:  # a font with more shaped forms than the private area
                return int(own[0]) if own else 0
            _next_private[face] = code + 1
            _private[key] = code
            font.face.charToGlyph[code] = glyph
            font.face.glyphToChar.setdefault(glyph, []).append(code)
            font.face.charWidths[code] = font.pdfScale(advance)
            ACTUAL_TEXT.setdefault(face, {})[code] = letters
    return code


def draw_line(line: Any, pieces: list[tuple[Any, str]], *, rtl: bool, width: float) -> Any:
    """One laid-out line rebuilt in visual order with shaped text, for reportlab to draw."""
    words = []
    used = 0.0
    for frag, text, odd in runs(pieces, rtl=rtl):
        shaped, advance = shape(text, frag.fontName, frag.fontSize, rtl=odd)
        words.append(frag.clone(text=shaped))
        used += advance
    fields = {
        key: getattr(line, key)
        for key in ("fontSize", "ascent", "descent", "lineBreak")
        if hasattr(line, key)
    }
    return FragLine(
        kind=1,
        extraSpace=width - used,
        wordCount=max(1, len(words)),
        words=words,
        maxWidth=width,
        currentWidth=used,
        **fields,
    )
