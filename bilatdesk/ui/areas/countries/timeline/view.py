"""The timeline view: zoom buttons and scale, Today, the lane names, and the scrolled canvas.

The view loads lazily: it starts with one window of days and asks its loader for the year
before or after whenever the user scrolls near an edge. Keys: Left/Right scroll, Page Up/Down
scroll a screen, Home shows today, + and - zoom; Ctrl+wheel zooms, the wheel scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.countries.timeline import KINDS, StatusPeriod, Timeline, TimelineEvent
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.areas.countries.timeline.canvas import (
    AXIS_HEIGHT,
    BAND_HEIGHT,
    LANE_HEIGHT_MAX,
    TimelineCanvas,
    canvas_height,
    event_text,
    lane_title,
)
from bilatdesk.ui.areas.countries.timeline.colours import lane_colour, quiet_text, status_colour
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.texts import tr

Loader = Callable[[date, date], Timeline]
"""Reads the timeline of the days from the first to the last (both included)."""


@dataclass(frozen=True)
class Scale:
    key: str
    title: str
    per_day: float  # pixels per day


SCALES = (
    Scale("year", "Year", 1.0),
    Scale("quarter", "Quarter", 3.5),
    Scale("month", "Month", 20.0),
)
EARLIEST = date(1900, 1, 1)
EXTEND = timedelta(days=366)
MENU_ITEMS = 25


class EventMenu:
    """Choosing one of several events under a marker; `ask` is the seam tests replace."""

    @classmethod
    def ask(
        cls, parent: QWidget, events: Sequence[TimelineEvent], at: QPoint
    ) -> TimelineEvent | None:
        menu = QMenu(parent)
        chosen: dict[object, TimelineEvent] = {}
        openable = [e for e in events if e.record is not None]
        for event in openable[:MENU_ITEMS]:
            action = menu.addAction(event_text(event))
            chosen[action] = event
        if len(openable) > MENU_ITEMS:
            more = menu.addAction(
                tr("… and %1 more; zoom in to reach them").replace(
                    "%1", str(len(openable) - MENU_ITEMS)
                )
            )
            more.setEnabled(False)
        if not openable:
            menu.addAction(tr("Nothing here to open")).setEnabled(False)
        picked = menu.exec(at)
        return chosen.get(picked) if picked is not None else None


class LaneNames(QWidget):
    """The names of the band and the lanes, level with them, left of the scrolled canvas."""

    def __init__(self, canvas: TimelineCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        width = max(self.fontMetrics().horizontalAdvance(lane_title(k)) for k in KINDS) + 24
        self.setFixedWidth(max(width, 110))
        self.setMinimumHeight(canvas_height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        align = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        painter.drawText(
            QRectF(8, AXIS_HEIGHT, self.width() - 8, BAND_HEIGHT), align, tr("Relations")
        )
        painter.setFont(self.font())
        height = self.canvas.lane_height
        for kind in KINDS:
            top = self.canvas.lane_top(kind)
            painter.setBrush(lane_colour(kind))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(13, top + height / 2), 4.5, 4.5)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(24, top, self.width() - 24, height), align, lane_title(kind))
        painter.end()


class TimelineScroll(QScrollArea):
    """Scrolls sideways only: the wheel moves through time, Ctrl+wheel zooms."""

    zoom_requested = Signal(int)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if delta:
                self.zoom_requested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() - delta)
        event.accept()


class Legend(QWidget):
    """Chips naming the colour of each status shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[str, str]] = []
        self._configured: tuple[str, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_statuses(self, items: Sequence[tuple[str, str]], configured: tuple[str, ...]) -> None:
        self._items = list(dict.fromkeys(items))
        self._configured = configured
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = sum(metrics.horizontalAdvance(tr(label)) + 30 for _s, label in self._items)
        return QSize(width, metrics.height() + 6)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        x = 0.0
        middle = self.height() / 2
        for status, label in self._items:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(status_colour(status, self._configured))
            painter.drawRoundedRect(QRectF(x, middle - 6, 12, 12), 3, 3)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            text = tr(label)
            painter.drawText(QPointF(x + 17, middle + metrics.ascent() / 2 - 1), text)
            x += metrics.horizontalAdvance(text) + 30
        painter.end()


class TimelineView(QWidget):
    """A country's relationship timeline, scrolled and zoomed, loading as it goes."""

    open_requested = Signal(str, int)
    """(kind, id): the user clicked an event that opens a record."""

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.loader: Loader | None = None
        self.canvas = TimelineCanvas()
        self.canvas.today = today or date.today()
        self.canvas.key_handler = self.handle_key
        self._scale = 0
        self._periods_fixed = False
        self._periods: dict[tuple[date, str], StatusPeriod] = {}
        self._counted: list[tuple[date, date]] = []
        self._extending = False
        self._extend_timer = QTimer(self)
        self._extend_timer.setSingleShot(True)
        self._extend_timer.setInterval(0)
        self._extend_timer.timeout.connect(self._extend_if_near_edge)
        self._centre = self.canvas.today
        self._shown = False
        self.loads: list[tuple[date, date]] = []
        """Every window asked of the loader (for tests and for diagnosis)."""
        self._build()
        self.set_scale("year")

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        top = self._build_toolbar()
        self.area = TimelineScroll()
        self.area.setWidget(self.canvas)
        self.area.setWidgetResizable(False)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.area.setFocusProxy(self.canvas)
        bar_height = self.area.horizontalScrollBar().sizeHint().height()
        self.area.setMinimumHeight(canvas_height() + bar_height)
        self.area.setMaximumHeight(canvas_height(LANE_HEIGHT_MAX) + bar_height)
        self.names = LaneNames(self.canvas)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.names)
        body.addWidget(self.area, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        # No taller than the tallest lanes: the rest of a tall window goes to its neighbours.
        self.setMaximumHeight(
            top.sizeHint().height() + layout.spacing() + self.area.maximumHeight()
        )
        self.setFocusProxy(self.canvas)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.zoom_in_button.clicked.connect(lambda: self.zoom(1))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(-1))
        self.scale_buttons.idClicked.connect(self._on_scale_buttons_idClicked)
        self.today_button.clicked.connect(self.show_today)
        self.area.zoom_requested.connect(self.zoom)
        self.area.horizontalScrollBar().valueChanged.connect(self._on_scroll_valueChanged)
        self.canvas.opened.connect(self.open_requested)
        self.canvas.many_chosen.connect(self._on_canvas_many_chosen)

    def _build_toolbar(self) -> QHBoxLayout:
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setIcon(icon("zoom_out"))
        self.zoom_out_button.setToolTip(tr("Zoom out (-, Ctrl+wheel)"))
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setIcon(icon("zoom_in"))
        self.zoom_in_button.setToolTip(tr("Zoom in (+, Ctrl+wheel)"))
        self.scale_buttons = QButtonGroup(self)
        self.scale_buttons.setExclusive(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.zoom_out_button)
        for index, scale in enumerate(SCALES):
            button = QToolButton()
            button.setText(tr(scale.title))
            button.setCheckable(True)
            button.setAutoRaise(True)
            self.scale_buttons.addButton(button, index)
            top.addWidget(button)
        top.addWidget(self.zoom_in_button)
        self.today_button = QToolButton()
        self.today_button.setText(tr("Today"))
        self.today_button.setToolTip(tr("Show today (Home)"))
        top.addSpacing(8)
        top.addWidget(self.today_button)
        top.addSpacing(16)
        self.legend = Legend()
        top.addWidget(self.legend)
        top.addStretch(1)
        self.note = QLabel()
        self.note.setWordWrap(False)
        palette = QPalette(self.note.palette())
        palette.setColor(QPalette.ColorRole.WindowText, quiet_text(self.palette()))
        self.note.setPalette(palette)
        self.note.hide()
        top.addWidget(self.note)
        return top

    # -- content --------------------------------------------------------------------------
    def set_configured(self, statuses: Sequence[str]) -> None:
        """The statuses the post configured, in order (they take their colours from it)."""
        self.canvas.configured = tuple(statuses)
        self._show_legend()
        self.canvas.update()

    def set_loader(self, loader: Loader | None) -> None:
        self.loader = loader

    def show_timeline(self, timeline: Timeline) -> None:
        """Start over from one window: its days, periods and events; today in view."""
        self._counted = [(timeline.start, timeline.end)] if timeline.counted else []
        self.canvas.set_range(timeline.start, timeline.end)
        if not self._periods_fixed:
            self._periods = {}
        self.canvas.set_events(timeline.events)
        self._merge_periods(timeline.periods)
        self._show_note()
        self.show_today()

    def set_periods(self, periods: Sequence[StatusPeriod]) -> None:
        """Show these periods from now on (a form's unsaved entries), not the loader's."""
        self._periods_fixed = True
        self._periods = {(p.start, p.status): p for p in periods}
        self.canvas.set_periods(list(self._periods.values()))
        self._show_legend()

    def reload(self) -> None:
        """Read every loaded day again (after a record opened from here was saved)."""
        if self.loader is None:
            return
        first, last = self.canvas.first, self.canvas.last
        timeline = self._load(first, last)
        if timeline is None:
            return
        value = self.area.horizontalScrollBar().value()
        self._counted = [(first, last)] if timeline.counted else []
        self.canvas.set_events(timeline.events)
        self._merge_periods(timeline.periods)
        self._show_note()
        self.area.horizontalScrollBar().setValue(value)

    def _merge_periods(self, periods: Sequence[StatusPeriod]) -> None:
        if not self._periods_fixed:
            self._periods.update({(p.start, p.status): p for p in periods})
            self.canvas.set_periods(list(self._periods.values()))
        self._show_legend()

    def _show_legend(self) -> None:
        periods = sorted(self._periods.values(), key=lambda p: p.start)
        self.legend.set_statuses([(p.status, p.label) for p in periods], self.canvas.configured)

    def _show_note(self) -> None:
        if self._counted:
            self.note.setText(tr("Engagements counted per day: too many to list one by one"))
        self.note.setVisible(bool(self._counted))

    def _load(self, first: date, last: date) -> Timeline | None:
        if self.loader is None:
            return None
        self.loads.append((first, last))
        try:
            return self.loader(first, last)
        except ServiceError as exc:
            self.note.setText(str(exc))
            self.note.show()
            return None

    # -- scale and position ---------------------------------------------------------------
    def scale(self) -> str:
        return SCALES[self._scale].key

    def set_scale(self, key: str) -> None:
        index = next((i for i, s in enumerate(SCALES) if s.key == key), 0)
        centre = self.centre_day() if self.isVisible() else self.canvas.today
        self._scale = index
        self.canvas.set_scale(SCALES[index].per_day)
        self.scale_buttons.button(index).setChecked(True)
        for button in self.scale_buttons.buttons():
            # Bold as well as pressed: some styles barely show which one is checked.
            font = button.font()
            font.setBold(button.isChecked())
            button.setFont(font)
        self.zoom_in_button.setEnabled(index < len(SCALES) - 1)
        self.zoom_out_button.setEnabled(index > 0)
        self.centre_on(centre)

    def zoom(self, step: int) -> None:
        index = min(max(self._scale + step, 0), len(SCALES) - 1)
        if index != self._scale:
            self.set_scale(SCALES[index].key)

    def centre_day(self) -> date:
        bar = self.area.horizontalScrollBar()
        return self.canvas.day_at(bar.value() + self.area.viewport().width() / 2)

    def visible_days(self) -> tuple[date, date]:
        bar = self.area.horizontalScrollBar()
        left = bar.value()
        right = left + self.area.viewport().width()
        return self.canvas.day_at(left), self.canvas.day_at(max(right - 1, left))

    def centre_on(self, day: date) -> None:
        self._cover(day)
        day = min(max(day, self.canvas.first), self.canvas.last)
        self._centre = day
        x = self.canvas.x_of(day) + self.canvas.per_day / 2
        bar = self.area.horizontalScrollBar()
        bar.setValue(round(x - self.area.viewport().width() / 2))
        self._extend_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            # Hidden, the scroll bar did not know the canvas's width yet: centre again.
            self._shown = True
            QTimer.singleShot(0, lambda: self.centre_on(self._centre))

    def show_today(self) -> None:
        self.centre_on(self.canvas.today)

    def scroll_by(self, pixels: int) -> None:
        bar = self.area.horizontalScrollBar()
        bar.setValue(bar.value() + pixels)

    def handle_key(self, event: QKeyEvent) -> bool:
        """The canvas's keys: True when the key was used."""
        page = max(self.area.viewport().width() - 40, 40)
        key = event.key()
        if key == Qt.Key.Key_Left:
            self.scroll_by(-page // 8)
        elif key == Qt.Key.Key_Right:
            self.scroll_by(page // 8)
        elif key == Qt.Key.Key_PageUp:
            self.scroll_by(-page)
        elif key == Qt.Key.Key_PageDown:
            self.scroll_by(page)
        elif key == Qt.Key.Key_Home:
            self.show_today()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(-1)
        else:
            return False
        return True

    # -- loading more as the user scrolls -------------------------------------------------
    def _on_scroll_valueChanged(self, _value: int) -> None:
        if not self._extending:
            self._extend_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()
        self._extend_timer.start()

    def _fit_height(self) -> None:
        """The lanes take the height the view is given."""
        height = self.area.height() - self.area.horizontalScrollBar().sizeHint().height()
        self.canvas.set_height(max(height, canvas_height()))
        self.names.update()

    def _extend_if_near_edge(self) -> None:
        """Add a year before or after when the view comes within a third of a screen of an
        end of what is loaded (and keep what is on screen where it was)."""
        if self._extending:
            return
        bar = self.area.horizontalScrollBar()
        width = self.area.viewport().width()
        margin = min(width / 3, 400)
        self._extending = True
        try:
            if bar.value() < margin and self.canvas.first > EARLIEST:
                first = max(self.canvas.first - EXTEND, EARLIEST)
                added = self._add(first, self.canvas.first - timedelta(days=1))
                if added:
                    value = bar.value()
                    self.canvas.set_range(first, self.canvas.last)
                    # What was on screen moved right by the days added: follow it.
                    bar.setValue(value + round(added.days * self.canvas.per_day))
                    self._extend_timer.start()
            elif bar.value() > bar.maximum() - margin and self.canvas.last < self._latest():
                last = min(self.canvas.last + EXTEND, self._latest())
                if self._add(self.canvas.last + timedelta(days=1), last):
                    self.canvas.set_range(self.canvas.first, last)
                    self._extend_timer.start()
        finally:
            self._extending = False

    def _cover(self, day: date) -> None:
        """Load enough around `day` that it can sit in the middle of the screen."""
        if self._extending:
            return
        half = timedelta(days=int(self.area.viewport().width() / 2 / self.canvas.per_day) + 2)
        self._extending = True
        try:
            while self.canvas.first > max(day - half, EARLIEST):
                first = max(self.canvas.first - EXTEND, EARLIEST)
                if self._add(first, self.canvas.first - timedelta(days=1)) is None:
                    break
                self.canvas.set_range(first, self.canvas.last)
            while self.canvas.last < min(day + half, self._latest()):
                last = min(self.canvas.last + EXTEND, self._latest())
                if self._add(self.canvas.last + timedelta(days=1), last) is None:
                    break
                self.canvas.set_range(self.canvas.first, last)
        finally:
            self._extending = False

    def _latest(self) -> date:
        return self.canvas.today + timedelta(days=366 * 30)

    def _add(self, first: date, last: date) -> timedelta | None:
        """Load the days from `first` to `last` and add their events; how many days came
        (None when loading failed). Without a loader the days simply come empty."""
        if self.loader is None:
            return last - first + timedelta(days=1)
        timeline = self._load(first, last)
        if timeline is None:
            return None
        self.canvas.set_events([*self.canvas.events(), *timeline.events])
        if timeline.counted:
            self._counted.append((first, last))
        self._merge_periods(timeline.periods)
        self._show_note()
        return last - first + timedelta(days=1)

    # -- slots ----------------------------------------------------------------------------
    def _on_scale_buttons_idClicked(self, index: int) -> None:
        self.set_scale(SCALES[index].key)

    def _on_canvas_many_chosen(self, events: object, at: QPoint) -> None:
        chosen = tuple(events) if isinstance(events, tuple) else ()
        listed: list[TimelineEvent] = [e for e in chosen if e.record is not None]
        for counted in (e for e in chosen if e.record is None):
            # A day's count: read that day alone, which lists its engagements.
            day = self._load(counted.day, counted.day)
            if day is not None:
                listed += [e for e in day.events if e.kind == counted.kind and e.record]
        picked = EventMenu.ask(self, listed, at)
        if picked is not None and picked.record is not None:
            self.open_requested.emit(picked.record[0], picked.record[1])
