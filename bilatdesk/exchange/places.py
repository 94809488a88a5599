"""Where contact details place a person: a phone's region and a mail domain's country.

phonenumbers (Google's libphonenumber metadata) reads a number's region, pycountry (ISO 3166)
says whether a mail domain's last label is a country code. A guess is kept only when every
number and address that tells anything agrees, and it carries its evidence in words
("phone +30", "mail domain .gr") for the import report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
import pycountry

# Country-code top-level domains that are not the ISO code of their country.
_TLD_COUNTRIES = {"uk": "GB"}
# Two-letter domains that name no one country to a person's address.
_NOT_COUNTRIES = frozenset({"eu", "su", "tv", "io", "me", "co", "ai", "fm", "ly", "ws"})


@dataclass(frozen=True)
class CountryGuess:
    """An ISO 3166 alpha-2 code and the evidence for it, in words."""

    code: str
    evidence: str


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


def phone_region(value: str) -> CountryGuess | None:
    """The country a number with its country code belongs to, with "phone +30" as evidence."""
    number = parse_phone(value)
    if number is None:
        return None
    region = phonenumbers.region_code_for_number(number)
    if not region or region == "001":  # 001: non-geographic (satellite, UIFN)
        return None
    return CountryGuess(region, f"phone +{number.country_code}")


def mail_country(address: str) -> CountryGuess | None:
    """The country whose code ends an address's domain (".gr"), with its evidence."""
    domain = address.rpartition("@")[2].strip().rstrip(".").lower()
    tld = domain.rpartition(".")[2]
    if len(tld) != 2 or not tld.isascii() or not tld.isalpha() or tld in _NOT_COUNTRIES:
        return None
    code = _TLD_COUNTRIES.get(tld, tld.upper())
    if pycountry.countries.get(alpha_2=code) is None:
        return None
    return CountryGuess(code, f"mail domain .{tld}")


def country_from_contacts(phones: Iterable[str], emails: Iterable[str]) -> CountryGuess | None:
    """The country the phones and mail domains agree on; None when they disagree or none says."""
    guesses = [g for g in (*map(phone_region, phones), *map(mail_country, emails)) if g]
    if not guesses or any(g.code != guesses[0].code for g in guesses):
        return None
    return guesses[0]
