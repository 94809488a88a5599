"""File ▸ Backups…: the backups of the open file, with their verdicts; back up, restore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.store.backups import Backup, list_backups, restore, take_backup
from bilatdesk.ui.kit.background import Op
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.formatting import file_size_text
from bilatdesk.ui.kit.messages import Confirm, Notice
from bilatdesk.ui.kit.tables import row_table
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel

if TYPE_CHECKING:
    from bilatdesk.ui.shell.protection import Protection


def backup_columns() -> list[Column]:
    """When, how large, and whether it verified."""
    return [
        Column(tr("Taken"), lambda b: b.taken.astimezone().strftime("%Y-%m-%d %H:%M")),
        Column(tr("Size"), lambda b: file_size_text(b.size)),
        Column(tr("Verdict"), verdict_text),
    ]


def verdict_text(backup: Backup) -> str:
    """How far a backup was checked, in words; why it cannot be trusted otherwise."""
    if backup.checked_in_full:
        return tr("verified in full")
    if backup.good:
        return tr("verified (full check when idle)")
    return backup.verdict


class BackupsDialog(QDialog):
    """Lists the backups; "Back up now" runs in the background; "Restore…" asks first."""

    def __init__(self, parent: QWidget | None, protection: Protection) -> None:
        super().__init__(parent)
        self.protection = protection
        self.setWindowTitle(self.tr("Backups"))
        self.model = RowsModel(backup_columns(), self)
        self.backups: list[Backup] = []
        self.table = row_table(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.restore_button = QPushButton(self.tr("Restore…"))
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)
        self.op: Op[Backup] | None = None
        self.reload()
        keep_place(self, 560, 360)

    @property
    def path(self) -> Path | None:
        return self.protection.path

    def reload(self) -> None:
        self.backups = list_backups(self.path) if self.path is not None else []
        self.model.set_rows(self.backups)
        if not self.backups:
            self.status.setText(self.tr("No backup yet."))
        self._on_table_selectionChanged()
        db = self.protection.db
        self.backup_button.setEnabled(db is not None and (self.op is None or not self.op.running))

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _on_table_selectionChanged(self, *_args: object) -> None:
        backup = self.chosen()
        db = self.protection.db
        self.restore_button.setEnabled(
            backup is not None and backup.good and db is not None and not db.read_only
        )

    def _on_backup_button_clicked(self) -> None:
        db, path = self.protection.db, self.path
        if db is None or path is None:
            return
        connect = db.connect_file
        self.status.setText(self.tr("Backing up…"))
        self.backup_button.setEnabled(False)
        self.op = (
            Op(self, lambda _progress: take_backup(path, connect=connect), self._on_backed_up)
            .failure(self._on_backup_failed)
            .run_in_background()
        )

    def _on_backed_up(self, backup: Backup) -> None:
        self.reload()
        self.status.setText(self.tr("Backed up and verified: %1.").replace("%1", backup.path.name))

    def _on_backup_failed(self, sentence: str) -> None:
        self.reload()
        self.status.setText(sentence)

    def _on_restore_button_clicked(self) -> None:
        backup, db = self.chosen(), self.protection.db
        if backup is None or db is None:
            return
        taken = backup.taken.astimezone().strftime("%d %B %Y, %H:%M")
        if not Confirm.ask(
            self,
            self.tr("Restore a backup"),
            self.tr(
                "Put the backup of %1 in place of the current file? Changes made since then "
                "are no longer in the database; the current file is kept aside, not deleted."
            ).replace("%1", taken),
            self.tr("Restore"),
        ):
            return
        connect = db.connect_file
        self.protection.run_closed(
            self.tr("Restoring the backup…"),
            lambda path: restore(backup.path, path, connect=connect),
            str(db.url.password) if db.encrypted and db.url.password is not None else None,
            self._on_restored,
        )

    def _on_restored(self, aside: object) -> None:
        name = aside.name if isinstance(aside, Path) else str(aside)
        self.reload()
        Notice.show(
            self,
            self.tr("Backup restored"),
            self.tr("The backup was restored. The file it replaced was kept aside as %1.").replace(
                "%1", name
            ),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, protection: Protection) -> None:
        cls(parent, protection).exec()
