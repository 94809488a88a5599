"""Telephone numbers through phonenumbers: E.164, the international form, tel: URIs, regions.

libphonenumber's metadata reads a number written with its country code (or in a region given);
anything it cannot read is handed back as written. Numbers are stored in E.164, with the
extension where one was written ("+43153115;ext=0" for "+43 1 531 15-0", as Austria and
Germany write the line behind a switchboard), and shown in the international format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import phonenumbers

from bilatdesk.domain.text import fold, index_text

_EXTENSION = ";ext="
# "+43 1 531 15-0", "030 1234-567": DIN 5008 writes the extension after the only hyphen.
_DIN_EXTENSION = re.compile(r"^([^-]*\d)\s*-\s*(\d{1,5})$")
_NOT_DIGIT = re.compile(r"\D")
MIN_SEARCH_DIGITS = 3
"""The shortest run of a number's digits the search text lists (each run is a word)."""


@dataclass(frozen=True)
class StoredPhone:
    """A number as it is stored, and whether phonenumbers could read it."""

    value: str
    read: bool


def store_phone(value: str, region: str = "") -> StoredPhone:
    """E.164 (with ";ext=N" when the number has an extension) when the number can be read in
    `region` (the ISO code of the person's country), else the text as written, flagged."""
    text = value.strip()
    din = _DIN_EXTENSION.match(text) if "-" in text else None
    if din is not None and "-" not in din.group(1):
        base = parse_phone(din.group(1), region)
        if base is not None:
            return StoredPhone(_e164(base) + _EXTENSION + din.group(2), True)
    number = parse_phone(text, region)
    if number is None:
        return StoredPhone(text, False)
    extension = _EXTENSION + number.extension if number.extension else ""
    stored = _e164(number) + extension
    if not extension:
        _remember((stored, ""), number)  # the stored form reads back as the same number
    return StoredPhone(stored, True)


def _e164(number: phonenumbers.PhoneNumber) -> str:
    """format_number's E.164: a plus, the country code, the national significant number
    (spelt here, a third of its time; a number without one is left to it)."""
    if not number.national_number:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"+{number.country_code}{phonenumbers.national_significant_number(number)}"


def phone_search_words(value: str) -> str:
    """Every run of the number's digits as words, so a search by the digits as anyone writes
    them finds it: the international digits, the national ones with their trunk prefix
    ("0"), the extension, and each tail of them (the search matches the start of a word)."""
    return " ".join(_search_words(value))


def phone_index_words(value: str) -> str:
    """What a number adds to its person's search text: `index_text` of its search words.

    Made directly for a number read (its words are ASCII digits: each is kept, and one led by
    zeros is followed by itself without them, as index_text does), since an import asks it
    of every number; anything else goes through index_text itself.
    """
    words = _search_words(value)
    joined = " ".join(words)
    if not joined.isascii() or not "".join(words).isdigit():
        return index_text(fold(joined))
    indexed = []
    for word in words:
        indexed.append(word)
        if word[0] == "0":
            indexed.append(word.lstrip("0") or "0")
    return " ".join(indexed)


def _search_words(value: str) -> list[str]:
    number = parse_phone(value)
    if number is None:
        return list(dict.fromkeys([value, *_tails(_NOT_DIGIT.sub("", value))]))
    extension = number.extension or ""
    national_digits = _national_digits(number)
    # Each run of digits starts some tail; the number and its extension are one run as written.
    words = _tails(_e164(number)[1:] + extension)
    # The tails differ in length, so only the national forms can repeat one ("1" + a US
    # number is its international digits).
    for extra in (national_digits + extension, national_digits, extension):
        if extra and extra not in words:
            words.append(extra)
    return words


def _national_digits(number: phonenumbers.PhoneNumber) -> str:
    """The digits of the number as its country writes it at home (trunk prefix first).

    Formatting nationally costs more than reading the number; where the country's trunk prefix
    and the national significant number are what that format gives, they are used instead.
    """
    code = number.country_code or 0
    prefix = _home_prefix(code)
    if prefix is None:
        bare = phonenumbers.PhoneNumber(
            country_code=code,
            national_number=number.national_number,
            italian_leading_zero=number.italian_leading_zero,
            number_of_leading_zeros=number.number_of_leading_zeros,
        )
        national = phonenumbers.format_number(bare, phonenumbers.PhoneNumberFormat.NATIONAL)
        return _NOT_DIGIT.sub("", national)
    return prefix + phonenumbers.national_significant_number(number)


