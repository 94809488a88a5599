"""A person's name forms: order, display, sort key and the card's formatted name (one home)."""

from __future__ import annotations

import unicodedata

from bilatdesk.domain.enums import NameOrder
from bilatdesk.domain.text import fold

# Countries whose naming custom puts the family name first, as their own people write it in
# any script: China (with Taiwan, Hong Kong, Macao), Japan, both Koreas, Hungary, Viet Nam and
# Cambodia. Singapore is left out on purpose: its Chinese, Malay and Indian names follow three
# customs, so the script or the clerk decides there.
FAMILY_FIRST_COUNTRIES = frozenset({"CN", "TW", "HK", "MO", "JP", "KR", "KP", "HU", "VN", "KH"})

# Scripts whose names are written family first and without a space between the parts: the
# Unicode character names of Han ideographs, kana and Hangul begin with these words.
_CLOSED_SCRIPTS = ("CJK ", "HIRAGANA ", "KATAKANA ", "HANGUL ")


# What each character met is: not a letter, a letter of a closed script, or another letter.
# Kept per character, not per name: an import asks this of each part of every card's name,
# twice, and a file of 100,000 people holds nearly as many family names but few characters.
_NOT_LETTER, _CLOSED, _OTHER = 0, 1, 2
_LETTERS: dict[str, int] = {}


def is_closed_script(text: str) -> bool:
    """True when the text's letters are Han, kana or Hangul (written without spaces)."""
    if text.isascii():
        return False  # most names: no letter to look up
    seen = False
    letters = _LETTERS
    for ch in text:
        kind = letters.get(ch)
        if kind is None:
            kind = letters[ch] = _letter_kind(ch)
        if kind == _OTHER:
            return False
        seen = seen or kind == _CLOSED
    return seen


def _letter_kind(ch: str) -> int:
    if not ch.isalpha():
        return _NOT_LETTER
    return _CLOSED if unicodedata.name(ch, "").startswith(_CLOSED_SCRIPTS) else _OTHER


def infer_name_order(given: str, family: str, country_code: str = "", *others: str) -> NameOrder:
    """The order a new or imported name is written in, from its script, else its country.

    A name in Han, kana or Hangul is family first wherever its owner lives; otherwise the
    country's custom decides (ISO 3166 alpha-2, any case), and given first is the default.
    """
    # Plain loops and tests, not any() of a generator: an import asks this of every card twice.
    for part in (family, given, *others):
        if part and is_closed_script(part):
            return NameOrder.FAMILY_FIRST
    if country_code and country_code.strip().upper() in FAMILY_FIRST_COUNTRIES:
        return NameOrder.FAMILY_FIRST
    return NameOrder.GIVEN_FIRST


def ordered_name(given: str, family: str, order: NameOrder | str | None = None) -> str:
    """Given and family name in their order; Han, kana and Hangul parts join without a space.

    With no order (a caller holding only the parts), the script decides: closed-script names
    family first, every other name given first.
    """
    if order is None or order == "":
        order = infer_name_order(given, family)
    first, second = (family, given) if order == NameOrder.FAMILY_FIRST else (given, family)
    if not (first and second):
        return first or second
    if is_closed_script(first) and is_closed_script(second):
        return first + second
    return f"{first} {second}"


def display_name(
    given: str,
    family: str,
    *fallbacks: str,
    order: NameOrder | str | None = None,
    shown: str = "",
) -> str:
    """The name as displayed everywhere; when given and family are empty, the first fallback.

    Every face shows a person's name through this one function (records, reports, files,
    the form's live title). `shown` is a display form the person's own card gave (its FN)
    when it differs from what the parts would give, and wins. The fallbacks are, in order,
    whatever the caller has instead: the name in its original script and other names for a
    stored person, the formatted name of an imported card.
    """
    if shown.strip():
        return shown.strip()
    name = ordered_name(given, family, order)
    return name or next((other for other in fallbacks if other), "")


def with_original(name: str, original: str) -> str:
    """The display name with the original-script name beside it, when one is recorded."""
    original = original.strip()
    if not original or unicodedata.normalize("NFC", original) == unicodedata.normalize("NFC", name):
        return name
    return f"{name} ({original})" if name else original


def sort_name(family_name: str, given_name: str, name_original: str) -> str:
    """Family name, then given name, folded, in every script and whatever the display order;
    the original-script name when both are empty."""
    key = " ".join(part for part in (family_name, given_name) if part)
    return fold(key or name_original)


def order_from_card(
    given: str, family: str, formatted: str, honorific: str = ""
) -> tuple[NameOrder | None, str]:
    """What a card's FN says about its N: the order it shows, or the display form to keep.

    Returns (the order FN follows, "") when FN is the parts in one order or the other (None
    when FN is empty or the parts alone cannot tell), else (None, FN): a formatted name that
    differs from both orders (a nickname, a name the person goes by) is kept as the display
    form. N's honorific ("Dr") leading FN is no difference: it is kept apart already.
    """
    fn = " ".join(unicodedata.normalize("NFC", formatted).split())
    title = " ".join(honorific.split())
    if title and _spaced(fn).startswith(_spaced(title) + " "):
        fn = fn[len(title) :].strip()
    if not fn or not (given or family):
        return None, ""
    forms = {
        order: _spaced(ordered_name(given, family, order))
        for order in (NameOrder.FAMILY_FIRST, NameOrder.GIVEN_FIRST)
    }
    if forms[NameOrder.FAMILY_FIRST] == forms[NameOrder.GIVEN_FIRST]:
        return (None, "") if _spaced(fn) == forms[NameOrder.GIVEN_FIRST] else (None, fn)
    for order, form in forms.items():
        if _spaced(fn) == form:
            return order, ""
    return None, fn


def _spaced(text: str) -> str:
    return " ".join(text.split()).casefold()
