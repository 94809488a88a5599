"""Contacts from CSV files (Outlook, Google, spreadsheets), read as a stream of cards.

Rows are read one at a time through the csv module, so a 100,000-row file is never held in
memory; each row becomes a `ContactCard`, or a `CardProblem` naming its physical line (line
1 is the header) and saying what is wrong. A row is refused only when it cannot be read
whole or names no one (no name, cells missing or too many, a quote never closed, bytes not
in the encoding, NUL bytes, a cell over 100,000 characters); a birthday that is no date is
left out of an otherwise good row with a sentence, as in a vCard, and e-mail addresses and
birth dates in the future are judged by the import (contact_check), the same for both
formats. The people's export is written by csv/write.py.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from bilatdesk.domain.names import display_name
from bilatdesk.exchange.csv.dialect import (
    describe_delimiter,
    describe_encoding,
    detect_delimiter,
    detect_encoding,
    parse_birthday,
    separator_hint,
)
from bilatdesk.exchange.csv.headers import (
    FIELDS,
    LABELS,
    CsvError,
    Target,
    check_mapping,
    load_mapping,
    normal,
    parse_types,
    recognise,
    type_header,
)
from bilatdesk.exchange.csv.write import unguard
from bilatdesk.exchange.records import CardProblem, CardValue, ContactCard

__all__ = [
    "FIELDS",
    "LABELS",
    "CsvError",
    "CsvRead",
    "describe_delimiter",
    "describe_encoding",
    "load_mapping",
    "parse_birthday",
    "read_csv_cards",
]

SAMPLE_BYTES = 128 * 1024
CELL_MAX = 100_000
_FIELD_LIMIT = 64 * 1024 * 1024  # csv's own cap (128 KiB by default) would stop the file
_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_UNDECODED = re.compile("[\udc80-\udcff]")  # a byte the encoding could not decode
# Control characters other than tab and line ends: in more than one character in twenty of the
# sample, the file is binary (a spreadsheet, a picture), not text with a stray NUL.
_BINARY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\udc80-\udcff\ufffd]")
_NUL, _BAD_BYTES, _LONG, _APOSTROPHE, _ODD_QUOTES = 1, 2, 4, 8, 16
_DROPPED_GROUPS = {"* mycontacts", "* starred"}  # Google's system groups, not categories


@dataclass(frozen=True)
class CsvRead:
    """A CSV file opened for import: how it was understood, and its rows as cards (lazily)."""

    cards: Iterator[ContactCard | CardProblem]
    encoding: str  # a Python codec name; describe_encoding() for people
    delimiter: str
    mapping: dict[str, str]  # every header to its field, "" when not imported
    unmapped: tuple[str, ...]  # headers neither recognised nor mapped by the user
    headers: tuple[str, ...] = ()  # in file order
    samples: tuple[tuple[str, ...], ...] = ()  # the first few data rows, to help mapping


def read_csv_cards(path: Path, mapping: dict[str, str] | None = None) -> CsvRead:
    """Open a CSV of contacts: detect encoding and delimiter, map the headers, stream rows.

    `mapping` ({"CSV header": "field"}, "" to ignore a column) overrides recognition column
    by column. Raises CsvError when the file cannot be read at all.
    """
    user = check_mapping(dict(mapping)) if mapping is not None else None
    try:
        with path.open("rb") as stream:
            head = stream.read(SAMPLE_BYTES)
            whole = not stream.read(1)
    except FileNotFoundError:
        raise CsvError(f"The file {path} does not exist.") from None
    except OSError as exc:
        raise CsvError(f"The file {path} cannot be read ({exc.strerror or exc}).") from None
    encoding = detect_encoding(head, whole=whole)
    text = codecs.getincrementaldecoder(encoding)("replace").decode(head, final=whole)
    if not whole:  # the last line of the sample may be cut short
        text = text[: max(text.rfind("\n"), 0)]
    if len(_BINARY.findall(text)) > max(len(text) // 20, 8):
        raise CsvError(_not_csv(path))
    skip, text = separator_hint(text)
    delimiter = skip or detect_delimiter(text)
    try:
        records = [
            r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if any(r)
        ][:4]
    except csv.Error:
        raise CsvError(_not_csv(path)) from None
    if not records:
        raise CsvError(f"The file {path.name} is empty: it has no header line.")
    headers = _header_names(records[0])
    plan = _Plan(headers, user)
    return CsvRead(
        cards=_cards(path, encoding, delimiter, plan, skip_first=bool(skip)),
        encoding=encoding,
        delimiter=delimiter,
        mapping=plan.mapping,
        unmapped=plan.unmapped,
        headers=headers,
        samples=tuple(tuple(_tidy(cell) for cell in row) for row in records[1:]),
    )


def _not_csv(path: Path) -> str:
    return (
        f"The file {path.name} is not a CSV file (it looks like a spreadsheet, a picture or "
        "another binary file). Save the contacts as CSV (comma-separated values) and import "
        "that file."
    )


def _header_names(record: list[str]) -> tuple[str, ...]:
    names = []
    for number, cell in enumerate(record, start=1):
        name = unicodedata.normalize("NFC", cell.replace("\ufeff", "")).strip()
        names.append(name or f"(column {number})")
    return tuple(names)


def _tidy(cell: str) -> str:
    """A cell as stored: our export's formula guard removed, line ends as \\n, trimmed, NFC."""
    if cell[:1] == "'":
        cell = unguard(cell)
    if "\r" in cell:
        cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", cell.strip())


