"""The shipped TrueType fonts, registered once with reportlab, chosen per script and embedded."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import uharfbuzz
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont

from bilatdesk.config import resources_dir

_log = logging.getLogger(__name__)

# Registered names. TrueType fonts are always embedded (subset) by reportlab, unlike the
# built-in Type 1 fonts, which a printer might substitute.
SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
CJK = "WQYMicroHei"
NOTO = "NotoSans"

# Scripts DejaVu lacks or sets without the joining and marks they need, each in the Noto family
# made for it (file stem, then the Unicode blocks it serves). Order decides a shared block.
SCRIPTS: dict[str, tuple[tuple[int, int], ...]] = {
    "NotoSansArabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                       (0xFE70, 0xFEFF)),
    "NotoSansHebrew": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "NotoSansDevanagari": ((0x0900, 0x097F), (0xA8E0, 0xA8FF)),
    "NotoSansBengali": ((0x0980, 0x09FF),),
    "NotoSansGurmukhi": ((0x0A00, 0x0A7F),),
    "NotoSansGujarati": ((0x0A80, 0x0AFF),),
    "NotoSansTamil": ((0x0B80, 0x0BFF),),
    "NotoSansSinhala": ((0x0D80, 0x0DFF),),
    "NotoSansThai": ((0x0E00, 0x0E7F),),
    "NotoSansEthiopic": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
    "NotoSansKhmer": ((0x1780, 0x17FF), (0x19E0, 0x19FF)),
}  # fmt: skip
# The OpenType features the complex-script faces are shaped with, when measured and when drawn.
FEATURES = {"kern": True, "liga": True}
# Joiners shape the letters around them; they belong to the run they sit in.
_JOINERS = "\u200c\u200d"

_FILES = {
    SANS: ("DejaVuSans.ttf", 0),
    SANS_BOLD: ("DejaVuSans-Bold.ttf", 0),
    # A TrueType collection; face 0 is the proportional Micro Hei (1 is the Mono variant).
    CJK: ("wqy-microhei.ttc", 0),
    **{f"{stem}{weight}": (f"{stem}{weight}.ttf", 0)
       for stem in (NOTO, *SCRIPTS) for weight in ("-Regular", "-Bold")},
}  # fmt: skip
FONT_FILES = tuple(name for name, _ in _FILES.values())

_lock = threading.Lock()
_coverage: Coverage | None = None
# What each shaped glyph without a code point of its own stands for, by face name: the text
# the PDF's ToUnicode map gives back when the glyph is copied (a ligature gives its letters).
ACTUAL_TEXT: dict[str, dict[int, str]] = {}
_hb_fonts: dict[str, Any] = {}
_missing: ContextVar[set[str] | None] = ContextVar("missing_characters", default=None)


@dataclass(frozen=True)
class Coverage:
    """Which face draws each character, to route every run of text to a font with its glyphs."""

    sans: frozenset[int]
    cjk: frozenset[int]
    # One regex of alternatives, one group per face (named by its index into `faces`): runs of
    # characters the default face should not draw. One C-speed pass per paragraph.
    runs: re.Pattern[str]
    faces: tuple[str, ...]
    # Faces that need shaping (joining, reordering, marks): the complex scripts.
    shaped: frozenset[str]


class ShapedFont(TTFont):  # type: ignore[misc]  # reportlab ships no type hints
    """A complex-script face measured as HarfBuzz shapes it, so lines break at drawn widths.

    Conjuncts, ligatures and joined forms make a shaped word narrower or wider than the sum of
    its letters' own widths; measured that way, a line of Devanagari or Arabic overran its frame.
    """

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        if isinstance(text, ShapedStr):  # glyphs already shaped, as reportlab draws them
            return float(super().stringWidth(text, size, encoding))
        if isinstance(text, bytes):
            text = text.decode(encoding)
        return _advance(self.fontName, text) * size / 1000


@lru_cache(maxsize=16384)  # names and words repeat across a document and its two passes
def _advance(font_name: str, text: str) -> float:
    """The shaped width of `text` in thousandths of the font size."""
    font: Any = pdfmetrics.getFont(font_name)
    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(hb_font(font), buffer, FEATURES)
    return float(font.pdfScale(sum(position.x_advance for position in buffer.glyph_positions)))


def hb_font(font: Any) -> Any:
    """The face's HarfBuzz font, made once: shaped in font units, it serves every size."""
    made = _hb_fonts.get(font.fontName)
    if made is None:
        made = _hb_fonts[font.fontName] = uharfbuzz.Font(font.hbFace)
    return made


