"""A person's name forms: the name as displayed and the key it sorts by (one home for each)."""

from __future__ import annotations

from bilatdesk.domain.text import fold


def display_name(given: str, family: str, *fallbacks: str) -> str:
    """Given then family name; when both are empty, the first non-empty fallback.

    Every face shows a person's name through this one function (records, reports, files,
    the form's live title), so a name order other than given-first belongs here alone.
    The fallbacks are, in order, whatever the caller has instead: the name in its original
    script and other names for a stored person, the formatted name of an imported card.
    """
    name = " ".join(part for part in (given, family) if part)
    return name or next((other for other in fallbacks if other), "")


def sort_name(family_name: str, given_name: str, name_original: str) -> str:
    """Family name, then given name, folded; the original-script name when both are empty."""
    key = " ".join(part for part in (family_name, given_name) if part)
    return fold(key or name_original)
