"""How an import's outcomes look (word, colour, icon), and a table of a report's lines by outcome.

Both imports report one line per card or event with an `Outcome`; their tables differ only in
the other columns, so each side keeps just those (`TITLES`, `_display`, `_tooltip`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from bilatdesk.exchange.records import Outcome
from bilatdesk.ui.kit.texts import tr

AnyIndex = QModelIndex | QPersistentModelIndex


class Report(Protocol):
    """ImportReport, IcsImportReport: lines that each carry an `outcome`."""

    @property
    def dry_run(self) -> bool: ...

    @property
    def lines(self) -> Sequence[Any]: ...

    def count(self, outcome: Outcome) -> int: ...


class Line(Protocol):
    """ReportLine, IcsReportLine."""

    @property
    def outcome(self) -> Outcome: ...


R = TypeVar("R", bound=Report)
L = TypeVar("L", bound=Line)


def _dark() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


# Deep on light themes, pale on dark ones, like the attention colour.
_OUTCOME_COLOURS = {
    Outcome.CREATE: ("#2e7d32", "#81c784"),
    Outcome.UPDATE: ("#1565c0", "#90caf9"),
    Outcome.SKIP: ("#616161", "#bdbdbd"),
    Outcome.REFUSE: ("#c62828", "#ef9a9a"),
}


def outcome_colour(outcome: Outcome) -> QColor:
    light, dark = _OUTCOME_COLOURS[outcome]
    return QColor(dark if _dark() else light)


def outcome_text(outcome: Outcome, *, dry_run: bool) -> str:
    if dry_run:
        texts = {
            Outcome.CREATE: tr("New"),
            Outcome.UPDATE: tr("Update"),
            Outcome.SKIP: tr("Skip"),
            Outcome.REFUSE: tr("Refused"),
        }
    else:
        texts = {
            Outcome.CREATE: tr("Created"),
            Outcome.UPDATE: tr("Updated"),
            Outcome.SKIP: tr("Skipped"),
            Outcome.REFUSE: tr("Refused"),
        }
    return texts[outcome]


_ICONS: dict[tuple[Outcome, bool], QIcon] = {}


def outcome_icon(outcome: Outcome) -> QIcon:
    """A dot in the outcome's colour: a refusal a red cross in it, so colour is not alone."""
    key = (outcome, _dark())
    if key not in _ICONS:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(outcome_colour(outcome))
        painter.drawEllipse(QRectF(3, 3, 26, 26))
        pen_colour = QColor("#ffffff")
        painter.setPen(pen_colour)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(20)
        painter.setFont(font)
        mark = {Outcome.CREATE: "+", Outcome.UPDATE: "↻", Outcome.SKIP: "–", Outcome.REFUSE: "×"}
        painter.drawText(QRectF(3, 1, 26, 28), Qt.AlignmentFlag.AlignCenter, mark[outcome])
        painter.end()
        _ICONS[key] = QIcon(pixmap)
    return _ICONS[key]


def _outcome_look(outcome: Outcome, role: int) -> QIcon | QColor | None:
    if role == Qt.ItemDataRole.DecorationRole:
        return outcome_icon(outcome)
    if role == Qt.ItemDataRole.ForegroundRole:
        return outcome_colour(outcome)
    return None


FILTERS: dict[str, frozenset[Outcome]] = {
    "all": frozenset(Outcome),
    "refused": frozenset({Outcome.REFUSE}),
    "updates": frozenset({Outcome.UPDATE}),
    "new": frozenset({Outcome.CREATE}),
    "skipped": frozenset({Outcome.SKIP}),
}
"""The "Show:" choices of the preview, by key; their texts are FILTER_TEXTS."""

FILTER_TEXTS = (
    ("refused", "Refused"),
    ("updates", "Updates"),
    ("new", "New"),
    ("skipped", "Skipped"),
)
"""After "all" (whose text each side words its own way)."""


class OutcomeModel(QAbstractTableModel, Generic[R, L]):
    """The lines of an import report (preview or result), filtered by outcome.

    The outcome column shows the outcome's word, coloured, after its icon; a subclass names
    its columns (`TITLES`) and says what the others show.
    """

    TITLES: tuple[str, ...] = ()
    outcome_column = 0

    def __init__(self, empty: R, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._report = empty
        self._shown: list[L] = []
        self._filter = "all"

    @property
    def report(self) -> R:
        return self._report

    def set_report(self, report: R) -> None:
        self._report = report
        self._refilter()

    def set_filter(self, name: str) -> None:
        self._filter = name if name in FILTERS else "all"
        self._refilter()

    def line(self, row: int) -> L:
        return self._shown[row]

    def _refilter(self) -> None:
        wanted = FILTERS[self._filter]
        self.beginResetModel()
        self._shown = [line for line in self._report.lines if line.outcome in wanted]
        self.endResetModel()

    # -- what a subclass says -------------------------------------------------------------
    def _display(self, line: L, column: int) -> str:
        raise NotImplementedError

    def _tooltip(self, line: L, column: int) -> str | None:
        return None

    def _other(self, line: L, column: int, role: int) -> Any:
        """Any other role of a cell outside the outcome's look (alignment, say)."""
        return None

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.TITLES)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        line, column = self._shown[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.outcome_column:
                return outcome_text(line.outcome, dry_run=self._report.dry_run)
            return self._display(line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        look = _outcome_look(line.outcome, role) if column == self.outcome_column else None
        return look if look is not None else self._other(line, column, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.TITLES[section]) if 0 <= section < len(self.TITLES) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
