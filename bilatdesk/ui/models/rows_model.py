"""A table model over rows already in hand (a record's history, its attachments)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QObject

from bilatdesk.services.listing import Page
from bilatdesk.ui.models.paged_model import Column, PagedTableModel


class RowsModel(PagedTableModel):
    """The paged model's columns and roles, fed one fixed page instead of a query."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        self._given: tuple[Any, ...] = ()
        super().__init__(lambda _query: Page(self._given), columns, parent=parent)

    def set_rows(self, rows: Iterable[Any]) -> None:
        self._given = tuple(rows)
        self.requery()
