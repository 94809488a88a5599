"""The shipped TrueType fonts, registered once with reportlab and embedded in every PDF."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from bilatdesk.config import resources_dir

# Registered names. TrueType fonts are always embedded (subset) by reportlab, unlike the
# built-in Type 1 fonts, which a printer might substitute.
SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
CJK = "WQYMicroHei"

_FILES = {
    SANS: ("DejaVuSans.ttf", 0),
    SANS_BOLD: ("DejaVuSans-Bold.ttf", 0),
    # A TrueType collection; face 0 is the proportional Micro Hei (1 is the Mono variant).
    CJK: ("wqy-microhei.ttc", 0),
}
FONT_FILES = tuple(name for name, _ in _FILES.values())

_lock = threading.Lock()
_coverage: Coverage | None = None


@dataclass(frozen=True)
class Coverage:
    """Which code points each face can draw, to route every character to a font with a glyph."""

    sans: frozenset[int]
    cjk: frozenset[int]
    # Runs of characters only the CJK face has: one C-speed regex pass instead of a Python
    # loop over every character of every paragraph.
    cjk_only: re.Pattern[str]


def register_fonts() -> Coverage:
    """Register the fonts and their families (idempotent, thread-safe); return their coverage."""
    global _coverage  # noqa: PLW0603 - a process-wide registry, as reportlab's own is
    with _lock:
        if _coverage is None:
            folder = resources_dir() / "fonts"
            faces: dict[str, TTFont] = {}
            for name, (file, index) in _FILES.items():
                faces[name] = TTFont(name, str(folder / file), subfontIndex=index)
                pdfmetrics.registerFont(faces[name])
            # Families make <b> work inside markup. Italic maps to the upright faces (none is
            # shipped); it goes first because the last mapping of a face name is the one
            # reportlab reads back. WQY has no bold: bold CJK stays regular, not boxes.
            for italic in (True, False):
                for bold in (True, False):
                    addMapping(SANS, bold, italic, SANS_BOLD if bold else SANS)
                    addMapping(CJK, bold, italic, CJK)
            sans = frozenset(faces[SANS].face.charToGlyph)
            cjk = frozenset(faces[CJK].face.charToGlyph)
            _coverage = Coverage(sans, cjk, _runs_of(cjk - sans))
        return _coverage


def _runs_of(codes: frozenset[int]) -> re.Pattern[str]:
    """A regex matching runs of the given code points, written as ranges."""
    ranges: list[str] = []
    ordered = sorted(codes)
    start = previous = ordered[0]
    for code in [*ordered[1:], -1]:
        if code != previous + 1:
            ranges.append(
                re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else "")
            )
            start = code
        previous = code
    return re.compile(f"[{''.join(ranges)}]+")
