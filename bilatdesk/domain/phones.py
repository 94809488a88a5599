"""Telephone numbers through phonenumbers: E.164, the international form, tel: URIs, regions.

libphonenumber's metadata reads a number written with its country code (or in a region given);
anything it cannot read is handed back as written. Numbers are stored in E.164, with the
extension where one was written ("+43153115;ext=0" for "+43 1 531 15-0", as Austria and
Germany write the line behind a switchboard), and shown in the international format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

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
    din = _DIN_EXTENSION.match(text)
    if din is not None and "-" not in din.group(1):
        base = parse_phone(din.group(1), region)
        if base is not None:
            return StoredPhone(_e164(base) + _EXTENSION + din.group(2), True)
    number = parse_phone(text, region)
    if number is None:
        return StoredPhone(text, False)
    extension = _EXTENSION + number.extension if number.extension else ""
    return StoredPhone(_e164(number) + extension, True)


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_search_words(value: str) -> str:
    """Every run of the number's digits as words, so a search by the digits as anyone writes
    them finds it: the international digits, the national ones with their trunk prefix
    ("0"), the extension, and each tail of them (the search matches the start of a word)."""
    number = parse_phone(value)
    if number is None:
        return " ".join(dict.fromkeys([value, *_tails(_NOT_DIGIT.sub("", value))]))
    extension = number.extension or ""
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    national_digits = _NOT_DIGIT.sub("", national.split(" ext.")[0])
    # Each run of digits starts some tail; the number and its extension are one run as written.
    words = [*_tails(_NOT_DIGIT.sub("", _e164(number)) + extension), national_digits + extension]
    if extension:
        words += [national_digits, extension]
    return " ".join(dict.fromkeys(words))


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
    """
    text = value.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    if not text.startswith("+") and not region:
        return None
    try:
        number = phonenumbers.parse(text, region.upper() or None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


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
