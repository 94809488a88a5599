"""Appoint a successor to a post: who takes it over and from when; the handover is one write."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.services.people.posts import PostHolder
from bilatdesk.services.people.service import MembershipView
from bilatdesk.ui.areas.people.picker import PersonPicker
from bilatdesk.ui.kit.date_edits import DateEdit
from bilatdesk.ui.kit.field_errors import error_colour
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.widgets import from_qdate, to_qdate


class SuccessorDialog(QDialog):
    """Picks the successor (a person on record) and the day they start; the present holder's
    post then ends the day before, both in one transaction."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        membership: MembershipView,
        holder_name: str,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.membership = membership
        self.appointed: PostHolder | None = None
        self.setWindowTitle(self.tr("Appoint successor"))
        where = f"{membership.post_title}" + (
            f", {membership.organisation}" if membership.organisation else ""
        )
        self.intro = intro = QLabel(
            self.tr("Who takes over <b>%1</b> from %2?")
            .replace("%1", escape(where))
            .replace("%2", escape(holder_name))
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.successor = PersonPicker(services.people.search_choices)
        self.successor.setPlaceholderText(self.tr("Type a name of a person on record"))
        self.start = DateEdit()
        self.start.setDate(QDate.currentDate())
        if membership.start_date is not None:
            self.start.setMinimumDate(to_qdate(membership.start_date + timedelta(days=1)))
        self.acting = QCheckBox(self.tr("Acting (ad interim)"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. appointed by decree of 2 March"))
        self.ends_label = QLabel()
        self.ends_label.setWordWrap(True)
        self.ends_label.setEnabled(False)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Successor"), self.successor)
        form.addRow(self.tr("Starts on"), self.start)
        form.addRow("", self.acting)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Appoint"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.ends_label)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.appoint)
        self.buttons.rejected.connect(self.reject)
        self.start.dateChanged.connect(self._on_start_changed)
        self._on_start_changed()
        self.resize(480, self.sizeHint().height())

    def appoint(self) -> bool:
        """Write the handover; on a refusal the sentence shows here and the dialog stays."""
        person_id, typed = self.successor.person()
        if person_id is None:
            self._show_error(
                self.tr(
                    "Choose the successor among the people on record as you type; "
                    "add them as a person first if they are new."
                )
                if typed
                else self.tr("Name the successor.")
            )
            self.successor.setFocus()
            return False
        try:
            self.appointed = self.services.posts.appoint_successor(
                self.membership.id,
                person_id,
                from_qdate(self.start.date()),
                acting=self.acting.isChecked(),
                note=self.note.text(),
            )
        except ValidationError as exc:
            self._show_error(" ".join(exc.errors.values()))
            return False
        except ServiceError as exc:
            self._show_error(str(exc))
            return False
        self.accept()
        return True

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setStyleSheet(f"color: {error_colour(self)};")
        self.error.setVisible(bool(message))

    def _on_start_changed(self, *_args: object) -> None:
        last = from_qdate(self.start.date()) - timedelta(days=1)
        self.ends_label.setText(
            self.tr("The present holder's post will end on %1.").replace("%1", format_date(last))
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        membership: MembershipView,
        holder_name: str,
    ) -> PostHolder | None:
        """Show the dialog modally; the new holding once appointed, None when cancelled."""
        dialog = cls(parent, services, membership, holder_name)
        dialog.exec()
        return dialog.appointed
