"""A short editable list of texts: the relationship statuses a post adds to the built-in ones."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.ui.kit.icons import icon


class StatusListEditor(QWidget):
    """Texts edited in place (F2 or a double-click), added, removed and put in order."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.list.setAccessibleName(self.tr("Relationship statuses added by the post"))
        # Four rows in view: posts add a few statuses, not dozens.
        self.list.setFixedHeight(self.list.fontMetrics().height() * 4 + 24)
        self.add_button = self._button("add_row", self.tr("Add a status"))
        self.remove_button = self._button("remove_row", self.tr("Remove the chosen status"))
        self.up_button = self._button("up", self.tr("Move up (the colour follows the place)"))
        self.down_button = self._button("down", self.tr("Move down"))
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

    def _button(self, icon_name: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(icon_name))
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button

    def values(self) -> tuple[str, ...]:
        return tuple(self.list.item(row).text() for row in range(self.list.count()))

    def set_values(self, values: Sequence[str]) -> None:
        self.list.clear()
        for value in values:
            self._append(value)
        self.changed.emit()

    def add(self, text: str = "") -> QListWidgetItem:
        """A new row, chosen and open for typing."""
        item = self._append(text)
        self.list.setCurrentItem(item)
        self.list.editItem(item)
        self.changed.emit()
        return item

    def _append(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)
        return item

    def _on_add_button_clicked(self) -> None:
        self.add()

    def _on_remove_button_clicked(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()