# -- the rows -----------------------------------------------------------------------------
_PLACE_PARTS = frozenset({"address", "street", "locality", "region", "postal_code", "country"})
_T = TypeVar("_T")


_JOINERS = {"languages": ", ", "note": "\n"}  # several columns of one field: " " otherwise
_CARD_DEFAULTS = {f.name: f.default for f in fields(ContactCard) if f.default is not MISSING}


def _card_value(value: str, types: tuple[str, ...]) -> CardValue:
    """A CardValue made as _fast makes a ContactCard (three per row)."""
    made = object.__new__(CardValue)
    made.__dict__.update(value=value, types=types)
    return made


def _fast(cls: type[_T], values: dict[str, Any]) -> _T:
    """A frozen dataclass instance made without its __init__.

    The generated __init__ sets each of ContactCard's 24 fields through object.__setattr__,
    which alone cost more than reading the row (14 µs a card, measured); a 100,000-row file
    must parse and import within seconds. The values are complete (defaults merged in).
    """
    instance = object.__new__(cls)
    instance.__dict__.update(values)
    return instance


class _Plan:
    """The mapped columns of one file, compiled once so each row does little work."""

    def __init__(self, headers: tuple[str, ...], user: dict[str, str] | None) -> None:
        self.width = len(headers)
        folded_user = {normal(k): v for k, v in (user or {}).items()}
        self.mapping: dict[str, str] = {}
        unmapped: list[str] = []
        targets: list[Target | None] = []
        for header in headers:
            target = recognise(header)
            chosen = None if user is None else user.get(header, folded_user.get(normal(header)))
            if chosen is not None:
                kept = target is not None and target.field == chosen
                target = target if kept else Target(chosen)
            elif target is None:
                unmapped.append(header)
            targets.append(target)
            self.mapping[header] = target.field if target is not None else ""
        self.unmapped = tuple(unmapped)
        # One list per kind of column, so a row runs a few tight loops and no dispatch.
        self.texts: list[tuple[int, str, str]] = []
        self.values: list[tuple[int, str, tuple[str, ...], str, int]] = []
        self.places: list[tuple[int, int, str]] = []
        self.lists: list[tuple[int, str, str]] = []
        self.birth = -1
        positions = {normal(h): i for i, h in reversed(list(enumerate(headers)))}
        for index, (header, target) in enumerate(zip(headers, targets, strict=True)):
            if target is None or not target.field:
                continue
            name = target.field
            if name in ("email", "phone"):
                beside = [positions[h] for h in type_header(header) if h in positions]
                type_index = next((i for i in beside if not self.mapping[headers[i]]), -1)
                key = "emails" if name == "email" else "phones"
                self.values.append((index, key, target.types, target.split, type_index))
            elif name in _PLACE_PARTS:
                self.places.append((index, target.slot, name))
            elif name in ("unit", "categories"):
                self.lists.append((index, "units" if name == "unit" else name, target.split))
            elif name == "birth_date":
                self.birth = index
            else:
                self.texts.append((index, name, _JOINERS.get(name, " ")))

    def card(  # noqa: PLR0912 (one function per row: every call saved counts)
        self, start: int, end: int, row: list[str], marks: int
    ) -> ContactCard | CardProblem | None:
        """The card of one row (lines start..end), a problem, or None for an empty row.

        `marks` are the flags of the row's lines (see _watched); cells arrive in NFC already.
        """
        if not any(row):
            return None
        width = len(row)
        if marks & _APOSTROPHE:
            row = [unguard(cell) if cell[:1] == "'" else cell for cell in row]
        if end > start:  # a quoted cell ran over several lines: keep its breaks as \n
            row = [cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row]
        card = _CARD_DEFAULTS.copy()
        card["line"] = start
        for index, name, joiner in self.texts:
            if index < width and (value := row[index].strip()):
                previous = card[name]
                card[name] = f"{previous}{joiner}{value}" if previous else value
        reasons = self._problems(start, end, row, marks) if marks or width != self.width else []
        if self.values:
            self._values(row, width, card)
        if self.places:
            card["address"] = self._address(row)
        for index, key, split in self.lists:
            if index < width and (value := row[index].strip()):
                found = _categories(value, split) if key == "categories" else _split(value, split)
                previous = card[key]
                if previous or len(found) > 1:  # each kept once
                    found = tuple(dict.fromkeys((*previous, *found)))
                card[key] = found
        if (
            not (card["given_name"] or card["family_name"] or card["other_names"])
            and not card["formatted_name"]
        ):
            reasons.append("It has no name (no given, family or full name).")
        if 0 <= self.birth < width and (birth := row[self.birth].strip()):
            try:
                # A birth date in the future is the import's to leave out (against the day it
                # imports for), as it is for vCards: no date is too late here.
                card["birth_date"], card["birthday"] = parse_birthday(birth, date.max)
            except ValueError as exc:
                # As for vCards: the birthday is left out, the rest of the row imported.
                card["problems"] = (f"{str(exc).rstrip('.')} and was left out.",)
        if reasons:
            return CardProblem(start, _name_of(card), " ".join(reasons))
        return _fast(ContactCard, card)

    def _values(self, row: list[str], width: int, card: dict[str, Any]) -> None:
        """E-mail addresses and telephone numbers into the card, as the file gives them (the
        import leaves out, with a sentence, what is no address or number)."""
        emails: list[CardValue] = []
        phones: list[CardValue] = []
        for index, kind, types, split, type_index in self.values:
            if index < width and (value := row[index].strip()):
                if 0 <= type_index < width and row[type_index]:
                    types = parse_types(row[type_index]) or types  # noqa: PLW2901 (per row)
                found = emails if kind == "emails" else phones
                if split in value or ";" in value:
                    found.extend(_card_value(v, types) for v in _split(value, split))
                else:
                    found.append(_card_value(value, types))
        card["emails"], card["phones"] = tuple(emails), tuple(phones)

    def _address(self, row: list[str]) -> str:
        """One line from the first address (business, then home, then other) that has anything."""
        width = len(row)
        places: dict[int, dict[str, str]] = {}
        for index, slot, part in self.places:
            if index < width and (value := row[index].strip()):
                if "\n" in value or "\r" in value:
                    value = _BREAKS.sub(", ", value)
                place = places.setdefault(slot, {})
                place[part] = f"{place[part]}, {value}" if part in place else value
        for slot in sorted(places):
            parts = places[slot]
            if whole := parts.get("address"):
                return whole
            town = f"{parts.get('postal_code', '')} {parts.get('locality', '')}".strip()
            pieces = (parts.get("street"), town, parts.get("region"), parts.get("country"))
            return ", ".join(p for p in pieces if p)
        return ""

    def _problems(self, start: int, end: int, row: list[str], marks: int) -> list[str]:
        reasons: list[str] = []
        if marks & _NUL:
            reasons.append("It contains NUL bytes (binary data?); they were not imported.")
        if marks & _ODD_QUOTES and end > start:
            reasons.append(
                f'A quote (") opened on line {start} is never closed, so lines {start} to {end} '
                "were read as one row; close the quote or remove it."
            )
        if marks & _BAD_BYTES:
            reasons.append(
                "It has bytes that are not valid in the file's encoding; fix the characters "
                "on this line or save the file again as UTF-8."
            )
        if (marks & _LONG or end > start) and any(len(cell) > CELL_MAX for cell in row):
            reasons.append(f"A cell is longer than {CELL_MAX:,} characters.")
        width = len(row)
        if width < self.width or (width > self.width and any(row[self.width :])):
            reasons.append(
                f"It has {width} cells where the header has {self.width}"
                + (" (a quote may be missing)." if end - start > 1 else ".")
            )
        return reasons