@cache
def _home_prefix(code: int) -> str | None:
    """The trunk prefix the country code's numbers are written with at home ("" for none);
    None where some number's national form is not that prefix and its significant digits
    (Belarus writes "8 0…", Argentina's mobiles "0 11 15…"). Judged from phonenumbers' own
    example numbers, so a new version of its metadata is followed."""
    main = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(
        code, phonenumbers.region_code_for_country_code(code)
    )
    for region in phonenumbers.region_codes_for_country_code(code):
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        prefix = (metadata.national_prefix if metadata is not None else None) or ""
        for kind in phonenumbers.PhoneNumberType.values():
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
            significant = phonenumbers.national_significant_number(example)
            if _NOT_DIGIT.sub("", national) not in (significant, prefix + significant):
                return None
    return (main.national_prefix if main is not None else None) or ""


def shown_point(kind: str, value: str) -> str:
    """A contact point as lists, forms and exports show it: a phone in the international form."""
    return international(value) if kind == "phone" else value


def point_search_text(kind: str, value: str) -> str:
    """What a contact point adds to its person's search text: a phone's runs of digits."""
    return phone_search_words(value) if kind == "phone" else value


def _tails(digits: str) -> list[str]:
    last = len(digits) - MIN_SEARCH_DIGITS
    return [digits[i:] for i in range(max(last, 0) + 1)]


def parse_phone(value: str, region: str = "") -> phonenumbers.PhoneNumber | None:
    """A number as phonenumbers reads it ("00" read as "+"); None when it is no valid number.

    Without a leading + or 00 the number is read in `region` (ISO code), when one is given.
    The result is shared between callers (it comes from a cache): read it, never change it.
    """
    text = value.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+"):
        region = ""  # the country code says where the number is; the region adds nothing
    elif not region:
        return None
    key = (text, region.upper())
    known = _PARSED.get(key, _UNREAD)
    if known is not _UNREAD:
        return known
    number = _read_plain(text) if region == "" else None
    if number is None:
        try:
            number = phonenumbers.parse(text, key[1] or None)
        except phonenumbers.NumberParseException:
            number = None
    if number is not None and not _is_valid(number):
        number = None
    _remember(key, number)
    return number


_SEPARATORS = str.maketrans("", "", " .-")
# Country codes by their digits as written (a code never starts with 0).
_COUNTRY_CODES = {str(code): code for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE}


def _plain_digits(text: str) -> str | None:
    """The digits after the plus of "+43 1 234 5678" (a plus, a digit 1-9, then 1-30 digits,
    spaces, hyphens or dots, and nothing else); None for any other text. What the pattern
    `\\+[1-9][0-9 .\\-]{1,30}` matches whole, in a third of its time (a test compares them)."""
    if not 3 <= len(text) <= 32 or text[0] != "+" or text[1] not in "123456789":
        return None
    digits = text[1:].translate(_SEPARATORS)
    return digits if digits.isascii() and digits.isdigit() else None


def _read_plain(text: str) -> phonenumbers.PhoneNumber | None:
    """A number written "+<country code> <digits>" read as phonenumbers.parse reads it, in a
    fifth of its time; None where parse might read it otherwise (it then reads it itself).

    parse takes the country code as the shortest of the first 1-3 digits that is one, and
    strips a national prefix ("+44 (0)20") only where the region's prefix pattern matches the
    start of the rest; a rest starting with 0 or matching that pattern is left to parse. A test
    compares both on every example number of every region.
    """
    digits = _plain_digits(text)
    if digits is None:
        return None
    for length in (1, 2, 3):
        code = _COUNTRY_CODES.get(digits[:length], 0)
        if code:
            break
    else:
        return None
    national = digits[length:]
    if not 2 <= len(national) <= 17 or national.startswith("0"):
        return None
    known, prefix = _trunk_prefix(code)
    if not known or (prefix is not None and prefix.match(national)):
        return None
    return phonenumbers.PhoneNumber(country_code=code, national_number=int(national))


