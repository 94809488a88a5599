"""A sentence over an empty list saying why it is empty and what to do next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout


class EmptyNote(QLabel):
    """Shows `sentence()` in the middle of the table while its model has no rows.

    The label sits in a layout of the table's viewport, so it follows the viewport's size
    without an event filter (one on the viewport outlived it at exit and crashed the program).
    """

    def __init__(self, table: QTableView, sentence: Callable[[], str]) -> None:
        super().__init__(table.viewport())
        self.table = table
        self.sentence = sentence
        self.setObjectName("empty_note")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setEnabled(False)  # the palette's quiet colour
        self.hide()
        layout = QVBoxLayout(table.viewport())
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self)
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.refresh)
        self.refresh()

    def shown(self) -> str:
        """The sentence shown, or "" while the list has rows."""
        return self.text() if not self.isHidden() else ""

    def refresh(self, *_args: object) -> None:
        empty = self.table.model().rowCount() == 0
        if empty:
            self.setText(self.sentence())
        self.setVisible(empty)
