"""Recording every ORM change of a write session in the audit chain, in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
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
    if isinstance(value, Enum):  # first: a StrEnum is a str, and its value is plainer
        return plain(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return f"({len(value):,} bytes)"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return str(value)


def _label_of(record: Any) -> str:
    """A related record in a changed collection (a tag, a named person) by its name."""
    state = inspect(record)
    for name in ("name", "title"):
        value = state.dict.get(name)
        if isinstance(value, str) and value:
            return value
    shown = getattr(type(record), "display_name", None)
    if isinstance(shown, property):  # a person's name, made of columns already loaded
        return str(shown.fget(record)) if shown.fget is not None else ""
    return f"#{state.identity[0] if state.identity else '?'}"


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


PENDING_KEY = "audit_pending"
"""Session.info key: the entries of the transaction so far, one per record, appended at commit."""


# Records that are parts of another (a person's contact points, a cable's paragraphs): their
# changes are changes of the owner, named by the part's kind, its old and new lines listed.
PARTS: Mapping[str, tuple[str, str]] = {
    "contact_point": ("person_id", "person"),
    "membership": ("person_id", "person"),
    "country_status": ("country_id", "country"),
    "agreement_party": ("agreement_id", "agreement"),
    "agreement_status_change": ("agreement_id", "agreement"),
    "agreement_link": ("agreement_id", "agreement"),
    "participant": ("engagement_id", "engagement"),
    "visit_call_note": ("visit_id", "visit"),
    "cable_clearance": ("cable_id", "cable"),
    "cable_paragraph": ("cable_id", "cable"),
    "cable_reference": ("cable_id", "cable"),
}
PART_FIELDS = frozenset(PARTS)


def pending_entries(session: Session, context: Any = None) -> list[Pending]:
    """One entry per record the flush creates, changes or deletes, in a stable order."""
    source = str(session.info.get(SOURCE_KEY, ""))
    deleted = set(session.deleted)
    if context is not None:
        # Orphans (a contact point taken off its person) are deleted by the flush itself.
        deleted.update(
            state.obj()
            for state, (is_delete, list_only) in context.states.items()
            if is_delete and not list_only and state.obj() is not None
        )
    entries: list[tuple[int, str, int, Pending]] = []
    groups: tuple[tuple[Iterable[Any], Callable[[Any, Mapper[Any]], dict[str, Any]]], ...] = (
        (session.new, _created),
        (session.dirty, _updated),
        (deleted, _deleted),
    )
    for order, (records, make) in enumerate(groups):
        for record in records:
            if isinstance(record, AuditEntry) or (order == 1 and record in deleted):
                continue
            mapper = inspect(record).mapper
            changes = make(record, mapper)
            if order == 1 and not changes:
                continue  # touched, not changed (a derived column, an unchanged value)
            kind = str(mapper.local_table.name)
            if kind in PARTS:
                pending = _as_part(record, kind, order, changes, source)
                if pending is not None:
                    entries.append((1, pending.record_kind, pending.record_id or 0, pending))
                continue
            action = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)[order]
            if order == 0 and isinstance(record, GeneratedDocument):
                action = AuditAction.DOCUMENT
            record_id, uid = _key(record, mapper)
            pending = Pending(action.value, kind, record_id, uid, changes, source)
            entries.append((order, kind, record_id or 0, pending))
    entries.sort(key=lambda item: item[:3])
    return [item[3] for item in entries]


def _as_part(
    record: Any, kind: str, order: int, changes: dict[str, Any], source: str
) -> Pending | None:
    """A part's change as a change of its owner: {"contact_point": [old lines, new lines]}."""
    column, owner = PARTS[kind]
    state = inspect(record)
    owner_id = state.dict.get(column)
    if owner_id is None:
        history = state.attrs[column].history
        owner_id = history.deleted[0] if history.deleted else None
    if not isinstance(owner_id, int):
        return None
    # The owner is the entry's record, and a part's place in a list is no part of what it says.
    shown = {name: pair for name, pair in changes.items() if name not in {column, "position"}}
    old = _line(pair[0] for pair in shown.values())
    new = _line(pair[1] for pair in shown.values())
    pair = [[], [new]] if order == 0 else [[old], []] if order == 2 else [[old], [new]]
    return Pending(AuditAction.UPDATE.value, owner, owner_id, "", {kind: pair}, source)


