"""Telephone numbers through phonenumbers: E.164, the international form, tel: URIs, regions.

libphonenumber's metadata reads a number written with its country code (or in a region given);
anything it cannot read is handed back as written.
"""

from __future__ import annotations

import phonenumbers


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
