"""A table model over rows already in hand (a record's history, its attachments)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from bilatdesk.services.kernel.listing import Page
from bilatdesk.ui.models.paged_model import ID_ROLE, AnyIndex, Column, PagedTableModel

Looks = Callable[[Any, int, int], Any]
"""(row, column, role) → what a role shows beyond the columns (a font, a colour, an
alignment, a whole row), or None to leave it to them."""


class RowsModel(PagedTableModel):
    """The paged model's columns and roles, fed one fixed page instead of a query.

    Rows need not be records: one without an `id` has no ID_ROLE. `looks`, when given, is
    asked first for every role of a cell.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        parent: QObject | None = None,
        *,
        looks: Looks | None = None,
    ) -> None:
        self._given: tuple[Any, ...] = ()
        self._looks = looks
        super().__init__(lambda _query: Page(self._given), columns, parent=parent)

    def set_rows(self, rows: Iterable[Any]) -> None:
        self._given = tuple(rows)
        self.requery()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        row = self.record(index.row())
        if self._looks is not None and (look := self._looks(row, index.column(), role)) is not None:
            return look
        if role == ID_ROLE:
            return getattr(row, "id", None)
        return super().data(index, role)