def _line(values: Any) -> str:
    return ", ".join(str(value) for value in values if value not in (None, ""))


def note(session: Session, entries: list[Pending]) -> None:
    """Add entries to the transaction's, each record's changes merged into one entry: a save
    that flushes twice, or sets tags beside its fields, is still one change of the record."""
    gathered: dict[tuple[str, int | None, str], Pending] = session.info.setdefault(PENDING_KEY, {})
    for entry in entries:
        key = (
            entry.record_kind,
            entry.record_id,
            entry.record_uid if entry.record_id is None else "",
        )
        if not entry.record_kind or key not in gathered:
            gathered[key if entry.record_kind else (str(len(gathered)), None, "")] = entry
            continue
        gathered[key] = _merged(gathered[key], entry)


def _merged(first: Pending, then: Pending) -> Pending:
    if then.action == AuditAction.DELETE and first.action != AuditAction.DELETE:
        return replace(then, changes={**first.changes, **then.changes})
    changes = dict(first.changes)
    for name, (old, new) in then.changes.items():
        if name in PART_FIELDS and name in changes:
            changes[name] = _cancelled(changes[name][0] + old, changes[name][1] + new)
        else:
            before = changes[name][0] if name in changes else old
            changes[name] = [before, new]
    changes = {name: pair for name, pair in changes.items() if pair[0] != pair[1]}
    return Pending(
        first.action,
        first.record_kind,
        first.record_id,
        first.record_uid or then.record_uid,
        changes,
        first.source or then.source,
    )


def _cancelled(old: list[str], new: list[str]) -> list[list[str]]:
    """Lines both removed and added (a part written again unchanged) are no change."""
    remaining = list(new)
    kept_old = []
    for line in old:
        if line in remaining:
            remaining.remove(line)
        else:
            kept_old.append(line)
    return [sorted(kept_old), sorted(remaining)]


def take(session: Session) -> list[Pending]:
    """The transaction's entries, final (a status change named as such), and forgets them."""
    gathered: dict[Any, Pending] = session.info.pop(PENDING_KEY, {})
    entries = []
    for entry in gathered.values():
        if entry.action == AuditAction.UPDATE and not entry.changes:
            continue
        if entry.action == AuditAction.UPDATE and "status" in entry.changes:
            entries.append(replace(entry, action=AuditAction.STATUS.value))
            continue
        entries.append(entry)
    return entries


def install(
    maker: sessionmaker[Session],
    identity: Callable[[], Identity],
    enabled: Callable[[], bool] = lambda: True,
) -> None:
    """Record the changes of every transaction of the sessions `maker` makes, in it."""

    @event.listens_for(maker, "after_flush")
    def _after_flush(session: Session, _context: Any) -> None:
        if not enabled():
            return
        # After the flush the new records have their ids, and until the flush ends the
        # session still holds what was new, changed and deleted, with each field's history.
        note(session, pending_entries(session, _context))

    @event.listens_for(maker, "before_commit")
    def _before_commit(session: Session) -> None:
        if not enabled():
            return
        session.flush()  # the commit's own flush comes after this event
        entries = take(session)
        if entries:
            append(session.connection(), identity(), entries)

    @event.listens_for(maker, "after_rollback")
    def _after_rollback(session: Session) -> None:
        session.info.pop(PENDING_KEY, None)


def note_link_change(
    session: Session, kind: str, record_id: int, name: str, *, old: list[str], new: list[str]
) -> None:
    """A link table written directly (tags) as a change of the record that owns it."""
    source = str(session.info.get(SOURCE_KEY, ""))
    changes = {name: [old, new]}
    note(session, [Pending(AuditAction.UPDATE.value, kind, record_id, "", changes, source)])
