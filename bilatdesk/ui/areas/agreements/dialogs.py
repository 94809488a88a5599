"""Small questions the agreement screens ask: the next status, a country, files and folders.

Each has one classmethod seam (`ask`) that tests replace, so no test blocks on a modal box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain import AgreementStatus
from bilatdesk.services.kernel.listing import Choice
from bilatdesk.ui.kit.date_edits import DateEdit
from bilatdesk.ui.kit.texts import enum_text


@dataclass(frozen=True)
class StatusChange:
    """What the clerk chose in the Change status dialog."""

    status: AgreementStatus
    on: date
    note: str
    place: str = ""  # where it was signed, for a signature


class ChangeStatusDialog(QDialog):
    """Offers only the statuses the lifecycle allows next, with the day it happened and a note."""

    def __init__(
        self, parent: QWidget | None, current: AgreementStatus, allowed: Sequence[AgreementStatus]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change status"))
        self.status = QComboBox()
        for status in allowed:
            self.status.addItem(enum_text(status), status.value)
        self.on = DateEdit()
        self.on.setDate(QDate.currentDate())
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. signed by both ministers"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Place of signature (also given to the parties)"))
        intro = QLabel(self.tr("Now: <b>%1</b>").replace("%1", enum_text(current)))
        form = QFormLayout()
        form.addRow(self.tr("New status"), self.status)
        form.addRow(self.tr("On"), self.on)
        form.addRow(self.tr("At"), self.place)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(allowed))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def choice(self) -> StatusChange:
        d = self.on.date()
        return StatusChange(
            AgreementStatus(self.status.currentData()),
            date(d.year(), d.month(), d.day()),
            self.note.text(),
            self.place.text().strip(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, current: AgreementStatus, allowed: Sequence[AgreementStatus]
    ) -> StatusChange | None:
        """The change chosen, or None when the clerk cancelled."""
        dialog = cls(parent, current, allowed)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class OfferStatusChangeDialog:
    """Asks whether a date just typed (a party's signature, "in force since") should also be
    recorded as the status change it means, so history and dates stay one event."""

    @classmethod
    def ask(cls, parent: QWidget | None, status: AgreementStatus, on: date) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(box.tr("Record the status change?"))
        box.setText(
            box.tr("The dates say the agreement became “%1” on %2. Record that in its history?")
            .replace("%1", enum_text(status).lower())
            .replace("%2", f"{on.day} {on:%B %Y}")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(box.tr("Record"))
        box.button(QMessageBox.StandardButton.No).setText(box.tr("Not now"))
        return box.exec() == QMessageBox.StandardButton.Yes


class CountryChoiceDialog:
    """Which country's register to print, when no country is in scope."""

    @classmethod
    def ask(cls, parent: QWidget | None, choices: Sequence[Choice]) -> int | None:
        names = [c.name for c in choices]
        if not names:
            return None
        name, ok = QInputDialog.getItem(
            parent,
            parent.tr("Print register") if parent else "Print register",
            parent.tr("Agreements with which country?") if parent else "Country:",
            names,
            0,
            False,
        )
        return choices[names.index(name)].id if ok and name in names else None


class AttachmentFileDialog:
    """A file to attach (the text of an agreement, a scan, a note verbale)."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            parent.tr("Attach a file") if parent else "Attach a file",
            "",
            "Documents (*.pdf *.docx *.odt *.txt *.png *.jpg);;All files (*)",
        )
        return Path(path) if path else None


class ExportFolderDialog:
    """The folder an attachment is saved into."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> Path | None:
        folder = QFileDialog.getExistingDirectory(
            parent, parent.tr("Save attachment into") if parent else "Save attachment into"
        )
        return Path(folder) if folder else None


class ConfirmRemoveDialog:
    """Asks before an attached file is removed from its record."""

    @classmethod
    def ask(cls, parent: QWidget | None, file_name: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(box.tr("Remove attachment"))
        box.setText(box.tr("Remove “%1” from this agreement?").replace("%1", file_name))
        box.setInformativeText(box.tr("The stored copy is deleted; files saved elsewhere stay."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(box.tr("Remove"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes
