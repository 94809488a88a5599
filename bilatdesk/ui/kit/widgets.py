"""Field widgets the forms share: optional dates, id pickers, enum pickers, editable rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain import DEFAULT_SCHEME
from bilatdesk.domain.text import fold
from bilatdesk.services.kernel.listing import Choice
from bilatdesk.ui.kit.date_edits import DateEdit
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.texts import enum_text, tr

E = TypeVar("E", bound=StrEnum)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def long_text_edit(lines: int = 4) -> QPlainTextEdit:
    """A plain-text box so many lines high, where Tab moves on instead of typing a tab."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class OptionalDateEdit(QWidget):
    """A date that may be absent: a checkbox switches the date editor on."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled_box = QCheckBox()
        self.enabled_box.setToolTip(self.tr("Give a date"))
        self.date_edit = DateEdit()
        self.date_edit.setDate(QDate.currentDate())
        self.date_edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.date_edit)
        layout.addStretch(1)
        self.setFocusProxy(self.date_edit)
        self.enabled_box.toggled.connect(self._on_enabled_box_toggled)
        self.date_edit.dateChanged.connect(self.changed)

    def _on_enabled_box_toggled(self, on: bool) -> None:
        self.date_edit.setEnabled(on)
        self.changed.emit()

    def value(self) -> date | None:
        return from_qdate(self.date_edit.date()) if self.enabled_box.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.enabled_box.setChecked(value is not None)
        if value is not None:
            self.date_edit.setDate(to_qdate(value))


class ChoiceCombo(QComboBox):
    """Picks one record by id among `Choice`s, or none.

    `searchable` lets the clerk type to narrow a long list: any part of an entry's text
    matches, folded (case, accents) in any script; the text always ends as an entry's.
    """

    def __init__(
        self, none_text: str = "—", parent: QWidget | None = None, *, searchable: bool = False
    ) -> None:
        super().__init__(parent)
        self._none_text = none_text
        self.setMinimumContentsLength(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._matches: QStringListModel | None = None
        if searchable:
            self.setEditable(True)
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self._matches = QStringListModel(self)
            completer = QCompleter(self._matches, self)
            # The folding below already chose the entries: show all of them.
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            self.setCompleter(completer)
            completer.activated.connect(self._on_completer_activated)
            self._completer = completer
            line = self.lineEdit()
            assert line is not None  # editable: the combo has its line
            line.textEdited.connect(self._on_line_textEdited)
            line.editingFinished.connect(self._on_line_editingFinished)

    def set_choices(self, choices: Sequence[Choice], *, allow_none: bool = True) -> None:
        chosen = self.value()
        self.clear()
        if allow_none:
            self.addItem(self._none_text, None)
        for choice in choices:
            self.addItem(choice.name, choice.id)
        self.set_value(chosen)

    def value(self) -> int | None:
        data = self.currentData()
        return data if isinstance(data, int) else None

    def set_value(self, record_id: int | None) -> None:
        index = self.findData(record_id) if record_id is not None else 0
        self.setCurrentIndex(max(index, 0))

    def matches(self, text: str, limit: int = 50) -> list[str]:
        """The entries whose text holds `text`, folded, in list order."""
        wanted = fold(text.strip())
        found = []
        for index in range(self.count()):
            entry = self.itemText(index)
            if wanted in fold(entry):
                found.append(entry)
                if len(found) >= limit:
                    break
        return found

    def _on_line_textEdited(self, text: str) -> None:
        if self._matches is None or not text.strip():
            return
        self._matches.setStringList(self.matches(text))
        self._completer.complete()

    def _on_completer_activated(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)

    def _on_line_editingFinished(self) -> None:
        # Text that names no entry gives way to the entry still chosen.
        if self.findText(self.currentText(), Qt.MatchFlag.MatchExactly) < 0:
            self.setEditText(self.itemText(self.currentIndex()))


class EnumCombo(QComboBox, Generic[E]):
    """Picks a member of an enum, shown by its display text."""

    def __init__(self, enum: type[E], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enum = enum
        for member in enum:
            self.addItem(enum_text(member), member.value)

    def value(self) -> E:
        return self._enum(self.currentData())

    def set_value(self, member: E) -> None:
        self.setCurrentIndex(max(self.findData(member.value), 0))


class MarkingCombo(QComboBox):
    """A classification level chosen by hand: lowering it asks once, and Cancel keeps it.

    A marking lowered by accident under-classifies what prints; raising it needs no question.
    Only a choice made by the user asks (`activated`); `set_value` from code never does.
    """

    lowered = Signal(str, str)
    """A lowering the user confirmed: (the old code, the new code)."""

    def __init__(self, parent: QWidget | None = None, *, what: str = "") -> None:
        super().__init__(parent)
        self.what = what or tr("the marking")
        self._accepted = ""
        self.activated.connect(self._on_activated)

    def value(self) -> str:
        return str(self.currentData())

    def set_value(self, code: str) -> None:
        self.setCurrentIndex(max(self.findData(code), 0))
        self._accepted = self.value()

    def _on_activated(self, _index: int) -> None:
        from bilatdesk.ui.kit.messages import Confirm

        old, new = self._accepted or self.value(), self.value()
        if DEFAULT_SCHEME.rank(new) < DEFAULT_SCHEME.rank(old):
            question = (
                tr("Lower %1 from %2 to %3? What prints under it will carry the lower mark.")
                .replace("%1", self.what)
                .replace("%2", DEFAULT_SCHEME.level(old).name)
                .replace("%3", DEFAULT_SCHEME.level(new).name)
            )
            if not Confirm.ask(self, tr("Lower the marking"), question, tr("Lower it")):
                self.set_value(old)
                return
            self.lowered.emit(old, new)
        self._accepted = new


class ClassificationCombo(MarkingCombo):
    """The levels of the classification scheme, lowest first."""

    def __init__(self, parent: QWidget | None = None, *, what: str = "") -> None:
        super().__init__(parent, what=what)
        for level in DEFAULT_SCHEME.levels:
            self.addItem(f"{level.name} {level.portion_mark}", level.code)
        self._accepted = self.value()


RowT = TypeVar("RowT")


class RowEditor(QWidget, Generic[RowT]):
    """A small editable table built of widgets: one line per row, add and remove buttons.

    Rows stay few (posts held, participants), so plain widgets beat a model with delegates:
    every cell is a real editor that tests can fill like any other field.
    """

    changed = Signal()

    def __init__(
        self,
        headers: Sequence[str],
        make_row: Callable[[RowT | None], tuple[list[QWidget], Callable[[], RowT]]],
        stretch: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_row = make_row
        self._rows: list[tuple[list[QWidget], Callable[[], RowT]]] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        for column, header in enumerate(headers):
            label = QLabel(f"<b>{header}</b>")
            self._grid.addWidget(label, 0, column)
        for column, factor in enumerate(stretch):
            self._grid.setColumnStretch(column, factor)
        self.add_button = QPushButton(icon("add_row"), self.tr("Add row"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _on_add_button_clicked(self) -> None:
        self.add_row(None)
        self._rows[-1][0][0].setFocus()

    def add_row(self, initial: RowT | None) -> list[QWidget]:
        widgets, read = self._make_row(initial)
        remove = QToolButton()
        remove.setIcon(icon("remove_row"))
        remove.setToolTip(self.tr("Remove this row"))
        entry = (widgets, read)
        remove.clicked.connect(
            lambda: self.remove_row(next(i for i, e in enumerate(self._rows) if e is entry))
        )
        self._rows.append(entry)
        for widget in widgets:
            watch_widget(widget, self.changed.emit)
        grid_row = self._grid.rowCount()
        for column, widget in enumerate([*widgets, remove]):
            self._grid.addWidget(widget, grid_row, column)
        widgets.append(remove)
        self.changed.emit()
        return widgets

    def remove_row(self, index: int) -> None:
        widgets, _read = self._rows.pop(index)
        for widget in widgets:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.changed.emit()

    def row_widgets(self, index: int) -> list[QWidget]:
        return self._rows[index][0]

    def row_count(self) -> int:
        return len(self._rows)

    def values(self) -> list[RowT]:
        return [read() for _widgets, read in self._rows]

    def set_values(self, values: Sequence[RowT]) -> None:
        while self._rows:
            self.remove_row(0)
        for value in values:
            self.add_row(value)


def watch_widget(widget: QWidget, callback: Callable[[], Any]) -> None:
    """Call back on any user-visible change of a field widget (for "unsaved changes")."""
    for name in (
        "textChanged",
        "currentIndexChanged",
        "editTextChanged",
        "toggled",
        "dateChanged",
        "dateTimeChanged",
        "valueChanged",
        "changed",
    ):
        signal = getattr(widget, name, None)
        if signal is not None and hasattr(signal, "connect"):
            # Signals differ in arguments (text, index, bool, none); the callback wants none.
            signal.connect(lambda *_args: callback())
