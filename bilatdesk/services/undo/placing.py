"""Rows put back where the database has moved on since they were captured.

A record comes back from the bin days after it was deleted, or by undo after other work.
Meanwhile SQLite may have given its number, or the numbers of the rows hanging from it, to
records made since (a new row takes the highest number plus one: delete the last draft, write
a new one, and the new one's paragraphs have the old one's numbers), the records it linked to
may be gone, and a draft it named may have been dispatched. The rows go back as the database
would hold them had the record never left: a taken number is replaced by a new one (and the
rows pointing at it follow), a row whose parent went is left out as its deletion would have
taken it, a link to a record gone is cleared, and nothing of a dispatched cable changes. A
record that cannot be without what is gone (a commitment without its engagement), or whose
name another record took meanwhile, is refused with a sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Connection, Table, select

from bilatdesk.domain import Base, CableStatus
from bilatdesk.domain.errors import ServiceError

if TYPE_CHECKING:
    from bilatdesk.services.undo.rows import Key, Link, Row, State

CHUNK = 500
"""Ids asked about in one query (SQLite allows 32,766 parameters; PostgreSQL 65,535)."""


class PlacingError(ServiceError):
    """The rows cannot go back; `reason` says why, for a sentence naming the record."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason[0].upper()}{reason[1:]}.")
        self.reason = reason


def _noun(table_name: str) -> str:
    return table_name.replace("_", " ")


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _single_key(t: Table) -> Column[Any] | None:
    """The table's one-column primary key, or None for a link table keyed by two."""
    columns = list(t.primary_key.columns)
    return columns[0] if len(columns) == 1 else None


