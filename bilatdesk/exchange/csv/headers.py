"""The fields a contact CSV column can fill, and the headers of common exports that name them."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilatdesk.exchange.errors import FormatError


@dataclass(frozen=True)
class Field:
    """A target of a CSV column: a `ContactCard` field (or one part of its address)."""

    key: str
    label: str  # also the column header of our own export


FIELDS: tuple[Field, ...] = (
    Field("honorific", "Honorific"),
    Field("given_name", "Given name"),
    Field("family_name", "Family name"),
    Field("other_names", "Other names"),
    Field("formatted_name", "Full name"),
    Field("email", "E-mail"),
    Field("phone", "Phone"),
    Field("address", "Address"),
    Field("street", "Street"),
    Field("locality", "City"),
    Field("region", "Region"),
    Field("postal_code", "Postal code"),
    Field("country", "Country (address)"),
    Field("organisation", "Organisation"),
    Field("unit", "Unit"),
    Field("title", "Job title"),
    Field("role", "Role"),
    Field("birth_date", "Birth date"),
    Field("categories", "Categories"),
    Field("languages", "Languages"),
    Field("note", "Note"),
    Field("uid", "UID"),
)
FIELD_KEYS = frozenset(field.key for field in FIELDS)
LABELS = {field.key: field.label for field in FIELDS}


class CsvError(FormatError):
    """A CSV file or a column mapping that cannot be used at all; str() says why."""


@dataclass(frozen=True)
class Target:
    """What a recognised header fills: a field, the types of its values, which address."""

    field: str
    types: tuple[str, ...] = ()
    slot: int = 0  # 0 business/first address, 1 home, 2 other; the first non-empty one wins
    split: str = ";"  # separator of several values in one cell (Google writes " ::: ")


IGNORED = Target("")
"""A known column deliberately not imported (its content is used elsewhere, or is noise)."""

_WORK, _HOME, _CELL, _FAX = ("work",), ("home",), ("cell",), ("fax",)


def _known() -> dict[str, Target]:
    """Exact headers (case-folded) of Outlook, Google (old and 2023+), ours, a few locales."""
    t = Target
    table: dict[str, Target] = {}
    # Our own export, and the bare field keys for hand-made files.
    for f in FIELDS:
        table[f.label.casefold()] = t(f.key)
        table[f.key] = t(f.key)
    table["categories"] = t("categories")
    # Outlook (its "Title" is the honorific: Mr., Dr.).
    names = {"first name": "given_name", "middle name": "other_names", "last name": "family_name"}
    for header, field in names.items():
        table[header] = t(field)
    table |= {
        "title": t("honorific"),
        "suffix": t("other_names"),
        "company": t("organisation"),
        "department": t("unit"),
        "job title": t("title"),
        "e-mail address": t("email"),
        "e-mail 2 address": t("email"),
        "e-mail 3 address": t("email"),
        "business phone": t("phone", _WORK),
        "business phone 2": t("phone", _WORK),
        "company main phone": t("phone", _WORK),
        "mobile phone": t("phone", _CELL),
        "home phone": t("phone", _HOME),
        "home phone 2": t("phone", _HOME),
        "primary phone": t("phone", ("pref",)),
        "other phone": t("phone"),
        "car phone": t("phone", ("car",)),
        "business fax": t("phone", ("work", "fax")),
        "home fax": t("phone", ("home", "fax")),
        "other fax": t("phone", _FAX),
        "pager": t("phone", ("pager",)),
        "birthday": t("birth_date"),
        "categories": t("categories"),
        "notes": t("note"),
        "language": t("languages"),
        "e-mail type": IGNORED,
        "e-mail display name": IGNORED,
        "e-mail 2 type": IGNORED,
        "e-mail 2 display name": IGNORED,
        "e-mail 3 type": IGNORED,
        "e-mail 3 display name": IGNORED,
    }
    for header in ("callback", "isdn", "radio phone", "tty/tdd phone", "telex"):
        table[header] = t("phone")
    # Outlook and Google columns that carry bookkeeping, not contact data: known, not asked.
    for header in (
        "priority",
        "sensitivity",
        "private",
        "initials",
        "internet free busy",
        "directory server",
        "billing information",
        "mileage",
        "account",
        "yomi name",
        "given name yomi",
        "additional name yomi",
        "family name yomi",
        "short name",
        "subject",
        "photo",
        "file as",
        "phonetic first name",
        "phonetic middle name",
        "phonetic last name",
        "organization 1 - yomi name",
        "organization 1 - symbol",
    ):
        table[header] = IGNORED
    for slot, prefix in enumerate(("business", "home", "other")):
        table[f"{prefix} address po box"] = t("street", slot=slot)
        table[f"{prefix} street"] = t("street", slot=slot)
        table[f"{prefix} street 2"] = t("street", slot=slot)
        table[f"{prefix} street 3"] = t("street", slot=slot)
        table[f"{prefix} city"] = t("locality", slot=slot)
        table[f"{prefix} state"] = t("region", slot=slot)
        table[f"{prefix} postal code"] = t("postal_code", slot=slot)
        table[f"{prefix} country/region"] = t("country", slot=slot)
        table[f"{prefix} country"] = t("country", slot=slot)
        table[f"{prefix} po box"] = t("street", slot=slot)
    # Google Contacts, old export and the 2023+ one.
    google = " ::: "
    table |= {
        "name": t("formatted_name"),
        "given name": t("given_name"),
        "additional name": t("other_names"),
        "family name": t("family_name"),
        "name prefix": t("honorific"),
        "name suffix": t("other_names"),
        "nickname": t("other_names"),
        "maiden name": t("other_names"),
        "group membership": t("categories", split=google),
        "labels": t("categories", split=google),
        "organization name": t("organisation"),
        "organization title": t("title"),
        "organization department": t("unit"),
    }
    # A few localised Outlook exports (German, French), as clerks meet them.
    table |= {
        "vorname": t("given_name"),
        "weitere vornamen": t("other_names"),
        "nachname": t("family_name"),
        "anrede": t("honorific"),
        "firma": t("organisation"),
        "abteilung": t("unit"),
        "position": t("title"),
        "e-mail-adresse": t("email"),
        "geburtstag": t("birth_date"),
        "kategorien": t("categories"),
        "notizen": t("note"),
        "telefon geschäftlich": t("phone", _WORK),
        "mobiltelefon": t("phone", _CELL),
        "telefon privat": t("phone", _HOME),
        "prénom": t("given_name"),
        "deuxième prénom": t("other_names"),
        "nom": t("family_name"),
        "titre": t("honorific"),
        "société": t("organisation"),
        "service": t("unit"),
        "fonction": t("title"),
        "adresse de messagerie": t("email"),
        "anniversaire": t("birth_date"),
        "catégories": t("categories"),
    }
    return table


KNOWN = _known()

# Google's numbered groups: "E-mail 1 - Value" with its "E-mail 1 - Type" (or "- Label").
_NUMBERED = re.compile(
    r"^(e-mail|phone|address|organization|website|relation|event|custom field) (\d+) - (.+)$",
)
_ADDRESS_PARTS = {
    "formatted": "address",
    "street": "street",
    "po box": "street",
    "extended address": "street",
    "city": "locality",
    "region": "region",
    "postal code": "postal_code",
    "country": "country",
}
_ORGANISATION_PARTS = {"name": "organisation", "title": "title", "department": "unit"}


def normal(header: str) -> str:
    """A header as recognition compares it: trimmed, case-folded, inner spaces collapsed."""
    return " ".join(header.split()).casefold()


def recognise(header: str) -> Target | None:
    """What a header of a common export fills, IGNORED for known noise, None when unknown."""
    key = normal(header)
    known = KNOWN.get(key)
    if known is not None:
        return known
    match = _NUMBERED.match(key)
    return _numbered(match.group(1), int(match.group(2)), match.group(3)) if match else None


def _numbered(group: str, number: int, part: str) -> Target | None:
    """Google's "E-mail 2 - Value", "Address 1 - City", "Organization 1 - Title" and so on."""
    field: str | None = None
    if part in ("type", "label"):
        return IGNORED  # read beside its value column (see type_header)
    if group in ("e-mail", "phone"):
        field = ("email" if group == "e-mail" else "phone") if part == "value" else None
        return Target(field, split=" ::: ") if field else None
    if group == "address":
        field = _ADDRESS_PARTS.get(part)
    elif group == "organization" and number == 1:
        field = _ORGANISATION_PARTS.get(part)
    return Target(field, slot=number - 1 if group == "address" else 0) if field else None


