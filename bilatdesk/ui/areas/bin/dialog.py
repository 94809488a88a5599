"""Tools ▸ Recently deleted…: what was deleted lately, restored whole or purged for good."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.bin import BIN_DAYS
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.undo.bin import BinEntry, BinService
from bilatdesk.ui.kit.changes import Changes, kinds_of
from bilatdesk.ui.kit.formatting import format_moment
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.tables import row_table
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel

COL_BIN_TITLE, COL_BIN_KIND, COL_BIN_WHEN, COL_BIN_BY = 0, 1, 2, 3


def _kind_text(kind: str) -> str:
    names = {
        "person": tr("Person"),
        "organisation": tr("Organisation"),
        "country": tr("Country"),
        "engagement": tr("Engagement"),
        "agreement": tr("Agreement"),
        "visit": tr("Visit"),
        "cable": tr("Cable"),
        "commitment": tr("Commitment"),
        "tag": tr("Tag"),
    }
    return names.get(kind, kind)


def bin_columns() -> list[Column]:
    return [
        Column(tr("Record"), lambda r: r.title),
        Column(tr("Kind"), lambda r: _kind_text(r.kind)),
        Column(tr("Deleted"), lambda r: format_moment(r.deleted_at)),
        Column(tr("By"), lambda r: r.deleted_by),
    ]


class ConfirmPurgeDialog:
    """Asks before a record is forgotten for good: one seam for tests."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> bool:
        answer = QMessageBox.question(
            parent,
            tr("Purge"),
            tr("Forget “%1” for good? It can no longer be restored.").replace("%1", title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes


class BinDialog(QDialog):
    """The bin's records, most recent first; Restore and Purge act on the one selected."""

    def __init__(self, parent: QWidget | None, bin_service: BinService) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recently deleted"))
        self.bin = bin_service
        self.changed: Changes = frozenset()
        """The kinds of records restored (the pages showing them re-read)."""
        intro = QLabel(
            self.tr(
                "Records deleted in the last %1 days. Restore brings one back with its links; "
                "older ones are purged when the program starts."
            ).replace("%1", str(BIN_DAYS))
        )
        intro.setWordWrap(True)
        self.model = RowsModel(bin_columns(), self)
        self.table = row_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_BIN_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_BIN_KIND, COL_BIN_WHEN, COL_BIN_BY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(self.tr("Nothing was deleted lately."))
        self.restore_button = QPushButton(icon("open"), self.tr("&Restore"))
        self.purge_button = QPushButton(icon("delete"), self.tr("&Purge…"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addWidget(close)
        close.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.purge_button.clicked.connect(self._on_purge_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)
        self.resize(640, 420)
        self.reload()

    def reload(self) -> None:
        entries = self.bin.list()
        self.model.set_rows(entries)
        self.empty_label.setVisible(not entries)
        if entries:
            self.table.selectRow(0)

    def current(self) -> BinEntry | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        return record if isinstance(record, BinEntry) else None

    def _on_restore_button_clicked(self) -> None:
        entry = self.current()
        if entry is None:
            return
        try:
            tables = self.bin.restore(entry.id)
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot restore"), str(exc))
            self.reload()
            return
        self.changed = self.changed | kinds_of(tables)
        self.reload()

    def _on_purge_button_clicked(self) -> None:
        entry = self.current()
        if entry is None or not ConfirmPurgeDialog.ask(self, entry.title):
            return
        try:
            self.bin.purge(entry.id)
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot purge"), str(exc))
        self.reload()

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = self.current() is not None
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)

    @classmethod
    def ask(cls, parent: QWidget | None, bin_service: BinService) -> Changes:
        """Show the bin modally; returns the kinds of records restored."""
        dialog = cls(parent, bin_service)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.exec()
        return dialog.changed
