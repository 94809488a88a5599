"""One vCard card: its physical lines unfolded, each property decoded and handed to the
handler of its name, and the whole checked into a ContactCard or refused as a CardProblem.

Most cards (UTF-8, no per-value encodings) are decoded at once and read through one regular
expression; the others line by line, each value as its parameters say (values.py).
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bilatdesk.domain.names import display_name
from bilatdesk.exchange.records import CardProblem, CardValue, ContactCard
from bilatdesk.exchange.vcard.values import (
    NO_PARAMS,
    Property,
    colon_outside_quotes,
    components,
    decode,
    first_param,
    parse_params,
    split_escaped,
    unescape,
)

VERSIONS = ("2.1", "3.0", "4.0")

_BDAY = re.compile(
    r"^(?:(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})|--(?P<m2>\d{2})-?(?P<d2>\d{2}))"
    r"(?:T[0-9:.]*(?:Z|[+-][0-9:]+)?)?$"
)
_FOLD = re.compile(rb"\r?\n[ \t]")
_NEWLINE = re.compile(rb"\r?\n")
# group.NAME;params: — the parameters stop at the first colon unless quoted (see below).
_HEAD = re.compile(rb"(?:([A-Za-z0-9-]+)\.)*([A-Za-z0-9-]+)[ \t]*(;[^:]*)?:")
# A whole line: group.NAME;params:value, or (last group) a line that is no property.
_PROPERTY_TEXT = re.compile(
    r"^(?:(?:([A-Za-z0-9-]+)\.)*([A-Za-z0-9-]+)[ \t]*(;[^:\r\n]*)?:([^\r\n]*)|([^\r\n]+))\r?$",
    re.MULTILINE,
)


@dataclass
class _Card:
    line: int
    version: str = ""
    kind: str = ""
    shows_as_company: bool = False
    family: str = ""
    given: str = ""
    additional: list[str] = field(default_factory=list)
    honorific: str = ""
    formatted_name: str = ""
    emails: list[CardValue] = field(default_factory=list)
    phones: list[CardValue] = field(default_factory=list)
    addresses: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    organisation: str = ""
    units: tuple[str, ...] = ()
    title: str = ""
    role: str = ""
    birth_date: date | None = None
    birthday: int | None = None
    photo: bytes | None = None
    languages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    uid: str = ""
    problems: list[str] = field(default_factory=list)
    lines_without_colon: int = 0
    other_charset: bool = False
    # Apple's grouped properties: "item1.TEL:…" with "item1.X-ABLabel:Embassy" naming it.
    group: str = ""  # the group of the property being handled
    grouped: dict[str, tuple[str, int]] = field(default_factory=dict)  # -> (list, index)
    labels: dict[str, str] = field(default_factory=dict)  # group -> its X-ABLabel

    @property
    def name(self) -> str:
        return display_name(self.given, self.family, self.formatted_name)


def parse_card(start: int, lines: list[bytes], dropped: list[str]) -> ContactCard | CardProblem:
    """Unfold the physical lines of one card and decode its properties."""
    data = b"".join(lines)
    if b"\n " in data or b"\n\t" in data:
        data = _FOLD.sub(b"", data)
    card = _Card(start, problems=list(dropped))
    text = _whole_text(data)
    if text is not None:
        _read_text(card, text)
    else:
        _read_bytes(card, data)
    return _finish(card)


def _whole_text(data: bytes) -> str | None:
    """The card as text when it can be decoded at once: UTF-8, no per-value encodings.

    Most cards (3.0 and 4.0, and 2.1 without quoted-printable) take this way; the others
    are decoded value by value.
    """
    upper = data.upper()
    if b"QUOTED-PRINTABLE" in upper or b"CHARSET" in upper or b"BASE64" in upper:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _read_text(card: _Card, text: str) -> None:
    """Every line at once through one expression: (name, parameters, value) or a bad line."""
    if '"' in text:
        _read_bytes(card, text.encode("utf-8"))  # a quoted parameter may hold a colon
        return
    for group, name, raw, value, bad in _PROPERTY_TEXT.findall(text):
        if bad:
            if bad.strip():
                card.lines_without_colon += 1  # no colon, or no property name before it
            continue
        handler = _HANDLERS.get(name.upper())
        if handler is not None:
            card.group = group
            if raw:
                params, types = parse_params(raw[1:])
                handler(card, Property(params, value, types))
            else:
                handler(card, Property(NO_PARAMS, value, ()))


def _read_bytes(card: _Card, data: bytes) -> None:
    """Line by line, each value decoded as its parameters say (2.1 QP, CHARSET, bytes)."""
    logical = _NEWLINE.split(data)
    index, count = 0, len(logical)
    while index < count:
        line = logical[index]
        index += 1
        head = _HEAD.match(line)
        if head is None:
            if line.strip():
                card.lines_without_colon += 1
            continue
        group, name, raw = head.group(1, 2, 3)
        value = line[head.end() :]
        params: dict[str, list[str]] = NO_PARAMS
        types: tuple[str, ...] = ()
        if raw is not None:
            if b'"' in raw:
                colon = colon_outside_quotes(line)
                raw, value = line[head.start(3) : colon], line[colon + 1 :]
            value, index = _rest_of_value(raw.upper(), value, logical, index)
        handler = _BY_NAME.get(name.upper())
        if handler is not None:
            card.group = group.decode("ascii") if group else ""
            if raw is not None:
                params, types = parse_params(raw[1:].decode("ascii", "replace"))
            handler(card, Property(params, decode(card, params, value), types))


def _rest_of_value(
    head: bytes, value: bytes, logical: list[bytes], index: int
) -> tuple[bytes, int]:
    """A value continued beyond its line without folding; the index after it."""
    count = len(logical)
    if b"QUOTED-PRINTABLE" in head:
        # Soft line breaks: "=" at the end of a line joins the next one.
        while value.endswith(b"=") and index < count:
            value = value[:-1] + logical[index]
            index += 1
    elif b"BASE64" in head:
        # Some 2.1 writers leave the lines of a base64 value unindented.
        while index < count and logical[index].strip() and b":" not in logical[index]:
            value += logical[index]
            index += 1
    return value, index


def _plain(card: _Card, prop: Property) -> str:
    return unescape(prop.value).strip()


def _version(card: _Card, prop: Property) -> None:
    card.version = prop.value.strip()


def _n(card: _Card, prop: Property) -> None:
    parts = [*components(prop, " "), "", "", "", "", ""]
    if not (card.family or card.given):
        card.family, card.given = parts[0], parts[1]
        card.additional = [p for p in (parts[2], parts[4]) if p] + card.additional
        card.honorific = parts[3]


def _fn(card: _Card, prop: Property) -> None:
    card.formatted_name = card.formatted_name or _plain(card, prop)


def _nickname(card: _Card, prop: Property) -> None:
    names = split_escaped(prop.value, ",")
    card.additional.extend(name.strip() for name in names if name.strip())


def _email(card: _Card, prop: Property) -> None:
    value = _plain(card, prop)
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if value:
        card.emails.append(CardValue(value, prop.types))
        if card.group:
            card.grouped[card.group.lower()] = ("emails", len(card.emails) - 1)


def _tel(card: _Card, prop: Property) -> None:
    value = _phone(_plain(card, prop))
    if value:
        card.phones.append(CardValue(value, prop.types))
        if card.group:
            card.grouped[card.group.lower()] = ("phones", len(card.phones) - 1)


def _adr(card: _Card, prop: Property) -> None:
    parts = components(prop, ", ")
    lines = (piece.strip() for part in parts for piece in part.splitlines())
    line = ", ".join(piece for piece in lines if piece)
    if line:
        card.addresses.append((prop.types, line))


def _org(card: _Card, prop: Property) -> None:
    if not card.organisation:
        parts = [part for part in components(prop, ",") if part]
        if parts:
            card.organisation, card.units = parts[0], tuple(parts[1:])


def _title(card: _Card, prop: Property) -> None:
    card.title = card.title or _plain(card, prop)


def _role(card: _Card, prop: Property) -> None:
    card.role = card.role or _plain(card, prop)


def _lang(card: _Card, prop: Property) -> None:
    language = _plain(card, prop)
    if language and language not in card.languages:
        card.languages.append(language)


def _note(card: _Card, prop: Property) -> None:
    note = _plain(card, prop)
    if note:
        card.notes.append(note)


def _categories(card: _Card, prop: Property) -> None:
    for raw in split_escaped(prop.value, ","):
        category = raw.strip()
        if category and category not in card.categories:
            card.categories.append(category)


def _uid(card: _Card, prop: Property) -> None:
    card.uid = card.uid or _plain(card, prop)


def _label(card: _Card, prop: Property) -> None:
    """Apple's X-ABLabel names the property of its group; "_$!<Mobile>!$_" is a built-in."""
    label = _plain(card, prop)
    if label.startswith("_$!<") and label.endswith(">!$_"):
        label = label[4:-4]
        if label.lower() == "other":
            return  # Apple's "Other" says no more than no label
    if card.group and label:
        card.labels[card.group.lower()] = label.lower()


