"""Pure text rules: search folding, input cleaning and the limits every field obeys."""

from __future__ import annotations

import unicodedata

SHORT_TEXT_MAX = 1_000
LONG_TEXT_MAX = 200_000


def fold(text: str) -> str:
    """Case-folded, accents removed, every script kept: "Müller" and "Muller" meet here."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def search_blob(*parts: str | None) -> str:
    """The app-computed search text of a record from its displayed parts."""
    return " ".join(fold(part) for part in parts if part)


def forbidden_character(text: str) -> str | None:
    """The first control character that no field may hold (NUL and friends), if any."""
    for ch in text:
        if ch in "\t\n\r":
            continue
        if unicodedata.category(ch) == "Cc":
            return ch
    return None


def clean(text: str) -> str:
    """Input as a person typed it, in NFC, without surrounding white space."""
    return unicodedata.normalize("NFC", text).strip()
