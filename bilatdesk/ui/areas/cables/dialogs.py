"""Small questions the cable screens ask: who you are, who clears, dispatch, where to save.

Each has one classmethod seam (`ask`) that tests replace, so no test blocks on a modal box.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.cables.clearers import Clearer
from bilatdesk.ui.kit.settings import settings

IDENTITY_KEY = "identity/name"


class IdentityDialog:
    """Asks once for the name that drafts, clears and approves cables on this machine."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        """The name typed, or None when the user cancelled."""
        name, ok = QInputDialog.getText(
            parent,
            parent.tr("Your name") if parent else "Your name",
            parent.tr("The name recorded as drafter, clearer or approver of cables:")
            if parent
            else "Your name:",
            QLineEdit.EchoMode.Normal,
        )
        return name.strip() if ok and name.strip() else None


def stored_user_name() -> str | None:
    """The user's name if they have given it, without asking."""
    name = str(settings().value(IDENTITY_KEY, "") or "").strip()
    return name or None


def user_name(parent: QWidget | None) -> str | None:
    """The user's name from the settings, asked once on first use; None if they decline."""
    store = settings()
    name = str(store.value(IDENTITY_KEY, "") or "").strip()
    if name:
        return name
    asked = IdentityDialog.ask(parent)
    if asked:
        store.setValue(IDENTITY_KEY, asked)
        store.sync()
    return asked


class ClearersDialog(QDialog):
    """Who of our side must clear the cable, ticked from the register; none sends it to
    approval. What was ticked is offered again when a submit is refused."""

    def __init__(
        self, parent: QWidget | None, people: Sequence[Clearer], chosen: Sequence[int] = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Submit for clearance"))
        self.people = QListWidget()
        for person in people:
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = person.person_id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        note = QLabel(
            self.tr("Who must clear this cable? Tick none to send it straight to approval.")
            if people
            else self.tr(
                "No one of our side is in the register yet: people become clearers once "
                "they are recorded on our side of an engagement. Submit to send the cable "
                "straight to approval."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Submit"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.people)
        self.people.setVisible(bool(people))
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        """The ids of the people ticked, in the list's order."""
        items = (self.people.item(row) for row in range(self.people.count()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    @classmethod
    def ask(
        cls, parent: QWidget | None, people: Sequence[Clearer], chosen: Sequence[int] = ()
    ) -> list[int] | None:
        """The ids of the people ticked (possibly none), or None when the user cancelled."""
        dialog = cls(parent, people, chosen)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()


class ConfirmDispatchDialog:
    """The last question before a cable is numbered and frozen."""

    @classmethod
    def ask(cls, parent: QWidget | None, subject: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(box.tr("Dispatch cable"))
        box.setText(box.tr("Dispatch now? It can never change afterwards."))
        box.setInformativeText(
            box.tr(
                "“%1” will get the next serial of the post and today's date-time group."
            ).replace("%1", subject)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(box.tr("Dispatch"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes
