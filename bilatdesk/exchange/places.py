"""Where contact details place a person: a phone's region and a mail domain's country.

domain.phones reads a number's region (phonenumbers), pycountry (ISO 3166)
says whether a mail domain's last label is a country code. A guess is kept only when every
number and address that tells anything agrees, and it carries its evidence in words
("phone +30", "mail domain .gr") for the import report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pycountry

from bilatdesk.domain.phones import phone_region

# Country-code top-level domains that are not the ISO code of their country.
_TLD_COUNTRIES = {"uk": "GB"}
# Two-letter domains that name no one country to a person's address.
_NOT_COUNTRIES = frozenset({"eu", "su", "tv", "io", "me", "co", "ai", "fm", "ly", "ws"})


@dataclass(frozen=True)
class CountryGuess:
    """An ISO 3166 alpha-2 code and the evidence for it, in words."""

    code: str
    evidence: str


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
    """The country the phones and mail domains agree on; None when they disagree or none says.

    The evidence is the first number (its country code, "phone +30") or mail domain that
    tells; an import asks this of every new person, so nothing else is made on the way.
    """
    code = evidence = ""
    for value in phones:
        found = phone_region(value)
        if found is None:
            continue
        if not code:
            code, evidence = found[0], f"phone +{found[1]}"
        elif found[0] != code:
            return None
    for address in emails:
        guess = mail_country(address)
        if guess is None:
            continue
        if not code:
            code, evidence = guess.code, guess.evidence
        elif guess.code != code:
            return None
    return CountryGuess(code, evidence) if code else None
