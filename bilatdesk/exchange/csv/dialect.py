"""How a CSV file is written: its encoding and delimiter, and the birthday forms it uses."""

from __future__ import annotations

import codecs
import csv
import re
from datetime import date

from bilatdesk.exchange.encodings import sniff_encoding

_ENCODINGS = {
    "utf-8-sig": "UTF-8 (with BOM)",
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16 (with BOM)",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32": "UTF-32 (with BOM)",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
}
_LINE_ENDS = re.compile(r"\r+\n|\r")
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


def describe_encoding(encoding: str) -> str:
    return _ENCODINGS.get(encoding, encoding)


def describe_delimiter(delimiter: str) -> str:
    return _DELIMITERS.get(delimiter, repr(delimiter))


def detect_encoding(head: bytes, *, whole: bool = False) -> str:
    """UTF-8 with or without BOM, UTF-16 (Outlook's "Unicode" CSV) and UTF-32 with or without
    one, else Windows-1252."""
    codec, bom = sniff_encoding(head)
    if codec.startswith("utf-32"):
        # Checked first: a UTF-32 LE mark begins with the UTF-16 LE one.
        return "utf-32" if bom else codec
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    probe = head[:4096]
    if probe and probe.count(0) > len(probe) // 4:  # text with a NUL beside every letter
        return "utf-16-be" if probe[0::2].count(0) > probe[1::2].count(0) else "utf-16-le"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: csv.Sniffer's guess, checked against the header line."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return ","
    counts = {d: _count_outside_quotes(lines[0], d) for d in _DELIMITERS}
    try:
        guess: str | None = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t").delimiter
    except csv.Error:
        guess = None
    if guess is None or counts.get(guess, 0) == 0:
        best = max(counts, key=lambda d: counts[d])
        guess = best if counts[best] else ","
    return guess


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def separator_hint(text: str) -> tuple[str, str]:
    """Excel's optional first line "sep=;" names the delimiter; it is not the header.

    The text comes back with every line end LF: the sample of a file saved by Excel for Mac
    (CR alone) or copied off a phone (CR CR LF) then reads as lines, as the rows do.
    """
    text = _LINE_ENDS.sub("\n", text)
    first, _, rest = text.partition("\n")
    match = re.fullmatch(r"sep=(.)\r?", first)
    return (match.group(1), rest) if match else ("", text)


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_YEARLESS = re.compile(r"--(\d{2})-?(\d{2})")
_EMPTY_BIRTHDAYS = {"0/0/00", "0/0/0000", "00.00.0000", "0000-00-00"}  # Outlook's "none"
_NO_YEAR = 1604  # Apple and Google write a birthday without a year as 1604


def parse_birthday(text: str, today: date | None = None) -> tuple[date | None, int | None]:
    """(date, None) for a full date, (None, MMDD) without a year; ValueError with a sentence.

    Accepted: YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY, MM/DD/YYYY (Outlook US), --MM-DD and --MMDD.
    """
    value = text.strip()
    if not value or value in _EMPTY_BIRTHDAYS:
        return None, None
    match: re.Match[str] | None = None
    # One regular expression per row, chosen by the separator (a loop over all costs more).
    if value[:2] == "--":
        if match := _YEARLESS.fullmatch(value):
            month, day = int(match.group(1)), int(match.group(2))
            _real(2000, month, day, value)  # a leap year: 29 February is a birthday too
            return None, month * 100 + day
    elif "/" in value:
        if match := _US.fullmatch(value):
            month, day, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    elif "." in value:
        if match := _DOTTED.fullmatch(value):
            day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    elif match := _ISO.fullmatch(value) or _BASIC.fullmatch(value):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if match is None:
        raise ValueError(
            f"The birthday '{value}' is not in a known form "
            "(YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or --MM-DD)."
        )
    if year == _NO_YEAR:
        _real(2000, month, day, value)
        return None, month * 100 + day
    born = _real(year, month, day, value)
    if born > (today or date.today()):
        raise ValueError(f"The birthday '{value}' is in the future.")
    return born, None


def _real(year: int, month: int, day: int, value: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"The birthday '{value}' is not a real date.") from None
