"""A sentence over an empty list saying why it is empty and what to do next."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QTableView


class EmptyNote(QObject):
    """Shows `sentence()` in the middle of the table while its model has no rows."""

    def __init__(self, table: QTableView, sentence: Callable[[], str]) -> None:
        super().__init__(table)
        self.table = table
        self.sentence = sentence
        self.label = QLabel(table.viewport())
        self.label.setObjectName("empty_note")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setEnabled(False)  # the palette's quiet colour
        self.label.hide()
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.update)
        table.viewport().installEventFilter(self)
        self.update()

    def text(self) -> str:
        """The sentence shown, or "" while the list has rows."""
        return self.label.text() if not self.label.isHidden() else ""

    def update(self, *_args: object) -> None:
        empty = self.table.model().rowCount() == 0
        if empty:
            self.label.setText(self.sentence())
            self._place()
        self.label.setVisible(empty)

    def _place(self) -> None:
        area = self.table.viewport().rect().adjusted(24, 24, -24, -24)
        self.label.setGeometry(area)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._place()
        return False
