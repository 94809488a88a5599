"""Add or edit one relationship of a person or organisation, read from that record's side.

Nothing here writes: OK checks the tie as the record's Save will (RelationshipService.preview)
and hands it to the form, which writes it with the record.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
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

from bilatdesk.domain.enums import RelationshipScope
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.services.people.relationships import RelationshipView, TieDraft
from bilatdesk.ui.areas.people.picker import PersonPicker
from bilatdesk.ui.kit.field_errors import error_colour
from bilatdesk.ui.kit.widgets import ChoiceCombo, OptionalDateEdit


@dataclass(frozen=True)
class TieEntry:
    """A tie as the record's form holds it: the draft Save writes, and how it reads."""

    draft: TieDraft
    view: RelationshipView
    edited: bool = False
    """Changed since the form loaded it: only such (and new) ties are sent on Save."""


class RelationshipDialog(QDialog):
    """Kind (each type once per direction: "adviser to" / "advised by"), the other record,
    dates and a note; OK checks it and stays open on a refusal."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        scope: RelationshipScope,
        record_id: int | None,
        record_name: str,
        *,
        initial: TieEntry | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.scope = scope
        self.record_id = record_id
        self.record_name = record_name
        self.initial = initial
        self.answer: TieEntry | None = None
        self.setWindowTitle(
            self.tr("New relationship") if initial is None else self.tr("Edit relationship")
        )
        self.kind = QComboBox()
        # (type id, outgoing) by combo row: Qt's item data does not compare Python tuples.
        self._kinds: list[tuple[int, bool]] = []
        for row in services.relationships.types(scope):
            self.kind.addItem(row.forward_label)
            self._kinds.append((row.id, True))
            # A type that reads the same both ways ("spouse of") is offered once.
            if row.reverse_label != row.forward_label:
                self.kind.addItem(row.reverse_label)
                self._kinds.append((row.id, False))
        self.other: PersonPicker | ChoiceCombo
        if scope is RelationshipScope.PEOPLE:
            self.other = PersonPicker(services.people.search_choices)
            self.other.setPlaceholderText(self.tr("Type a name of a person on record"))
        else:
            self.other = ChoiceCombo(self.tr("Choose an organisation"))
            self.other.set_choices(
                [c for c in services.organisations.choices() if c.id != record_id]
            )
        self.start = OptionalDateEdit()
        self.end = OptionalDateEdit()
        self.note = QLineEdit()
        self._lay_out()
        if initial is not None:
            self._load(initial.view)
        self.kind.currentIndexChanged.connect(self._show_sentence)
        if isinstance(self.other, PersonPicker):
            self.other.textChanged.connect(self._show_sentence)
        else:
            self.other.currentIndexChanged.connect(self._show_sentence)
        self._show_sentence()
        self.resize(480, self.sizeHint().height())

    # -- API ------------------------------------------------------------------------------
    def choose_kind(self, label: str) -> None:
        self.kind.setCurrentIndex(max(self.kind.findText(label), 0))

    def other_id(self) -> int | None:
        if isinstance(self.other, PersonPicker):
            return self.other.person()[0]
        return self.other.value()

    def save(self) -> bool:
        """Check the tie and close with it as the answer; False (reason shown) if refused."""
        if not 0 <= self.kind.currentIndex() < len(self._kinds):
            self._show_error(self.tr("Choose the kind of relationship."))
            return False
        type_id, outgoing = self._kinds[self.kind.currentIndex()]
        other = self.other_id()
        if other is None:
            self._show_error(
                self.tr("Choose the other person among the people on record as you type.")
                if self.scope is RelationshipScope.PEOPLE
                else self.tr("Choose the other organisation.")
            )
            self.other.setFocus()
            return False
        kept = self.initial.draft if self.initial is not None else None
        draft = TieDraft(
            type_id,
            other,
            outgoing,
            self.start.value(),
            self.end.value(),
            self.note.text(),
            id=kept.id if kept is not None else None,
            version=kept.version if kept is not None else None,
        )
        try:
            view = self.services.relationships.preview(self.scope, self.record_id, draft)
        except ValidationError as exc:
            self._show_error(" ".join(exc.errors.values()))
            return False
        except ServiceError as exc:
            self._show_error(str(exc))
            return False
        self.answer = TieEntry(draft, view, edited=True)
        self.accept()
        return True

    # -- inside ---------------------------------------------------------------------------
    def _lay_out(self) -> None:
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Relationship"), self.kind)
        people = self.scope is RelationshipScope.PEOPLE
        form.addRow(self.tr("Person") if people else self.tr("Organisation"), self.other)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sentence)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

    def _load(self, view: RelationshipView) -> None:
        wanted = (view.type_id, view.outgoing)
        if wanted not in self._kinds:  # a symmetric type seen from its object
            wanted = (view.type_id, True)
        self.kind.setCurrentIndex(self._kinds.index(wanted) if wanted in self._kinds else 0)
        if isinstance(self.other, PersonPicker):
            self.other.set_person(view.other_id, view.other_name)
        else:
            self.other.set_value(view.other_id)
        self.start.set_value(view.start_date)
        self.end.set_value(view.end_date)
        self.note.setText(view.note)

    def _show_sentence(self, *_args: object) -> None:
        other = (
            self.other.text().strip()
            if isinstance(self.other, PersonPicker)
            else (self.other.currentText() if self.other.value() is not None else "")
        )
        self.sentence.setText(
            f"{self.record_name} — {self.kind.currentText()} — {other or '…'}"
            if self.kind.count()
            else self.tr("No kinds of relationship are defined.")
        )

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setStyleSheet(f"color: {error_colour(self)};")
        self.error.setVisible(bool(message))

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        scope: RelationshipScope,
        record_id: int | None,
        record_name: str,
        *,
        initial: TieEntry | None = None,
    ) -> TieEntry | None:
        """Show the dialog modally; the tie as checked, for the form to hold, or None."""
        dialog = cls(parent, services, scope, record_id, record_name, initial=initial)
        dialog.exec()
        return dialog.answer
