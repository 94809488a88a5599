"""The visit's programme in its form: the meetings inside its dates, and call notes for each.

The meetings themselves are engagements, edited under Engagements; here they are read-only.
What belongs to the visit is the call notes per meeting, kept by engagement id and saved with
the visit.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.enums import Side
from bilatdesk.services.engagements.service import EngagementDetail
from bilatdesk.services.visits.service import CallNoteInput
from bilatdesk.ui.kit.formatting import format_moment
from bilatdesk.ui.kit.tables import row_table
from bilatdesk.ui.kit.texts import enum_text, tr

AnyIndex = QModelIndex | QPersistentModelIndex
COL_PROG_WHEN, COL_PROG_MEETING, COL_PROG_PLACE, COL_PROG_THEIRS, COL_PROG_NOTES = range(5)
NOTE_FIELDS = ("objectives", "points_to_make", "their_points")


@dataclass(frozen=True)
class Meeting:
    """One engagement of the programme, as the table shows it."""

    id: int
    when: str
    title: str
    kind: str
    place: str
    theirs: str

    @classmethod
    def of(cls, detail: EngagementDetail) -> Meeting:
        data = detail.data
        theirs = [
            p.name + (f" ({p.role})" if p.role else "")
            for p in detail.participants
            if p.side is Side.THEIRS
        ]
        return cls(
            detail.id,
            format_moment(data.starts_at, data.time_zone),
            data.title,
            enum_text(data.kind),
            data.place,
            "; ".join(theirs),
        )


def has_text(note: CallNoteInput) -> bool:
    return any(getattr(note, name).strip() for name in NOTE_FIELDS)


class ProgrammeModel(QAbstractTableModel):
    """The meetings, read-only, with a mark where call notes are written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meetings: list[Meeting] = []
        self.noted: set[int] = set()
        self._headers = [tr("When"), tr("Meeting"), tr("Place"), tr("Their side"), tr("Call notes")]

    def set_meetings(self, meetings: list[Meeting]) -> None:
        self.beginResetModel()
        self.meetings = list(meetings)
        self.endResetModel()

    def set_noted(self, noted: set[int]) -> None:
        if noted != self.noted:
            self.noted = set(noted)
            if self.meetings:
                self.dataChanged.emit(
                    self.index(0, COL_PROG_NOTES),
                    self.index(len(self.meetings) - 1, COL_PROG_NOTES),
                )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.meetings)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or index.row() >= len(self.meetings)
            or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        ):
            return None
        meeting = self.meetings[index.row()]
        if index.column() == COL_PROG_MEETING and role == Qt.ItemDataRole.ToolTipRole:
            return f"{meeting.title} ({meeting.kind})"
        return {
            COL_PROG_WHEN: meeting.when,
            COL_PROG_MEETING: meeting.title,
            COL_PROG_PLACE: meeting.place,
            COL_PROG_THEIRS: meeting.theirs,
            COL_PROG_NOTES: tr("Written") if meeting.id in self.noted else "—",
        }.get(index.column())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ProgrammePanel(QWidget):
    """The meetings table, and under it the call notes of the meeting chosen in it."""

    changed = Signal()
    """A call note was typed (the form saves it with the visit)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProgrammeModel(self)
        self.notes: dict[int, CallNoteInput] = {}
        self.current: int | None = None
        self._loading = False
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setEnabled(False)  # the palette's quiet colour
        self.table = row_table(self.model)
        self.table.setMinimumHeight(150)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_PROG_MEETING, COL_PROG_THEIRS):  # the long ones share the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.notes_heading = QLabel()
        self.edits: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        labels = (tr("Objectives"), tr("Points to make"), tr("Their likely points"))
        for column, (name, label) in enumerate(zip(NOTE_FIELDS, labels, strict=True)):
            edit = QPlainTextEdit()
            edit.setObjectName(f"call_{name}")
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 5 + 12)
            self.edits[name] = edit
            grid.addWidget(QLabel(label), 0, column)
            grid.addWidget(edit, 1, column)
            edit.textChanged.connect(self._on_edit_textChanged)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.table)
        layout.addWidget(self.notes_heading)
        layout.addLayout(grid)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)
        self.show_unsaved()

    # -- filling --------------------------------------------------------------------------
    def show_unsaved(self) -> None:
        """A new visit has no programme until it is saved (its dates and country decide it)."""
        self.set_meetings(
            [],
            self.tr(
                "Save the visit to see its programme: the engagements "
                "logged in its country between its dates."
            ),
        )

    def set_meetings(self, meetings: list[Meeting], empty_text: str = "") -> None:
        """Show these meetings, keeping the chosen one chosen if it is still among them."""
        self.model.set_meetings(meetings)
        self.state.setText(empty_text)
        self.state.setVisible(not meetings and bool(empty_text))
        row = next((i for i, m in enumerate(meetings) if m.id == self.current), 0)
        if meetings:
            self.table.selectRow(row)
        self._show_current()

    def set_notes(self, notes: tuple[CallNoteInput, ...]) -> None:
        self.notes = {n.engagement_id: n for n in notes}
        self._show_current()

    def values(self) -> tuple[CallNoteInput, ...]:
        """The notes worth keeping: those with any text, for whichever meeting."""
        return tuple(n for n in self.notes.values() if has_text(n))

    # -- inside ---------------------------------------------------------------------------
    def _chosen(self) -> Meeting | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.meetings[rows[0].row()] if rows else None

    def _show_current(self) -> None:
        meeting = self._chosen()
        self.current = meeting.id if meeting is not None else None
        note = self.notes.get(self.current or -1, CallNoteInput(self.current or 0))
        self._loading = True
        for name, edit in self.edits.items():
            if edit.toPlainText() != getattr(note, name):
                edit.setPlainText(getattr(note, name))
            edit.setEnabled(meeting is not None)
        self._loading = False
        self.notes_heading.setText(
            f"<b>{self.tr('Call notes: %1').replace('%1', escape(meeting.title))}</b>"
            if meeting is not None
            else f"<b>{self.tr('Call notes')}</b>"
        )
        self.model.set_noted({i for i, n in self.notes.items() if has_text(n)})

    # -- slots ----------------------------------------------------------------------------
    def _on_table_selectionChanged(self, *_args: object) -> None:
        self._show_current()

    def _on_edit_textChanged(self) -> None:
        if self._loading or self.current is None:
            return
        edits = self.edits
        self.notes[self.current] = CallNoteInput(
            self.current,
            edits["objectives"].toPlainText(),
            edits["points_to_make"].toPlainText(),
            edits["their_points"].toPlainText(),
        )
        self.model.set_noted({i for i, n in self.notes.items() if has_text(n)})
        self.changed.emit()
