"""A record's relationships as a table with Add, Edit and Remove; each change is saved at once."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.enums import RelationshipScope
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.listing import DeleteImpact
from bilatdesk.services.people.relationships import RelationshipView
from bilatdesk.ui.areas.people.relationship_dialog import RelationshipDialog
from bilatdesk.ui.kit.field_errors import error_colour
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel

COL_REL_LABEL, COL_REL_OTHER, COL_REL_FROM, COL_REL_TO, COL_REL_NOTE = range(5)


def relationship_columns() -> list[Column]:
    return [
        Column(tr("Relationship"), lambda r: r.label),
        Column(tr("With"), lambda r: r.other_name),
        Column(tr("From"), lambda r: format_date(r.start_date)),
        Column(tr("To"), lambda r: format_date(r.end_date)),
        Column(tr("Note"), lambda r: r.note),
    ]


class RelationshipEditor(QWidget):
    """The table of one record's relationships (people or organisations, by scope)."""

    applied = Signal()
    """A relationship was added, changed or removed (already saved)."""

    def __init__(
        self, services: Services, scope: RelationshipScope, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.scope = scope
        self.record_id: int | None = None
        self.record_name = ""
        self.model = RowsModel(relationship_columns(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
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
        """The record whose ties are shown; None (not saved yet) disables the editor."""
        self.record_id, self.record_name = record_id, name
        what = (
            self.tr("person") if self.scope is RelationshipScope.PEOPLE else self.tr("organisation")
        )
        self.note.setText(
            self.tr("Relationship changes are saved at once.")
            if record_id is not None
            else self.tr("Save the %1 first to add relationships.").replace("%1", what)
        )
        self.add_button.setEnabled(record_id is not None)
        self.table.setEnabled(record_id is not None)
        self.reload()

    def reload(self) -> None:
        chosen = self.current()
        rows: list[RelationshipView] = []
        if self.record_id is not None:
            try:
                rows = (
                    self.services.relationships.for_person(self.record_id)
                    if self.scope is RelationshipScope.PEOPLE
                    else self.services.relationships.for_organisation(self.record_id)
                )
            except ServiceError as exc:
                self._show_error(str(exc))
        self.model.set_rows(rows)
        if chosen is not None:
            self.select(chosen.id)

    def select(self, relationship_id: int) -> None:
        row = self.model.row_of_id(relationship_id)
        if row >= 0:
            self.table.selectRow(row)

    def current(self) -> RelationshipView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def add(self) -> None:
        if self.record_id is None:
            return
        made = RelationshipDialog.ask(
            self, self.services, self.scope, self.record_id, self.record_name
        )
        self._after(made)

    def edit(self) -> None:
        chosen = self.current()
        if chosen is None or self.record_id is None:
            return
        made = RelationshipDialog.ask(
            self, self.services, self.scope, self.record_id, self.record_name, initial=chosen
        )
        self._after(made)

    def remove(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        impact = DeleteImpact(f"{self.record_name} — {chosen.label} — {chosen.other_name}", ())
        if not ConfirmDeleteDialog.ask(self, impact):
            return
        try:
            self.services.relationships.delete(chosen.id, chosen.version)
        except ServiceError as exc:
            self._show_error(str(exc))
            self.reload()
            return
        self._show_error("")
        self.reload()
        self.applied.emit()

    # -- inside ---------------------------------------------------------------------------
    def _after(self, made: RelationshipView | None) -> None:
        if made is None:
            return
        self._show_error("")
        self.reload()
        self.select(made.id)
        self.applied.emit()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setStyleSheet(f"color: {error_colour(self)};")
        self.error.setVisible(bool(message))

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