def _split(value: str, separator: str) -> tuple[str, ...]:
    """Several values in one cell: Google's " ::: " or the semicolons of ours and Outlook's.

    Our export writes a semicolon inside a value as "\\;" (and a backslash as "\\\\").
    """
    if separator not in value and ";" not in value and "\\" not in value:
        return (value,)
    chunks = value.split(separator) if separator != ";" else (value,)
    parts = itertools.chain.from_iterable(
        split_escaped(p) if "\\" in p else p.split(";") for p in chunks
    )
    return tuple(p.strip() for p in parts if p.strip())


def split_escaped(text: str) -> list[str]:
    """Split at semicolons not escaped by a backslash, and undo the escapes."""
    parts: list[str] = []
    current: list[str] = []
    characters = iter(text)
    for ch in characters:
        if ch == "\\":
            following = next(characters, "")
            current.append(following if following in ("\\", ";") else ch + following)
        elif ch == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _categories(value: str, separator: str) -> tuple[str, ...]:
    names = []
    for part in _split(value, separator):
        if part.casefold() in _DROPPED_GROUPS:
            continue
        name = part[2:].strip() if part.startswith("* ") else part
        if name:
            names.append(name)
    return tuple(names)


def _name_of(card: dict[str, Any]) -> str:
    return display_name(
        card["given_name"], card["family_name"], card["formatted_name"], card["other_names"]
    )


def _cards(
    path: Path, encoding: str, delimiter: str, plan: _Plan, *, skip_first: bool
) -> Iterator[ContactCard | CardProblem]:
    """The rows after the header, decoded as read; undecodable bytes flag their line."""
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    with path.open("rb") as raw:
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="")
        flags: dict[int, int] = {}
        lines = _watched(stream, flags)
        offset = 0
        if skip_first:
            next(lines, None)
            offset = 1
        reader = csv.reader(lines, delimiter=delimiter)
        end = offset
        header_seen = False
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                start, end = end + 1, reader.line_num + offset
                yield CardProblem(start, "", f"The row cannot be read as CSV ({exc}).")
                continue
            start, end = end + 1, reader.line_num + offset
            marks = odd = 0
            if flags:  # taken as used, so the dict stays as small as the current row
                for line in range(start, end + 1):
                    flag = flags.pop(line, 0)
                    marks |= flag
                    odd ^= flag & _ODD_QUOTES
                marks = marks & ~_ODD_QUOTES | odd
            if not header_seen:
                header_seen = any(row)
                continue
            card = plan.card(start, end, row, marks)
            if card is not None:
                yield card


def _watched(lines: Iterable[str], flags: dict[int, int]) -> Iterator[str]:
    """Each physical line in NFC, NULs removed (the csv module refuses them); flags noted."""
    for number, line in enumerate(lines, start=1):
        mark = _LONG if len(line) > CELL_MAX else 0
        if "'" in line:
            mark |= _APOSTROPHE
        if '"' in line and line.count('"') % 2:
            mark |= _ODD_QUOTES  # opens or closes a quoted cell that runs over lines
        if "\x00" in line:
            mark |= _NUL
            line = line.replace("\x00", "")  # noqa: PLW2901 (cleaned in place)
        if not line.isascii():
            if _UNDECODED.search(line):
                mark |= _BAD_BYTES
            # NFC of the whole line equals NFC of each cell: delimiters and quotes never
            # combine with a following mark.
            line = unicodedata.normalize("NFC", line)  # noqa: PLW2901
        if mark:
            flags[number] = mark
        yield line
