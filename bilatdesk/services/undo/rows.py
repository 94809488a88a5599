"""Records as rows: a record with its dependent rows and links captured as data, and put back.

A snapshot holds the record's own row, every row that depends on it (those its deletion
cascades to: contact points, participants, tag links, status changes, ...) and the rows of
other records that point at it and would lose the link (a person's organisation). Putting a
snapshot back writes only the rows that differ, so unchanged rows (a dispatched cable's frozen
recipients) are never touched.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    LargeBinary,
    Numeric,
    Table,
    Time,
    TypeDecorator,
    Uuid,
    and_,
    bindparam,
    delete,
    insert,
    select,
    update,
)

from bilatdesk.domain import Base
from bilatdesk.services.undo.placing import Placer

Row = dict[str, Any]
Key = tuple[Any, ...]


@dataclass(frozen=True)
class Root:
    """A record by its table and id: the thing a step changes."""

    kind: str
    record_id: int


@dataclass(frozen=True)
class Link:
    """A row of another record pointing at a root, cut (set to null) if the root goes."""

    table: str
    key: Key
    column: str
    value: Any


@dataclass
class State:
    """Roots as they are at one moment: rows by table, the links to them, each root's version."""

    rows: dict[str, dict[Key, Row]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    versions: dict[Root, int | None] = field(default_factory=dict)

    def root_row(self, root: Root) -> Row | None:
        return self.rows.get(root.kind, {}).get((root.record_id,))


# -- the schema as a graph --------------------------------------------------------------------
def table(name: str) -> Table:
    return Base.metadata.tables[name]


@cache
def _order() -> dict[str, int]:
    """Parents before children, as the tables must be written."""
    return {t.name: number for number, t in enumerate(Base.metadata.sorted_tables)}


@cache
def _pointing_at(name: str) -> tuple[tuple[ForeignKey, bool], ...]:
    """Foreign keys of other rows to `name`'s id: (key, cascades on delete)."""
    found = []
    for other in Base.metadata.sorted_tables:
        for key in other.foreign_keys:
            if key.column.table.name == name and key.ondelete in ("CASCADE", "SET NULL"):
                found.append((key, key.ondelete == "CASCADE"))
    return tuple(found)


def _key_of(t: Table, row: Row) -> Key:
    return tuple(row[c.name] for c in t.primary_key.columns)


def _where_key(t: Table, key: Key) -> Any:
    return and_(*(c == v for c, v in zip(t.primary_key.columns, key, strict=True)))


# -- capture ----------------------------------------------------------------------------------
def capture(connection: Connection, roots: Sequence[Root]) -> State:
    """The roots now, each with its dependent rows (recursively) and the links to it."""
    state = State()
    for root in roots:
        row = _gather(connection, state, table(root.kind), (root.record_id,))
        if row is not None:
            _gather_owned(connection, state, root)
        version = row.get("version") if row is not None else None
        state.versions[root] = version if isinstance(version, int) or version is None else None
    return state


def _gather(
    connection: Connection, state: State, t: Table, key: Key, found: Row | None = None
) -> Row | None:
    """The row (`found` when already read) and, recursively, what hangs from it."""
    held = state.rows.setdefault(t.name, {})
    if key in held:
        return held[key]
    if found is None:
        read = connection.execute(select(t).where(_where_key(t, key))).mappings().first()
        if read is None:
            return None
        found = dict(read)
    row = found
    held[key] = row
    if len(key) != 1:
        return row  # a link row (two keys): nothing hangs from it
    for foreign, cascades in _pointing_at(t.name):
        child = foreign.parent.table
        assert isinstance(child, Table)
        column = foreign.parent
        hits = connection.execute(select(child).where(column == key[0])).mappings().all()
        for hit in hits:
            child_row = dict(hit)
            child_key = _key_of(child, child_row)
            if cascades:
                _gather(connection, state, child, child_key, child_row)
            else:
                state.links.append(Link(child.name, child_key, column.name, key[0]))
    return row


def _gather_owned(connection: Connection, state: State, root: Root) -> None:
    """Rows that name their owner by table and id, not by a foreign key (attached files)."""
    owned = table("attachment")
    hits = connection.execute(
        select(owned).where(owned.c.owner_table == root.kind, owned.c.owner_id == root.record_id)
    ).mappings()
    for hit in hits:
        row = dict(hit)
        _gather(connection, state, owned, _key_of(owned, row), row)


def own(state: State, root: Root) -> State:
    """One root's part of a state captured over several: its row, the rows hanging from it
    (its attached files too), the links to any of them, and its version."""
    mine = State(versions={root: state.versions.get(root)})

    def take(name: str, key: Key) -> None:
        row = state.rows.get(name, {}).get(key)
        held = mine.rows.setdefault(name, {})
        if row is None or key in held:
            return
        held[key] = row
        if len(key) != 1:
            return
        for foreign, cascades in _pointing_at(name):
            child = foreign.parent.table
            if not cascades or child.name not in state.rows:
                continue
            for child_key, child_row in state.rows[child.name].items():
                if child_row.get(foreign.parent.name) == key[0]:
                    take(child.name, child_key)

    take(root.kind, (root.record_id,))
    for key, row in state.rows.get("attachment", {}).items():
        if (row.get("owner_table"), row.get("owner_id")) == (root.kind, root.record_id):
            take("attachment", key)
    mine.links = [link for link in state.links if _link_target(link) in _keys(mine)]
    return mine


def _link_target(link: Link) -> tuple[str, Key]:
    """The (table, key) of the row a link points at."""
    column = table(link.table).c[link.column]
    foreign = next(iter(column.foreign_keys))
    return foreign.column.table.name, (link.value,)


def _keys(state: State) -> set[tuple[str, Key]]:
    return {(name, key) for name, rows in state.rows.items() for key in rows}


# -- put back ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Written:
    """What putting rows back wrote: the tables, and the rows that took new numbers."""

    tables: set[str]
    moved: dict[tuple[str, Key], Key]


def restore(connection: Connection, target: State, current: State) -> Written:
    """Write the rows so the roots are as in `target` again.

    Rows are added parents first, changed, then removed children first, so a row moved from
    one root to another (a merge) is updated in place and never deleted and added again. The
    database may have moved on since the rows were captured (services/undo/placing.py).
    """
    order = _order()
    names = sorted(set(target.rows) | set(current.rows), key=lambda n: order[n])
    roots = [(root.kind, (root.record_id,)) for root in target.versions]
    placer = Placer(connection, target, current, roots)
    written: set[str] = set()
    for name in names:
        written |= _add(connection, placer, name, target, current)
    for name in names:
        written |= _change(connection, placer, name, target, current)
    present_links = set(current.links)
    for link in target.links:
        if link in present_links:
            continue  # unchanged: a frozen row (a dispatched cable's) is never written
        back, value = placer.link_value(link)
        if back:
            t = table(link.table)
            where = _where_key(t, link.key)
            connection.execute(update(t).where(where).values(**{link.column: value}))
            written.add(link.table)
    for name in reversed(names):
        t = table(name)
        wanted = target.rows.get(name, {})
        extra = [key for key in current.rows.get(name, {}) if key not in wanted]
        if extra:
            # One statement for them all: a tag's 5,000 links went one by one in 0.5 s.
            keyed = delete(t).where(
                *(c == bindparam(f"key_{n}") for n, c in enumerate(t.primary_key.columns))
            )
            connection.execute(keyed, [{f"key_{n}": v for n, v in enumerate(key)} for key in extra])
            written.add(name)
    return Written(written, placer.moved)


def _add(
    connection: Connection, placer: Placer, name: str, target: State, current: State
) -> set[str]:
    """Insert the table's rows that are not there: those keeping their numbers first, in one
    statement (a tag's 5,000 links), then one by one those given new numbers."""
    t = table(name)
    now = current.rows.get(name, {})
    keeping: list[dict[str, Any]] = []
    renumbered: list[tuple[Key, dict[str, Any]]] = []
    for key, row in target.rows.get(name, {}).items():
        if key in now:
            continue
        values = placer.insertable(name, key, row)
        if values is None:
            continue
        if placer.taken(name, key):
            renumbered.append((key, values))
        else:
            keeping.append(values)
    if keeping:
        connection.execute(insert(t), keeping)
    for key, values in renumbered:
        result = connection.execute(insert(t).values(**values))
        placer.placed(name, key, tuple(result.inserted_primary_key or ()))
    return {name} if keeping or renumbered else set()


def _change(
    connection: Connection, placer: Placer, name: str, target: State, current: State
) -> set[str]:
    """Update the table's rows that are there but differ, only in what differs."""
    t = table(name)
    written: set[str] = set()
    now = current.rows.get(name, {})
    for key, row in target.rows.get(name, {}).items():
        present = now.get(key)
        if present is None or present == row:
            continue
        wanted = placer.rewritten(t, row)
        values = {k: v for k, v in wanted.items() if present.get(k) != v}
        if "version" in t.c:
            values["version"] = int(present.get("version") or 0) + 1  # open copies are stale
        connection.execute(update(t).where(_where_key(t, key)).values(**values))
        written.add(name)
    return written


# -- as JSON (the bin keeps a snapshot as text) -----------------------------------------------
def _plain(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


_READERS: tuple[tuple[type[Any], Callable[[Any], Any]], ...] = (
    (LargeBinary, base64.b64decode),
    (Uuid, uuid.UUID),
    (DateTime, datetime.fromisoformat),
    (Date, date.fromisoformat),
    (Time, time.fromisoformat),
)


def _typed(column: Column[Any], value: Any) -> Any:
    """A JSON value as its column's Python type again (what `_plain` made of it)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    for sort, read in _READERS:
        if isinstance(kind, sort):
            return read(value)
    if isinstance(kind, Numeric) and kind.asdecimal:
        return Decimal(value)
    return value


def dumps(state: State) -> str:
    """A state as JSON text: rows by table, links, and each root's version."""
    return json.dumps(
        {
            "rows": {
                name: [{k: _plain(v) for k, v in row.items()} for row in rows.values()]
                for name, rows in state.rows.items()
            },
            "links": [
                [link.table, [_plain(k) for k in link.key], link.column, link.value]
                for link in state.links
            ],
            "versions": [[r.kind, r.record_id, v] for r, v in state.versions.items()],
        },
        ensure_ascii=False,
    )


def loads(text: str) -> State:
    """The state `dumps` wrote, with each value of its column's type again."""
    data = json.loads(text)
    state = State()
    for name, rows in data["rows"].items():
        t = table(name)
        held = state.rows.setdefault(name, {})
        for raw in rows:
            row = {k: _typed(t.c[k], v) for k, v in raw.items()}
            held[_key_of(t, row)] = row
    for name, key, column, value in data["links"]:
        t = table(name)
        typed = tuple(_typed(c, v) for c, v in zip(t.primary_key.columns, key, strict=True))
        state.links.append(Link(name, typed, column, value))
    for kind, record_id, version in data["versions"]:
        state.versions[Root(kind, record_id)] = version
    return state


def tables_of(states: Iterable[State]) -> set[str]:
    """Every table any of the states holds rows of."""
    return {name for state in states for name, rows in state.rows.items() if rows}
