"""The record table: rows chosen one at a time, read-only, one line each, no row numbers."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from bilatdesk.ui.kit.tables import row_table


def test_a_record_table_chooses_whole_rows_and_edits_nothing(qtbot: QtBot) -> None:
    """Whole rows, one at a time, no editing in place, no row numbers, shaded, unwrapped."""
    model = QStandardItemModel(2, 2)
    table = row_table(model)
    qtbot.addWidget(table)
    assert table.model() is model
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert table.verticalHeader().isHidden()
    assert table.alternatingRowColors() and not table.wordWrap()
