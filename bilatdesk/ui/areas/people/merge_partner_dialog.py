"""Ask which person to merge a record with: likely duplicates first, or anyone by name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.areas.people.picker import PersonPicker
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.texts import tr

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class MergePartnerDialog(QDialog):
    """A person picker, with the likely duplicates of the record listed to pick with one click."""

    def __init__(self, parent: QWidget | None, services: Services, person_id: int) -> None:
        super().__init__(parent)
        self.person_id = person_id
        name = services.people.get(person_id).display_name
        self.setWindowTitle(self.tr("Merge with…"))
        prompt = QLabel(self.tr("Merge the record of %1 with:").replace("%1", name))
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        prompt.setWordWrap(True)
        self.picker = PersonPicker(services.people.search_choices)
        self.picker.setPlaceholderText(self.tr("Type a name to find the other record"))
        self.likely = QListWidget()
        self.likely.setObjectName("likely_duplicates")
        for pair in services.duplicates.candidates_for(person_id):
            reasons = ", ".join(self.tr(reason) for reason in pair.reasons)
            item = QListWidgetItem(f"{pair.second_name} — {reasons}", self.likely)
            item.setData(ID_ROLE, pair.second_id)
            item.setData(NAME_ROLE, pair.second_name)
        self.likely_label = QLabel(self.tr("Likely the same person:"))
        if not self.likely.count():
            self.likely_label.setText(self.tr("No likely duplicates found; pick by name."))
            self.likely.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Compare…"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.likely.itemClicked.connect(self._on_likely_itemClicked)
        self.likely.itemDoubleClicked.connect(self._on_likely_itemDoubleClicked)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.picker)
        layout.addWidget(self.likely_label)
        layout.addWidget(self.likely, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(480, 360 if self.likely.count() else 160)

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, person_id: int) -> int | None:
        """The id of the person to merge with, or None."""
        try:
            dialog = cls(parent, services, person_id)
        except ServiceError as exc:
            ErrorBox.show(parent, tr("Cannot merge"), str(exc))
            return None
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def chosen(self) -> int | None:
        person_id, _name = self.picker.person()
        return person_id if person_id != self.person_id else None

    def _on_likely_itemClicked(self, item: QListWidgetItem) -> None:
        self.picker.set_person(int(item.data(ID_ROLE)), str(item.data(NAME_ROLE)))

    def _on_likely_itemDoubleClicked(self, item: QListWidgetItem) -> None:
        self._on_likely_itemClicked(item)
        self._on_buttons_accepted()

    def _on_buttons_accepted(self) -> None:
        person_id, name = self.picker.person()
        if person_id is None:
            self.error.setText(
                self.tr("Choose a person on record: type part of the name and pick from the list.")
                if name
                else self.tr("Choose the other record first.")
            )
            self.error.show()
            return
        if person_id == self.person_id:
            self.error.setText(self.tr("That is the same record; choose another person."))
            self.error.show()
            return
        self.accept()
