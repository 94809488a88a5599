"""Decoding one vCard value: parameters and TYPE words, quoted-printable and character sets,
backslash escapes, and the parts of structured values (N, ADR, ORG)."""

from __future__ import annotations

import binascii
import codecs
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import AnyStr, Protocol

_ENCODING_WORDS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
# TYPE words that say nothing about the kind of a number or address.
_VALUE_WORDS = {"URI", "URL", "TEXT", "DATE", "DATE-TIME"}
NO_PARAMS: dict[str, list[str]] = {}


class Notes(Protocol):
    """Where decoding reports what it had to guess (a card being read)."""

    problems: list[str]
    other_charset: bool


@dataclass
class Property:
    """One property as its handler gets it: parameters, the decoded value, TYPE words."""

    params: dict[str, list[str]]
    value: str  # decoded, in NFC; still escaped as the file wrote it
    types: tuple[str, ...] = ()


def colon_outside_quotes(line: AnyStr) -> int:
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
def parse_params(text: str) -> tuple[dict[str, list[str]], tuple[str, ...]]:
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


def first_param(params: dict[str, list[str]], key: str) -> str:
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


def decode(card: Notes, params: dict[str, list[str]], raw: bytes) -> str:
    """A value as text: quoted-printable undone, its charset decoded, in NFC."""
    charset = ""
    if params:
        if first_param(params, "ENCODING").upper() == "QUOTED-PRINTABLE":
            raw = binascii.a2b_qp(raw)
        charset = first_param(params, "CHARSET")
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


def unescape(text: str) -> str:
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


def split_raw(text: str, separator: str) -> list[str]:
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


def split_escaped(text: str, separator: str) -> list[str]:
    """Split at separators not escaped by a backslash; the pieces are unescaped."""
    if "\\" not in text:
        return text.split(separator)
    return [unescape(piece) for piece in split_raw(text, separator)]


def components(prop: Property, separator: str) -> list[str]:
    """A structured value (N, ADR, ORG): its ;-separated parts, each part's ,-separated
    values joined by `separator` (an escaped comma stays a comma)."""
    text = prop.value
    if "\\" not in text and "," not in text:
        return [part.strip() for part in text.split(";")]
    return [
        separator.join(v for v in (value.strip() for value in split_escaped(part, ",")) if v)
        for part in split_raw(text, ";")
    ]
