"""The protocol fields of a person: each one blank for "use the default", and a letter preview."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.protocol import ProtocolBlock

Editor = QLineEdit | QPlainTextEdit | QComboBox


class DefaultField(QWidget):
    """A protocol field: the proposed default shows as placeholder; "Use default" empties it."""

    changed = Signal()

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.default_button = QToolButton()
        self.default_button.setText(self.tr("Use default"))
        self.default_button.setToolTip(
            self.tr("Clear this field so the proposed default (shown greyed) is used")
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(editor, 1)
        row.addWidget(self.default_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setFocusProxy(editor)
        if isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(self._on_edited)
        elif isinstance(editor, QComboBox):
            editor.editTextChanged.connect(self._on_edited)
        else:
            editor.textChanged.connect(self._on_edited)
        self.default_button.clicked.connect(self.use_default)
        self._on_edited()

    def value(self) -> str:
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        if isinstance(self.editor, QComboBox):
            return self.editor.currentText()
        return self.editor.text()

    def set_value(self, text: str) -> None:
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        elif isinstance(self.editor, QComboBox):
            self.editor.setCurrentIndex(-1)
            self.editor.setEditText(text)
        else:
            self.editor.setText(text)

    def set_proposed(self, text: str) -> None:
        """The default this field falls back to, shown greyed while the field is empty."""
        shown = text or self.tr("(no default)")
        if isinstance(self.editor, QComboBox):
            line = self.editor.lineEdit()
            if line is not None:
                line.setPlaceholderText(shown.replace("\n", " / "))
        elif isinstance(self.editor, QLineEdit):
            self.editor.setPlaceholderText(shown.replace("\n", " / "))
        else:
            self.editor.setPlaceholderText(shown)

    def placeholder(self) -> str:
        if isinstance(self.editor, QComboBox):
            line = self.editor.lineEdit()
            return line.placeholderText() if line is not None else ""
        return self.editor.placeholderText()

    def use_default(self) -> None:
        self.set_value("")
        self.editor.setFocus()

    def _on_edited(self, *_args: object) -> None:
        self.default_button.setEnabled(bool(self.value().strip()))
        self.changed.emit()


def rank_combo(ranks: Sequence[str]) -> QComboBox:
    """An editable combo over the diplomatic ranks: pick one or type another."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(ranks))
    combo.setCurrentIndex(-1)
    return combo


class LetterPreview(QFrame):
    """How a letter to the person opens and closes, drawn on the palette's base like paper."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def show_block(
        self, block: ProtocolBlock, *, organisation: str = "", address: str = ""
    ) -> None:
        """Addressee block, salutation, a line of body, the close; user text shown literally."""

        def lines(text: str) -> str:
            return "<br>".join(escape(line) for line in text.splitlines() if line.strip())

        addressee = [lines(block.addressee_line)]
        if organisation and organisation not in block.addressee_line:
            addressee.append(escape(organisation))
        if address.strip():
            addressee.append(lines(address))
        parts = [
            "<br>".join(part for part in addressee if part)
            or f"<i>{escape(self.tr('(no addressee)'))}</i>",
            escape(block.salutation) or f"<i>{escape(self.tr('(no salutation)'))}</i>",
            f"<span style='color: gray'>{escape(self.tr('I have the honour to …'))}</span>",
            escape(block.complimentary_close) or f"<i>{escape(self.tr('(no close)'))}</i>",
        ]
        facts = []
        if block.form_of_address:
            facts.append(
                escape(self.tr("Addressed in person as: %1").replace("%1", block.form_of_address))
            )
        if block.correspondence_language:
            facts.append(
                escape(self.tr("Write in: %1").replace("%1", block.correspondence_language))
            )
        body = "".join(f"<p>{part}</p>" for part in parts)
        if facts:
            body += f"<p style='color: gray'><small>{'<br>'.join(facts)}</small></p>"
        self.text.setText(body)

    def plain_text(self) -> str:
        """What the preview says, without markup (for tests and screen readers)."""
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(self.text.text())
        return document.toPlainText()
