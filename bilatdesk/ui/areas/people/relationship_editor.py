"""A record's relationships as a table with Add, Edit and Remove, saved with the record.

Nothing here writes: the ties added, changed and removed are held until the form's Save
writes them with the record, in its transaction (`values()`); Cancel forgets them.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.enums import RelationshipScope
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.listing import DeleteImpact
from bilatdesk.services.people.relationships import TieDraft, tie_draft
from bilatdesk.ui.areas.people.relationship_dialog import RelationshipDialog, TieEntry
from bilatdesk.ui.kit.field_errors import error_colour
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog
from bilatdesk.ui.kit.tables import row_table
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel

COL_REL_LABEL, COL_REL_OTHER, COL_REL_FROM, COL_REL_TO, COL_REL_NOTE = range(5)


def relationship_columns() -> list[Column]:
    return [
        Column(tr("Relationship"), lambda e: e.view.label),
        Column(tr("With"), lambda e: e.view.other_name),
        Column(tr("From"), lambda e: format_date(e.view.start_date)),
        Column(tr("To"), lambda e: format_date(e.view.end_date)),
        Column(tr("Note"), lambda e: e.view.note),
    ]


class RelationshipEditor(QWidget):
    """The table of one record's relationships (people or organisations, by scope)."""

    changed = Signal()
    """A relationship was added, changed or removed (held until the form's Save)."""

    def __init__(
        self, services: Services, scope: RelationshipScope, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.scope = scope
        self.record_id: int | None = None
        self.record_name = ""
        self._entries: list[TieEntry] = []
        self._removed: list[TieDraft] = []
        self.model = RowsModel(relationship_columns(), self)
        self.table = row_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(icon("new"), self.tr("Add…"))
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove…"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setEnabled(False)  # the palette's quiet colour
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)
        self.set_record(None, "")

    # -- API ------------------------------------------------------------------------------
    def set_record(self, record_id: int | None, name: str) -> None:
        """The record whose stored ties are shown (None: not saved yet); changes held go."""
        self.record_id, self.record_name = record_id, name
        self._removed = []
        self._entries = []
        if record_id is not None:
            try:
                views = (
                    self.services.relationships.for_person(record_id)
                    if self.scope is RelationshipScope.PEOPLE
                    else self.services.relationships.for_organisation(record_id)
                )
            except ServiceError as exc:
                self._show_error(str(exc))
                views = []
            self._entries = [TieEntry(tie_draft(v), v) for v in views]
        self._show_error("")
        self._refresh()

    def set_name(self, name: str) -> None:
        """The record's name as typed (the dialogs' sentences read it)."""
        self.record_name = name

    def values(self) -> tuple[TieDraft, ...]:
        """The new and changed ties and the stored ones removed, for the form's Save."""
        sent = [e.draft for e in self._entries if e.draft.id is None or e.edited]
        return tuple(sent) + tuple(self._removed)

    def row_count(self) -> int:
        return len(self._entries)

    def entry(self, row: int) -> TieEntry:
        return self._entries[row]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def current(self) -> int:
        """The selected row, or -1."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def add(self) -> None:
        made = RelationshipDialog.ask(self, self.services, self.scope, self.record_id, self._name())
        if made is not None:
            self._put(-1, made)

    def edit(self) -> None:
        row = self.current()
        if row < 0:
            return
        made = RelationshipDialog.ask(
            self,
            self.services,
            self.scope,
            self.record_id,
            self._name(),
            initial=self._entries[row],
        )
        if made is not None:
            self._put(row, made)

    def remove(self) -> None:
        row = self.current()
        if row < 0:
            return
        entry = self._entries[row]
        if entry.draft.id is not None:
            impact = DeleteImpact(
                f"{self._name()} — {entry.view.label} — {entry.view.other_name}",
                (self.tr("it is deleted when you save the %1").replace("%1", self._what()),),
            )
            if not ConfirmDeleteDialog.ask(self, impact):
                return
            self._removed.append(replace(entry.draft, removed=True))
        del self._entries[row]
        self._refresh(min(row, len(self._entries) - 1))
        self.changed.emit()

    # -- inside ---------------------------------------------------------------------------
    def _what(self) -> str:
        return (
            self.tr("person") if self.scope is RelationshipScope.PEOPLE else self.tr("organisation")
        )

    def _name(self) -> str:
        return self.record_name or self.tr("This %1").replace("%1", self._what())

    def _put(self, row: int, entry: TieEntry) -> None:
        if row < 0:
            self._entries.append(entry)
            row = len(self._entries) - 1
        else:
            self._entries[row] = entry
        self._show_error("")
        self._refresh(row)
        self.changed.emit()

    def _refresh(self, select: int = -1) -> None:
        self.model.set_rows(self._entries)
        if 0 <= select < len(self._entries):
            self.table.selectRow(select)
        held = bool(self._removed) or any(e.edited for e in self._entries)
        self.note.setText(
            self.tr("Not saved yet: Save keeps these changes, Cancel forgets them.")
            if held
            else self.tr("Changes are saved with the %1.").replace("%1", self._what())
        )
        self._on_selection_changed()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setStyleSheet(f"color: {error_colour(self)};")
        self.error.setVisible(bool(message))

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = self.current() >= 0
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
