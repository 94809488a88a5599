"""Recording a clearance: the named clearer's own, or one given to someone else on their behalf."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.cable_workflow import ON_BEHALF, ClearanceManner, same_person

_MANNERS = {
    ClearanceManner.IN_PERSON: "in person",
    ClearanceManner.TELEPHONE: "by telephone",
    ClearanceManner.EMAIL: "by e-mail",
}


@dataclass(frozen=True)
class ClearChoice:
    """Whose clearance is recorded, how it was given, and the clearer's comment."""

    clearer: str
    manner: ClearanceManner
    comment: str


class ClearDialog(QDialog):
    """Asks whose clearance this is; for another's, how it was given."""

    def __init__(self, parent: QWidget | None, pending: Sequence[str], me: str) -> None:
        super().__init__(parent)
        self.me = me
        self.setWindowTitle(self.tr("Clear cable"))
        self.clearer = QComboBox()
        self.clearer.addItems(list(pending))
        mine = next((i for i, name in enumerate(pending) if same_person(name, me)), 0)
        self.clearer.setCurrentIndex(mine)
        self.manner = QComboBox()
        for manner in ON_BEHALF:
            self.manner.addItem(self.tr(_MANNERS[manner]), manner.value)
        self.manner.setCurrentIndex(ON_BEHALF.index(ClearanceManner.TELEPHONE))
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("What the clearer said, if anything"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Clearance of"), self.clearer)
        form.addRow(self.tr("Given"), self.manner)
        form.addRow(self.tr("Comment"), self.comment)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Clear"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.clearer.currentTextChanged.connect(self._on_clearer_current_text_changed)
        self._on_clearer_current_text_changed(self.clearer.currentText())

    def _on_clearer_current_text_changed(self, name: str) -> None:
        own = same_person(name, self.me)
        self.manner.setEnabled(not own)
        self.note.setText(
            self.tr("You clear this cable in your own name.")
            if own
            else self.tr("You record %1's clearance on their behalf, as %2.")
            .replace("%1", name)
            .replace("%2", self.me)
        )

    def choice(self) -> ClearChoice:
        name = self.clearer.currentText()
        manner = (
            ClearanceManner.SELF
            if same_person(name, self.me)
            else ClearanceManner(str(self.manner.currentData()))
        )
        return ClearChoice(name, manner, self.comment.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, pending: Sequence[str], me: str) -> ClearChoice | None:
        """The clearance to record, or None when the user cancelled."""
        dialog = cls(parent, pending, me)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()


def manner_text(manner: str) -> str:
    """How a clearance was given, as the header reads it ("" for the clearer's own)."""
    try:
        return _MANNERS.get(ClearanceManner(manner), "")
    except ValueError:
        return ""
