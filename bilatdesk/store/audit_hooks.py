"""Recording every ORM change of a write session in the audit chain, in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import LargeBinary, event, inspect
from sqlalchemy.orm import ColumnProperty, Mapper, RelationshipProperty, Session, sessionmaker
from sqlalchemy.orm.attributes import History

from bilatdesk.domain.audit import AuditAction, AuditEntry, Identity
from bilatdesk.domain.document import GeneratedDocument
from bilatdesk.store.audit import Pending, append

# Columns the program derives or keeps for itself: a change to them is no change of a person's.
DERIVED = frozenset(
    {"id", "uid", "search_text", "sort_name", "created_at", "updated_at", "version"}
)
# Session.info key: a source naming the file of an import, or the like, for this session's entries.
SOURCE_KEY = "audit_source"


def plain(value: Any) -> Any:
    """A value as the trail keeps it: JSON's own types, bytes as their size, never the bytes."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return f"({len(value):,} bytes)"
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return str(value)


def _label_of(record: Any) -> str:
    """A related record in a changed collection (a tag, a named person) by its name."""
    for name in ("name", "display_name", "title"):
        value = inspect(record).dict.get(name)
        if isinstance(value, str) and value:
            return value
    return f"#{inspect(record).identity[0] if inspect(record).identity else '?'}"


def _column_value(prop: ColumnProperty[Any], value: Any) -> Any:
    if isinstance(prop.columns[0].type, LargeBinary):
        return None if value is None else f"({len(value):,} bytes)"
    return plain(value)


def _key(record: Any, mapper: Mapper[Any]) -> tuple[int | None, str]:
    state = inspect(record)
    identity = state.identity or ()
    record_id = state.dict.get("id")
    if not isinstance(record_id, int):
        record_id = None
    uid = state.dict.get("uid")
    if uid is not None:
        return record_id, str(uid)
    if record_id is None and identity:
        return None, "/".join(str(part) for part in identity)  # a key that is not an id
    return record_id, ""


def _created(record: Any, mapper: Mapper[Any]) -> dict[str, Any]:
    state = inspect(record)
    changes: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        if prop.key in DERIVED:
            continue
        value = _column_value(prop, state.dict.get(prop.key))
        if value not in (None, ""):
            changes[prop.key] = [None, value]
    for rel in _collections(mapper):
        history = state.attrs[rel.key].history
        if history.added:
            changes[rel.key] = [None, sorted(_label_of(r) for r in history.added)]
    return changes


def _updated(record: Any, mapper: Mapper[Any]) -> dict[str, Any]:
    state = inspect(record)
    changes: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        if prop.key in DERIVED:
            continue
        history: History = state.attrs[prop.key].history
        if not history.added and not history.deleted:
            continue
        old = _column_value(prop, history.deleted[0]) if history.deleted else None
        new = _column_value(prop, history.added[0]) if history.added else None
        if old != new:
            changes[prop.key] = [old, new]
    for rel in _collections(mapper):
        history = state.attrs[rel.key].history
        if history.added or history.deleted:
            kept = [_label_of(r) for r in history.unchanged]
            old_labels = sorted(kept + [_label_of(r) for r in history.deleted])
            new_labels = sorted(kept + [_label_of(r) for r in history.added])
            if old_labels != new_labels:
                changes[rel.key] = [old_labels, new_labels]
    return changes


def _deleted(record: Any, mapper: Mapper[Any]) -> dict[str, Any]:
    """What was known of a deleted record (never loading more: its row is gone)."""
    state = inspect(record)
    changes: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        if prop.key in DERIVED or prop.key not in state.dict:
            continue
        value = _column_value(prop, state.dict[prop.key])
        if value not in (None, ""):
            changes[prop.key] = [value, None]
    return changes


def _collections(mapper: Mapper[Any]) -> list[RelationshipProperty[Any]]:
    """Many-to-many links (tags, named people): changes of the record that owns them."""
    return [rel for rel in mapper.relationships if rel.secondary is not None and not rel.viewonly]


def pending_entries(session: Session) -> list[Pending]:
    """One entry per record the flush creates, changes or deletes, in a stable order."""
    source = str(session.info.get(SOURCE_KEY, ""))
    entries: list[tuple[int, str, int, Pending]] = []
    for order, (records, make) in enumerate(
        ((session.new, _created), (session.dirty, _updated), (session.deleted, _deleted))
    ):
        for record in records:
            if isinstance(record, AuditEntry):
                continue
            mapper = inspect(record).mapper
            changes = make(record, mapper)
            if order == 1 and not changes:
                continue  # touched, not changed (a derived column, an unchanged value)
            action = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)[order]
            if order == 0 and isinstance(record, GeneratedDocument):
                action = AuditAction.DOCUMENT
            elif order == 1 and "status" in changes:
                action = AuditAction.STATUS
            record_id, uid = _key(record, mapper)
            kind = mapper.local_table.name  # type: ignore[attr-defined]
            pending = Pending(action.value, kind, record_id, uid, changes, source)
            entries.append((order, kind, record_id or 0, pending))
    entries.sort(key=lambda item: item[:3])
    return [item[3] for item in entries]


def install(maker: sessionmaker[Session], identity: Callable[[], Identity]) -> None:
    """Record every flush of the sessions `maker` makes, on the flush's own connection."""

    @event.listens_for(maker, "after_flush")
    def _after_flush(session: Session, _context: Any) -> None:
        # After the flush the new records have their ids, and until the flush ends the
        # session still holds what was new, changed and deleted, with each field's history.
        entries = pending_entries(session)
        if entries:
            append(session.connection(), identity(), entries)