def type_header(header: str) -> tuple[str, ...]:
    """The headers that may give the types of a Google value column ("E-mail 1 - Value")."""
    match = _NUMBERED.match(normal(header))
    if match is None or match.group(1) not in ("e-mail", "phone") or match.group(3) != "value":
        return ()
    stem = f"{match.group(1)} {match.group(2)} - "
    return (stem + "type", stem + "label")


def parse_types(text: str) -> tuple[str, ...]:
    """Google's "* Work" or "Mobile" as vCard-like types: ("work",), ("cell",)."""
    words: list[str] = []
    for part in text.replace(":::", " ").replace("*", " ").casefold().split():
        word = "cell" if part == "mobile" else part
        if word not in words:
            words.append(word)
    return tuple(words)


def load_mapping(path: Path) -> dict[str, str]:
    """A user's column mapping from a JSON file: {"CSV header": "field"}; "" or null ignores."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CsvError(f"The mapping file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CsvError(f"The mapping file {path} cannot be read ({exc}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CsvError(
            f"The mapping file {path} is not valid JSON: {exc.msg} at line {exc.lineno}, "
            f"column {exc.colno}."
        ) from None
    except RecursionError:
        # json nests by recursion: a file of 200,000 opening brackets exhausts the stack.
        raise CsvError(
            f"The mapping file {path} is nested far too deeply to be a column mapping; it must "
            'hold one JSON object: {"CSV header": "field", ...}.'
        ) from None
    if not isinstance(data, dict):
        raise CsvError(
            f'The mapping file {path} must hold one JSON object: {{"CSV header": "field", ...}}.'
        )
    return check_mapping(data, f"The mapping file {path}")


def check_mapping(data: Mapping[Any, object], source: str = "The column mapping") -> dict[str, str]:
    """A mapping with every value a known field key (or "" to ignore); else a sentence."""
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    for header, field in data.items():
        if not isinstance(header, str) or not (field is None or isinstance(field, str)):
            raise CsvError(f"{source} must map column headers to field names (text).")
        target = (field or "").strip()
        if target and target not in FIELD_KEYS:
            unknown.append(f"'{target}' (for column '{header}')")
        mapping[header] = target
    if unknown:
        raise CsvError(
            f"{source} names unknown fields: {', '.join(unknown)}. "
            f"Known fields: {', '.join(sorted(FIELD_KEYS))}."
        )
    return mapping