def _apply_labels(card: _Card) -> None:
    """Each labelled e-mail and number takes its label as the first TYPE word."""
    for group, label in card.labels.items():
        place = card.grouped.get(group)
        if place is None:
            continue
        values = card.emails if place[0] == "emails" else card.phones
        item = values[place[1]]
        values[place[1]] = CardValue(item.value, (label, *item.types))


def _kind(card: _Card, prop: Property) -> None:
    card.kind = prop.value.strip().lower()


def _shows_as(card: _Card, prop: Property) -> None:
    card.shows_as_company = prop.value.strip().upper() == "COMPANY"


def _phone(value: str) -> str:
    """A number as people write it; a tel: URI (4.0) loses its scheme and visual dashes."""
    if value.lower().startswith("tel:"):
        number, _, extension = value[4:].partition(";ext=")
        number = number.split(";", 1)[0].replace("-", " ").replace(".", " ")
        value = " ".join(number.split())
        if extension:
            value += f" ext. {extension}"
    return value


def parse_bday(text: str) -> tuple[date | None, int | None] | None:
    """A vCard birthday as (date, None) or (None, MMDD); None when it is no real date.

    Accepts 19800415, 1980-04-15, --0415, --04-15, with or without a time after it.
    """
    match = _BDAY.match(text.strip())
    if match is None:
        return None
    if match["y"] is not None:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"])), None
        except ValueError:
            return None
    month, day = int(match["m2"]), int(match["d2"])
    try:
        date(2000, month, day)  # a leap year, so 29 February is a birthday
    except ValueError:
        return None
    return None, month * 100 + day