def register_fonts() -> Coverage:
    """Register the fonts and their families (idempotent, thread-safe); return their coverage."""
    global _coverage  # noqa: PLW0603 - a process-wide registry, as reportlab's own is
    with _lock:
        if _coverage is None:
            _coverage = _register()
        return _coverage


def _register() -> Coverage:
    folder = resources_dir() / "fonts"
    faces: dict[str, TTFont] = {}
    shaped = frozenset(f"{stem}{w}" for stem in SCRIPTS for w in ("-Regular", "-Bold"))
    for name, (file, index) in _FILES.items():
        # shapable: reportlab draws HarfBuzz-shaped text (positions, marks) in this face.
        kind = ShapedFont if name in shaped else TTFont
        faces[name] = kind(name, str(folder / file), subfontIndex=index, shapable=True)
        pdfmetrics.registerFont(faces[name])
    # Families make <b> work inside markup. Italic maps to the upright faces (none is shipped);
    # it goes first because the last mapping of a face name is the one reportlab reads back.
    # WQY has no bold: bold CJK stays regular, not boxes.
    families = {SANS: (SANS, SANS_BOLD), CJK: (CJK, CJK)}
    families |= {stem: (f"{stem}-Regular", f"{stem}-Bold") for stem in (NOTO, *SCRIPTS)}
    for italic in (True, False):
        for bold in (True, False):
            for family, (regular, heavy) in families.items():
                for name in {family, regular}:
                    addMapping(name, bold, italic, heavy if bold else regular)
    # The ToUnicode map reportlab writes cannot name a ligature's letters nor a character past
    # U+FFFF; this one can (it is looked up by name when each PDF's fonts are written).
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    sans = frozenset(faces[SANS].face.charToGlyph)
    classes: list[tuple[str, str]] = []
    scripts: set[int] = set()
    for stem, blocks in SCRIPTS.items():
        cmap = faces[f"{stem}-Regular"].face.charToGlyph
        codes = {c for lo, hi in blocks for c in range(lo, hi + 1) if c in cmap} - scripts
        scripts |= codes
        letters = _ranges(codes)
        classes.append((f"{stem}-Regular", f"[{letters}][{letters}{_JOINERS}]*"))
    # Past the scripts: DejaVu first (the documents' look), then the CJK face, then Noto Sans.
    cjk_all = frozenset(faces[CJK].face.charToGlyph)
    cjk = cjk_all - sans
    noto = frozenset(faces[f"{NOTO}-Regular"].face.charToGlyph) - sans - cjk
    classes.append((CJK, f"[{_ranges(cjk)}]+"))
    classes.append((f"{NOTO}-Regular", f"[{_ranges(noto)}]+"))
    # Anything else no face draws (astral characters always: emoji and the like).
    drawn = sans | cjk | noto | scripts
    classes.append(("", f"[^{_ranges(frozenset(c for c in drawn if c < 0x10000))}]"))
    pattern = "|".join(f"(?P<f{i}>{regex})" for i, (_, regex) in enumerate(classes))
    return Coverage(sans, cjk_all, re.compile(pattern), tuple(face for face, _ in classes), shaped)


def _ranges(codes: frozenset[int] | set[int]) -> str:
    """A regex character class body for the given code points, written as ranges."""
    ranges: list[str] = []
    ordered = sorted(codes)
    if not ordered:
        return r"\x00"
    start = previous = ordered[0]
    for code in [*ordered[1:], -1]:
        if code != previous + 1:
            ranges.append(
                re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else "")
            )
            start = code
        previous = code
    return "".join(ranges)


def placeholder(char: str) -> str:
    """A character no shipped font draws, as visible text naming it; recorded as missing."""
    name = unicodedata.name(char, "")
    shown = f"[U+{ord(char):04X} {name}]" if name else f"[U+{ord(char):04X}]"
    found = _missing.get()
    if found is not None:
        found.add(shown)
    _log.warning("no font draws %s; printed as its name", shown)
    return shown


@contextmanager
def missing_characters() -> Iterator[set[str]]:
    """Collect the characters printed as placeholders while the block runs (for build reports)."""
    found: set[str] = set()
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with shaped glyphs mapped to their text and UTF-16 values."""
    actual = ACTUAL_TEXT.get(fontname.split("+", 1)[-1], {})
    entries = []
    for index, code in enumerate(subset):
        text = actual.get(code) or _plain(chr(code))
        entries.append(f"<{index:02X}> <{_utf16(text)}>")
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _plain(char: str) -> str:
    """An Arabic presentation form copies out as the letters it shows (U+FDF2 as الله)."""
    if "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff":
        return unicodedata.normalize("NFKC", char) or char
    return char
