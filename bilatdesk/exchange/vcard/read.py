"""Reading vCard 2.1, 3.0 and 4.0 files as a stream of contact cards, in bounded memory.

The file is read line by line as bytes; folded lines (CRLF or LF, then a space or tab),
quoted-printable soft breaks ("=" at the end of a line) and the unindented base64 lines some
2.1 writers leave are joined before a line is decoded. Each card is decoded on its own, so a
broken card never takes the good ones with it, and no card is ever returned half read. This
module sorts physical lines into cards; card.py reads one card, values.py decodes its values.

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
- UTF-16 and UTF-32 (with or without a byte-order mark) are read as such; characters they do
  not decode are one report line naming the encoding problem.
- Line ends CR CR LF (iOS), CR alone and mixed ones are read as LF.
- Non-blank lines outside any card: ignored, one refusal line per block so a file that is not
  a vCard at all does not import "nothing" silently.

vobject (the well-kept library) was measured on the same cards at ~0.5 ms per card, so 10,000
cards took ~5 s before any database work, and one line without a colon stops its reader for the
rest of the file; this small parser reads them in a fraction of that and keeps going.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from bilatdesk.exchange.encodings import readable_lines
from bilatdesk.exchange.records import CardProblem, ContactCard
from bilatdesk.exchange.vcard.card import VERSIONS, parse_bday, parse_card

__all__ = [
    "MAX_CARD_BYTES",
    "MAX_CARD_LINES",
    "MAX_VALUE_BYTES",
    "VERSIONS",
    "parse_bday",
    "read_vcards",
]

# readline() never returns more than this at once, so one 30 MB line is never held whole.
PIECE_BYTES = 64 * 1024
# One property (after unfolding) and one card: beyond these the value or the card is dropped
# while it is read, so a 20 MB photo costs at most MAX_VALUE_BYTES of memory.
MAX_VALUE_BYTES = 8 * 1024 * 1024
MAX_CARD_BYTES = 16 * 1024 * 1024
MAX_CARD_LINES = 5_000  # properties (unfolded lines), not physical lines
_MB = 1024 * 1024


# One function on purpose: it runs once per physical line, and a method call per line made
# reading three times slower.
def read_vcards(stream: BinaryIO) -> Iterator[ContactCard | CardProblem]:  # noqa: PLR0912, PLR0915
    """Every card of a vCard file, in file order: a ContactCard, or a CardProblem if refused.

    The hot loop only sorts physical lines into cards (and drops oversized values as they
    come); each finished card is then unfolded and decoded at once. A file in UTF-16 or
    UTF-32, or with line ends other than LF and CR LF, is read through a recoding stream
    first (exchange.encodings), and what it could not decode is one more report line.
    """
    stream, recoded = readable_lines(stream)
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
                        yield parse_card(start, lines, dropped)
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
    if recoded is not None and recoded.problem:
        yield CardProblem(1, "", recoded.problem)


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
    card = parse_card(start, lines, [])
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
