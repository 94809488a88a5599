"""The domain's text rules as an import uses them: the same functions, with memos for names.

A 100,000-row import folds every name, e-mail and number it stores. It folds with
bilatdesk.domain.text itself (whose ASCII shortcut and translate table are what make that
fast); what is added here only remembers results, for the names and titles a file repeats.
"""

from __future__ import annotations

from functools import lru_cache

from bilatdesk.domain.names import sort_name
from bilatdesk.domain.text import CONTROL, fold, forbidden_character, search_blob

__all__ = ["CONTROL", "control_character", "fold", "fold_name", "key", "search_text", "sort_name"]

search_text = search_blob
control_character = forbidden_character

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
