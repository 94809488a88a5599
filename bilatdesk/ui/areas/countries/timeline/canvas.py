"""The painted timeline: a date axis, the status band, and one lane per kind of event.

Only the exposed part is painted and only the events under it are looked at (by bisecting the
sorted days), so a wide canvas of many years stays cheap. Point events closer than a few
pixels share one marker that shows how many it holds; a visit is a bar over its days.
"""

from __future__ import annotations

import html
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QToolTip, QWidget

from bilatdesk.services.countries.timeline import KINDS, StatusPeriod, TimelineEvent
from bilatdesk.ui.areas.countries.timeline.colours import (
    lane_colour,
    mix,
    quiet_text,
    status_colour,
    text_on,
)
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.texts import tr

AXIS_HEIGHT = 38
BAND_HEIGHT = 30
LANE_HEIGHT = 40
LANE_HEIGHT_MAX = 64
GAP = 6
MERGE_PX = 20.0
"""Point events in the same span of about this many pixels share one marker."""
EPOCH = date(1900, 1, 1)
TOOLTIP_LINES = 12

LANE_TITLES = {"engagement": "Engagements", "visit": "Visits", "agreement": "Agreements"}


@dataclass(frozen=True)
class Marker:
    """What is drawn for one or more events of a lane, and where."""

    kind: str
    rect: QRectF
    events: tuple[TimelineEvent, ...]

    @property
    def total(self) -> int:
        return sum(e.count for e in self.events)

    @property
    def single(self) -> TimelineEvent | None:
        """The one event with its own record, when the marker holds exactly that."""
        if len(self.events) == 1 and self.events[0].record is not None:
            return self.events[0]
        return None


def count_text(total: int) -> str:
    """A marker's count, short enough to fit: "99+" beyond."""
    return str(total) if total < 100 else "99+"


def lane_top(kind: str, lane_height: float = LANE_HEIGHT) -> float:
    return AXIS_HEIGHT + BAND_HEIGHT + GAP + KINDS.index(kind) * lane_height


def canvas_height(lane_height: float = LANE_HEIGHT) -> int:
    return round(AXIS_HEIGHT + BAND_HEIGHT + GAP + len(KINDS) * lane_height + GAP)


def lane_height_for(height: int) -> float:
    """The lanes share whatever height there is, from LANE_HEIGHT to LANE_HEIGHT_MAX each."""
    share = (height - AXIS_HEIGHT - BAND_HEIGHT - 2 * GAP) / len(KINDS)
    return min(max(LANE_HEIGHT, share), LANE_HEIGHT_MAX)


def event_text(event: TimelineEvent) -> str:
    """One event as a plain line: day (to the last day), title, detail."""
    day = format_date(event.day)
    if event.until is not None:
        day = f"{day} – {format_date(event.until)}"
    detail = f" ({event.detail})" if event.detail and event.count == 1 else ""
    return f"{day}: {event.title}{detail}"


def period_text(period: StatusPeriod) -> str:
    until = format_date(period.end) if period.end is not None else tr("today")
    return f"{tr(period.label)}, {format_date(period.start)} – {until}"