def _birthday(card: _Card, prop: Property) -> None:
    if card.birth_date is not None or card.birthday is not None:
        return
    text = unescape(prop.value).strip()
    if not text:
        return
    parsed = parse_bday(text)
    if parsed is None:
        card.problems.append(f"The birthday '{text[:40]}' is not a real date and was left out.")
        return
    born, month_day = parsed
    omitted = first_param(prop.params, "X-APPLE-OMIT-YEAR")
    if born is not None and omitted and omitted == str(born.year):
        # iOS writes a birthday without a year as year 1604 and says so in this parameter.
        card.birthday = born.month * 100 + born.day
        return
    card.birth_date, card.birthday = born, month_day


def _photo(card: _Card, prop: Property) -> None:
    if card.photo is not None:
        return
    encoding = first_param(prop.params, "ENCODING").upper()
    value_type = first_param(prop.params, "VALUE").upper()
    raw = prop.value.strip().encode("ascii", "replace")
    if raw[:5].lower() == b"data:":
        meta, comma, payload = raw.partition(b",")
        if not comma or b";base64" not in meta.lower():
            card.problems.append("The photo is not base64 data and was left out.")
            return
        raw = payload
    elif encoding not in ("B", "BASE64"):
        if value_type in ("URI", "URL") or b"://" in raw[:20]:
            link = raw[:60].decode("ascii", "replace")
            card.problems.append(f"The photo is a link ({link}) and was not fetched; left out.")
        else:
            card.problems.append("The photo gives no encoding (base64) and was left out.")
        return
    data = b"".join(raw.split())
    try:
        card.photo = base64.b64decode(data + b"=" * (-len(data) % 4), validate=True)
    except (binascii.Error, ValueError):
        card.problems.append("The photo is damaged (broken base64) and was left out.")


