"""The brief's human wording: language names for codes, years for round dates, accreditation."""

from __future__ import annotations

import re
from datetime import date

import pycountry

from bilatdesk.domain import Accreditation, Country

# pycountry's ISO 639 names carry scope notes a reader does not need: "Modern Greek (1453-)".
_NOTE = re.compile(r"\s*\(.*\)$")
_SEPARATOR = re.compile(r"\s*[,;/]\s*")


def language_names(text: str) -> str:
    """ "el, en" as "Greek, English"; words that are no language code are kept as written."""
    parts = [part for part in _SEPARATOR.split(text.strip()) if part]
    return ", ".join(_language(part) for part in parts)


def _language(part: str) -> str:
    code = part.casefold()
    found = None
    if code.isalpha() and code.isascii():
        if len(code) == 2:
            found = pycountry.languages.get(alpha_2=code)
        elif len(code) == 3:
            found = pycountry.languages.get(alpha_3=code)
    if found is None:
        return part
    name = _NOTE.sub("", str(getattr(found, "common_name", found.name)))
    return name.removeprefix("Modern ") if name != "Modern" else name


def since(day: date) -> str:
    """A date of record as a reader says it: a 1 January stands for the year alone ("1992"),
    since that is how a year known without its day is entered."""
    if (day.month, day.day) == (1, 1):
        return str(day.year)
    return f"{day.day} {day:%b %Y}"


def accreditation(country: Country) -> str:
    """ "Resident", or "Non-resident (from Vienna)"."""
    if country.accreditation is Accreditation.NON_RESIDENT:
        return (
            f"Non-resident (from {country.resident_in})"
            if country.resident_in
            else ("Non-resident")
        )
    return "Resident"
