"""The month page: six weeks of days, each listing its engagements' start times and titles.

A day shows as many lines as fit and "+N more" for the rest. Click chooses a day (or one of
its engagements); double-click on an engagement opens it, on the rest of the day starts a new
one there, on "+N more" shows that week. Arrows move the chosen day, Enter opens or starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from bilatdesk.ui.areas.calendar.layout import Placed
from bilatdesk.ui.areas.countries.timeline.colours import mix, quiet_text
from bilatdesk.ui.kit.texts import tr

HEADER_HEIGHT = 24


@dataclass
class DayCell:
    day: date
    rect: QRectF
    lines: list[tuple[QRectF, Placed]] = field(default_factory=list)
    more_rect: QRectF | None = None
    hidden: int = 0


class MonthView(QWidget):
    """A 6×7 grid of days painted from the engagements placed on them."""

    day_chosen = Signal(object)  # date
    item_activated = Signal(int)  # engagement id
    new_requested = Signal(object)  # date
    more_requested = Signal(object)  # date
    leave_requested = Signal(object)  # date outside the page, reached by the keyboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Month"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(420, 300)
        self.days: list[date] = []
        self.month = (2000, 1)
        self.today = date.today()
        self.selected: date | None = None
        self.selected_item: int | None = None
        self._placed: dict[date, list[Placed]] = {}
        self._totals: dict[date, int] = {}
        self.cells: list[DayCell] = []

    # -- content --------------------------------------------------------------------------
    def set_page(
        self,
        days: Sequence[date],
        month: tuple[int, int],
        placed: dict[date, list[Placed]],
        totals: dict[date, int] | None = None,
    ) -> None:
        """The page's 42 days, its month, each day's engagements, and optionally each day's
        true total (when the page held more engagements than were read)."""
        self.days = list(days)
        self.month = month
        self._placed = placed
        self._totals = totals or {}
        self._lay_out()
        self.update()

    def set_selected(self, day: date | None, item_id: int | None = None) -> None:
        self.selected = day
        self.selected_item = item_id
        self.update()

    # -- geometry -------------------------------------------------------------------------
    def _line_height(self) -> int:
        return QFontMetrics(self._small_font()).height() + 2

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
        return font

    def _lay_out(self) -> None:
        self.cells = []
        if len(self.days) != 42:
            return
        # One pixel kept on the right and at the bottom for the grid's closing lines.
        width = (self.width() - 1) / 7
        height = (self.height() - HEADER_HEIGHT - 1) / 6
        line = self._line_height()
        for index, day in enumerate(self.days):
            row, column = divmod(index, 7)
            rect = QRectF(column * width, HEADER_HEIGHT + row * height, width, height)
            cell = DayCell(day, rect)
            parts = self._placed.get(day, [])
            total = max(self._totals.get(day, 0), len(parts))
            top = rect.top() + line + 4
            room = int((rect.bottom() - 2 - top) // line)
            shown = (
                parts if len(parts) <= room and total == len(parts) else parts[: max(room - 1, 0)]
            )
            for number, part in enumerate(shown):
                cell.lines.append(
                    (QRectF(rect.left() + 3, top + number * line, width - 6, line), part)
                )
            cell.hidden = total - len(shown)
            if cell.hidden > 0 and room > 0:
                cell.more_rect = QRectF(rect.left() + 3, top + len(shown) * line, width - 6, line)
            self.cells.append(cell)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def cell_at(self, pos: QPointF) -> DayCell | None:
        return next((c for c in self.cells if c.rect.contains(pos)), None)

    def cell_of(self, day: date) -> DayCell | None:
        return next((c for c in self.cells if c.day == day), None)

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        locale = QLocale()
        width = (self.width() - 1) / 7
        painter.setPen(quiet_text(palette))
        for column in range(7):
            weekday = self.days[column].isoweekday() if self.days else column + 1
            painter.drawText(
                QRectF(column * width, 0, width, HEADER_HEIGHT),
                int(Qt.AlignmentFlag.AlignCenter),
                locale.dayName(weekday, QLocale.FormatType.ShortFormat),
            )
        for cell in self.cells:
            self._paint_cell(painter, cell)
        painter.end()

    def _paint_cell(self, painter: QPainter, cell: DayCell) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        quiet = quiet_text(palette)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        rect = cell.rect
        inside = (cell.day.year, cell.day.month) == self.month
        if not inside:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(QPen(mix(text, palette.color(QPalette.ColorRole.Base), 0.18), 1))
        painter.drawRect(rect)
        number = QRectF(rect.left() + 4, rect.top() + 2, 28, self._line_height())
        if cell.day == self.today:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(highlight)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(number.adjusted(-2, 0, -4, 0), 4, 4)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        else:
            painter.setPen(text if inside else quiet)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            number.adjusted(0, 0, -6, 0), int(Qt.AlignmentFlag.AlignCenter), str(cell.day.day)
        )
        small = self._small_font()
        metrics = QFontMetrics(small)
        painter.setFont(small)
        for line_rect, part in cell.lines:
            if part.item.id == self.selected_item and cell.day == self.selected:
                painter.fillRect(line_rect, highlight)
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            else:
                painter.fillRect(
                    QRectF(line_rect.left(), line_rect.top() + 2, 3, line_rect.height() - 4),
                    highlight,
                )
                painter.setPen(text if inside else quiet)
            label = f"{part.start:%H:%M} {part.item.title}"
            painter.drawText(
                line_rect.adjusted(6, 0, -2, 0),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(line_rect.width() - 8)),
            )
        if cell.more_rect is not None:
            painter.setPen(quiet)
            painter.drawText(
                cell.more_rect.adjusted(6, 0, 0, 0),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                tr("+%1 more").replace("%1", QLocale().toString(cell.hidden)),
            )
        if cell.day == self.selected:
            painter.setPen(QPen(highlight, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

    # -- mouse and keys -------------------------------------------------------------------
    def _hit(self, pos: QPointF) -> tuple[DayCell | None, Placed | None, bool]:
        """The cell under a point, the engagement line there, and whether it is "+N more"."""
        cell = self.cell_at(pos)
        if cell is None:
            return None, None, False
        for rect, part in cell.lines:
            if rect.contains(pos):
                return cell, part, False
        more = cell.more_rect is not None and cell.more_rect.contains(pos)
        return cell, None, more

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell, part, _more = self._hit(event.position())
        if cell is None:
            return
        self.set_selected(cell.day, part.item.id if part else None)
        self.day_chosen.emit(cell.day)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        cell, part, more = self._hit(event.position())
        if cell is None:
            return
        if part is not None:
            self.item_activated.emit(part.item.id)
        elif more:
            self.more_requested.emit(cell.day)
        else:
            self.new_requested.emit(cell.day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        key = Qt.Key(event.key())
        if key in steps and self.days:
            current = self.selected or self.today
            target = current + timedelta(days=steps[key])
            self.set_selected(target)
            if target in self.days and (target.year, target.month) == self.month:
                self.day_chosen.emit(target)
            else:
                self.leave_requested.emit(target)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            if self.selected_item is not None:
                self.item_activated.emit(self.selected_item)
            else:
                self.new_requested.emit(self.selected)
            return
        super().keyPressEvent(event)
