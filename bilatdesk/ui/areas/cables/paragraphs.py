"""The body of a cable: paragraph rows with section, portion mark and text, in printed order."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain import DEFAULT_SCHEME
from bilatdesk.domain.cable import ParagraphSection
from bilatdesk.services.cables.records import ParagraphInput
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.kit.widgets import EnumCombo, MarkingCombo


class ParagraphText(QPlainTextEdit):
    """A paragraph's text that grows with what is typed, so the body reads as one page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().documentLayout().documentSizeChanged.connect(self._on_document_resized)
        self._fit()

    def _on_document_resized(self, *_args: object) -> None:
        self._fit()

    def _fit(self) -> None:
        lines = max(int(self.document().documentLayout().documentSize().height()), 3)
        height = QFontMetrics(self.font()).lineSpacing() * min(lines, 30)
        self.setFixedHeight(height + 2 * self.frameWidth() + 10)

    def sizeHint(self) -> QSize:
        return QSize(400, self.height())


class PortionCombo(MarkingCombo):
    """A portion mark: (U), (R), (C) ... with the level's name in the tooltip; lowering it by
    hand asks once (MarkingCombo)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, what=tr("this paragraph's portion mark"))
        for level in DEFAULT_SCHEME.levels:
            self.addItem(level.portion_mark, level.code)
            self.setItemData(self.count() - 1, level.name, Qt.ItemDataRole.ToolTipRole)
        self._accepted = self.value()


class ParagraphRow(QWidget):
    """One paragraph: its printed number, section, portion mark, text and move buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QLabel()
        self.number.setMinimumWidth(24)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.section = EnumCombo(ParagraphSection)
        self.section.setToolTip(
            self.tr("Section: summary and comment print with their “End summary.” / “End comment.”")
        )
        self.portion = PortionCombo()
        self.portion.setToolTip(self.tr("Portion mark of this paragraph"))
        self.text = ParagraphText()
        self.up_button = self._tool("up", self.tr("Move up"))
        self.down_button = self._tool("down", self.tr("Move down"))
        self.remove_button = self._tool("remove_row", self.tr("Remove this paragraph"))
        side = QVBoxLayout()
        side.setSpacing(2)
        side.addWidget(self.section)
        side.addWidget(self.portion)
        moves = QHBoxLayout()
        moves.setSpacing(2)
        for button in (self.up_button, self.down_button, self.remove_button):
            moves.addWidget(button)
        side.addLayout(moves)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.number)
        layout.addLayout(side)
        layout.addWidget(self.text, 1)

    @staticmethod
    def _tool(name: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(name))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def value(self) -> ParagraphInput:
        return ParagraphInput(self.text.toPlainText(), self.portion.value(), self.section.value())

    def set_value(self, paragraph: ParagraphInput) -> None:
        self.text.setPlainText(paragraph.text)
        self.portion.set_value(paragraph.portion)
        self.section.set_value(paragraph.section)


class ParagraphsEditor(QWidget):
    """The list of paragraph rows; numbered as printed (a single paragraph is not numbered)."""

    changed = Signal()
    """Any edit: text, portion, section, order, a row added or removed."""
    portions_changed = Signal()
    """A portion mark changed, or a row carrying one came or went (the marking rule)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ParagraphRow] = []
        self._list = QVBoxLayout()
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(4)
        self.add_button = QPushButton(icon("add_row"), self.tr("Add paragraph"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._list)
        layout.addLayout(buttons)

    # -- values ---------------------------------------------------------------------------
    def values(self) -> tuple[ParagraphInput, ...]:
        return tuple(row.value() for row in self.rows)

    def portions(self) -> list[str]:
        return [row.portion.value() for row in self.rows]

    def set_values(self, paragraphs: tuple[ParagraphInput, ...]) -> None:
        self.blockSignals(True)
        while self.rows:
            self._remove(self.rows[-1])
        for paragraph in paragraphs:
            self.add_row(paragraph)
        self.blockSignals(False)
        self._renumber()

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setVisible(not read_only)
        for row in self.rows:
            row.text.setReadOnly(read_only)
            for widget in (
                row.section,
                row.portion,
                row.up_button,
                row.down_button,
                row.remove_button,
            ):
                widget.setEnabled(not read_only)

    # -- rows -----------------------------------------------------------------------------
    def add_row(
        self, paragraph: ParagraphInput | None = None, at: int | None = None
    ) -> ParagraphRow:
        row = ParagraphRow()
        if paragraph is not None:
            row.set_value(paragraph)
        at = len(self.rows) if at is None else at
        self.rows.insert(at, row)
        self._list.insertWidget(at, row)
        row.text.textChanged.connect(self.changed)
        row.section.currentIndexChanged.connect(self._on_row_section_changed)
        row.portion.currentIndexChanged.connect(self._on_row_portion_changed)
        row.up_button.clicked.connect(lambda: self.move_row(row, -1))
        row.down_button.clicked.connect(lambda: self.move_row(row, +1))
        row.remove_button.clicked.connect(lambda: self.remove(row))
        self._renumber()
        self.changed.emit()
        self.portions_changed.emit()
        return row

    def remove(self, row: ParagraphRow) -> None:
        self._remove(row)
        self._renumber()
        self.changed.emit()
        self.portions_changed.emit()

    def move_row(self, row: ParagraphRow, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        self.rows.insert(target, self.rows.pop(index))
        self._list.removeWidget(row)
        self._list.insertWidget(target, row)
        self._renumber()
        row.text.setFocus()
        self.changed.emit()

    def _remove(self, row: ParagraphRow) -> None:
        self.rows.remove(row)
        self._list.removeWidget(row)
        row.deleteLater()

    def _renumber(self) -> None:
        numbered = len(self.rows) > 1
        for number, row in enumerate(self.rows, start=1):
            row.number.setText(f"{number}." if numbered else "")
            row.up_button.setEnabled(number > 1 and row.portion.isEnabled())
            row.down_button.setEnabled(number < len(self.rows) and row.portion.isEnabled())

    # -- slots ----------------------------------------------------------------------------
    def _on_add_button_clicked(self) -> None:
        # A new paragraph starts at the last one's mark: reporting usually keeps its level.
        last = self.rows[-1].value() if self.rows else None
        row = self.add_row(ParagraphInput("", last.portion if last else "U"))
        row.text.setFocus()

    def _on_row_section_changed(self, _index: int) -> None:
        self.changed.emit()

    def _on_row_portion_changed(self, _index: int) -> None:
        self.changed.emit()
        self.portions_changed.emit()
