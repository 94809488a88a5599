"""The controller of the agreement form's attachments: add, save as and remove, at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.areas.agreements.dialogs import (
    AttachmentFileDialog,
    ConfirmRemoveDialog,
    ExportFolderDialog,
)
from bilatdesk.ui.kit.messages import ErrorBox

if TYPE_CHECKING:
    from bilatdesk.ui.areas.agreements.form import AgreementForm

OWNER = "agreement"


class AgreementFiles(QObject):
    """Files go straight to the store (they are not part of the form's Save)."""

    def __init__(self, form: AgreementForm) -> None:
        super().__init__(form)
        self.form = form
        panel = form.attachments
        panel.add_button.clicked.connect(self._on_add_button_clicked)
        panel.export_button.clicked.connect(self._on_export_button_clicked)
        panel.remove_button.clicked.connect(self._on_remove_button_clicked)
        panel.table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)
        panel.model.modelReset.connect(self._on_table_selectionChanged)

    def refresh(self) -> None:
        form = self.form
        if form.record_id is None:
            return
        files = form.services.attachments.list(OWNER, form.record_id)
        form.attachments.show_files(files, saved=True)

    # -- slots ----------------------------------------------------------------------------
    def _on_add_button_clicked(self) -> None:
        form = self.form
        if form.record_id is None:
            return
        path = AttachmentFileDialog.ask(form)
        if path is None:
            return
        try:
            form.services.attachments.add(
                OWNER, form.record_id, path, classification=form.classification.value()
            )
        except (ServiceError, OSError) as exc:  # too large, unreadable, gone
            ErrorBox.show(form, self.tr("Cannot attach the file"), str(exc))
            return
        form.saved_id = form.record_id
        self.refresh()

    def _on_export_button_clicked(self) -> None:
        form = self.form
        chosen = form.attachments.selected()
        if chosen is None:
            return
        folder = ExportFolderDialog.ask(form)
        if folder is None:
            return
        try:
            written = form.services.attachments.export(chosen.id, folder)
        except (ServiceError, OSError) as exc:
            ErrorBox.show(form, self.tr("Cannot save the file"), str(exc))
            return
        form.attachments.hint.setText(self.tr("Saved to %1").replace("%1", str(written)))
        form.attachments.hint.show()

    def _on_remove_button_clicked(self) -> None:
        form = self.form
        chosen = form.attachments.selected()
        if chosen is None or not ConfirmRemoveDialog.ask(form, chosen.file_name):
            return
        try:
            form.services.attachments.remove(chosen.id)
        except ServiceError as exc:
            ErrorBox.show(form, self.tr("Cannot remove the file"), str(exc))
        form.saved_id = form.record_id
        self.refresh()

    def _on_table_selectionChanged(self, *_args: object) -> None:
        self.form.attachments.selection_changed()
