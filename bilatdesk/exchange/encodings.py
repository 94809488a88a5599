"""Text files as real programs write them: any byte-order mark, width or line end.

Byte-order marks, UTF-16 and UTF-32 with or without one (Windows' "Unicode"), and line ends
CR CR LF (iOS), CR alone (old Macs) or mixed.

`sniff_encoding` names a file's encoding from its first bytes; `readable_lines` gives a byte
stream whose lines are UTF-8 and end in LF, so the line readers (vCard, iCalendar) work the
same on every such file. A file that needs neither is passed through untouched, so the common
case costs one look at its head. What could not be decoded is counted and named afterwards
(`Recoded.problem`), never silently replaced.
"""

from __future__ import annotations

import codecs
import io
import re
from typing import BinaryIO

SNIFF_BYTES = 64 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it begins with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
}
_ODD_LINE_END = re.compile(rb"\r(?!\n)|\r\r")
_LINE_ENDS = re.compile(rb"\r+\n|\r")


def sniff_encoding(head: bytes) -> tuple[str, int]:
    """(codec, length of its byte-order mark) from a file's first bytes; ("", 0) when they
    look like a single-byte or UTF-8 text (decided by the reader, as before).

    Without a mark, text in UTF-16 or UTF-32 shows its ASCII letters beside NUL bytes: the
    pattern of the NULs among the first bytes tells the width and the byte order.
    """
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, len(bom)
    probe = head[:4096]
    if len(probe) < 4 or probe.count(0) <= len(probe) // 4:
        return "", 0
    if probe[0] == probe[1] == probe[2] == 0 and probe[3]:
        return "utf-32-be", 0
    if probe[0] and probe[1] == probe[2] == probe[3] == 0:
        return "utf-32-le", 0
    return ("utf-16-be", 0) if probe[0::2].count(0) > probe[1::2].count(0) else ("utf-16-le", 0)


def describe(codec: str) -> str:
    """The encoding's name for people ("UTF-16 LE")."""
    return _NAMES.get(codec, codec)


class Recoded(io.RawIOBase):
    """A byte stream with every line end made LF; with a codec, decoded and given as UTF-8.

    Without a codec the bytes pass through unchanged but for their line ends (a UTF-8 or
    Windows-1252 file stays what it was, for the reader to decode as before).
    """

    def __init__(self, source: BinaryIO, codec: str, skip: int) -> None:
        super().__init__()
        self.source = source
        self.codec = codec
        self.decoder = codecs.getincrementaldecoder(codec)("replace") if codec else None
        self.pending = b""  # output not yet handed out
        self.carry = b""  # a CR at the end of a piece, which may begin a CR LF
        self.bad = 0  # characters the codec could not decode
        self.done = False
        if skip:
            source.read(skip)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self.pending and not self.done:
            raw = self.source.read(SNIFF_BYTES)
            self.done = not raw
            if self.decoder is not None:
                text = self.decoder.decode(raw, final=self.done)
                self.bad += text.count("\ufffd")
                raw = text.encode("utf-8")
            data = self.carry + raw
            self.carry = b""
            if data.endswith(b"\r") and not self.done:
                data, self.carry = data[:-1], b"\r"
            self.pending = _LINE_ENDS.sub(b"\n", data)
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    @property
    def problem(self) -> str:
        """A sentence naming the encoding problem, "" when everything decoded."""
        if not self.bad:
            return ""
        count = "a character" if self.bad == 1 else f"{self.bad:,} characters"
        return (
            f"The file is read as {describe(self.codec)}, but {count} could not be decoded "
            "(the file may be damaged or in another encoding); each shows as \ufffd."
        )


def readable_lines(stream: BinaryIO) -> tuple[BinaryIO, Recoded | None]:
    """The stream as lines ending in LF (UTF-8 when it was UTF-16 or UTF-32) when it needs
    it, else the stream itself; and the recoding stream (None when passed through), which
    knows any encoding problem afterwards."""
    if not stream.seekable():
        recoded = Recoded(stream, "", 0)
        return io.BufferedReader(recoded), recoded
    start = stream.tell()
    head = stream.read(SNIFF_BYTES)
    stream.seek(start)
    codec, skip = sniff_encoding(head)
    if codec == "utf-8":
        codec = ""  # a UTF-8 mark alone: skipped, the bytes read as they are
    if not codec and _ODD_LINE_END.search(head) is None:
        stream.read(skip)
        return stream, None
    recoded = Recoded(stream, codec, skip)
    return io.BufferedReader(recoded), recoded
