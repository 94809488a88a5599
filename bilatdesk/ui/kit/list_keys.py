"""The keyboard on a list page: Down from the filter into the rows, Enter opens, Esc goes back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTableView

from bilatdesk.ui.kit.teardown import while_alive

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ListKeys(QObject):
    """Watches the filter box and the table of one page; `open_current` opens the chosen row."""

    def __init__(
        self,
        filter_edit: QLineEdit,
        table: QTableView,
        open_current: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.filter_edit = filter_edit
        self.table = table
        self.open_current = open_current
        filter_edit.installEventFilter(self)
        table.installEventFilter(self)

    @while_alive
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if watched is self.filter_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            return self.into_rows()
        if watched is self.table:
            if key in _ENTER:
                self.open_current()
                return True
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and self._at_top()):
                self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return False

    def into_rows(self) -> bool:
        """Put the cursor on the rows, on the first one when none is chosen yet."""
        model = self.table.model()
        if model is None or model.rowCount() == 0:
            return False
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        return True

    def _at_top(self) -> bool:
        current = self.table.currentIndex()
        return not current.isValid() or current.row() == 0
