"""The timeline view: bands and markers, zoom, keys, lazy loading, tooltips, clicks, colours."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bilatdesk.services.countries.timeline import StatusPeriod, Timeline, TimelineEvent
from bilatdesk.ui.areas.countries.timeline.canvas import AXIS_HEIGHT, BAND_HEIGHT
from bilatdesk.ui.areas.countries.timeline.colours import (
    BUILT_IN,
    CONFIGURED,
    status_colour,
    text_on,
)
from bilatdesk.ui.areas.countries.timeline.view import EventMenu, TimelineView
from bilatdesk.ui.kit.formatting import format_date

TODAY = date(2026, 11, 22)
PERIODS = (
    StatusPeriod("normal", "Normal", date(1992, 1, 1), date(2026, 5, 5), "Established"),
    StatusPeriod("slowdown", "Slowdown", date(2026, 5, 6), date(2026, 10, 12), "Transit <b>"),
    StatusPeriod("normal", "Normal", date(2026, 10, 13), None, ""),
)


def event(
    day: date, kind: str = "engagement", n: int = 1, title: str = "", count: int = 1
) -> TimelineEvent:
    record = None if count > 1 else (kind, n)
    return TimelineEvent(day, kind, title or f"{kind} {n}", "detail", record, "U", count=count)


class Loader:
    """Answers windows from a fixed list of events, and remembers what was asked."""

    def __init__(self, events: Sequence[TimelineEvent], counted: bool = False) -> None:
        self.events = list(events)
        self.counted = counted
        self.asked: list[tuple[date, date]] = []

    def __call__(self, first: date, last: date) -> Timeline:
        self.asked.append((first, last))
        inside = tuple(e for e in self.events if first <= e.day <= last)
        periods = tuple(p for p in PERIODS if p.start <= last and (p.end or last) >= first)
        return Timeline(1, first, last, periods, inside, self.counted and first != last)


def make_view(qtbot: QtBot, events: Sequence[TimelineEvent] = (), **kw: bool) -> TimelineView:
    view = TimelineView(today=TODAY)
    qtbot.addWidget(view)
    loader = Loader(events, **kw)
    view.set_loader(loader)
    view.show_timeline(loader(date(2024, 11, 22), date(2027, 11, 22)))
    view.resize(1000, 320)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    view.show_today()
    QApplication.processEvents()
    return view


def screen_point(view: TimelineView, day: date, y: float) -> QPoint:
    """Where a day's middle is, in the canvas's own coordinates."""
    canvas = view.canvas
    return QPointF(canvas.x_of(day) + canvas.per_day / 2, y).toPoint()


def test_today_is_in_the_middle_and_home_brings_it_back(qtbot: QtBot) -> None:
    """The view opens on today; after scrolling away, Home centres it again."""
    view = make_view(qtbot)
    first, last = view.visible_days()
    assert first < TODAY < last
    assert abs((view.centre_day() - TODAY).days) <= 2
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageUp)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    assert view.centre_day() < TODAY - timedelta(days=200)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    assert abs((view.centre_day() - TODAY).days) <= 2


def test_zoom_by_buttons_keys_and_ctrl_wheel_keeps_the_centre(qtbot: QtBot) -> None:
    """Year, quarter, month: each zoom keeps the day in the middle where it was."""
    view = make_view(qtbot)
    assert view.scale() == "year"
    qtbot.mouseClick(view.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.scale() == "quarter"
    assert abs((view.centre_day() - TODAY).days) <= 2
    qtbot.keyClick(view.canvas, Qt.Key.Key_Plus)
    assert view.scale() == "month"
    assert not view.zoom_in_button.isEnabled()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus)
    assert view.scale() == "quarter"
    wheel = QWheelEvent(
        QPointF(50, 50),
        QPointF(50, 50),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.area.viewport(), wheel)
    assert view.scale() == "year"
    assert abs((view.centre_day() - TODAY).days) <= 3


def test_plain_wheel_scrolls_through_time(qtbot: QtBot) -> None:
    """The wheel moves the view sideways: later for a turn down."""
    view = make_view(qtbot)
    before = view.area.horizontalScrollBar().value()
    wheel = QWheelEvent(
        QPointF(50, 50),
        QPointF(50, 50),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.area.viewport(), wheel)
    assert view.area.horizontalScrollBar().value() == before + 120


def test_scrolling_to_the_edge_loads_the_year_before(qtbot: QtBot) -> None:
    """Near the left end the view asks for one more year, and what was shown stays put."""
    old = event(date(2022, 6, 1), title="Old meeting")
    view = make_view(qtbot, [old])
    loader = view.loader
    assert isinstance(loader, Loader)
    asked_before = len(loader.asked)
    view.area.horizontalScrollBar().setValue(0)
    day_at_left = view.visible_days()[0]
    for _ in range(20):
        QApplication.processEvents()
        if view.canvas.first <= date(2022, 6, 1):
            break
        view.area.horizontalScrollBar().setValue(0)
    assert len(loader.asked) > asked_before
    assert loader.asked[asked_before][1] < date(2024, 11, 22)
    assert view.canvas.first <= date(2022, 6, 1)
    assert "Old meeting" in [e.title for e in view.canvas.events()]
    assert view.visible_days()[0] <= day_at_left


def test_markers_share_a_span_and_say_how_many(qtbot: QtBot) -> None:
    """Two engagements days apart share one marker at year scale and part at month scale."""
    events = [event(date(2026, 9, 1), n=1), event(date(2026, 9, 3), n=2)]
    view = make_view(qtbot, events)
    canvas = view.canvas
    markers = canvas.markers("engagement", 0, canvas.width())
    assert [m.total for m in markers] == [2]
    view.set_scale("month")
    markers = canvas.markers("engagement", 0, canvas.width())
    assert [m.total for m in markers] == [1, 1]


def test_clicking_a_marker_opens_its_record(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A single event opens at once; a shared marker offers a choice."""
    events = [
        event(date(2026, 9, 1), "agreement", 7, "Road transport"),
        event(date(2026, 10, 1), n=1),
        event(date(2026, 10, 2), n=2, title="Second"),
    ]
    view = make_view(qtbot, events)
    canvas = view.canvas
    agreement = canvas.markers("agreement", 0, canvas.width())[0]
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=agreement.rect.center().toPoint())
    assert opened.args == ["agreement", 7]
    shared = canvas.markers("engagement", 0, canvas.width())[0]
    offered: list[list[str]] = []

    def choose(_cls: type, _parent: object, choices: Sequence[TimelineEvent], _at: QPoint):  # type: ignore[no-untyped-def]
        offered.append([c.title for c in choices])
        return choices[1]

    monkeypatch.setattr(EventMenu, "ask", classmethod(choose))
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=shared.rect.center().toPoint())
    assert offered == [["engagement 1", "Second"]]
    assert opened.args == ["engagement", 2]