class Placer:
    """Decides, row by row, how each captured row goes back (the caller writes them)."""

    def __init__(
        self, connection: Connection, target: State, current: State, roots: Iterable[Key]
    ) -> None:
        self._connection = connection
        self._target = target
        self._roots = set(roots)
        """(table, key) of the rows of the records being put back, never left out silently."""
        self.moved: dict[tuple[str, Key], Key] = {}
        """Rows put back under a new key because theirs was taken: (table, old key) -> new."""
        self._gone: set[tuple[str, Key]] = set()
        self._known: dict[str, set[Any]] = defaultdict(set)
        """Key values found in the database, by table (parents, and keys taken)."""
        self._taken: dict[str, set[Any]] = {}
        self._dispatched: set[Any] = set()
        self._missing = {
            name: {k: row for k, row in rows.items() if k not in current.rows.get(name, {})}
            for name, rows in target.rows.items()
        }
        self._new: dict[str, set[Any]] = defaultdict(set)
        """Key values given to rows put back under a new key, by table."""
        self._look_up(target.links)

    # -- what the database holds now ------------------------------------------------------
    def _look_up(self, links: list[Link]) -> None:
        """Ask once, by table, which parents exist and which keys are taken."""
        wanted: dict[Column[Any], set[Any]] = defaultdict(set)
        for name, rows in self._missing.items():
            t = _table(name)
            key_column = _single_key(t)
            if key_column is not None and rows:
                wanted[key_column].update(key[0] for key in rows)
            for row in rows.values():
                for column in t.columns:
                    for foreign in column.foreign_keys:
                        value = row.get(column.name)
                        if value is not None and not self._in_target(foreign.column, value):
                            wanted[foreign.column].add(value)
        for link in links:
            if link.table == "cable":
                wanted[_table("cable").c.id].add(link.key[0])
        for column, values in wanted.items():
            self._fetch(column, values)
        for name, rows in self._missing.items():
            key_column = _single_key(_table(name))
            if key_column is not None:
                self._taken[name] = {
                    key[0] for key in rows if key[0] in self._known[key_column.table.name]
                }

    def _fetch(self, column: Column[Any], values: set[Any]) -> None:
        t = column.table
        assert isinstance(t, Table)
        ordered = list(values)
        dispatched = t.name == "cable" and column.name == "id"
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            if dispatched:
                rows = self._connection.execute(
                    select(t.c.id, t.c.status).where(t.c.id.in_(chunk))
                ).all()
                self._known[t.name].update(r.id for r in rows)
                self._dispatched.update(r.id for r in rows if r.status == CableStatus.DISPATCHED)
            else:
                found = self._connection.execute(select(column).where(column.in_(chunk)))
                self._known[t.name].update(found.scalars())

    def _in_target(self, column: Column[Any], value: Any) -> bool:
        t = column.table
        assert isinstance(t, Table)
        return _single_key(t) is column and (value,) in self._target.rows.get(t.name, {})

    def _exists(self, column: Column[Any], value: Any) -> bool:
        t = column.table
        assert isinstance(t, Table)
        if value in self._new[t.name]:
            return True
        if (t.name, (value,)) in self._gone:
            return False
        return self._in_target(column, value) or value in self._known[t.name]

    def taken(self, name: str, key: Key) -> bool:
        """Whether the row's number went to a record made since (it goes back under a new one).

        The rows keeping their numbers go back first: a new number is the highest plus one,
        and must not be one that a row still to come holds.
        """
        return key[0] in self._taken.get(name, ()) if len(key) == 1 else False

    # -- row by row -----------------------------------------------------------------------
    def insertable(self, name: str, key: Key, row: Row) -> dict[str, Any] | None:
        """The values to insert for a row not in the database; None: it stays out."""
        t = _table(name)
        is_root = (name, key) in self._roots
        values = self.rewritten(t, row)
        for column in t.columns:
            value = values.get(column.name)
            for foreign in column.foreign_keys:
                if value is None:
                    break
                parent = foreign.column.table.name
                owned = foreign.ondelete == "CASCADE"
                if parent == "cable" and owned and value in self._dispatched:
                    self._gone.add((name, key))
                    return None  # a dispatched cable never changes: it gains no row
                if self._exists(foreign.column, value):
                    continue
                if foreign.ondelete == "SET NULL" or (
                    column.nullable and foreign.ondelete != "CASCADE"
                ):
                    values[column.name] = value = None  # as its parent's deletion left it
                    continue
                if is_root:
                    raise PlacingError(
                        f"the {_noun(parent)} it belongs to no longer exists; "
                        "restore that first if it is in the bin"
                    )
                self._gone.add((name, key))
                return None  # its parent's deletion took it: nothing to put back
        if is_root:
            self._check_unique(t, values)
        key_column = _single_key(t)
        if key_column is not None and self.taken(name, key):
            del values[key_column.name]  # the database gives it a new number
        return values

    def placed(self, name: str, key: Key, new_key: Key) -> None:
        """A row went back under `new_key`: the rows pointing at it follow."""
        self.moved[(name, key)] = new_key
        self._new[name].add(new_key[0])

    def rewritten(self, t: Table, row: Row) -> dict[str, Any]:
        """The row with its pointers to moved rows following them."""
        values = dict(row)
        if not self.moved:
            return values
        for column in t.columns:
            value = values.get(column.name)
            for foreign in column.foreign_keys:
                moved = self.moved.get((foreign.column.table.name, (value,)))
                if moved is not None:
                    values[column.name] = moved[0]
        if t.name == "attachment":  # names its owner by table and id, not by a foreign key
            moved = self.moved.get((values["owner_table"], (values["owner_id"],)))
            if moved is not None:
                values["owner_id"] = moved[0]
        return values

    def link_value(self, link: Link) -> tuple[bool, Any]:
        """(put it back, the value): a dispatched cable's links never change."""
        if link.table == "cable" and link.key[0] in self._dispatched:
            return False, None
        column = _table(link.table).c[link.column]
        for foreign in column.foreign_keys:
            parent = (foreign.column.table.name, (link.value,))
            if parent in self._gone:
                return False, None
            if parent in self.moved:
                return True, self.moved[parent][0]
        return True, link.value

    def _check_unique(self, t: Table, values: dict[str, Any]) -> None:
        """A name another record took meanwhile (a tag's) is refused, saying which."""
        for column in t.columns:
            if not column.unique or column.primary_key or column.name == "uid":
                continue
            value = values.get(column.name)
            if value is None:
                continue
            found = self._connection.execute(select(column).where(column == value)).first()
            if found is not None:
                raise PlacingError(
                    f"another {_noun(t.name)} has the {_noun(column.name)} “{value}” now; "
                    "rename that one first"
                )
