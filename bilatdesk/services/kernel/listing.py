"""What every list screen asks for and gets back: a query and a keyset page of rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, Table, exists, select
from sqlalchemy.orm import QueryableAttribute, Session

from bilatdesk.store.paging import DEFAULT_PAGE_SIZE, Cursor, keyset
from bilatdesk.store.search import filter_clause

__all__ = [
    "Choice",
    "Cursor",
    "DeleteImpact",
    "ListQuery",
    "Page",
    "apply_filters",
    "fetch_page",
    "tag_clauses",
]

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class ListQuery:
    """Filter text, country scope, tags, sort column and direction, and where to continue.

    `tags` narrows to records carrying every one of the given tag ids.
    """

    text: str = ""
    country_id: int | None = None
    sort: str = ""
    descending: bool = False
    after: Cursor | None = None
    limit: int = DEFAULT_PAGE_SIZE
    tags: tuple[int, ...] = ()


@dataclass(frozen=True)
class Page(Generic[RowT]):
    """One page of rows and the cursor for the next one (None at the end)."""

    rows: tuple[RowT, ...]
    next_cursor: Cursor | None = None
    sort_columns: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Choice:
    """An id and the name to show for it, for pickers and the scope selector."""

    id: int
    name: str


@dataclass(frozen=True)
class DeleteImpact:
    """What deleting a record takes with it, or leaves unlinked, in plain words."""

    name: str
    consequences: tuple[str, ...]
    undoable: bool = False
    """The deletion can be undone, and the record is kept in the bin for a while."""


def apply_filters(
    session: Session, statement: Select[Any], table: Table, query: ListQuery
) -> Select[Any]:
    """The full-text filter and the tag filter of the query, if any."""
    clause = filter_clause(session, table, query.text)
    if clause is not None:
        statement = statement.where(clause)
    return statement.where(*tag_clauses(table, query.tags))


def tag_clauses(table: Table, tag_ids: Sequence[int]) -> list[ColumnElement[bool]]:
    """One EXISTS per tag, so a record must carry all of them (each probe uses the link's key)."""
    if not tag_ids:
        return []
    link = table.metadata.tables.get(f"{table.name}_tag")
    if link is None:
        raise ValueError(f"{table.name} records carry no tags")
    owner = link.c[f"{table.name}_id"]
    return [
        exists(select(owner).where(owner == table.c.id, link.c.tag_id == tag_id))
        for tag_id in dict.fromkeys(tag_ids)
    ]


def fetch_page(
    session: Session,
    statement: Select[Any],
    sort_column: ColumnElement[Any] | QueryableAttribute[Any],
    id_column: ColumnElement[Any] | QueryableAttribute[Any],
    query: ListQuery,
) -> tuple[Sequence[Any], Cursor | None]:
    """Run a keyset page; each result row carries `_sort` for the next cursor."""
    statement = statement.add_columns(sort_column.label("_sort"))
    statement = keyset(
        statement,
        sort_column,
        id_column,
        descending=query.descending,
        after=query.after,
        limit=query.limit + 1,
    )
    rows = session.execute(statement).all()
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    cursor = Cursor(rows[-1]._sort, rows[-1].id) if more and rows else None
    return rows, cursor
