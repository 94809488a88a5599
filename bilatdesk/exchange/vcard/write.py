"""People out as vCard 4.0 (RFC 6350): records in, one card's bytes at a time out.

Each person becomes one card: FN, N, the current posts (ORG as "organisation;unit…" from the
top of the organisation's parent chain, TITLE), EMAIL, TEL (a tel: URI when the number is one),
ADR, BDAY (--MMDD without a year), PHOTO as a data: URI, LANG, CATEGORIES (tags), UID
(urn:uuid:) and REV. The biography never leaves (no NOTE): it is the embassy's own judgement,
and PersonOut does not carry it. Lines are folded at 75 octets without splitting a UTF-8
sequence and end in CRLF.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import BinaryIO

from bilatdesk.exchange.records import PersonOut, PointOut

_TOKEN = re.compile(r"^[A-Za-z0-9-]{1,40}$")
_TEL_URI = re.compile(r"^\+?[0-9][0-9 ().\-/]*$")


def write_vcards(people: Iterable[PersonOut], out: BinaryIO) -> int:
    """Write one card per person to `out` as they come; how many were written."""
    count = 0
    for person in people:
        out.write(card(person))
        count += 1
    return count


def card(person: PersonOut) -> bytes:
    """One person's card, folded, CRLF line ends."""
    lines = ["BEGIN:VCARD", "VERSION:4.0"]
    lines.append("FN:" + text(person.formatted_name))
    lines.append(
        "N:"
        + ";".join(
            text(part)
            for part in (
                person.family_name or ("" if person.given_name else person.name_original),
                person.given_name,
                person.other_names,
                person.honorific,
                "",
            )
        )
    )
    for index, post in enumerate(person.posts, start=1):
        group = f"post{index}." if len(person.posts) > 1 else ""
        if post.organisations:
            lines.append(f"{group}ORG:" + ";".join(text(part) for part in post.organisations))
        lines.append(f"{group}TITLE:" + text(post.title))
    for point in person.points:
        lines.extend(_point(point))
    if person.birth_date is not None:
        lines.append("BDAY:" + person.birth_date.strftime("%Y%m%d"))
    elif person.birthday:
        lines.append(f"BDAY:--{person.birthday:04d}")
    if person.photo:
        kind = person.photo_type
        media = kind if kind.startswith("image/") else "image/jpeg"
        encoded = base64.b64encode(bytes(person.photo)).decode("ascii")
        lines.append(f"PHOTO:data:{media};base64,{encoded}")
    for language in (part.strip() for part in person.languages.split(",")):
        if language:
            lines.append("LANG:" + text(language))
    if person.tags:
        lines.append("CATEGORIES:" + ",".join(text(tag) for tag in person.tags))
    lines.append(f"UID:urn:uuid:{person.uid}")
    lines.append("REV:" + _rev(person.updated_at))
    lines.append("END:VCARD")
    return b"".join(fold_line(line) for line in lines)


def _point(point: PointOut) -> list[str]:
    kind, label, value = point.kind, point.label, point.value
    param = f";TYPE={label.lower()}" if label and _TOKEN.match(label) else ""
    if kind == "email":
        return [f"EMAIL{param}:" + text(value)]
    if kind == "phone":
        if _TEL_URI.match(value):
            digits = re.sub(r"[ ().\-/]+", "-", value).strip("-")
            return [f"TEL;VALUE=uri{param}:tel:{digits}"]
        return [f"TEL;VALUE=text{param}:" + text(value)]
    if kind == "address":
        return [f"ADR{param}:;;" + text(value) + ";;;;"]
    if kind == "url":
        return [f"URL{param}:" + value.replace("\r", "").replace("\n", "")]
    return []


def text(value: str) -> str:
    """A text value escaped as RFC 6350 says: backslash, comma, semicolon, new lines; NFC."""
    value = unicodedata.normalize("NFC", value)
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str) -> bytes:
    """One content line as bytes, folded at 75 octets, never inside a UTF-8 sequence; CRLF."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    pieces: list[bytes] = []
    start, limit = 0, 75
    ascii_only = line.isascii()
    while start < len(data):
        end = min(start + limit, len(data))
        if not ascii_only:
            while end < len(data) and end > start and 0x80 <= data[end] <= 0xBF:
                end -= 1  # data[end] continues a character: cut before the character starts
        pieces.append(data[start:end])
        start, limit = end, 74  # a continuation line starts with a space: 74 octets left
    return b"\r\n ".join(pieces) + b"\r\n"


def _rev(moment: datetime | None) -> str:
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")
