"""Reading vCard 2.1, 3.0 and 4.0 files as a stream of contact cards, in bounded memory.

The file is read line by line as bytes; folded lines (CRLF or LF, then a space or tab),
quoted-printable soft breaks ("=" at the end of a line) and the unindented base64 lines some
2.1 writers leave are joined before a line is decoded. Each card is decoded on its own, so a
broken card never takes the good ones with it, and no card is ever returned half read.

What is refused and what is only dropped (each becomes one sentence of the import report):
- A card without END:VCARD (the next BEGIN:VCARD or the end of the file cuts it): refused,
  because anything may be missing from it.
- An unknown VERSION (not 2.1, 3.0 or 4.0): refused; a missing VERSION is read as 3.0.
- A card of an organisation, group or place (KIND:org, Apple's X-ABShowAs:COMPANY without a
  person's name): refused, it is not a person.
- A card larger than MAX_CARD_BYTES or with more than MAX_CARD_LINES lines: refused, and
  reading skips to the next BEGIN:VCARD without keeping what it skips.
- One property larger than MAX_VALUE_BYTES (a 20 MB photo): that property is dropped, the card
  is kept.
- A line without a colon (binary garbage, a broken fold): the line is dropped, the card kept.
- A birthday that is not a real date (30 February), broken base64, a photo given as a link:
  that field is dropped, the card kept.
- Bytes that are not UTF-8 and carry no CHARSET: read as Windows-1252, and the card says so.
- Non-blank lines outside any card: ignored, one refusal line per block so a file that is not
  a vCard at all does not import "nothing" silently.

vobject (the well-kept library) was measured on the same cards at ~0.5 ms per card, so 10,000
cards took ~5 s before any database work, and one line without a colon stops its reader for the
rest of the file; this small parser reads them in a fraction of that and keeps going.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import AnyStr, BinaryIO

from bilatdesk.domain.names import display_name
from bilatdesk.exchange.records import CardProblem, CardValue, ContactCard

# readline() never returns more than this at once, so one 30 MB line is never held whole.
PIECE_BYTES = 64 * 1024
# One property (after unfolding) and one card: beyond these the value or the card is dropped
# while it is read, so a 20 MB photo costs at most MAX_VALUE_BYTES of memory.
MAX_VALUE_BYTES = 8 * 1024 * 1024
MAX_CARD_BYTES = 16 * 1024 * 1024
MAX_CARD_LINES = 5_000  # properties (unfolded lines), not physical lines
VERSIONS = ("2.1", "3.0", "4.0")

_ENCODING_WORDS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
# TYPE words that say nothing about the kind of a number or address.
_VALUE_WORDS = {"URI", "URL", "TEXT", "DATE", "DATE-TIME"}
_BDAY = re.compile(
    r"^(?:(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})|--(?P<m2>\d{2})-?(?P<d2>\d{2}))"
    r"(?:T[0-9:.]*(?:Z|[+-][0-9:]+)?)?$"
)
_FOLD = re.compile(rb"\r?\n[ \t]")
_NEWLINE = re.compile(rb"\r?\n")
# group.NAME;params: — the parameters stop at the first colon unless quoted (see below).
_HEAD = re.compile(rb"(?:[A-Za-z0-9-]+\.)*([A-Za-z0-9-]+)(;[^:]*)?:")
# A whole line: group.NAME;params:value, or (last group) a line that is no property.
_PROPERTY_TEXT = re.compile(
    r"^(?:(?:[A-Za-z0-9-]+\.)*([A-Za-z0-9-]+)(;[^:\r\n]*)?:([^\r\n]*)|([^\r\n]+))\r?$",
    re.MULTILINE,
)
_MB = 1024 * 1024
_NO_PARAMS: dict[str, list[str]] = {}


# One function on purpose: it runs once per physical line, and a method call per line made
# reading three times slower.
def read_vcards(stream: BinaryIO) -> Iterator[ContactCard | CardProblem]:  # noqa: PLR0912, PLR0915
    """Every card of a vCard file, in file order: a ContactCard, or a CardProblem if refused.

    The hot loop only sorts physical lines into cards (and drops oversized values as they
    come); each finished card is then unfolded and decoded at once.
    """
    readline = stream.readline
    number = 0
    lines: list[bytes] | None = None  # the physical lines of the open card
    start = 0  # where the open card began
    card_bytes = 0
    skipping = False  # the open card grew too large: read on to its end, keeping nothing
    value_start = 0  # index in `lines` where the current property begins
    value_bytes = 0
    value_dropped = False
    properties = 0  # unfolded lines of the open card
    dropped: list[str] = []  # sentences about values dropped for their size
    outside = [0, 0]  # the first and last non-blank line outside any card
    cut = False  # the previous piece stopped before the end of its physical line
    while True:
        piece = readline(PIECE_BYTES)
        if not piece:
            break
        continued = cut
        cut = piece[-1:] != b"\n"
        if not continued:
            number += 1
            first = piece[:1]
            continued = first in (b" ", b"\t")
            if not continued and first in (b"B", b"b", b"E", b"e"):
                word = piece.strip().upper()
                if word == b"BEGIN:VCARD":
                    yield from _outside(outside)
                    if lines is not None and not skipping:
                        yield _unfinished(start, lines)
                    lines, start, card_bytes, skipping, dropped = [], number, 0, False, []
                    properties = 0
                    value_start, value_bytes, value_dropped = 0, 0, True
                    continue
                if word == b"END:VCARD" and lines is not None:
                    if not skipping:
                        yield _parse_card(start, lines, dropped)
                    lines = None
                    continue
        if lines is None:
            if piece.strip():
                outside[0] = outside[0] or number
                outside[1] = number
            continue
        if skipping:
            continue
        size = len(piece)
        if continued:
            value_bytes += size
            if value_dropped:
                continue
            if value_bytes > MAX_VALUE_BYTES:
                dropped.append(_too_large(lines[value_start]))
                card_bytes -= value_bytes - size
                del lines[value_start:]
                value_dropped = True
                continue
        else:
            value_start, value_bytes, value_dropped = len(lines), size, False
            properties += 1
        card_bytes += size
        if card_bytes > MAX_CARD_BYTES or properties > MAX_CARD_LINES:
            skipping = True
            limit = (
                f"larger than {MAX_CARD_BYTES // _MB} MB"
                if card_bytes > MAX_CARD_BYTES
                else f"longer than {MAX_CARD_LINES:,} lines"
            )
            name = _name_of(start, lines[:value_start])
            lines = []
            yield CardProblem(start, name, f"The card is {limit} and was not imported.")
            continue
        lines.append(piece)
    if lines is not None and not skipping:
        yield _unfinished(start, lines)
    yield from _outside(outside)


def _outside(outside: list[int]) -> Iterator[CardProblem]:
    first, last = outside
    if first:
        yield CardProblem(
            first,
            "",
            f"Line {first} is outside any card (BEGIN:VCARD … END:VCARD) and was ignored."
            if first == last
            else f"Lines {first}–{last} are outside any card (BEGIN:VCARD … END:VCARD) and "
            "were ignored.",
        )
    outside[0] = outside[1] = 0


def _name_of(start: int, lines: list[bytes]) -> str:
    card = _parse_card(start, lines, [])
    return card.display_name if isinstance(card, ContactCard) else card.name


def _unfinished(start: int, lines: list[bytes]) -> CardProblem:
    return CardProblem(
        start,
        _name_of(start, lines),
        "The card has no END:VCARD (the file may be cut short), so it was not imported.",
    )


def _too_large(head: bytes) -> str:
    name = re.split(rb"[;:]", head[:200], maxsplit=1)[0].rsplit(b".", 1)[-1]
    label = name.decode("ascii", "replace").strip().upper()
    if not re.fullmatch(r"[A-Z0-9-]{1,40}", label):
        label = "one"
    return f"The {label} value is larger than {MAX_VALUE_BYTES // _MB} MB and was left out."


# -- one card -----------------------------------------------------------------------------------
@dataclass
class _Property:
    params: dict[str, list[str]]
    value: str  # decoded, in NFC; still escaped as the file wrote it
    types: tuple[str, ...] = ()


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

    @property
    def name(self) -> str:
        return display_name(self.given, self.family, self.formatted_name)


def _parse_card(start: int, lines: list[bytes], dropped: list[str]) -> ContactCard | CardProblem:
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
    for name, raw, value, bad in _PROPERTY_TEXT.findall(text):
        if bad:
            if bad.strip():
                card.lines_without_colon += 1  # no colon, or no property name before it
            continue
        handler = _HANDLERS.get(name.upper())
        if handler is not None:
            if raw:
                params, types = _params(raw[1:])
                handler(card, _Property(params, value, types))
            else:
                handler(card, _Property(_NO_PARAMS, value, ()))


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
        name, raw = head.group(1, 2)
        value = line[head.end() :]
        params: dict[str, list[str]] = _NO_PARAMS
        types: tuple[str, ...] = ()
        if raw is not None:
            if b'"' in raw:
                colon = _colon_outside_quotes(line)
                raw, value = line[head.start(2) : colon], line[colon + 1 :]
            value, index = _rest_of_value(raw.upper(), value, logical, index)
        handler = _BY_NAME.get(name.upper())
        if handler is not None:
            if raw is not None:
                params, types = _params(raw[1:].decode("ascii", "replace"))
            handler(card, _Property(params, _decode(card, params, value), types))


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


def _colon_outside_quotes(line: AnyStr) -> int:
    """4.0 allows a quoted parameter value holding a colon: skip those."""
    quote, colon = ('"', ":") if isinstance(line, str) else (b'"', b":")
    inside = False
    for index in range(len(line)):
        char = line[index : index + 1]
        if char == quote:
            inside = not inside
        elif char == colon and not inside:
            return index
    return len(line)


@lru_cache(maxsize=1024)
def _params(text: str) -> tuple[dict[str, list[str]], tuple[str, ...]]:
    """The parameters after the name, and the TYPE words among them; cached, as a file
    repeats a handful of them (callers never change the dictionary)."""
    params: dict[str, list[str]] = {}
    for raw in _split_unquoted(text, ";"):
        key, equals, value = raw.partition("=")
        key = key.strip().upper()
        if not equals:
            # 2.1's bare parameters: "TEL;WORK;VOICE:", "NOTE;QUOTED-PRINTABLE:".
            if key in _ENCODING_WORDS:
                params.setdefault("ENCODING", []).append(key)
            elif key:
                params.setdefault("TYPE", []).append(key)
            continue
        values = [v.strip().strip('"') for v in _split_unquoted(value, ",")]
        params.setdefault(key, []).extend(v for v in values if v)
    return params, _types(params)


def _split_unquoted(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    pieces: list[str] = []
    current: list[str] = []
    inside = False
    for ch in text:
        if ch == '"':
            inside = not inside
            current.append(ch)
        elif ch == separator and not inside:
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current))
    return pieces


def _first(params: dict[str, list[str]], key: str) -> str:
    values = params.get(key)
    return values[0] if values else ""


def _types(params: dict[str, list[str]]) -> tuple[str, ...]:
    """The TYPE words in lower case ("work", "cell", "pref"), without value-type words."""
    words: list[str] = []
    for value in params.get("TYPE", ()):
        for raw in value.split(","):
            word = raw.strip().strip('"').lower()
            if word and word.upper() not in _VALUE_WORDS and word not in words:
                words.append(word)
    if params.get("PREF") and "pref" not in words:
        words.append("pref")
    return tuple(words)


def _decode(card: _Card, params: dict[str, list[str]], raw: bytes) -> str:
    """A value as text: quoted-printable undone, its charset decoded, in NFC."""
    charset = ""
    if params:
        if _first(params, "ENCODING").upper() == "QUOTED-PRINTABLE":
            raw = binascii.a2b_qp(raw)
        charset = _first(params, "CHARSET")
    if charset:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            card.problems.append(
                f"A value names an unknown character set ({charset[:40]}); it was read as UTF-8."
            )
            codec = "utf-8"
        text = raw.decode(codec, "replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", "replace")
            if not card.other_charset:
                card.other_charset = True
                card.problems.append(
                    "Some text is not UTF-8 and names no character set; it was read as "
                    "Windows-1252, so check its accents."
                )
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch != "\\":
            out.append(ch)
            continue
        following = next(chars, "")
        out.append("\n" if following in ("n", "N") else following)
    return "".join(out)


def _split_raw(text: str, separator: str) -> list[str]:
    """Split at separators not escaped by a backslash, keeping the escapes in the pieces."""
    if "\\" not in text:
        return text.split(separator)
    pieces: list[str] = []
    start = 0
    index = 0
    while index < len(text):
        ch = text[index]
        if ch == "\\":
            index += 2
            continue
        if ch == separator:
            pieces.append(text[start:index])
            start = index + 1
        index += 1
    pieces.append(text[start:])
    return pieces


def _split_escaped(text: str, separator: str) -> list[str]:
    """Split at separators not escaped by a backslash; the pieces are unescaped."""
    if "\\" not in text:
        return text.split(separator)
    return [_unescape(piece) for piece in _split_raw(text, separator)]


def _components(prop: _Property, separator: str) -> list[str]:
    """A structured value (N, ADR, ORG): its ;-separated parts, each part's ,-separated
    values joined by `separator` (an escaped comma stays a comma)."""
    text = prop.value
    if "\\" not in text and "," not in text:
        return [part.strip() for part in text.split(";")]
    return [
        separator.join(v for v in (value.strip() for value in _split_escaped(part, ",")) if v)
        for part in _split_raw(text, ";")
    ]


def _plain(card: _Card, prop: _Property) -> str:
    return _unescape(prop.value).strip()


def _version(card: _Card, prop: _Property) -> None:
    card.version = prop.value.strip()


def _n(card: _Card, prop: _Property) -> None:
    parts = [*_components(prop, " "), "", "", "", "", ""]
    if not (card.family or card.given):
        card.family, card.given = parts[0], parts[1]
        card.additional = [p for p in (parts[2], parts[4]) if p] + card.additional
        card.honorific = parts[3]


def _fn(card: _Card, prop: _Property) -> None:
    card.formatted_name = card.formatted_name or _plain(card, prop)


def _nickname(card: _Card, prop: _Property) -> None:
    names = _split_escaped(prop.value, ",")
    card.additional.extend(name.strip() for name in names if name.strip())


def _email(card: _Card, prop: _Property) -> None:
    value = _plain(card, prop)
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if value:
        card.emails.append(CardValue(value, prop.types))


def _tel(card: _Card, prop: _Property) -> None:
    value = _phone(_plain(card, prop))
    if value:
        card.phones.append(CardValue(value, prop.types))


def _adr(card: _Card, prop: _Property) -> None:
    parts = _components(prop, ", ")
    lines = (piece.strip() for part in parts for piece in part.splitlines())
    line = ", ".join(piece for piece in lines if piece)
    if line:
        card.addresses.append((prop.types, line))


def _org(card: _Card, prop: _Property) -> None:
    if not card.organisation:
        parts = [part for part in _components(prop, ",") if part]
        if parts:
            card.organisation, card.units = parts[0], tuple(parts[1:])


def _title(card: _Card, prop: _Property) -> None:
    card.title = card.title or _plain(card, prop)


def _role(card: _Card, prop: _Property) -> None:
    card.role = card.role or _plain(card, prop)


def _lang(card: _Card, prop: _Property) -> None:
    language = _plain(card, prop)
    if language and language not in card.languages:
        card.languages.append(language)


def _note(card: _Card, prop: _Property) -> None:
    note = _plain(card, prop)
    if note:
        card.notes.append(note)


def _categories(card: _Card, prop: _Property) -> None:
    for raw in _split_escaped(prop.value, ","):
        category = raw.strip()
        if category and category not in card.categories:
            card.categories.append(category)


def _uid(card: _Card, prop: _Property) -> None:
    card.uid = card.uid or _plain(card, prop)


def _kind(card: _Card, prop: _Property) -> None:
    card.kind = prop.value.strip().lower()


def _shows_as(card: _Card, prop: _Property) -> None:
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


def _birthday(card: _Card, prop: _Property) -> None:
    if card.birth_date is not None or card.birthday is not None:
        return
    text = _unescape(prop.value).strip()
    if not text:
        return
    parsed = parse_bday(text)
    if parsed is None:
        card.problems.append(f"The birthday '{text[:40]}' is not a real date and was left out.")
        return
    born, month_day = parsed
    omitted = _first(prop.params, "X-APPLE-OMIT-YEAR")
    if born is not None and omitted and omitted == str(born.year):
        # iOS writes a birthday without a year as year 1604 and says so in this parameter.
        card.birthday = born.month * 100 + born.day
        return
    card.birth_date, card.birthday = born, month_day


def _photo(card: _Card, prop: _Property) -> None:
    if card.photo is not None:
        return
    encoding = _first(prop.params, "ENCODING").upper()
    value_type = _first(prop.params, "VALUE").upper()
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
_HANDLERS: dict[str, Callable[[_Card, _Property], None]] = {
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
