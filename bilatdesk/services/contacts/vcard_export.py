"""Exporting people as vCard 4.0 (RFC 6350), streamed to a temporary file and renamed into place.

Each person becomes one card: FN, N, the CURRENT posts (ORG as "organisation;unit…" from the
top of the organisation's parent chain, TITLE), EMAIL, TEL (a tel: URI when the number is one),
ADR, BDAY (--MMDD without a year), PHOTO as a data: URI, LANG, CATEGORIES (tags), UID
(urn:uuid:) and REV. The biography never leaves (no NOTE): it is the embassy's own judgement.
Lines are folded at 75 octets without splitting a UTF-8 sequence and end in CRLF.

People marked above the ceiling are left out entirely. `ceiling=None` means no ceiling; the
CLI passes "U" unless told otherwise, so nothing classified leaves by accident.
"""

from __future__ import annotations

import base64
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select, tuple_
from sqlalchemy.orm import Session

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    ClassificationScheme,
    ContactPoint,
    Membership,
    Organisation,
    Person,
    Post,
)
from bilatdesk.domain.base import table_of
from bilatdesk.domain.classification import UnknownClassificationError
from bilatdesk.domain.tag import Tag, person_tag
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.store.database import Database

PAGE = 100  # people per query; their photos (at most 200 KB each) are held a page at a time
_PERSON: Table = table_of(Person)
_TOKEN = re.compile(r"^[A-Za-z0-9-]{1,40}$")
_TEL_URI = re.compile(r"^\+?[0-9][0-9 ().\-/]*$")


def export_vcards(
    db: Database,
    path: Path,
    *,
    country_id: int | None,
    ceiling: str | None,
    scheme: ClassificationScheme = DEFAULT_SCHEME,
    today: date | None = None,
) -> int:
    """Write the people (of one country, at or below the ceiling) to `path`; how many.

    The file appears whole or not at all: it is written beside the target and renamed.
    """
    codes = allowed_codes(scheme, ceiling)
    today = today or date.today()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".bilatdesk-", suffix=".part")
    count = 0
    try:
        with os.fdopen(handle, "wb") as out, db.read() as session:
            exporter = _Exporter(session, today)
            for page in _pages(session, country_id, codes):
                for card in exporter.cards(page):
                    out.write(card)
                    count += 1
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return count


def allowed_codes(scheme: ClassificationScheme, ceiling: str | None) -> tuple[str, ...] | None:
    """The classification codes that may leave under `ceiling`; None when there is none."""
    if ceiling is None:
        return None
    try:
        return scheme.at_or_below(scheme.parse(ceiling).code)
    except UnknownClassificationError as exc:
        raise ServiceError(f"The export ceiling {exc}.") from exc


def _pages(
    session: Session, country_id: int | None, codes: tuple[str, ...] | None
) -> Iterator[list[Any]]:
    """People in name order, a page at a time (keyset, so each page is one indexed query)."""
    columns = [
        _PERSON.c[name]
        for name in (
            "id",
            "uid",
            "updated_at",
            "honorific",
            "given_name",
            "family_name",
            "other_names",
            "name_original",
            "birth_date",
            "birthday",
            "languages",
            "photo",
            "photo_type",
            "sort_name",
        )
    ]
    statement = select(*columns).order_by(_PERSON.c.sort_name, _PERSON.c.id).limit(PAGE)
    if country_id is not None:
        statement = statement.where(_PERSON.c.country_id == country_id)
    if codes is not None:
        statement = statement.where(_PERSON.c.classification.in_(codes))
    after: tuple[str, int] | None = None
    while True:
        page_statement = statement
        if after is not None:
            page_statement = statement.where(tuple_(_PERSON.c.sort_name, _PERSON.c.id) > after)
        rows = list(session.execute(page_statement))
        if not rows:
            return
        yield rows
        after = (rows[-1].sort_name, rows[-1].id)


@dataclass(frozen=True)
class _Post:
    title: str
    organisation_id: int | None


