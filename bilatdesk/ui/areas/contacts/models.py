"""The import dialog's tables: a CSV's columns with their fields, and the row-by-row report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from bilatdesk.exchange.csv.headers import FIELDS
from bilatdesk.exchange.records import ImportReport, ReportLine
from bilatdesk.ui.kit.exchange.outcome_model import OutcomeModel
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.paged_model import attention_colour

AnyIndex = QModelIndex | QPersistentModelIndex
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1
"""The field key of a mapping row ("" when the column is not imported)."""

COL_MAP_HEADER, COL_MAP_EXAMPLE, COL_MAP_FIELD = 0, 1, 2
COL_LINE, COL_OUTCOME, COL_NAME, COL_DETAILS = 0, 1, 2, 3


def field_choices() -> list[tuple[str, str]]:
    """(key, label) of every target, "not imported" first."""
    return [("", tr("— not imported —")), *((f.key, tr(f.label)) for f in FIELDS)]


class MappingModel(QAbstractTableModel):
    """One row per CSV column: its header, an example value and the field it fills (editable).

    Columns neither recognised nor yet chosen by the user are drawn in the attention colour.
    """

    mapping_changed = Signal()

    def __init__(
        self,
        headers: Sequence[str],
        mapping: dict[str, str],
        unmapped: Sequence[str],
        samples: Sequence[Sequence[str]] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._fields = [mapping.get(h, "") for h in headers]
        self._unknown = {i for i, h in enumerate(headers) if h in set(unmapped)}
        self._examples = [
            next((row[i] for row in samples if i < len(row) and row[i].strip()), "")
            for i in range(len(headers))
        ]
        self._labels = dict(field_choices())

    def mapping(self) -> dict[str, str]:
        """{header: field} for every column, "" for those left out."""
        return dict(zip(self._headers, self._fields, strict=True))

    def headers(self) -> list[str]:
        return list(self._headers)

    def unresolved(self) -> list[str]:
        """Headers still unknown: not recognised, and not chosen by the user."""
        return [self._headers[i] for i in sorted(self._unknown)]

    def set_field(self, row: int, key: str) -> None:
        self.setData(self.index(row, COL_MAP_FIELD), key, Qt.ItemDataRole.EditRole)

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._headers)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._headers):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role in (Qt.ItemDataRole.EditRole, FIELD_ROLE):
            return self._fields[row] if column == COL_MAP_FIELD else None
        return self._looks(row, column, role)

    def _display(self, row: int, column: int) -> str:
        if column == COL_MAP_HEADER:
            return self._headers[row]
        if column == COL_MAP_EXAMPLE:
            return " ".join(self._examples[row].split())[:80]
        return self._labels.get(self._fields[row], self._fields[row])

    def _looks(self, row: int, column: int, role: int) -> Any:
        """Tooltips, and the attention colour (bold header) of a column still unknown."""
        unknown = row in self._unknown
        if role == Qt.ItemDataRole.ToolTipRole:
            if unknown:
                return tr("Not a column this program knows: choose a field, or leave it out.")
            return self._examples[row] if column == COL_MAP_EXAMPLE else None
        if role == Qt.ItemDataRole.ForegroundRole and unknown and column != COL_MAP_EXAMPLE:
            return attention_colour()
        if role == Qt.ItemDataRole.FontRole and unknown and column == COL_MAP_HEADER:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != COL_MAP_FIELD
            or role != Qt.ItemDataRole.EditRole
            or not isinstance(value, str)
            or value not in self._labels
        ):
            return False
        row = index.row()
        if self._fields[row] == value and row not in self._unknown:
            return True
        self._fields[row] = value
        self._unknown.discard(row)  # the user decided: no longer unknown
        self.dataChanged.emit(self.index(row, 0), self.index(row, COL_MAP_FIELD))
        self.mapping_changed.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            titles = (tr("Column in the file"), tr("Example"), tr("Imported as"))
            return titles[section] if 0 <= section < len(titles) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_MAP_FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class FieldDelegate(QStyledItemDelegate):
    """A combo of the fields for the "Imported as" column; a choice applies at once."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for key, label in field_choices():
            combo.addItem(label, key)
        combo.setMaxVisibleItems(len(FIELDS) + 1)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(FIELD_ROLE)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _details(line: ReportLine) -> str:
    """Why refused or skipped, whom it matches, and what was left out, in one text."""
    return " ".join([line.reason, *line.problems]).strip()


class ReportModel(OutcomeModel[ImportReport, ReportLine]):
    """The lines of an import report (preview or result), filtered by outcome."""

    TITLES = ("Line", "Outcome", "Name", "Details")
    outcome_column = COL_OUTCOME

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(ImportReport(), parent)

    def _display(self, line: ReportLine, column: int) -> str:
        if column == COL_LINE:
            return str(line.line)
        if column == COL_NAME:
            return line.name or tr("(no name)")
        return " ".join(_details(line).split())

    def _tooltip(self, line: ReportLine, column: int) -> str | None:
        return (_details(line) or None) if column in (COL_NAME, COL_DETAILS) else None

    def _other(self, line: ReportLine, column: int, role: int) -> Any:
        if column == COL_LINE and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
