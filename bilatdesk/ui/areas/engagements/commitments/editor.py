"""The engagement form's Commitments section: a table with Add, Edit, Close…, Reopen, Remove.

Nothing here writes: the drafts are saved with the engagement's Save, in its transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.enums import CommitmentStatus
from bilatdesk.services.engagements.commitment_drafts import CommitmentDraft
from bilatdesk.services.kernel.listing import Choice, DeleteImpact
from bilatdesk.ui.areas.engagements.commitments.dialogs import (
    CloseCommitmentDialog,
    CommitmentDialog,
)
from bilatdesk.ui.areas.engagements.commitments.rows import (
    CommitmentRowsModel,
    record_table,
    side_text,
    standing_text,
)
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog
from bilatdesk.ui.kit.texts import classification_colour, classification_text, tr
from bilatdesk.ui.models.paged_model import Column

COL_WHAT, COL_BY, COL_OWNER, COL_DUE, COL_STANDING, COL_CLASSIFICATION = range(6)


@dataclass(frozen=True)
class DraftEntry:
    """One line of the table: the draft and what to show for its owner."""

    draft: CommitmentDraft
    owner_name: str
    today: date
    edited: bool = False
    """Changed here since loading: only such (and new) drafts are sent on Save."""

    @property
    def id(self) -> int | None:
        return self.draft.id

    @property
    def overdue(self) -> bool:
        d = self.draft
        due = d.due_date
        return d.status is CommitmentStatus.OPEN and due is not None and due < self.today

    @property
    def description(self) -> str:
        return self.draft.description


def draft_columns() -> list[Column]:
    def standing(e: DraftEntry) -> str:
        d = e.draft
        return standing_text(d.status, d.due_date, d.closed_on, e.today)

    def tooltip(e: DraftEntry) -> str:
        note = e.draft.closing_note
        if not note:
            return e.draft.description
        return e.draft.description + "\n" + tr("Closing note: %1").replace("%1", note)

    return [
        Column(tr("What"), lambda e: e.draft.description, tooltip=tooltip),
        Column(tr("By"), lambda e: side_text(e.draft.side)),
        Column(tr("Owner"), lambda e: e.owner_name or e.draft.owner or "—"),
        Column(tr("Due"), lambda e: format_date(e.draft.due_date) or "—"),
        Column(tr("Standing"), standing),
        Column(
            tr("Classification"),
            lambda e: classification_text(e.draft.classification),
            decoration=lambda e: classification_colour(e.draft.classification),
        ),
    ]


class CommitmentsEditor(QWidget):
    """The commitments of the engagement being edited; `changed` on every edit."""

    changed = Signal()

    def __init__(
        self,
        search_people: Callable[[str], list[Choice]],
        made_on: Callable[[], date | None],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search_people = search_people
        self._made_on = made_on
        self._today = today
        self._entries: list[DraftEntry] = []
        self._removed: list[CommitmentDraft] = []
        self.model = CommitmentRowsModel(draft_columns(), self)
        self.table = record_table()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        rows = 5
        self.table.setFixedHeight(
            header.sizeHint().height() + rows * (self.fontMetrics().height() + 8) + 4
        )
        self.add_button = QPushButton(icon("new"), self.tr("Add…"))
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.close_button = QPushButton(icon("clear"), self.tr("Close…"))
        self.reopen_button = QPushButton(icon("return"), self.tr("Reopen"))
        self.remove_button = QPushButton(icon("remove_row"), self.tr("Remove"))
        self.add_button.setToolTip(self.tr("Add a commitment made in this engagement"))
        self.close_button.setToolTip(self.tr("Record that it was done or dropped, and when"))
        # Delete removes only while the table has focus, never from a text field.
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self._on_remove_button_clicked)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.close_button,
            self.reopen_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.reopen_button.clicked.connect(self._on_reopen_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.doubleClicked.connect(self._on_table_doubleClicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    # -- values ---------------------------------------------------------------------------
    def set_values(self, drafts: list[CommitmentDraft], owner_names: list[str]) -> None:
        """The stored commitments, with their owners' names in the same order."""
        today = self._today()
        self._entries = [DraftEntry(d, n, today) for d, n in zip(drafts, owner_names, strict=True)]
        self._removed = []
        self._refresh()

    def values(self) -> tuple[CommitmentDraft, ...]:
        """The new and changed drafts and the stored ones marked removed.

        Unchanged ones stay out, so a colleague's closing made meanwhile is not overwritten.
        """
        sent = [e.draft for e in self._entries if e.draft.id is None or e.edited]
        return tuple(sent) + tuple(self._removed)

    def row_count(self) -> int:
        return len(self._entries)

    def entry(self, row: int) -> DraftEntry:
        return self._entries[row]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    # -- inside ---------------------------------------------------------------------------
    def _current(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _refresh(self, select: int = -1) -> None:
        self.model.set_rows(self._entries)
        if 0 <= select < len(self._entries):
            self.table.selectRow(select)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self._current()
        chosen = self._entries[row].draft if 0 <= row < len(self._entries) else None
        self.edit_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)
        is_open = chosen is not None and chosen.status is CommitmentStatus.OPEN
        self.close_button.setEnabled(is_open)
        self.reopen_button.setEnabled(chosen is not None and not is_open)

    def _put(self, row: int, draft: CommitmentDraft, owner_name: str) -> None:
        entry = DraftEntry(draft, owner_name, self._today(), edited=True)
        if row < 0:
            self._entries.append(entry)
            row = len(self._entries) - 1
        else:
            self._entries[row] = entry
        self._refresh(row)
        self.changed.emit()

    # -- slots ----------------------------------------------------------------------------
    def _on_add_button_clicked(self) -> None:
        answer = CommitmentDialog.ask(self, self._search_people, None, "", self._made_on())
        if answer is not None:
            self._put(-1, answer.draft, answer.owner_name)

    def _on_edit_button_clicked(self) -> None:
        row = self._current()
        if row < 0:
            return
        entry = self._entries[row]
        answer = CommitmentDialog.ask(
            self, self._search_people, entry.draft, entry.owner_name, self._made_on()
        )
        if answer is not None:
            self._put(row, answer.draft, answer.owner_name)

    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self._on_edit_button_clicked()

    def _on_close_button_clicked(self) -> None:
        row = self._current()
        if row < 0 or self._entries[row].draft.status is not CommitmentStatus.OPEN:
            return
        entry = self._entries[row]
        closing = CloseCommitmentDialog.ask(
            self, entry.draft.description, self._made_on(), self._today()
        )
        if closing is not None:
            draft = replace(
                entry.draft,
                status=closing.status,
                closed_on=closing.closed_on,
                closing_note=closing.note,
            )
            self._put(row, draft, entry.owner_name)

    def _on_reopen_button_clicked(self) -> None:
        row = self._current()
        if row < 0 or self._entries[row].draft.status is CommitmentStatus.OPEN:
            return
        entry = self._entries[row]
        draft = replace(entry.draft, status=CommitmentStatus.OPEN, closed_on=None, closing_note="")
        self._put(row, draft, entry.owner_name)

    def _on_remove_button_clicked(self) -> None:
        row = self._current()
        if row < 0:
            return
        entry = self._entries[row]
        if entry.draft.id is not None:
            impact = DeleteImpact(
                entry.draft.description,
                (self.tr("it is deleted when you save the engagement"),),
                undoable=True,  # the save is a step; the commitment waits in the bin
            )
            if not ConfirmDeleteDialog.ask(self, impact):
                return
            self._removed.append(replace(entry.draft, removed=True))
        del self._entries[row]
        self._refresh(min(row, len(self._entries) - 1))
        self.changed.emit()
