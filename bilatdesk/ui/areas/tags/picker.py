"""A record's tags as removable chips, with a completing line to add more from the vocabulary."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.text import fold
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.services.kernel.listing import Choice
from bilatdesk.ui.kit.field_errors import error_colour


class FlowLayout(QLayout):
    """Children left to right, wrapping to the next line when the width runs out (chips)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class TagChip(QFrame):
    """One chosen tag: its name and a small button that removes it."""

    remove_requested = Signal(int)

    def __init__(self, choice: Choice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.setObjectName("tag_chip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Tag names are user text: shown literally, never as markup.
        label = QLabel(choice.name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setMaximumWidth(260)
        self.remove_button = QToolButton()
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove the tag '%1'").replace("%1", choice.name))
        self.remove_button.setAccessibleName(self.remove_button.toolTip())
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(label)
        row.addWidget(self.remove_button)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(choice.id))


class _TagLine(QLineEdit):
    """The adding line: Return adds what is typed and never presses the dialog's Save button."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class TagPicker(QWidget):
    """Chosen tags as chips plus a line completing over the vocabulary.

    Typing a name the vocabulary lacks offers to add it; with `create` given, the offer calls
    it (an immediate write to the shared vocabulary) and chooses the new tag.
    """

    changed = Signal()

    def __init__(
        self,
        create: Callable[[str], Choice] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._create = create
        self._choices: list[Choice] = []
        self._chosen: list[int] = []
        self.chips = QWidget()
        self.chips.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._flow = FlowLayout(self.chips)
        self.line = _TagLine()
        self.line.setPlaceholderText(self.tr("Add a tag…"))
        self._names = QStringListModel(self)
        self._completer = QCompleter(self._names, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(self._completer)
        self.offer = QPushButton()
        self.offer.setFlat(True)
        self.offer.setStyleSheet("text-align: left;")
        self.offer.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.chips)
        layout.addWidget(self.line)
        layout.addWidget(self.offer)
        layout.addWidget(self.error)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self._on_line_textChanged)
        self.line.submitted.connect(self._on_line_submitted)
        # The [str] overload of an overloaded signal: PySide6's stubs give SignalInstance no
        # __getitem__, though the selector exists at runtime.
        self._completer.activated[str].connect(  # type: ignore[index]
            self._on_completer_activated
        )
        self.offer.clicked.connect(self._on_offer_clicked)
        self._rebuild()

    # -- API ------------------------------------------------------------------------------
    def set_choices(self, choices: Sequence[Choice]) -> None:
        """The vocabulary to pick from; chosen ids no longer in it are dropped."""
        self._choices = list(choices)
        known = {c.id for c in self._choices}
        kept = [i for i in self._chosen if i in known]
        dropped = kept != self._chosen
        self._chosen = kept
        self._rebuild()
        if dropped:
            self.changed.emit()

    def set_selected(self, ids: Sequence[int]) -> None:
        known = {c.id for c in self._choices}
        self._chosen = [i for i in dict.fromkeys(ids) if i in known]
        self._rebuild()

    def selected(self) -> tuple[int, ...]:
        return tuple(self._chosen)

    def selected_names(self) -> tuple[str, ...]:
        names = {c.id: c.name for c in self._choices}
        return tuple(names[i] for i in self._chosen)

    def add_by_name(self, text: str) -> bool:
        """Choose the tag of that name (case- and accent-blind); False when there is none."""
        match = self._match(text)
        if match is None:
            return False
        self._choose(match.id)
        return True

    def remove(self, tag_id: int) -> None:
        if tag_id in self._chosen:
            self._chosen.remove(tag_id)
            self._rebuild()
            self.changed.emit()

    # -- inside ---------------------------------------------------------------------------
    def _match(self, text: str) -> Choice | None:
        key = fold(" ".join(text.split()))
        if not key:
            return None
        return next((c for c in self._choices if fold(c.name) == key), None)

    def _choose(self, tag_id: int) -> None:
        self.line.clear()
        if tag_id not in self._chosen:
            self._chosen.append(tag_id)
            self._rebuild()
            self.changed.emit()

    def _rebuild(self) -> None:
        while self._flow.count():
            item = self._flow.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        names = {c.id: c for c in self._choices}
        for tag_id in self._chosen:
            chip = TagChip(names[tag_id], self.chips)
            chip.remove_requested.connect(self.remove)
            self._flow.addWidget(chip)
            chip.show()
        self.chips.setVisible(bool(self._chosen))
        chosen = set(self._chosen)
        self._names.setStringList([c.name for c in self._choices if c.id not in chosen])
        self.chips.updateGeometry()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setStyleSheet(f"color: {error_colour(self)};")
        self.error.setVisible(bool(message))

    # -- slots ----------------------------------------------------------------------------
    def _on_line_textChanged(self, text: str) -> None:
        self._show_error("")
        name = " ".join(text.split())
        new = bool(name) and self._match(name) is None and self._create is not None
        if new:
            self.offer.setText(self.tr("Add tag '%1' to the vocabulary").replace("%1", name))
        self.offer.setVisible(new)

    def _on_line_submitted(self) -> None:
        text = self.line.text()
        if not text.strip():
            return
        if not self.add_by_name(text) and self._create is not None:
            self._on_offer_clicked()

    def _on_completer_activated(self, text: str) -> None:
        self.add_by_name(text)

    def _on_offer_clicked(self) -> None:
        name = " ".join(self.line.text().split())
        if not name or self._create is None:
            return
        existing = self._match(name)
        if existing is not None:
            self._choose(existing.id)
            return
        try:
            made = self._create(name)
        except ValidationError as exc:
            self._show_error(" ".join(exc.errors.values()))
            return
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        self._choices.append(made)
        self._choices.sort(key=lambda c: fold(c.name))
        self.offer.hide()
        self._choose(made.id)
