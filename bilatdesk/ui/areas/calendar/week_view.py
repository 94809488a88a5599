"""The week page: seven day columns of half-hour slots, engagements as blocks by their time.

Hours 07 to 21 fill the height; the rest of the day is a scroll away. Engagements that
overlap sit side by side. Click chooses a slot or an engagement; double-click on a block opens
it, on an empty slot starts a new engagement there. Arrows move the slot, Enter opens or starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QLocale, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
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
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from bilatdesk.ui.areas.calendar.layout import Placed, side_by_side
from bilatdesk.ui.areas.countries.timeline.colours import mix, quiet_text
from bilatdesk.ui.kit.teardown import while_alive
from bilatdesk.ui.kit.texts import tr

GUTTER = 54
FIRST_HOUR = 7
LAST_HOUR = 21
MIN_HOUR_HEIGHT = 30
SLOT = timedelta(minutes=30)


class WeekCanvas(QWidget):
    """The 24-hour grid of the week with its blocks; lives in a vertical scroll area."""

    slot_chosen = Signal(object)  # local datetime of a half-hour slot
    item_activated = Signal(int)
    new_requested = Signal(object)  # local datetime
    leave_requested = Signal(object)  # local datetime outside the week (keyboard)

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Week"))
        self.zone = zone
        self.days: list[date] = []
        self.today = date.today()
        self.now: datetime | None = None
        self.hour_height = float(MIN_HOUR_HEIGHT * 1.5)
        self.selected_slot: datetime | None = None
        self.selected_item: int | None = None
        self._parts: dict[date, list[Placed]] = {}
        self.blocks: list[tuple[QRectF, Placed]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._apply_height()

    # -- content and geometry -------------------------------------------------------------
    def set_week(self, days: Sequence[date], placed: dict[date, list[Placed]]) -> None:
        self.days = list(days)
        self._parts = {day: side_by_side(placed.get(day, [])) for day in self.days}
        self._lay_out()
        self.update()

    def set_hour_height(self, height: float) -> None:
        self.hour_height = max(height, float(MIN_HOUR_HEIGHT))
        self._apply_height()
        self._lay_out()

    def _apply_height(self) -> None:
        self.setMinimumHeight(round(24 * self.hour_height))

    def sizeHint(self) -> QSize:
        return QSize(600, round(24 * self.hour_height))

    def column_width(self) -> float:
        return max((self.width() - GUTTER) / 7, 10.0)

    def x_of(self, index: int) -> float:
        return GUTTER + index * self.column_width()

    def y_of(self, moment: datetime) -> float:
        midnight = datetime.combine(moment.date(), time(), tzinfo=moment.tzinfo)
        return (moment - midnight).total_seconds() / 3600 * self.hour_height

    def _lay_out(self) -> None:
        self.blocks = []
        width = self.column_width()
        for index, day in enumerate(self.days):
            for part in self._parts.get(day, []):
                top = self.y_of(part.start)
                bottom = top + (part.end - part.start).total_seconds() / 3600 * self.hour_height
                share = width / part.columns
                rect = QRectF(
                    self.x_of(index) + part.column * share + 1,
                    top + 1,
                    max(share - 2, 2.0),
                    max(bottom - top - 2, 18.0),
                )
                self.blocks.append((rect, part))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def slot_at(self, pos: QPointF) -> datetime | None:
        if pos.x() < GUTTER or not self.days:
            return None
        index = min(int((pos.x() - GUTTER) // self.column_width()), 6)
        half_hours = min(max(int(pos.y() // (self.hour_height / 2)), 0), 47)
        day = self.days[index]
        return datetime.combine(day, time(), tzinfo=self.zone) + half_hours * SLOT

    def block_at(self, pos: QPointF) -> Placed | None:
        for rect, part in reversed(self.blocks):
            if rect.contains(pos):
                return part
        return None

    def slot_rect(self, slot: datetime) -> QRectF | None:
        if slot.date() not in self.days:
            return None
        index = self.days.index(slot.date())
        top = self.y_of(slot)
        return QRectF(self.x_of(index), top, self.column_width(), self.hour_height / 2)

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        quiet = quiet_text(palette)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.fillRect(event.rect(), base)
        width = self.column_width()
        for index, day in enumerate(self.days):
            if day == self.today:
                painter.fillRect(
                    QRectF(self.x_of(index), 0, width, self.height()), mix(highlight, base, 0.07)
                )
        # Office hours stand apart from the night and early morning.
        off = palette.color(QPalette.ColorRole.AlternateBase)
        painter.fillRect(QRectF(GUTTER, 0, width * 7, FIRST_HOUR * self.hour_height), off)
        painter.fillRect(
            QRectF(GUTTER, LAST_HOUR * self.hour_height, width * 7, self.height()), off
        )
        hour_pen = QPen(mix(text, base, 0.18), 1)
        half_pen = QPen(mix(text, base, 0.08), 1, Qt.PenStyle.DotLine)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.9, 7.0))
        painter.setFont(small)
        for hour in range(24):
            y = hour * self.hour_height
            painter.setPen(hour_pen)
            painter.drawLine(QPointF(GUTTER - 4, y + 0.5), QPointF(self.width(), y + 0.5))
            painter.setPen(half_pen)
            half = y + self.hour_height / 2
            painter.drawLine(QPointF(GUTTER, half + 0.5), QPointF(self.width(), half + 0.5))
            painter.setPen(quiet)
            painter.drawText(
                QRectF(0, y + 1, GUTTER - 8, 16),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                f"{hour:02d}:00",
            )
        painter.setPen(hour_pen)
        for index in range(8):
            x = self.x_of(index) if index < 7 else self.width() - 1
            painter.drawLine(QPointF(x + 0.5, 0), QPointF(x + 0.5, self.height()))
        if self.selected_slot is not None and (rect := self.slot_rect(self.selected_slot)):
            painter.fillRect(rect.adjusted(1, 1, -1, 0), mix(highlight, base, 0.3))
        self._paint_blocks(painter, small)
        self._paint_now(painter, highlight)
        painter.end()

    def _paint_blocks(self, painter: QPainter, font: QFont) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        metrics = QFontMetrics(font)
        painter.setFont(font)
        for rect, part in self.blocks:
            chosen = part.item.id == self.selected_item
            fill = highlight if chosen else mix(highlight, base, 0.22)
            painter.fillRect(rect, fill)
            painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), highlight)
            painter.setPen(QPen(mix(highlight, base, 0.6), 1))
            painter.drawRect(rect)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText) if chosen else text)
            inner = rect.adjusted(6, 1, -3, -1)
            lines = [f"{part.start:%H:%M} {part.item.title}"]
            where = ", ".join(filter(None, [part.item.place, part.item.country]))
            if where:
                lines.append(where)
            y = inner.top()
            for line in lines:
                if y + metrics.height() > inner.bottom() + 2 and y > inner.top():
                    break
                painter.drawText(
                    QRectF(inner.left(), y, inner.width(), metrics.height()),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(inner.width())),
                )
                y += metrics.height()

    def _paint_now(self, painter: QPainter, colour: QColor) -> None:
        now = self.now or datetime.now(self.zone)
        local = now.astimezone(self.zone)
        if local.date() not in self.days:
            return
        index = self.days.index(local.date())
        y = self.y_of(local)
        painter.setPen(QPen(colour, 2))
        painter.drawLine(QPointF(self.x_of(index), y), QPointF(self.x_of(index + 1), y))

    # -- mouse and keys -------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        part = self.block_at(pos)
        slot = self.slot_at(pos)
        if slot is None:
            return
        self.selected_slot = slot
        self.selected_item = part.item.id if part is not None else None
        self.update()
        self.slot_chosen.emit(slot)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        part = self.block_at(pos)
        if part is not None:
            self.item_activated.emit(part.item.id)
            return
        slot = self.slot_at(pos)
        if slot is not None:
            self.new_requested.emit(slot)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Up: -SLOT,
            Qt.Key.Key_Down: SLOT,
            Qt.Key.Key_Left: -timedelta(days=1),
            Qt.Key.Key_Right: timedelta(days=1),
        }
        key = Qt.Key(event.key())
        if key in steps and self.days:
            current = self.selected_slot or datetime.combine(
                self.days[0], time(FIRST_HOUR + 2), tzinfo=self.zone
            )
            # Wall-clock arithmetic: the slot stays at its hour across a change of time.
            target = (current.replace(tzinfo=None) + steps[key]).replace(tzinfo=self.zone)
            self.selected_slot = target
            self.selected_item = None
            self.update()
            if target.date() in self.days:
                self.slot_chosen.emit(target)
            else:
                self.leave_requested.emit(target)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_slot is not None:
            if self.selected_item is not None:
                self.item_activated.emit(self.selected_item)
            else:
                self.new_requested.emit(self.selected_slot)
            return
        super().keyPressEvent(event)


class WeekHeader(QWidget):
    """The names and dates of the week's days, over their columns."""

    def __init__(self, canvas: WeekCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.setFixedHeight(self.fontMetrics().height() * 2 + 10)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        locale = QLocale()
        bold = QFont(self.font())
        bold.setBold(True)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        width = self.canvas.column_width()
        for index, day in enumerate(self.canvas.days):
            rect = QRectF(GUTTER + index * width, 0, width, self.height())
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            month = locale.monthName(day.month, QLocale.FormatType.ShortFormat)
            today = day == self.canvas.today
            painter.setPen(highlight if today else palette.color(QPalette.ColorRole.WindowText))
            painter.setFont(bold if today else self.font())
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), f"{name}\n{day.day} {month}")
        painter.end()