class _Exporter:
    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.organisations = {
            oid: (name, parent)
            for oid, name, parent in session.execute(
                select(Organisation.id, Organisation.name, Organisation.parent_id)
            )
        }

    def cards(self, rows: list[Any]) -> Iterator[bytes]:
        ids = [row.id for row in rows]
        points: dict[int, list[tuple[str, str, str]]] = {}
        for pid, kind, label, value in self.session.execute(
            select(
                ContactPoint.person_id, ContactPoint.kind, ContactPoint.label, ContactPoint.value
            )
            .where(ContactPoint.person_id.in_(ids))
            .order_by(ContactPoint.person_id, ContactPoint.position, ContactPoint.id)
        ):
            points.setdefault(pid, []).append((kind, label, value))
        posts: dict[int, list[_Post]] = {}
        for pid, title, organisation_id in self.session.execute(
            select(Membership.person_id, Post.title, Post.organisation_id)
            .join(Post, Post.id == Membership.post_id)
            .where(Membership.person_id.in_(ids))
            .where((Membership.start_date.is_(None)) | (Membership.start_date <= self.today))
            .where((Membership.end_date.is_(None)) | (Membership.end_date >= self.today))
            .order_by(Membership.person_id, Membership.start_date, Membership.id)
        ):
            posts.setdefault(pid, []).append(_Post(title, organisation_id))
        tags: dict[int, list[str]] = {}
        for pid, name in self.session.execute(
            select(person_tag.c.person_id, Tag.name)
            .join(Tag, Tag.id == person_tag.c.tag_id)
            .where(person_tag.c.person_id.in_(ids))
            .order_by(person_tag.c.person_id, Tag.name)
        ):
            tags.setdefault(pid, []).append(name)
        for row in rows:
            yield self.card(
                row, points.get(row.id, []), posts.get(row.id, []), tags.get(row.id, [])
            )

    def card(
        self, row: Any, points: list[tuple[str, str, str]], posts: list[_Post], tags: list[str]
    ) -> bytes:
        lines = ["BEGIN:VCARD", "VERSION:4.0"]
        name = " ".join(p for p in (row.given_name, row.family_name) if p)
        lines.append("FN:" + text(name or row.name_original or row.other_names))
        lines.append(
            "N:"
            + ";".join(
                text(part)
                for part in (
                    row.family_name or ("" if name else row.name_original),
                    row.given_name,
                    row.other_names,
                    row.honorific,
                    "",
                )
            )
        )
        for index, post in enumerate(posts, start=1):
            group = f"post{index}." if len(posts) > 1 else ""
            chain = self.chain(post.organisation_id)
            if chain:
                lines.append(f"{group}ORG:" + ";".join(text(part) for part in chain))
            lines.append(f"{group}TITLE:" + text(post.title))
        for kind, label, value in points:
            lines.extend(_point(kind, label, value))
        if row.birth_date is not None:
            lines.append("BDAY:" + row.birth_date.strftime("%Y%m%d"))
        elif row.birthday:
            lines.append(f"BDAY:--{row.birthday:04d}")
        if row.photo:
            media = row.photo_type if row.photo_type.startswith("image/") else "image/jpeg"
            encoded = base64.b64encode(bytes(row.photo)).decode("ascii")
            lines.append(f"PHOTO:data:{media};base64,{encoded}")
        for language in (part.strip() for part in row.languages.split(",")):
            if language:
                lines.append("LANG:" + text(language))
        if tags:
            lines.append("CATEGORIES:" + ",".join(text(tag) for tag in tags))
        lines.append(f"UID:urn:uuid:{row.uid}")
        lines.append("REV:" + _rev(row.updated_at))
        lines.append("END:VCARD")
        return b"".join(fold_line(line) for line in lines)

    def chain(self, organisation_id: int | None) -> list[str]:
        """Names from the top of the parent chain down to the organisation ("Ministry;Unit")."""
        names: list[str] = []
        seen: set[int] = set()
        node = organisation_id
        while node is not None and node not in seen and node in self.organisations:
            seen.add(node)
            name, node = self.organisations[node]
            names.append(name)
        return names[::-1]


def _point(kind: str, label: str, value: str) -> list[str]:
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
