"""Likely duplicate people in a table, with why; "Compare and merge…" opens the merge dialog.

The search reads every person once (about a second at 100k people), so it runs in the
document pool while the dialog shows that it is looking; closing the dialog drops the result.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.catalog import Services
from bilatdesk.services.people.duplicates import DuplicatePair
from bilatdesk.ui.areas.people.merge_dialog import MergeDialog
from bilatdesk.ui.kit.background import Op
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.tables import row_table
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel

COL_FIRST, COL_SECOND, COL_REASONS = range(3)


def _reasons(pair: DuplicatePair, separator: str) -> str:
    return separator.join(tr(reason) for reason in pair.reasons)


class DuplicatesModel(RowsModel):
    """Pairs of people who may be one: both names and the reasons."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [
            Column(tr("Person"), lambda p: p.first_name),
            Column(tr("Perhaps the same as"), lambda p: p.second_name),
            Column(tr("Why"), lambda p: _reasons(p, "; "), tooltip=lambda p: _reasons(p, "\n")),
        ]
        super().__init__(columns, parent)

    def set_pairs(self, pairs: Sequence[DuplicatePair]) -> None:
        self.set_rows(pairs)

    def pair(self, row: int) -> DuplicatePair:
        pair: DuplicatePair = self.record(row)
        return pair


class DuplicatesDialog(QDialog):
    """The likely pairs of the current scope; each can be compared and merged."""

    searched = Signal()
    """The table shows the result of the latest search."""

    def __init__(self, parent: QWidget | None, services: Services, country_id: int | None) -> None:
        super().__init__(parent)
        self.services = services
        self.country_id = country_id
        self.merged_any = False
        self.searching = False
        self._search: Op[list[DuplicatePair]] | None = None
        self.setWindowTitle(self.tr("Likely duplicate people"))
        names = {c.id: c.name for c in services.countries.choices(accredited_only=False)}
        self.scope_label = QLabel(
            self.tr("People who may be recorded twice, in or linked to %1.").replace(
                "%1", names.get(country_id, "?")
            )
            if country_id is not None
            else self.tr("People who may be recorded twice, across all countries.")
        )
        self.scope_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.model = DuplicatesModel(self)
        self.table = self._build_table()
        self.compare_button = QPushButton(icon("people"), self.tr("&Compare and merge…"))
        self.refresh_button = QPushButton(icon("find"), self.tr("&Search again"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.table.doubleClicked.connect(self._on_table_doubleClicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.busy)
        bottom = QHBoxLayout()
        bottom.addWidget(self.compare_button)
        bottom.addWidget(self.refresh_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope_label)
        layout.addLayout(status_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        keep_place(self, 860, 520)
        self.search()

    def _build_table(self) -> QTableView:
        table = row_table(self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(COL_FIRST, 220)
        header.resizeSection(COL_SECOND, 220)
        return table

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, country_id: int | None) -> bool:
        """Show the pairs; True when any records were merged (lists should then refresh)."""
        dialog = cls(parent, services, country_id)
        dialog.exec()
        return dialog.merged_any

    # -- what tests and the controller call -----------------------------------------------
    def search(self) -> None:
        """Look for pairs off the GUI thread; a newer search makes an older result moot."""
        self.searching = True
        self.status.setText(self.tr("Looking for likely duplicates…"))
        self.busy.show()
        self._set_enabled(searching=True)
        country_id = self.country_id
        find = self.services.duplicates.find
        op: Op[list[DuplicatePair]] = Op(
            self,
            lambda _progress: find(country_id),
            lambda pairs: self._on_search_found(op, pairs),
            unexpected="%1",
        ).failure(lambda message: self._on_search_failed(op, message))
        self._search = op.run_in_background()

    def compare_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        pair = self.model.pair(rows[0].row())
        if MergeDialog.ask(self, self.services, pair.first_id, pair.second_id) is not None:
            self.merged_any = True
            self.search()

    # -- slots ----------------------------------------------------------------------------
    def _on_search_found(self, op: Op[list[DuplicatePair]], pairs: list[DuplicatePair]) -> None:
        if op is not self._search:
            return
        self.searching = False
        self.busy.hide()
        self.model.set_pairs(pairs)
        count = len(pairs)
        if not count:
            text = self.tr("No likely duplicates found.")
        elif count == 1:
            text = self.tr("1 likely pair.")
        else:
            text = self.tr("%1 likely pairs, those with most reasons first.").replace(
                "%1", str(count)
            )
        self.status.setText(text)
        self._set_enabled(searching=False)
        if count:
            self.table.selectRow(0)
        self.searched.emit()

    def _on_search_failed(self, op: Op[list[DuplicatePair]], message: str) -> None:
        if op is not self._search:
            return
        self.searching = False
        self.busy.hide()
        self.status.setText(self.tr("The search failed: %1").replace("%1", message))
        self._set_enabled(searching=False)
        self.searched.emit()

    def _on_compare_button_clicked(self) -> None:
        self.compare_selected()

    def _on_refresh_button_clicked(self) -> None:
        self.search()

    def _on_table_doubleClicked(self, _index: QModelIndex) -> None:
        self.compare_selected()

    def _on_table_selectionChanged(self, *_args: object) -> None:
        self._set_enabled(searching=self.searching)

    def _set_enabled(self, *, searching: bool) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.compare_button.setEnabled(chosen and not searching)
        self.refresh_button.setEnabled(not searching)
