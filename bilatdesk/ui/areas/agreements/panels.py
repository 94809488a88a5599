"""The agreement form's live panels: the status with its history, and the attached files.

Both act at once on the saved record (a status change and an attachment are not part of
the form's Save); the form's controller slots do the acting, these only lay out.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain import AgreementStatus
from bilatdesk.services.agreements.records import AttachmentView, StatusStep
from bilatdesk.ui.kit.formatting import file_size_text, format_date, format_moment
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.tables import row_table
from bilatdesk.ui.kit.texts import classification_colour, classification_text, enum_text, tr
from bilatdesk.ui.kit.widgets import EnumCombo, OptionalDateEdit
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel


def history_columns() -> list[Column]:
    return [
        Column(tr("Date"), lambda s: format_date(s.on)),
        Column(tr("Status"), lambda s: enum_text(s.status)),
        Column(tr("Note"), lambda s: s.note),
    ]


COL_ATT_NAME, COL_ATT_SIZE, COL_ATT_SHA, COL_ATT_CLASSIFICATION, COL_ATT_ADDED = range(5)


def attachment_columns() -> list[Column]:
    return [
        Column(tr("File"), lambda a: a.file_name, tooltip=lambda a: a.description or a.file_name),
        Column(tr("Size"), lambda a: file_size_text(a.size)),
        Column(tr("SHA-256"), lambda a: a.sha256[:12] + "…", tooltip=lambda a: a.sha256),
        Column(
            tr("Classification"),
            lambda a: classification_text(a.classification),
            decoration=lambda a: classification_colour(a.classification),
        ),
        Column(tr("Added"), lambda a: format_moment(a.added_at)),
    ]


def _small_table(view: QWidget, lines: int) -> QTableView:
    table = row_table()
    row = view.fontMetrics().height() + 8
    table.verticalHeader().setDefaultSectionSize(row)
    table.setFixedHeight(row * (lines + 1) + 6)
    return table


class StatusPanel(QWidget):
    """A new agreement: its initial status and since when. A saved one: status and history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.initial: EnumCombo[AgreementStatus] = EnumCombo(AgreementStatus)
        self.initial.setToolTip(
            self.tr(
                "New agreements start as proposed; record an existing "
                "one at the status it has reached"
            )
        )
        self.initial_on = OptionalDateEdit()
        self.initial_on.setToolTip(self.tr("Since when (today when not given)"))
        self.new_part = QWidget()
        row = QHBoxLayout(self.new_part)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.initial)
        row.addWidget(QLabel(self.tr("since")))
        row.addWidget(self.initial_on)
        row.addStretch(1)
        self.current = QLabel()
        self.change_button = QPushButton(icon("status"), self.tr("Change status…"))
        self.history_model = RowsModel(history_columns(), self)
        self.history = _small_table(self, 4)
        self.history.setModel(self.history_model)
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.saved_part = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.current, 1)
        top.addWidget(self.change_button)
        column = QVBoxLayout(self.saved_part)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.history)
        # One part shows at a time; a hidden part takes no room (a stacked widget would).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_part)
        layout.addWidget(self.saved_part)
        self.initial.set_value(AgreementStatus.PROPOSED)
        self.show_new()

    def show_new(self) -> None:
        self.saved_part.hide()
        self.new_part.show()

    def show_saved(
        self, status: AgreementStatus, history: tuple[StatusStep, ...], can_change: bool
    ) -> None:
        self.new_part.hide()
        self.saved_part.show()
        self.current.setText(self.tr("<b>%1</b>").replace("%1", enum_text(status)))
        self.change_button.setEnabled(can_change)
        self.change_button.setToolTip(
            "" if can_change else self.tr("The agreement has ended; its status no longer changes.")
        )
        # Latest first: the step that matters now is on top.
        self.history_model.set_rows(reversed(history))
        row = self.history.verticalHeader().defaultSectionSize()
        self.history.setFixedHeight(row * (min(len(history), 6) + 1) + 6)
        self.history.resizeColumnsToContents()
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)


class AttachmentsPanel(QWidget):
    """The files kept with the agreement, with Add…, Save as… and Remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(attachment_columns(), self)
        self.table = _small_table(self, 4)
        self.table.setModel(self.model)
        self.add_button = QPushButton(icon("attach"), self.tr("Add…"))
        self.export_button = QPushButton(icon("export"), self.tr("Save as…"))
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"))
        self.hint = QLabel(self.tr("Save the agreement first (Apply), then attach its texts."))
        self.hint.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.export_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addWidget(self.hint)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_files(
        self, files: tuple[AttachmentView, ...] | list[AttachmentView], saved: bool
    ) -> None:
        self.model.set_rows(files)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            COL_ATT_NAME, QHeaderView.ResizeMode.Stretch
        )
        self.add_button.setEnabled(saved)
        self.hint.setVisible(not saved)
        self.selection_changed()

    def selected(self) -> AttachmentView | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        return record if isinstance(record, AttachmentView) else None

    def selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.export_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
