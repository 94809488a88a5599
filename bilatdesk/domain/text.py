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
    """The app-computed search text of a record from its displayed parts: its index words.

    Folded as one string: folding works character by character and a space never composes
    with its neighbours, so the folded whole equals the folded parts joined.
    """
    return index_text(fold(" ".join([part for part in parts if part])))


# Letters and digits: a run of them is a word, anything else parts words (both full-text
# engines are then given words they cut nowhere else).
_WORD = re.compile(r"[^\W_]+")
# Chinese, Japanese kana, and their compatibility forms: written without spaces, so each
# character is a word of its own and a run of them is searched as a phrase ("小明" in "王小明").
_CJK = re.compile(
    "([\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f])"
)


def search_terms(folded: str) -> list[tuple[str, ...]]:
    """The terms of a folded text: a word, or a run of CJK characters as a phrase of them."""
    terms: list[tuple[str, ...]] = []
    for word in _WORD.findall(folded):
        if not _CJK.search(word):
            terms.append((word,))
            continue
        run: list[str] = []
        for piece in _CJK.split(word):
            if not piece:
                continue
            if _CJK.fullmatch(piece):
                run.append(piece)
                continue
            if run:
                terms.append(tuple(run))
                run = []
            terms.append((piece,))
        if run:
            terms.append(tuple(run))
    return terms


def index_text(folded: str) -> str:
    """Words separated by one space, each CJK character a word, and a number with leading
    zeros also without them, so `2026-17` finds serial `2026/017`.

    Stored as search_text: the full-text index and a plain `LIKE '% word%'` then agree.
    """
    words: list[str] = []
    # Word by word: no word spans a space, and most are letters or digits alone, which are a
    # term each without a regular expression (an import asks this of every card). A chunk
    # of letters and digits (isalnum: exactly the characters of _WORD) is one word; only a
    # chunk of text holding CJK is cut by search_terms.
    cjk = not folded.isascii() and _CJK.search(folded) is not None
    for chunk in folded.split():
        if not cjk or chunk.isascii():  # no CJK: its words are the terms (an e-mail's, say)
            for word in (chunk,) if chunk.isalnum() else _WORD.findall(chunk):
                words.append(word)
                if word[0] == "0" and word.isdigit() and word.isascii():
                    words.append(word.lstrip("0") or "0")
            continue
        for term in search_terms(chunk):
            words.extend(term)
            last = term[-1]
            if len(term) == 1 and last.isdigit() and last.isascii() and last[0] == "0":
                words.append(last.lstrip("0") or "0")
    return " ".join(words)


def forbidden_character(text: str) -> str | None:
    """The first control character that no field may hold (NUL and friends), if any."""
    found = CONTROL.search(text)
    return found.group() if found else None


def clean(text: str) -> str:
    """Input as a person typed it, in NFC, without surrounding white space."""
    return unicodedata.normalize("NFC", text).strip()


# Every format (Cf) character of Unicode 15, and the two line and paragraph separators: the
# characters that print as nothing (or move others) and so can make a text look like another.
_FORMAT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\n\r]"
)
# Visible signs that Arabic, Syriac and Kaithi write before numbers: part of the text.
_VISIBLE = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
_VISIBLE |= frozenset("\U000110bd\U000110cd")
_JOINERS = frozenset("\u200c\u200d")  # ZWNJ and ZWJ
_MARKS = frozenset("\u200e\u200f\u061c")  # LRM, RLM, ALM
_LINE_BREAKS = frozenset("\n\r\u2028\u2029")
_TAGS = range(0xE0020, 0xE0080)  # emoji tag sequences: the flags of England, Scotland, Wales
_BLACK_FLAG = "\U0001f3f4"


def disguising_character(text: str, *, one_line: bool = False) -> tuple[str, str] | None:
    """The first invisible character that can disguise a short text, and what it is.

    Refused: direction embeddings and overrides (U+202A-202E) and isolates (U+2066-2069),
    which reorder what follows; other invisible format characters (zero-width space, word
    joiner, byte order mark, soft hyphen, tags outside an emoji flag); in a one-line field,
    any line break. Kept, because scripts need them: ZWNJ and ZWJ between two characters of a
    word when one of them is beyond Latin, Greek and Cyrillic (Persian, Arabic, Indic, emoji
    sequences); the direction marks LRM, RLM and ALM inside mixed right-to-left text, though
    not at its start or end, where they only move the text; the visible number signs.
    """
    if text.isascii() and not one_line:
        return None
    for found in _FORMAT.finditer(text):
        char, at = found.group(), found.start()
        if char in _LINE_BREAKS:
            if one_line:
                return char, "a line break"
            continue
        if char in _VISIBLE:
            continue
        if char in _MARKS:
            if 0 < at < len(text) - 1:
                continue
            return char, "an invisible direction mark at its start or end"
        if char in _JOINERS:
            if _joins(text, at):
                continue
            return char, "an invisible joiner outside a word"
        if (
            ord(char) in _TAGS
            and at
            and (text[at - 1] == _BLACK_FLAG or ord(text[at - 1]) in _TAGS)
        ):
            continue
        return char, _kind(char)
    return None


def disguise_sentence(label: str, found: tuple[str, str]) -> str:
    """`label` and what was found, as the sentence shown at the field or in a report."""
    char, what = found
    if what == "a line break":
        return f"{label} contains a line break (U+{ord(char):04X}); it must be on one line."
    return (
        f"{label} contains {what} (U+{ord(char):04X}), which can make it display as something else."
    )


def _joins(text: str, at: int) -> bool:
    """A joiner inside a word of a script that needs it: printing neighbours on both sides."""
    if at == 0 or at == len(text) - 1:
        return False
    before, after = text[at - 1], text[at + 1]
    if before.isspace() or after.isspace() or _FORMAT.match(before) or _FORMAT.match(after):
        return False
    return ord(before) >= 0x0590 or ord(after) >= 0x0590


def _kind(char: str) -> str:
    code = ord(char)
    if 0x202A <= code <= 0x202C:
        return "an invisible direction embedding"
    if code in {0x202D, 0x202E}:
        return "an invisible direction override"
    if 0x2066 <= code <= 0x2069:
        return "an invisible direction isolate"
    return "an invisible formatting character"
