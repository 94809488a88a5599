"""A lazy table model over a service's `list(query)`: pages fetched as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from bilatdesk.services.kernel.listing import Cursor, ListQuery, Page

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The record id of a row, for opening and deleting it."""

AnyIndex = QModelIndex | QPersistentModelIndex
Fetcher = Callable[[ListQuery], Page[Any]]


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, how to show a row, and its SQL sort key if any."""

    header: str
    value: Callable[[Any], str]
    sort_key: str = ""
    tooltip: Callable[[Any], str] | None = None
    decoration: Callable[[Any], QColor | None] | None = None
    """A colour swatch before the text (classification levels)."""
    highlight: Callable[[Any], bool] | None = None
    """When true for a row, the cell is drawn bold in the attention colour (a near deadline)."""


def attention_colour() -> QColor:
    """An amber that reads on the palette's base: deep on light themes, pale on dark ones."""
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ffb74d" if dark else "#b34700")


def _highlight(column: Column, row: Any, role: int) -> QColor | QFont | None:
    """The bold attention look of a highlighted cell, for the font and foreground roles."""
    if column.highlight is None or not column.highlight(row):
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        return attention_colour()
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    return None


class PagedTableModel(QAbstractTableModel):
    """Rows loaded so far plus the cursor of the next page; sorting and filtering re-query."""

    loaded = Signal()
    """Emitted after a (re)query has fetched its first page."""

    def __init__(
        self,
        fetch: Fetcher,
        columns: Sequence[Column],
        *,
        page_size: int = 200,
        sort: str = "",
        descending: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._columns = tuple(columns)
        self._rows: list[Any] = []
        self._cursor: Cursor | None = None
        self._query = ListQuery(sort=sort, descending=descending, limit=page_size)
        self.requery()

    # -- the query ------------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    def requery(self) -> None:
        """Drop the loaded rows and fetch the first page of the current query."""
        page = self._fetch(replace(self._query, after=None))
        self.beginResetModel()
        self._rows = list(page.rows)
        self._cursor = page.next_cursor
        self.endResetModel()
        self.loaded.emit()

    def set_filter_text(self, text: str) -> None:
        if text.strip() != self._query.text:
            self._query = replace(self._query, text=text.strip())
            self.requery()

    def set_scope(self, country_id: int | None) -> None:
        if country_id != self._query.country_id:
            self._query = replace(self._query, country_id=country_id)
            self.requery()

    def row_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of_id(self, record_id: int) -> int:
        """The row showing a record among those loaded, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def record(self, row: int) -> Any:
        return self._rows[row]

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip or column.value)(row)
        if role == Qt.ItemDataRole.DecorationRole and column.decoration is not None:
            return column.decoration(row)
        if role == ID_ROLE:
            return row.id
        return _highlight(column, row, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._cursor is not None

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._cursor is None:
            return
        page = self._fetch(replace(self._query, after=self._cursor))
        self._cursor = page.next_cursor
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in SQL by the column's key; columns without one keep the current order."""
        if not 0 <= column < len(self._columns) or not self._columns[column].sort_key:
            return
        key = self._columns[column].sort_key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._query.sort, self._query.descending):
            return
        self._query = replace(self._query, sort=key, descending=descending)
        self.requery()

    def sort_column(self) -> int:
        """The column whose key the current query sorts by, or -1."""
        keys = [c.sort_key for c in self._columns]
        return keys.index(self._query.sort) if self._query.sort in keys else -1
