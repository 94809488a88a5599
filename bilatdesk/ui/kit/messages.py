"""Confirmation and error dialogs: one seam each, so tests never block on a modal box."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from bilatdesk.services.kernel.listing import DeleteImpact


class ConfirmDeleteDialog(QMessageBox):
    """Asks before deleting, naming the record and what goes with it."""

    def __init__(self, parent: QWidget | None, impact: DeleteImpact) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Delete record"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(self.tr("Delete <b>%1</b>?").replace("%1", escape(impact.name)))
        if impact.undoable:
            lines = [
                self.tr(
                    "Edit ▸ Undo brings it back, and Tools ▸ Recently deleted keeps it for 30 days."
                )
            ]
        else:
            lines = [self.tr("This cannot be undone.")]
        if impact.consequences:
            lines.append(self.tr("With it:"))
            lines.extend(f"• {c}" for c in impact.consequences)
        self.setInformativeText("<br>".join(escape(line) for line in lines))
        self.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        self.button(QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        self.setDefaultButton(QMessageBox.StandardButton.Cancel)

    @classmethod
    def ask(cls, parent: QWidget | None, impact: DeleteImpact) -> bool:
        """True when the user confirms the deletion."""
        return cls(parent, impact).exec() == QMessageBox.StandardButton.Yes


class ErrorBox:
    """A refusal or failure told as a sentence; never a traceback."""

    @classmethod
    def show(cls, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.warning(parent, title, message)


class UnsavedChangesDialog:
    """Save, Discard or Cancel when a form with changes is closing."""

    SAVE, DISCARD, CANCEL = "save", "discard", "cancel"

    @classmethod
    def ask(cls, parent: QWidget | None) -> str:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(box.tr("Unsaved changes"))
        box.setText(box.tr("This record has changes that are not saved yet."))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return cls.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return cls.DISCARD
        return cls.CANCEL


class Confirm:
    """A question with one action and Cancel (e.g. before decrypting or restoring)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        """True when the user chose `action`."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText(action)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Ok


class Notice:
    """Something done, told in a sentence (e.g. where the current file was kept aside)."""

    @classmethod
    def show(cls, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.information(parent, title, message)
