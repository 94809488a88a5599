"""The domain's text rules (fold, search text, sort key, control characters), fast for imports.

A 100,000-row import folds every name, e-mail and number it stores; the character-by-character
rules of bilatdesk.domain.text were a large share of its time. These give exactly what the
domain gives (a property test compares them) by other means: ASCII text folds by lower-casing,
combining marks go in one str.translate, the control characters in one regular expression, and
a record's search text is folded as one string (folding works character by character, and a
space never composes with its neighbours, so the folded whole equals the folded parts joined).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The Cc category but tab, line feed and carriage return (domain.text.forbidden_character).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _CombiningMarks(dict[int, int | None]):
    """str.translate's table: combining marks to None, any other character to itself, each
    worked out (with domain.text's own test, unicodedata.combining) the first time it is met."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_NOT_COMBINING = _CombiningMarks()


def fold(text: str) -> str:
    """domain.text.fold: for ASCII, case folding is lower-casing and nothing else."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", decomposed.translate(_NOT_COMBINING))


_NAME_FOLDS: dict[str, str] = {}


def fold_name(name: str) -> str:
    """fold() of a name part, remembered: given names (and many family names) recur."""
    folded = _NAME_FOLDS.get(name)
    if folded is None:
        folded = fold(name)
        if len(_NAME_FOLDS) >= 20_000:
            _NAME_FOLDS.clear()  # bounded: a long file of distinct names starts over
        _NAME_FOLDS[name] = folded
    return folded


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """How names of organisations, posts and tags are compared: folded, spaces collapsed.

    Cached: a file names a few hundred organisations, titles and tags many times over.
    """
    return " ".join(fold(text).split())


def search_text(*parts: str) -> str:
    """domain.text.search_blob: the non-empty parts folded, joined by spaces."""
    return fold(" ".join([part for part in parts if part]))


def sort_name(family_name: str, given_name: str, name_original: str) -> str:
    """domain.person.person_sort_name."""
    if family_name and given_name:
        return fold(f"{family_name} {given_name}")
    return fold(family_name or given_name or name_original)


def control_character(text: str) -> str | None:
    """domain.text.forbidden_character: the first control character but tab, LF and CR."""
    found = CONTROL.search(text)
    return found.group() if found else None