# REV, PRODID, URL, X-… and the rest carry nothing a person record keeps.
_HANDLERS: dict[str, Callable[[_Card, Property], None]] = {
    "VERSION": _version,
    "N": _n,
    "FN": _fn,
    "NICKNAME": _nickname,
    "EMAIL": _email,
    "TEL": _tel,
    "ADR": _adr,
    "ORG": _org,
    "TITLE": _title,
    "ROLE": _role,
    "BDAY": _birthday,
    "PHOTO": _photo,
    "LANG": _lang,
    "NOTE": _note,
    "CATEGORIES": _categories,
    "UID": _uid,
    "KIND": _kind,
    "X-ABSHOWAS": _shows_as,
    "X-ABLABEL": _label,
}


_BY_NAME = {name.encode(): handler for name, handler in _HANDLERS.items()}


def _new_card(**values: object) -> ContactCard:
    """A ContactCard without the frozen dataclass's field-by-field __init__ (every field is
    given here, so nothing is missed); measurably faster over 100,000 cards."""
    card = object.__new__(ContactCard)
    card.__dict__.update(values)
    return card


def _finish(card: _Card) -> ContactCard | CardProblem:
    if card.version and card.version not in VERSIONS:
        return CardProblem(
            card.line,
            card.name,
            f"The card says VERSION:{card.version[:20]}, which is not a vCard version this "
            "program reads (2.1, 3.0, 4.0).",
        )
    if card.kind in ("org", "group", "location"):
        return CardProblem(
            card.line,
            card.name,
            f"The card describes {'an organisation' if card.kind == 'org' else 'a ' + card.kind}"
            f" (KIND:{card.kind}), not a person.",
        )
    if card.shows_as_company and not (card.given or card.family):
        return CardProblem(card.line, card.name, "The card describes a company, not a person.")
    if card.labels:
        _apply_labels(card)
    problems = list(card.problems)
    if card.lines_without_colon:
        count = card.lines_without_colon
        lines = "a line" if count == 1 else f"{count} lines"
        problems.append(f"Text that is not a vCard property ({lines}) was left out.")
    address = ""
    if card.addresses:
        preferred = sorted(card.addresses, key=lambda a: "pref" not in a[0])
        address = preferred[0][1]
        if len(card.addresses) > 1:
            problems.append(f"Only one address was kept ({len(card.addresses) - 1} left out).")
    return _new_card(
        line=card.line,
        given_name=card.given,
        family_name=card.family,
        other_names=" ".join(card.additional),
        honorific=card.honorific,
        formatted_name=card.formatted_name,
        emails=tuple(card.emails),
        phones=tuple(card.phones),
        address=address,
        organisation=card.organisation,
        units=card.units,
        title=card.title,
        role=card.role,
        birth_date=card.birth_date,
        birthday=card.birthday,
        photo=card.photo,
        languages=", ".join(card.languages),
        note="\n\n".join(card.notes),
        categories=tuple(card.categories),
        uid=card.uid,
        problems=tuple(problems),
    )
