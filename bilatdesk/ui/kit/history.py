"""A record's History: its audit entries newest first, as every record form shows them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from bilatdesk.services.audit.service import HistoryRow
from bilatdesk.ui.kit.formatting import format_moment
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel


def history_columns() -> list[Column]:
    """What changed, when (the user's own zone) and who: "Family name: Müller → …"."""
    return [
        Column(tr("Change"), lambda row: row.summary(), tooltip=lambda row: row.describe()),
        Column(tr("When"), lambda row: format_moment(row.at)),
        Column(tr("Who"), lambda row: row.who, tooltip=lambda row: f"{row.host} · {row.hash}"),
    ]


class HistoryTable(QTableView):
    """The entries of one record, newest first, read only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = RowsModel(history_columns(), self)
        self.setModel(self.model_)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(140)

    def set_rows(self, rows: Iterable[HistoryRow]) -> None:
        """Show `rows` newest first, whatever order they come in."""
        self.model_.set_rows(sorted(rows, key=lambda row: row.id, reverse=True))

    def summaries(self) -> list[str]:
        """The Change column top to bottom (for tests and accessibility)."""
        model = self.model_
        return [str(model.data(model.index(row, 0))) for row in range(model.rowCount())]
