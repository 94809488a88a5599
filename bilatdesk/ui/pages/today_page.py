"""Today, the home page: the coming week's engagements, cables awaiting action, agreement dates."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, QModelIndex, QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.listing import ListQuery, Page
from bilatdesk.ui.cables.events import cable_events, connect_while_alive, open_cable
from bilatdesk.ui.context import Services
from bilatdesk.ui.dialogs.cable_dialogs import stored_user_name
from bilatdesk.ui.forms.agreement_form import AgreementForm
from bilatdesk.ui.forms.engagement_form import EngagementForm
from bilatdesk.ui.models.agreement_columns import COL_DL_AGREEMENT, DeadlineRow, deadline_columns
from bilatdesk.ui.models.columns import (
    COL_CABLE_SUBJECT,
    COL_ENG_TITLE,
    cable_columns,
    engagement_columns,
)
from bilatdesk.ui.models.paged_model import PagedTableModel

UPCOMING_DAYS = 7


def _table(view: QWidget) -> QTableView:
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    # Dense rows: a register is read down the page, so more rows beat more padding.
    table.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return table


class TodayView(QWidget):
    """A heading with today's date, what comes next, and the cables waiting on someone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.subheading = QLabel()
        self.table = _table(self)
        self.empty = QLabel(self.tr("Nothing scheduled for the coming week."))
        self.empty.setEnabled(False)
        self.cables_heading = QLabel(
            f"<h3>{self.tr('Cables awaiting your clearance, or dispatch')}</h3>"
        )
        self.cables_table = _table(self)
        self.cables_empty = QLabel(self.tr("No cable is waiting for clearance or dispatch."))
        self.cables_empty.setEnabled(False)
        self.deadlines_heading = QLabel(
            f"<h3>{self.tr('Agreement deadlines (next 180 days)')}</h3>"
        )
        self.deadlines_table = _table(self)
        self.deadlines_empty = QLabel(self.tr("No notice deadline or expiry in the next 180 days."))
        self.deadlines_empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.empty)
        layout.addWidget(self.cables_heading)
        layout.addWidget(self.cables_table, 2)
        layout.addWidget(self.cables_empty)
        layout.addWidget(self.deadlines_heading)
        layout.addWidget(self.deadlines_table, 2)
        layout.addWidget(self.deadlines_empty)


class TodayController(QObject):
    """Feeds the upcoming engagements (in scope) to the Today view; double-click opens one."""

    changed = Signal()

    def __init__(self, view: TodayView, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.services = services
        self._scope: int | None = None
        # The upcoming list is short and bounded, so it arrives as one page.
        self.model = PagedTableModel(self._fetch, engagement_columns(), parent=self)
        view.table.setModel(self.model)
        view.table.resizeColumnsToContents()
        view.table.horizontalHeader().setSectionResizeMode(
            COL_ENG_TITLE, QHeaderView.ResizeMode.Stretch
        )
        view.table.doubleClicked.connect(self._on_table_doubleClicked)
        self.model.loaded.connect(self._on_model_loaded)
        self._on_model_loaded()
        self.cables_model = PagedTableModel(self._fetch_cables, cable_columns(), parent=self)
        view.cables_table.setModel(self.cables_model)
        view.cables_table.resizeColumnsToContents()
        view.cables_table.horizontalHeader().setSectionResizeMode(
            COL_CABLE_SUBJECT, QHeaderView.ResizeMode.Stretch
        )
        view.cables_table.doubleClicked.connect(self._on_cables_table_doubleClicked)
        self.cables_model.loaded.connect(self._on_cables_model_loaded)
        self._on_cables_model_loaded()
        connect_while_alive(cable_events().moved, self._on_cable_moved, view)
        self.deadlines_model = PagedTableModel(
            self._fetch_deadlines, deadline_columns(), parent=self
        )
        view.deadlines_table.setModel(self.deadlines_model)
        view.deadlines_table.resizeColumnsToContents()
        view.deadlines_table.horizontalHeader().setSectionResizeMode(
            COL_DL_AGREEMENT, QHeaderView.ResizeMode.Stretch
        )
        view.deadlines_table.doubleClicked.connect(self._on_deadlines_table_doubleClicked)
        self.deadlines_model.loaded.connect(self._on_deadlines_model_loaded)
        self._on_deadlines_model_loaded()

    def _fetch(self, query: ListQuery) -> Page[object]:
        rows = self.services.engagements.upcoming(days=UPCOMING_DAYS, country_id=query.country_id)
        return Page(tuple(rows), None)

    def _fetch_cables(self, query: ListQuery) -> Page[object]:
        # Cables waiting for this user's clearance (by the name they sign with), and those
        # approved and waiting for dispatch; everything in clearance when no name is set yet.
        rows = self.services.cables.in_workflow(
            country_id=query.country_id, clearer=stored_user_name()
        )
        return Page(tuple(rows), None)

    def _fetch_deadlines(self, query: ListQuery) -> Page[object]:
        deadlines = self.services.agreements.deadlines(country_id=query.country_id)
        return Page(tuple(DeadlineRow(d.agreement_id, d) for d in deadlines), None)

    def _on_deadlines_model_loaded(self) -> None:
        self.view.deadlines_empty.setVisible(self.deadlines_model.rowCount() == 0)

    def _on_deadlines_table_doubleClicked(self, index: QModelIndex) -> None:
        agreement_id = self.deadlines_model.row_id(index.row())
        if (
            agreement_id is not None
            and AgreementForm.ask(self.view, self.services, agreement_id, self._scope) is not None
        ):
            self.refresh()
            self.changed.emit()

    def _on_cables_model_loaded(self) -> None:
        self.view.cables_empty.setVisible(self.cables_model.rowCount() == 0)

    def _on_cables_table_doubleClicked(self, index: QModelIndex) -> None:
        cable_id = self.cables_model.row_id(index.row())
        if cable_id is not None:
            open_cable(self.view.window(), self.services, cable_id)

    def _on_cable_moved(self, _cable_id: int) -> None:
        self.cables_model.requery()

    def _on_model_loaded(self) -> None:
        today = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
        self.view.heading.setText(f"<h2>{self.tr('Today')}, {today}</h2>")
        count = self.model.rowCount()
        self.view.subheading.setText(self.tr("%n engagement(s) in the next 7 days", "", count))
        self.view.empty.setVisible(count == 0)

    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        record_id = self.model.row_id(index.row())
        if (
            record_id is not None
            and EngagementForm.ask(self.view, self.services, record_id, self._scope) is not None
        ):
            self.refresh()
            self.changed.emit()

    # -- what the main window asks of a page ---------------------------------------------
    def set_scope(self, country_id: int | None) -> None:
        self._scope = country_id
        self.model.set_scope(country_id)
        self.cables_model.set_scope(country_id)
        self.deadlines_model.set_scope(country_id)

    def refresh(self) -> None:
        self.model.requery()
        self.cables_model.requery()
        self.deadlines_model.requery()

    def focus_filter(self) -> None:
        self.view.table.setFocus()

    def new_record(self) -> None:
        if EngagementForm.ask(self.view, self.services, None, self._scope) is not None:
            self.refresh()
            self.changed.emit()

    def edit_record(self) -> None:
        rows = self.view.table.selectionModel().selectedRows()
        if rows:
            self._on_table_doubleClicked(rows[0])

    def delete_record(self) -> None:
        """Deleting happens on the Engagements page, where the whole record is in view."""