class WeekView(QWidget):
    """The header of days over the scrolled 24-hour grid."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = WeekCanvas(zone)
        self.header = WeekHeader(self.canvas)
        self.area = QScrollArea()
        self.area.setWidget(self.canvas)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFocusProxy(self.canvas)
        self.setFocusProxy(self.canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header_row = QVBoxLayout()
        bar = self.area.verticalScrollBar().sizeHint().width()
        header_row.setContentsMargins(0, 0, bar, 0)  # level with the grid beside its scroll bar
        header_row.addWidget(self.header)
        layout.addLayout(header_row)
        layout.addWidget(self.area, 1)
        self.setMinimumSize(420, 300)
        self._fitted = False
        self.area.viewport().installEventFilter(self)

    @while_alive
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The viewport's own size is the one that counts: the view's may arrive before its
        # layout has placed the scroll area (a page of a stack shown for the first time).
        if watched is self.area.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_hours()
        return super().eventFilter(watched, event)

    def fit_hours(self) -> None:
        """Hours 07 to 21 fill the visible height (never less than a readable minimum); the
        hour at the top stays there."""
        top = (
            self.area.verticalScrollBar().value() / self.canvas.hour_height
            if self._fitted
            else FIRST_HOUR
        )
        visible = self.area.viewport().height()
        self.canvas.set_hour_height(visible / (LAST_HOUR - FIRST_HOUR))
        self._fitted = True
        self.show_hour(top)
        self.header.update()

    def show_hour(self, hour: float) -> None:
        self.area.verticalScrollBar().setValue(round(hour * self.canvas.hour_height))

    def ensure_slot_visible(self, slot: datetime) -> None:
        rect = self.canvas.slot_rect(slot)
        if rect is not None:
            self.area.ensureVisible(
                round(rect.center().x()), round(rect.center().y()), 0, round(rect.height())
            )
