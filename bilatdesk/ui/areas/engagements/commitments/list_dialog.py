"""Tools ▸ Open commitments…: every commitment, filtered by text, status, side and country."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.enums import CommitmentStatus, Side
from bilatdesk.services.catalog import Services
from bilatdesk.services.engagements.commitment_rows import CommitmentFilters, CommitmentRow
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.listing import ListQuery, Page
from bilatdesk.ui.areas.engagements.commitments.dialogs import close_commitment
from bilatdesk.ui.areas.engagements.commitments.rows import (
    CommitmentPagedModel,
    commitment_columns,
    record_table,
    side_text,
    status_text,
)
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.widgets import ChoiceCombo

FILTER_DELAY_MS = 200
COL_WHAT, COL_ENGAGEMENT = 2, 5


class CommitmentsDialog(QDialog):
    """All commitments by due date (overdue ones in red), to close, reopen or open."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        scope: int | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._today = today
        self.changed_anything = False
        self.setWindowTitle(self.tr("Commitments"))
        keep_place(self, 1220, 620)
        self._build_filters(scope)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table = record_table()
        self.close_button = QPushButton(icon("clear"), self.tr("Close…"))
        self.reopen_button = QPushButton(icon("return"), self.tr("Reopen"))
        self.open_button = QPushButton(icon("engagements"), self.tr("Open engagement"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._lay_out()
        self.model = CommitmentPagedModel(self._fetch, commitment_columns(self._today), self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        header.resizeSection(COL_WHAT, 320)
        header.resizeSection(COL_ENGAGEMENT, 240)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._connect()
        self._on_model_loaded()
        self.filter_edit.setFocus()

    def _build_filters(self, scope: int | None) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.status = QComboBox()
        for status in CommitmentStatus:
            self.status.addItem(status_text(status), status.value)
        self.status.addItem(self.tr("Any status"), None)
        self.side = QComboBox()
        self.side.addItem(self.tr("By either side"), None)
        for side in Side:
            self.side.addItem(self.tr("By %1").replace("%1", side_text(side).lower()), side.value)
        self.country = ChoiceCombo(self.tr("All countries"))
        self.country.set_choices(self.services.countries.choices())
        self.country.set_value(scope)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.status)
        top.addWidget(self.side)
        top.addWidget(self.country)
        bottom = QHBoxLayout()
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.reopen_button)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self._timer.timeout.connect(self._on_timer_timeout)
        self.filter_edit.textChanged.connect(lambda _t: self._timer.start())
        self.status.currentIndexChanged.connect(lambda _i: self.model.requery())
        self.side.currentIndexChanged.connect(lambda _i: self.model.requery())
        self.country.currentIndexChanged.connect(lambda _i: self.model.requery())
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.reopen_button.clicked.connect(self._on_reopen_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.table.doubleClicked.connect(self._on_table_doubleClicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.model.loaded.connect(self._on_model_loaded)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.filter_edit.setFocus)

    # -- the query ------------------------------------------------------------------------
    def filters(self) -> CommitmentFilters:
        status = self.status.currentData()
        side = self.side.currentData()
        return CommitmentFilters(
            status=CommitmentStatus(status) if status else None,
            side=Side(side) if side else None,
        )

    def _fetch(self, query: ListQuery) -> Page[CommitmentRow]:
        # The country combo is the scope here; the model's own scope stays unused.
        narrowed = replace(query, country_id=self.country.value())
        return self.services.commitments.list(narrowed, self.filters(), today=self._today())

    def current(self) -> CommitmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.current()
        is_open = chosen is not None and chosen.status is CommitmentStatus.OPEN
        self.close_button.setEnabled(is_open)
        self.reopen_button.setEnabled(chosen is not None and not is_open)
        self.open_button.setEnabled(chosen is not None)

    def _after_change(self, select_id: int | None) -> None:
        self.changed_anything = True
        self.model.requery()
        if select_id is not None and (row := self.model.row_of_id(select_id)) >= 0:
            self.table.selectRow(row)

    # -- slots ----------------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        self.model.set_filter_text(self.filter_edit.text())

    def _on_model_loaded(self) -> None:
        count = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("%1 shown").replace("%1", f"{count}{more}"))
        self._update_buttons()

    def _on_close_button_clicked(self) -> None:
        chosen = self.current()
        if chosen is None or chosen.status is not CommitmentStatus.OPEN:
            return
        if close_commitment(self, self.services, chosen, self._today()) is not None:
            self._after_change(chosen.id)

    def _on_reopen_button_clicked(self) -> None:
        chosen = self.current()
        if chosen is None or chosen.status is CommitmentStatus.OPEN:
            return
        try:
            self.services.commitments.reopen(chosen.id, chosen.version, today=self._today())
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot reopen"), str(exc))
        self._after_change(chosen.id)

    def _on_open_button_clicked(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self._open_engagement(chosen)

    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_engagement(self.model.record(index.row()))

    def _open_engagement(self, row: CommitmentRow) -> None:
        saved = EngagementForm.ask(self, self.services, row.engagement_id, self.country.value())
        if saved is not None:
            self._after_change(row.id)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        scope: int | None = None,
    ) -> bool:
        """Show the list modally; True when anything was closed, reopened or edited."""
        dialog = cls(parent, services, scope)
        dialog.exec()
        return dialog.changed_anything
