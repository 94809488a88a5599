"""Pure text rules: search folding, input cleaning and the limits every field obeys."""

from __future__ import annotations

import re
import unicodedata

SHORT_TEXT_MAX = 1_000
LONG_TEXT_MAX = 200_000

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""The Cc category (C0, DEL, C1) but tab, line feed and carriage return: no field holds these."""


class _CombiningMarks(dict[int, int | None]):
    """str.translate's table: combining marks to None, any other character to itself, each
    worked out (with unicodedata.combining) the first time it is met."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_NOT_COMBINING = _CombiningMarks()


def fold(text: str) -> str:
    """Case-folded, accents removed, every script kept: "Müller" and "Muller" meet here.

    The one folding rule of the application (search text, the search box, duplicate and
    name matching, imports). ASCII text folds by lower-casing alone: case folding is
    lower-casing there, and NFKD leaves ASCII as it is. Other text is case-folded,
    decomposed, stripped of its combining marks in one str.translate, and recomposed.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", decomposed.translate(_NOT_COMBINING))


def search_blob(*parts: str | None) -> str:
    """The app-computed search text of a record from its displayed parts.

    Folded as one string: folding works character by character and a space never composes
    with its neighbours, so the folded whole equals the folded parts joined.
    """
    return fold(" ".join([part for part in parts if part]))


def forbidden_character(text: str) -> str | None:
    """The first control character that no field may hold (NUL and friends), if any."""
    found = CONTROL.search(text)
    return found.group() if found else None


def clean(text: str) -> str:
    """Input as a person typed it, in NFC, without surrounding white space."""
    return unicodedata.normalize("NFC", text).strip()