class TimelineCanvas(QWidget):
    """The drawing; the view around it scrolls, zooms and loads."""

    opened = Signal(str, int)
    """(kind, id) of the record whose marker was clicked."""
    many_chosen = Signal(object, QPoint)
    """A marker holding several events (a tuple of them) was clicked at a global point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Relationship timeline"))
        self.today = date.today()
        self.first = self.today - timedelta(days=365 * 2)
        self.last = self.today + timedelta(days=365)
        self.per_day = 1.0
        self.lane_height: float = LANE_HEIGHT
        self.periods: tuple[StatusPeriod, ...] = ()
        self.configured: tuple[str, ...] = ()
        self._lanes: dict[str, list[TimelineEvent]] = {kind: [] for kind in KINDS}
        self._days: dict[str, list[date]] = {kind: [] for kind in KINDS}
        self.key_handler: Callable[[QKeyEvent], bool] | None = None
        self._shown = (0.0, 0.0)
        self._resize()

    # -- content and geometry -------------------------------------------------------------
    def set_range(self, first: date, last: date) -> None:
        self.first, self.last = first, max(last, first)
        self._resize()

    def set_scale(self, per_day: float) -> None:
        self.per_day = per_day
        self._resize()

    def set_height(self, height: int) -> None:
        """Fill `height` pixels: the lanes grow to share it."""
        self.lane_height = lane_height_for(height)
        self._resize()

    def lane_top(self, kind: str) -> float:
        return lane_top(kind, self.lane_height)

    def set_periods(self, periods: Sequence[StatusPeriod]) -> None:
        self.periods = tuple(sorted(periods, key=lambda p: p.start))
        self.update()

    def set_events(self, events: Sequence[TimelineEvent]) -> None:
        for kind in KINDS:
            self._lanes[kind] = sorted((e for e in events if e.kind == kind), key=_event_key)
            self._days[kind] = [e.day for e in self._lanes[kind]]
        self.update()

    def events(self) -> list[TimelineEvent]:
        return [e for kind in KINDS for e in self._lanes[kind]]

    def _resize(self) -> None:
        days = (self.last - self.first).days + 1
        self.setFixedSize(
            QSize(max(1, round(days * self.per_day)), canvas_height(self.lane_height))
        )
        self.update()

    def sizeHint(self) -> QSize:
        return self.size()

    def x_of(self, day: date) -> float:
        return (day - self.first).days * self.per_day

    def day_at(self, x: float) -> date:
        return self.first + timedelta(days=int(x // self.per_day))

    # -- finding what is where --------------------------------------------------------------
    def markers(self, kind: str, left: float, right: float) -> list[Marker]:
        """The markers of a lane that touch the pixels from `left` to `right`."""
        lane = self._lanes[kind]
        days = self._days[kind]
        if kind == "visit":
            # A visit may start long before the visible part; they are few, so look at all.
            visible = [
                e
                for e in lane
                if self.x_of(e.until or e.day) + self.per_day >= left and self.x_of(e.day) <= right
            ]
            return [Marker(kind, self._bar(e), (e,)) for e in visible]
        # Fixed bins of whole days, counted from one epoch: a marker stays where it is however
        # the canvas is scrolled, extended or partly repainted.
        span = max(1, math.ceil(MERGE_PX / self.per_day))
        low = bisect_left(days, self.day_at(max(left, 0)) - timedelta(days=span))
        high = bisect_right(days, self.day_at(right) + timedelta(days=span))
        bins: dict[int, list[TimelineEvent]] = {}
        for event in lane[low:high]:
            bins.setdefault((event.day - EPOCH).days // span, []).append(event)
        markers = []
        for number, events in bins.items():
            if len(events) == 1 and events[0].count == 1:
                x = self.x_of(events[0].day) + self.per_day / 2
            else:
                x = self.x_of(EPOCH + timedelta(days=number * span)) + span * self.per_day / 2
            markers.append(self._point(kind, x, events))
        return markers

    def _point(self, kind: str, x: float, events: list[TimelineEvent]) -> Marker:
        total = sum(e.count for e in events)
        centre = self.lane_top(kind) + self.lane_height / 2
        if total == 1:
            return Marker(kind, QRectF(x - 6, centre - 6, 12, 12), tuple(events))
        # As wide as its count, but never past its span: dense stretches stay apart.
        span = max(1, math.ceil(MERGE_PX / self.per_day)) * self.per_day
        text = QFontMetrics(self._small_font()).horizontalAdvance(count_text(total)) + 6.0
        width = min(max(14.0, text), span - 2.0)
        return Marker(kind, QRectF(x - width / 2, centre - 9, width, 18), tuple(events))

    def _bar(self, event: TimelineEvent) -> QRectF:
        left = self.x_of(event.day)
        right = self.x_of(event.until or event.day) + self.per_day
        centre = self.lane_top("visit") + self.lane_height / 2
        width = max(right - left, 10.0)
        return QRectF(left, centre - 9, width, 18)

    def marker_at(self, pos: QPointF) -> Marker | None:
        for kind in KINDS:
            top = self.lane_top(kind)
            if top <= pos.y() < top + self.lane_height:
                found = [
                    m
                    for m in self.markers(kind, pos.x() - 12, pos.x() + 12)
                    if m.rect.adjusted(-3, -3, 3, 3).contains(pos)
                ]
                # The nearest centre wins where markers touch.
                found.sort(key=lambda m: abs(m.rect.center().x() - pos.x()))
                return found[0] if found else None
        return None

    def period_at(self, pos: QPointF) -> StatusPeriod | None:
        if not AXIS_HEIGHT <= pos.y() < AXIS_HEIGHT + BAND_HEIGHT:
            return None
        day = self.day_at(pos.x())
        for period in self.periods:
            if period.start <= day and (period.end is None or day <= period.end):
                return period
        return None

    # -- painting -------------------------------------------------------------------------
    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        exposed = QRectF(event.rect())
        palette = self.palette()
        painter.fillRect(exposed, palette.color(QPalette.ColorRole.Base))
        left, right = exposed.left(), exposed.right() + 1
        # Labels that follow the scrolling keep to the visible part, not to what is repainted.
        visible = self.visibleRegion().boundingRect()
        self._shown = (
            (float(visible.left()), float(visible.right() + 1))
            if not visible.isEmpty()
            else (left, right)
        )
        self._paint_lanes(painter, left, right)
        self._paint_axis(painter, left, right)
        self._paint_band(painter, left, right)
        for kind in KINDS:
            for marker in self.markers(kind, left, right):
                self._paint_marker(painter, marker)
        self._paint_today(painter)
        if self.hasFocus():
            # Where the keys go: a frame round the part in view.
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            shown_left, shown_right = self._shown
            painter.drawRect(
                QRectF(shown_left + 1, 1, shown_right - shown_left - 2, self.height() - 2)
            )
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def _paint_lanes(self, painter: QPainter, left: float, right: float) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        alternate = palette.color(QPalette.ColorRole.AlternateBase)
        line = mix(palette.color(QPalette.ColorRole.Text), base, 0.15)
        for index, kind in enumerate(KINDS):
            top = self.lane_top(kind)
            if index % 2:
                painter.fillRect(QRectF(left, top, right - left, self.lane_height), alternate)
            painter.setPen(QPen(line, 1))
            painter.drawLine(QPointF(left, top + 0.5), QPointF(right, top + 0.5))

    def _ticks(self, left: float, right: float) -> tuple[list[date], list[date]]:
        """Major and minor tick days under the pixels: years and months, or months and days."""
        first = self.day_at(max(left, 0))
        last = min(self.day_at(right) + timedelta(days=1), self.last)
        majors: list[date] = []
        minors: list[date] = []
        if self.per_day >= 8:
            day = first
            while day <= last:
                (majors if day.day == 1 else minors).append(day)
                day += timedelta(days=1)
            return majors, minors
        month = date(first.year, first.month, 1)
        while month <= last:
            (majors if month.month == 1 else minors).append(month)
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        return majors, minors

    def _paint_axis(self, painter: QPainter, left: float, right: float) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        quiet = quiet_text(palette)
        grid = mix(text, palette.color(QPalette.ColorRole.Base), 0.12)
        painter.fillRect(
            QRectF(left, 0, right - left, AXIS_HEIGHT), palette.color(QPalette.ColorRole.Window)
        )
        small = self._small_font()
        bold = QFont(self.font())
        bold.setBold(True)
        majors, minors = self._ticks(left - 200, right)
        locale_months = [
            self.locale().standaloneMonthName(m, self.locale().FormatType.ShortFormat)
            for m in range(1, 13)
        ]
        bottom = self.height()
        daily = self.per_day >= 8
        for day in minors:
            x = self.x_of(day)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x + 0.5, AXIS_HEIGHT - 6), QPointF(x + 0.5, bottom))
            label = ""
            if daily:
                if self.per_day >= 18 or day.day % 5 == 0:
                    label = str(day.day)
            elif self.per_day * 30 >= 34:
                label = locale_months[day.month - 1]
            if label:
                painter.setFont(small)
                painter.setPen(quiet)
                painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 8), label)
        for day in majors:
            x = self.x_of(day)
            painter.setPen(QPen(mix(text, palette.color(QPalette.ColorRole.Base), 0.35), 1))
            painter.drawLine(QPointF(x + 0.5, 2), QPointF(x + 0.5, bottom))
            label = self.locale().toString(_qdate(day), "MMMM yyyy") if daily else str(day.year)
            painter.setFont(bold)
            painter.setPen(text)
            painter.drawText(QPointF(x + 4, 15), label)
            if daily and self.per_day >= 18:
                painter.setFont(small)
                painter.setPen(quiet)
                painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 8), "1")
        # Which year (or month) the visible left edge is in, kept in view while scrolling,
        # unless the next one's own label is about to take its place.
        shown_left = self._shown[0]
        upcoming = [d for d in majors if self.x_of(d) > shown_left]
        if not upcoming or self.x_of(upcoming[0]) > shown_left + 110:
            first_visible = self.day_at(max(shown_left, 0))
            label = (
                self.locale().toString(_qdate(first_visible), "MMMM yyyy")
                if daily
                else str(first_visible.year)
            )
            painter.fillRect(
                QRectF(shown_left, 0, 104, 19), palette.color(QPalette.ColorRole.Window)
            )
            painter.setFont(bold)
            painter.setPen(text)
            painter.drawText(QPointF(shown_left + 4, 15), label)

    def _paint_band(self, painter: QPainter, left: float, right: float) -> None:
        top = AXIS_HEIGHT
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        for period in self.periods:
            start = self.x_of(period.start)
            end = self.x_of(period.end) + self.per_day if period.end else self.width() + 1.0
            if end < left or start > right:
                continue
            colour = status_colour(period.status, self.configured)
            rect = QRectF(start, top + 2, end - start, BAND_HEIGHT - 4)
            painter.fillRect(rect, colour)
            painter.setPen(QPen(colour.darker(130), 1))
            painter.drawLine(
                QPointF(start + 0.5, top + 2), QPointF(start + 0.5, top + BAND_HEIGHT - 2)
            )
            # The label follows the left edge, so a long period stays named while scrolled.
            text_left = max(start, self._shown[0]) + 6
            room = min(end, self._shown[1]) - text_left - 4
            if room > 16:
                label = metrics.elidedText(tr(period.label), Qt.TextElideMode.ElideRight, int(room))
                painter.setPen(text_on(colour))
                painter.drawText(
                    QRectF(text_left, top + 2, room, BAND_HEIGHT - 4),
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    label,
                )

    def _paint_marker(self, painter: QPainter, marker: Marker) -> None:
        colour = lane_colour(marker.kind)
        outline = self.palette().color(QPalette.ColorRole.Base)
        rect = marker.rect
        painter.setPen(QPen(outline, 1.5))
        painter.setBrush(colour)
        total = marker.total
        if marker.kind == "visit":
            painter.drawRoundedRect(rect, 4, 4)
            event = marker.events[0]
            if rect.width() > 40:
                metrics = QFontMetrics(self._small_font())
                label = metrics.elidedText(
                    event.title, Qt.TextElideMode.ElideRight, int(rect.width() - 8)
                )
                painter.setFont(self._small_font())
                painter.setPen(text_on(colour))
                painter.drawText(
                    rect.adjusted(4, 0, -4, 0),
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    label,
                )
            return
        if total == 1 and marker.kind == "agreement":
            c = rect.center()
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(c.x(), c.y() - 7),
                        QPointF(c.x() + 7, c.y()),
                        QPointF(c.x(), c.y() + 7),
                        QPointF(c.x() - 7, c.y()),
                    ]
                )
            )
            return
        if total == 1:
            painter.drawEllipse(rect.center(), 5.5, 5.5)
            return
        path = QPainterPath()
        path.addRoundedRect(rect, 9, 9)
        painter.drawPath(path)
        font = self._small_font()
        label = count_text(total)
        if QFontMetrics(font).horizontalAdvance(label) <= rect.width() - 2:
            painter.setFont(font)
            painter.setPen(text_on(colour))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_today(self, painter: QPainter) -> None:
        if not self.first <= self.today <= self.last:
            return
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        x = self.x_of(self.today) + self.per_day / 2
        painter.setPen(QPen(colour, 2))
        painter.drawLine(QPointF(x, AXIS_HEIGHT - 14), QPointF(x, self.height()))
        label = tr("Today")
        font = self._small_font()
        font.setBold(True)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(label) + 8
        box = QRectF(x - width / 2, AXIS_HEIGHT - 16, width, metrics.height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(box, 3, 3)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)

    # -- tooltips, clicks and keys ----------------------------------------------------------
    def tooltip_at(self, pos: QPointF) -> str:
        """Plain text of what is under a point: an event marker or a status period."""
        marker = self.marker_at(pos)
        if marker is not None:
            lines = [event_text(e) for e in marker.events[:TOOLTIP_LINES]]
            if len(marker.events) > TOOLTIP_LINES:
                more = len(marker.events) - TOOLTIP_LINES
                lines.append(tr("… and %1 more").replace("%1", str(more)))
            if marker.single is None:
                lines.append(tr("Click to choose one."))
            return "\n".join(lines)
        period = self.period_at(pos)
        if period is not None:
            return "\n".join(filter(None, [period_text(period), period.reason]))
        return ""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                # Escaped into rich text so whatever a record holds shows literally.
                escaped = html.escape(text).replace("\n", "<br>")
                QToolTip.showText(event.globalPos(), f"<p style='white-space:pre'>{escaped}</p>")
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        marker = self.marker_at(event.position())
        if marker is None:
            return
        single = marker.single
        if single is not None and single.record is not None:
            self.opened.emit(single.record[0], single.record[1])
        else:
            self.many_chosen.emit(marker.events, event.globalPosition().toPoint())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            return
        super().keyPressEvent(event)


def _event_key(event: TimelineEvent) -> tuple[date, str]:
    return event.day, event.title


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def lane_title(kind: str) -> str:
    return tr(LANE_TITLES[kind])
