"""Keyset paging: `WHERE (sort_key, id) > (?, ?) LIMIT n`, never OFFSET."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, literal, tuple_
from sqlalchemy.orm import QueryableAttribute

DEFAULT_PAGE_SIZE = 200
MAX_PAGE_SIZE = 2_000


@dataclass(frozen=True)
class Cursor:
    """Where the previous page ended: its last sort value and id."""

    sort_value: Any
    id: int


def keyset(
    statement: Select[Any],
    sort_column: ColumnElement[Any] | QueryableAttribute[Any],
    id_column: ColumnElement[Any] | QueryableAttribute[Any],
    *,
    descending: bool,
    after: Cursor | None,
    limit: int,
) -> Select[Any]:
    """Order by (sort, id) in one direction and start after the cursor."""
    if after is not None:
        key = tuple_(sort_column, id_column)
        # Typed binds: a raw datetime would reach SQLite in a different text format.
        bound = tuple_(
            literal(after.sort_value, sort_column.type), literal(after.id, id_column.type)
        )
        statement = statement.where(key < bound if descending else key > bound)
    if descending:
        statement = statement.order_by(sort_column.desc(), id_column.desc())
    else:
        statement = statement.order_by(sort_column.asc(), id_column.asc())
    return statement.limit(max(1, min(limit, MAX_PAGE_SIZE)))