def test_a_counted_day_reads_its_engagements_to_choose_from(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where engagements come counted, clicking reads that day alone and lists them."""
    day = date(2026, 10, 1)
    view = make_view(qtbot, [], counted=True)
    loader = view.loader
    assert isinstance(loader, Loader)
    loader.events = [event(day, n=5, title="Listed")]
    view.canvas.set_events([event(day, count=40)])
    assert not view.note.isHidden()
    marker = view.canvas.markers("engagement", 0, view.canvas.width())[0]
    assert marker.total == 40
    offered: list[list[str]] = []
    monkeypatch.setattr(
        EventMenu,
        "ask",
        classmethod(lambda _c, _p, choices, _at: offered.append([c.title for c in choices])),
    )
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=marker.rect.center().toPoint())
    assert loader.asked[-1] == (day, day)
    assert offered == [["Listed"]]


def test_tooltips_name_periods_and_events_literally(qtbot: QtBot) -> None:
    """The band says status, dates and reason; a marker its day, title and detail."""
    hostile = "<i>=cmd|' /C calc'!A0</i> \u202e../../x"
    view = make_view(qtbot, [event(date(2026, 9, 1), title=hostile)])
    canvas = view.canvas
    band = canvas.tooltip_at(QPointF(canvas.x_of(date(2026, 7, 1)), AXIS_HEIGHT + 10))
    assert band.startswith("Slowdown, 6 May 2026 – 12 Oct 2026")
    assert "Transit <b>" in band
    marker = canvas.markers("engagement", 0, canvas.width())[0]
    tip = canvas.tooltip_at(marker.rect.center())
    assert tip == f"{format_date(date(2026, 9, 1))}: {hostile} (detail)"
    assert canvas.tooltip_at(QPointF(5, canvas.height() - 2)) == ""


def test_periods_follow_the_form_and_show_in_the_legend(qtbot: QtBot) -> None:
    """Periods set from outside replace the loader's, and the legend names each status."""
    view = make_view(qtbot)
    view.set_configured(["Suspended"])
    view.set_periods([StatusPeriod("Suspended", "Suspended", date(2025, 1, 1), None, "")])
    assert [p.status for p in view.canvas.periods] == ["Suspended"]
    assert view.legend._items == [("Suspended", "Suspended")]
    view.reload()
    assert [p.status for p in view.canvas.periods] == ["Suspended"]


def test_status_colours_and_readable_text() -> None:
    """Built-in statuses keep their colours; configured ones take the palette in turn;
    text on each is the better of black and white."""
    assert status_colour("normal").name() == BUILT_IN["normal"]
    assert status_colour("deep_freeze").name() == BUILT_IN["deep_freeze"]
    configured = ("Suspended", "Strategic partnership")
    assert status_colour("Strategic partnership", configured).name() == CONFIGURED[1]
    assert status_colour("Unknown", configured).name() == "#9e9e9e"
    assert text_on(QColor("#ffffff")).name() == "#000000"
    assert text_on(QColor("#202020")).name() == "#ffffff"


@pytest.mark.parametrize("base", ["#ffffff", "#1e1e1e"])
def test_band_and_today_paint_on_light_and_dark(qtbot: QtBot, base: str) -> None:
    """The slowdown band keeps its amber and today its line on either palette."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    original = app.palette()
    try:
        palette = QPalette(original)
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        app.setPalette(palette)
        view = make_view(qtbot)
        canvas = view.canvas
        image = canvas.grab().toImage()
        x = round(canvas.x_of(date(2026, 7, 1)))
        assert image.pixelColor(x, AXIS_HEIGHT + BAND_HEIGHT - 6).name() == BUILT_IN["slowdown"]
        lane_y = round(canvas.lane_top("visit") + 3)
        assert image.pixelColor(x, lane_y).lightness() == pytest.approx(
            QColor(base).lightness(), abs=40
        )
        today_x = round(canvas.x_of(TODAY) + canvas.per_day / 2)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        assert image.pixelColor(today_x, lane_y).name() == highlight.name()
    finally:
        app.setPalette(original)
