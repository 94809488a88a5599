"""Small dialogs: one commitment edited (inside the engagement form), and closing one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.enums import CommitmentStatus, Side
from bilatdesk.services.catalog import Services
from bilatdesk.services.engagements.commitment_drafts import CommitmentDraft
from bilatdesk.services.engagements.commitment_rows import CommitmentRow
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.listing import Choice
from bilatdesk.ui.areas.people.picker import PersonPicker
from bilatdesk.ui.kit.date_edits import DateEdit
from bilatdesk.ui.kit.field_errors import FieldErrors
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.kit.widgets import ClassificationCombo, EnumCombo, OptionalDateEdit, to_qdate


def _text_edit(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


@dataclass(frozen=True)
class DraftAnswer:
    """The edited commitment and the owner's name as typed or picked (for showing)."""

    draft: CommitmentDraft
    owner_name: str


class CommitmentDialog(QDialog):
    """What was promised, by which side, who owes it, by when, and its classification."""

    def __init__(
        self,
        parent: QWidget | None,
        search_people: Callable[[str], list[Choice]],
        initial: CommitmentDraft | None = None,
        owner_name: str = "",
        made_on: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New commitment") if initial is None else self.tr("Commitment"))
        self.resize(520, 0)
        self._initial = initial or CommitmentDraft("")
        self._made_on = made_on
        self.description = _text_edit(3)
        self.description.setPlaceholderText(self.tr("Send the draft memorandum by December…"))
        self.side = EnumCombo(Side)
        self.owner = PersonPicker(search_people)
        self.owner.setPlaceholderText(self.tr("A person on record, or e.g. 'Trade section'"))
        self.due = OptionalDateEdit()
        self.classification = ClassificationCombo()
        self.errors = FieldErrors()
        form = QFormLayout()
        form.addRow(self.tr("What"), self.errors.wrap("description", self.description))
        form.addRow(self.tr("Owed by"), self.errors.wrap("side", self.side))
        form.addRow(self.tr("Owner"), self.errors.wrap("owner", self.owner))
        form.addRow(self.tr("Due"), self.errors.wrap("due_date", self.due))
        form.addRow(
            self.tr("Classification"), self.errors.wrap("classification", self.classification)
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.description.setPlainText(self._initial.description)
        self.side.set_value(self._initial.side)
        self.owner.set_person(
            self._initial.owner_person_id,
            owner_name if self._initial.owner_person_id is not None else self._initial.owner,
        )
        self.due.set_value(self._initial.due_date)
        self.classification.set_value(self._initial.classification)
        self.answer: DraftAnswer | None = None

    def collect(self) -> DraftAnswer:
        person_id, name = self.owner.person()
        draft = replace(
            self._initial,
            description=self.description.toPlainText().strip(),
            side=self.side.value(),
            owner_person_id=person_id,
            owner="" if person_id is not None else name,
            due_date=self.due.value(),
            classification=self.classification.value(),
        )
        return DraftAnswer(draft, self.owner.text().strip())

    def problems(self, answer: DraftAnswer) -> dict[str, str]:
        """What the form can tell at once; the rest is checked when the engagement is saved."""
        found: dict[str, str] = {}
        if not answer.draft.description:
            found["description"] = self.tr("Say what was promised.")
        due = answer.draft.due_date
        if due is not None and self._made_on is not None and due < self._made_on:
            found["due_date"] = self.tr(
                "It cannot fall due before the engagement (%1) where it is made."
            ).replace("%1", format_date(self._made_on))
        return found

    def _on_buttons_accepted(self) -> None:
        answer = self.collect()
        problems = self.problems(answer)
        self.errors.show(problems)
        if problems:
            return
        self.answer = answer
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        search_people: Callable[[str], list[Choice]],
        initial: CommitmentDraft | None = None,
        owner_name: str = "",
        made_on: date | None = None,
    ) -> DraftAnswer | None:
        """The edited commitment, or None when cancelled."""
        dialog = cls(parent, search_people, initial, owner_name, made_on)
        return dialog.answer if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class Closing:
    """How a commitment was closed: done or dropped, on which day, and a note on how."""

    status: CommitmentStatus
    closed_on: date
    note: str


class CloseCommitmentDialog(QDialog):
    """Asks when and how a commitment was closed; dropping one needs a reason."""

    def __init__(
        self,
        parent: QWidget | None,
        description: str,
        made_on: date | None,
        today: date,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close commitment"))
        self.resize(480, 0)
        what = QLabel(description)
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)
        self.done_button = QRadioButton(self.tr("&Done"))
        self.dropped_button = QRadioButton(self.tr("D&ropped"))
        self.done_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.done_button)
        group.addButton(self.dropped_button)
        how = QWidget()
        row = QHBoxLayout(how)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.done_button)
        row.addWidget(self.dropped_button)
        row.addStretch(1)
        self.closed_on = DateEdit()
        # Closed between the day it was made and today: the editor cannot go outside.
        if made_on is not None and made_on <= today:
            self.closed_on.setMinimumDate(to_qdate(made_on))
        self.closed_on.setMaximumDate(to_qdate(today))
        self.closed_on.setDate(to_qdate(today))
        self.note = _text_edit(3)
        self.note.setPlaceholderText(self.tr("Sent by note verbale; handed over at the meeting…"))
        self.errors = FieldErrors()
        form = QFormLayout()
        form.addRow(self.tr("Commitment"), what)
        form.addRow(self.tr("How"), how)
        form.addRow(self.tr("On"), self.errors.wrap("closed_on", self.closed_on))
        form.addRow(self.tr("Note"), self.errors.wrap("closing_note", self.note))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Close it"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.answer: Closing | None = None

    def collect(self) -> Closing:
        d: QDate = self.closed_on.date()
        status = (
            CommitmentStatus.DROPPED if self.dropped_button.isChecked() else CommitmentStatus.DONE
        )
        return Closing(status, date(d.year(), d.month(), d.day()), self.note.toPlainText().strip())

    def _on_buttons_accepted(self) -> None:
        answer = self.collect()
        problems = {}
        if answer.status is CommitmentStatus.DROPPED and not answer.note:
            problems["closing_note"] = self.tr("Say why it was dropped.")
        self.errors.show(problems)
        if problems:
            return
        self.answer = answer
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, description: str, made_on: date | None, today: date
    ) -> Closing | None:
        """When and how it was closed, or None when cancelled."""
        dialog = cls(parent, description, made_on, today)
        return dialog.answer if dialog.exec() == QDialog.DialogCode.Accepted else None


def close_commitment(
    parent: QWidget, services: Services, row: CommitmentRow, today: date
) -> bool | None:
    """Ask when and how `row` was closed and close it: True once closed, False when the
    service refused (the reason is shown), None when the user cancelled."""
    closing = CloseCommitmentDialog.ask(parent, row.description, row.engagement_day, today)
    if closing is None:
        return None
    try:
        services.commitments.close(
            row.id,
            status=closing.status,
            closed_on=closing.closed_on,
            note=closing.note,
            expected_version=row.version,
            today=today,
        )
    except ServiceError as exc:
        ErrorBox.show(parent, tr("Cannot close"), str(exc))
        return False
    return True