@cache
def _trunk_prefix(code: int) -> tuple[bool, re.Pattern[str] | None]:
    """Whether phonenumbers knows the country code, and its pattern of a national prefix to
    strip (None where there is none)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(
        code, phonenumbers.region_code_for_country_code(code)
    )
    if metadata is None:
        return False, None
    prefix = metadata.national_prefix_for_parsing
    return True, re.compile(prefix) if prefix is not None else None


_Rule = tuple[frozenset[int], re.Pattern[str]]
"""A kind of number (fixed line, mobile, toll free…): its possible lengths and its pattern."""


def _is_valid(number: phonenumbers.PhoneNumber) -> bool:
    """phonenumbers.is_valid_number, with the patterns of a country code that belongs to one
    region compiled once: the library looks each of them up again on every call, which cost
    100,000 CSV rows 0.9 s. A test compares both on every example number and its neighbours.
    """
    rules = _validity_rules(number.country_code or 0)
    if rules is None:
        return bool(phonenumbers.is_valid_number(number))
    general, kinds = rules
    significant = phonenumbers.national_significant_number(number)
    if not _matches(significant, general):
        return False
    for kind in kinds:  # noqa: SIM110 (a loop, not any() of a generator: runs for every number)
        if _matches(significant, kind):
            return True
    return False


def _matches(digits: str, rule: _Rule) -> bool:
    lengths, pattern = rule
    return (not lengths or len(digits) in lengths) and pattern.fullmatch(digits) is not None


@cache
def _validity_rules(code: int) -> tuple[_Rule, tuple[_Rule, ...]] | None:
    """The general rule and the rules of each kind of number of a country code; None for a
    code shared by several regions (+1, +7, +44), where the library first finds the region."""
    regions = phonenumbers.region_codes_for_country_code(code)
    if len(regions) != 1:
        return None
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, regions[0])
    if metadata is None:
        return None
    general = _rule(metadata.general_desc)
    if general is None:
        return None
    # Valid is: the general rule and any kind's rule hold. The library tries the kinds in an
    # order that names the kind; any order gives the same answer, and most numbers written
    # are fixed lines or mobiles, so those go first.
    descriptions = [metadata.fixed_line]
    if not metadata.same_mobile_and_fixed_line_pattern:
        descriptions.append(metadata.mobile)
    descriptions += [
        metadata.premium_rate,
        metadata.toll_free,
        metadata.shared_cost,
        metadata.voip,
        metadata.personal_number,
        metadata.pager,
        metadata.uan,
        metadata.voicemail,
    ]
    kinds = tuple(rule for rule in map(_rule, descriptions) if rule is not None)
    return general, kinds


def _rule(description: phonenumbers.PhoneNumberDesc | None) -> _Rule | None:
    if description is None or not description.national_number_pattern:
        return None
    return frozenset(description.possible_length), re.compile(description.national_number_pattern)


# Reading a number costs 30-50 us, and an import reads each one three times (to store it, to
# index its digits, to place its country): 100,000 CSV rows spent 9 s of 20 there. The cache
# holds what was read, and `store_phone` adds the stored form, so the later reads are lookups.
# Emptied whole when full: plain dict operations, safe on the worker threads that import.
_PARSED: dict[tuple[str, str], phonenumbers.PhoneNumber | None] = {}
_UNREAD = phonenumbers.PhoneNumber()  # what _PARSED.get gives for a number not read yet
_PARSED_MAX = 50_000


def _remember(key: tuple[str, str], number: phonenumbers.PhoneNumber | None) -> None:
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.clear()
    _PARSED[key] = number


def e164(value: str, region: str = "") -> str:
    """The number in E.164 (+302101234567) when it can be read, else the text as written."""
    number = parse_phone(value, region)
    if number is None:
        return value.strip()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def international(value: str) -> str:
    """A stored number in the international format (+30 21 0123 4567), else as written."""
    number = parse_phone(value)
    if number is None:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_region(value: str) -> tuple[str, int] | None:
    """The ISO code of the region a number with its country code belongs to, and that
    country code (30 for +30); None for a number without one or outside any country."""
    number = parse_phone(value)
    if number is None:
        return None
    region = phonenumbers.region_code_for_number(number)
    if not region or region == "001":  # 001: non-geographic (satellite, UIFN)
        return None
    return region, number.country_code or 0


def rfc3966(value: str) -> str:
    """A stored number as a tel: URI (tel:+30-21-0368-1000); "" when it cannot be read."""
    number = parse_phone(value)
    if number is None:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
