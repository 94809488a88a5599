"""Today, the home page: the date and the engagements of the coming week."""

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
from bilatdesk.ui.context import Services
from bilatdesk.ui.forms.engagement_form import EngagementForm
from bilatdesk.ui.models.columns import COL_ENG_TITLE, engagement_columns
from bilatdesk.ui.models.paged_model import PagedTableModel

UPCOMING_DAYS = 7


class TodayView(QWidget):
    """A heading with today's date, and the table of what comes next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.subheading = QLabel()
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Dense rows: a register is read down the page, so more rows beat more padding.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.empty = QLabel(self.tr("Nothing scheduled for the coming week."))
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)


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
        view.table.horizontalHeader().setSectionResizeMode(COL_ENG_TITLE,
                                                           QHeaderView.ResizeMode.Stretch)
        view.table.doubleClicked.connect(self._on_table_doubleClicked)
        self.model.loaded.connect(self._on_model_loaded)
        self._on_model_loaded()

    def _fetch(self, query: ListQuery) -> Page[object]:
        rows = self.services.engagements.upcoming(days=UPCOMING_DAYS, country_id=query.country_id)
        return Page(tuple(rows), None)

    def _on_model_loaded(self) -> None:
        today = QLocale().toString(QDate.currentDate(), QLocale.FormatType.LongFormat)
        self.view.heading.setText(f"<h2>{self.tr('Today')}, {today}</h2>")
        count = self.model.rowCount()
        self.view.subheading.setText(
            self.tr("%n engagement(s) in the next 7 days", "", count)
        )
        self.view.empty.setVisible(count == 0)

    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        record_id = self.model.row_id(index.row())
        if record_id is not None and EngagementForm.ask(self.view, self.services, record_id,
                                                        self._scope) is not None:
            self.refresh()
            self.changed.emit()

    # -- what the main window asks of a page ---------------------------------------------
    def set_scope(self, country_id: int | None) -> None:
        self._scope = country_id
        self.model.set_scope(country_id)

    def refresh(self) -> None:
        self.model.requery()

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
