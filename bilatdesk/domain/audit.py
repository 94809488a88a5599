"""The audit trail's entry and its hash chain: who changed what, when, from where."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bilatdesk.domain.base import Base, UTCDateTime, utcnow

GENESIS_HASH = "0" * 64
"""The previous hash of the first entry: the chain starts from nothing."""


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    STATUS = "status"
    MERGE = "merge"
    IMPORT = "import"
    DOCUMENT = "document"
    BACKUP = "backup"
    RESTORE = "restore"
    PASSPHRASE = "passphrase"


class AuditEntry(Base):
    """One appended line of the trail; the database refuses to change or delete it."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_record", "record_kind", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="", server_default="")
    database_user: Mapped[str] = mapped_column(String(200), default="", server_default="")
    host: Mapped[str] = mapped_column(String(255), default="", server_default="")
    program_version: Mapped[str] = mapped_column(String(50), default="", server_default="")
    action: Mapped[str] = mapped_column(String(20))
    record_kind: Mapped[str] = mapped_column(String(50), default="", server_default="")
    record_id: Mapped[int | None] = mapped_column(Integer)
    record_uid: Mapped[str] = mapped_column(String(36), default="", server_default="")
    changes: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    source: Mapped[str] = mapped_column(String(500), default="", server_default="")
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


# The fields an entry's hash covers, in this order; the id is left out (a sequence may skip)
# since each entry's link to the one before already fixes the order.
HASHED_FIELDS = (
    "at",
    "actor",
    "database_user",
    "host",
    "program_version",
    "action",
    "record_kind",
    "record_id",
    "record_uid",
    "changes",
    "source",
    "previous_hash",
)


def canonical_moment(moment: datetime) -> str:
    """A moment as the hash reads it: UTC, microseconds, always the same spelling."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Made once: json.dumps with options builds a new encoder on every call, which cost a bulk
# import of 100,000 people more than the hashing itself.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_ENCODE_SORTED = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
# The function the encoders above spell a string with (json's C one, as ensure_ascii=False
# chooses it): called directly for the strings, numbers and nulls that make up nearly every
# field, since each encode() call builds a C encoder anew, which cost a 100,000-row import
# more than the hashing. Anything else still goes through the encoder, so the text is the same.
_STRING = json.encoder.encode_basestring


def serialised(fields: Iterable[Any]) -> str:
    """Fields as one JSON array, compact: the same text as json.dumps of the list, made from
    each field's own JSON, so a writer may encode the fields an entire batch shares once."""
    return "[" + ",".join(map(encoded, fields)) + "]"


def serialised_after(head: str, fields: Iterable[Any]) -> str:
    """`serialised` of a list whose first fields are `head` (`serialised` of them, without
    its closing "]"), then `fields`."""
    # Strings spelt in place (most fields are), the rest by `encoded`: a chained import calls
    # this once per entry.
    spelt = [_STRING(field) if type(field) is str else encoded(field) for field in fields]
    return head + "," + ",".join(spelt) + "]"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_hash(values: Mapping[str, Any]) -> str:
    """The SHA-256 of an entry's canonical serialisation (HASHED_FIELDS, JSON, UTF-8)."""
    fields = [values[name] for name in HASHED_FIELDS]
    fields[0] = canonical_moment(fields[0])
    return digest(serialised(fields))


def encoded(value: Any, encode: Callable[[Any], str] = _ENCODE) -> str:
    """One field's JSON as the canonical serialisation spells it (`encode` spells what is not
    a string, a whole number or null)."""
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return encode(value)


def changes_text(changes: Mapping[str, Any]) -> str:
    """The changes as stored: JSON with sorted keys, so the same changes read the same.

    A change is nearly always its field's name and [old, new]: those are spelt here, the
    values one by one; any other shape, or a name that is not a string (which sorting or
    spelling refuses with TypeError), goes to the encoder whole.
    """
    parts = []
    try:
        for name in sorted(changes):
            pair = changes[name]
            if type(pair) is not list or len(pair) != 2:  # a change is [old, new]
                return _ENCODE_SORTED(changes)
            old, new = pair
            # A new record's values have no old one, and are nearly all text: spelt in place.
            old = "null" if old is None else encoded(old, _ENCODE_SORTED)
            new = _STRING(new) if type(new) is str else encoded(new, _ENCODE_SORTED)
            parts.append(f"{_STRING(name)}:[{old},{new}]")
    except TypeError:
        return _ENCODE_SORTED(changes)
    return "{" + ",".join(parts) + "}"


@dataclass(frozen=True)
class Identity:
    """Who appends entries and from where: the person, the database user, host and version."""

    actor: str = ""
    database_user: str = ""
    host: str = ""
    program_version: str = ""


def field_label(name: str) -> str:
    """A column name as a person reads it: family_name → "Family name", country_id → "Country"."""
    words = name.removesuffix("_id").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else name
