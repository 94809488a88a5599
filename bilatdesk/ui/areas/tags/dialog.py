"""The shared tag vocabulary: every tag with how many records carry it; add, rename, delete."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.tags import TagRow, TagService
from bilatdesk.ui.kit.changes import NOTHING, Changes, Kind, changes, kinds_of
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog, ErrorBox
from bilatdesk.ui.kit.tables import row_table
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.kit.undo_keys import DialogUndo
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel

COL_TAG_NAME, COL_TAG_USES = 0, 1


def tag_columns() -> list[Column]:
    return [
        Column(tr("Tag"), lambda r: r.name),
        Column(tr("Records"), lambda r: str(r.uses)),
    ]


def uses_text(uses: int) -> str:
    """How many records lose a tag, in words."""
    if uses == 0:
        return tr("No record carries it.")
    if uses == 1:
        return tr("1 record loses this tag.")
    return tr("%1 records lose this tag.").replace("%1", str(uses))


class TagNameDialog:
    """Asks for a tag's name (new or renamed): one seam for tests."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, initial: str = "") -> str | None:
        """The name typed, or None when the user cancelled."""
        text, ok = QInputDialog.getText(
            parent, title, tr("Tag name"), QLineEdit.EchoMode.Normal, initial
        )
        return text if ok else None


class TagsDialog(QDialog):
    """Lists the vocabulary with use counts; changes are written at once."""

    def __init__(self, parent: QWidget | None, tags: TagService) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags"))
        self.tags = tags
        self.changed = False
        """True once a tag was added, renamed or deleted (pages showing tags then refresh)."""
        self.undone: Changes = NOTHING
        """The kinds of records Ctrl+Z or Ctrl+Shift+Z changed here (any step may be next)."""
        intro = QLabel(
            self.tr(
                "Tags are shared by people, organisations, engagements, cables and agreements. "
                "Changes here apply at once."
            )
        )
        intro.setWordWrap(True)
        self.model = RowsModel(tag_columns(), self)
        self.table = row_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TAG_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_TAG_USES, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(icon("new"), self.tr("Add…"))
        self.rename_button = QPushButton(icon("edit"), self.tr("Rename…"))
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete…"))
        self.said = QLabel()
        self.said.setObjectName("said")
        self.said.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.said)
        layout.addWidget(close)
        close.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_tag)
        self.rename_button.clicked.connect(self.rename_tag)
        self.delete_button.clicked.connect(self.delete_tag)
        self.table.doubleClicked.connect(lambda _index: self.rename_tag())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.add_tag)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self, self.delete_tag)
        QShortcut(QKeySequence("F2"), self, self.rename_tag)
        self.undo_keys = self._undo_keys(tags)
        keep_place(self, 460, 480)
        self.reload()

    # -- API ------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        chosen = select if select is not None else self.current_id()
        self.model.set_rows(self.tags.vocabulary())
        if chosen is not None:
            row = self.model.row_of_id(chosen)
            if row >= 0:
                self.table.selectRow(row)

    def current(self) -> TagRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def current_id(self) -> int | None:
        row = self.current()
        return row.id if row is not None else None

    def add_tag(self) -> None:
        name = TagNameDialog.ask(self, self.tr("New tag"))
        if name is None:
            return
        try:
            made = self.tags.create(name)
        except ServiceError as exc:
            self._refused(self.tr("Cannot add the tag"), exc)
            return
        self.changed = True
        self.reload(select=made.id)

    def rename_tag(self) -> None:
        row = self.current()
        if row is None:
            return
        name = TagNameDialog.ask(self, self.tr("Rename tag"), row.name)
        if name is None or name == row.name:
            return
        try:
            self.tags.rename(row.id, name, row.version)
        except ServiceError as exc:
            self._refused(self.tr("Cannot rename the tag"), exc)
            self.reload()
            return
        self.changed = True
        self.reload(select=row.id)

    def delete_tag(self) -> None:
        row = self.current()
        if row is None:
            return
        try:
            # Refused before asking when a dispatched cable carries the tag, naming the cable.
            impact = self.tags.delete_impact(row.id)
            consequences = (uses_text(row.uses), *impact.consequences)
            if not ConfirmDeleteDialog.ask(self, replace(impact, consequences=consequences)):
                return
            self.tags.delete(row.id, row.version)
        except ServiceError as exc:
            self._refused(self.tr("Cannot delete the tag"), exc)
            self.reload()
            return
        self.changed = True
        self.said.setText(self.tr("Deleted %1. Ctrl+Z brings it back.").replace("%1", impact.name))
        self.reload()

    # -- inside ---------------------------------------------------------------------------
    def _refused(self, title: str, exc: ServiceError) -> None:
        ErrorBox.show(self, title, str(exc))  # a ValidationError's str is its sentences

    def _undo_keys(self, tags: TagService) -> DialogUndo:
        """Modal, the dialog is out of the Edit menu's reach: Ctrl+Z brings a tag back here."""
        keys = DialogUndo(self, tags.undo)
        keys.done.connect(self._on_undo_keys_done)
        keys.failed.connect(self._on_undo_keys_failed)
        return keys

    def _on_undo_keys_done(self, sentence: str, tables: frozenset[str]) -> None:
        self.undone = self.undone | kinds_of(tables)
        self.said.setText(sentence)
        self.reload()

    def _on_undo_keys_failed(self, message: str) -> None:
        ErrorBox.show(self, self.tr("Undo"), message)
        self.reload()

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = self.current() is not None
        self.rename_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def changes(self) -> Changes:
        """The kinds of records changed here, for the pages to re-read."""
        return (changes(Kind.TAGS) if self.changed else NOTHING) | self.undone

    @classmethod
    def ask(cls, parent: QWidget | None, tags: TagService) -> Changes:
        """Show the vocabulary modally; the kinds of records changed (none: nothing was)."""
        dialog = cls(parent, tags)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.exec()
        return dialog.changes()
