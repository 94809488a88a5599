"""The Calendar area: month and week pages, navigation, new from an empty slot, scope, limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.domain import EngagementKind
from bilatdesk.services.calendar.service import CalendarItem
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.services.kernel.listing import DeleteImpact
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.calendar import page as calendar_page
from bilatdesk.ui.areas.calendar.layout import Placed, by_day, month_grid, side_by_side, week_start
from bilatdesk.ui.areas.calendar.page import CalendarController, CalendarView
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.areas.engagements.prefill import EngagementPrefill
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog
from bilatdesk.ui.shell.main_window import MainWindow, settings

VIENNA = ZoneInfo("Europe/Vienna")
TODAY = date(2026, 11, 25)  # a Wednesday


@dataclass
class Asked:
    """What the engagement form was asked to open, and what it answers."""

    calls: list[tuple[int | None, int | None, EngagementPrefill | None]] = field(
        default_factory=list
    )
    answer: int | None = None


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    record = Asked()

    def ask(
        _cls: type,
        _parent: object,
        _services: Services,
        record_id: int | None = None,
        scope: int | None = None,
        *,
        prefill: EngagementPrefill | None = None,
    ) -> int | None:
        record.calls.append((record_id, scope, prefill))
        return record.answer

    monkeypatch.setattr(EngagementForm, "ask", classmethod(ask))
    return record


@pytest.fixture
def week_of(services: Services) -> dict[str, int]:
    """Austria and Jordan, with engagements in the week of TODAY (Vienna time)."""
    at = services.countries.create(CountryInput("AT", capital="Vienna")).id
    jo = services.countries.create(CountryInput("JO", capital="Amman")).id

    def add(title: str, local: datetime, hours: float, country: int) -> int:
        start = local.replace(tzinfo=VIENNA)
        return services.engagements.create(
            EngagementInput(
                title,
                start.astimezone(UTC),
                (start + timedelta(hours=hours)).astimezone(UTC),
                kind=EngagementKind.BILATERAL_MEETING,
                time_zone="Europe/Vienna",
                country_id=country,
            )
        ).id

    return {
        "at": at,
        "jo": jo,
        "talks": add("Talks at the ministry", datetime(2026, 11, 25, 9, 30), 1.5, at),
        "lunch": add("Working lunch", datetime(2026, 11, 25, 10, 0), 2, jo),
        "call": add("Evening call", datetime(2026, 11, 27, 18, 0), 0.5, jo),
        "next_month": add("December talks", datetime(2026, 12, 14, 11, 0), 1, at),
    }


def open_page(qtbot: QtBot, services: Services, mode: str = "month") -> CalendarController:
    settings().setValue("calendar/mode", mode)
    view = CalendarView(VIENNA)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    controller = CalendarController(view, services, zone=VIENNA)
    controller.set_today(TODAY)
    return controller


def titles_on(controller: CalendarController, day: date) -> list[str]:
    cell = controller.view.month.cell_of(day)
    assert cell is not None
    return [part.item.title for _rect, part in cell.lines]


def test_month_page_lists_each_days_engagements(
    qtbot: QtBot, services: Services, week_of: dict[str, int]
) -> None:
    """Six weeks from a Monday; each day lists its engagements by local start time."""
    controller = open_page(qtbot, services)
    month = controller.view.month
    assert controller.view.title.text() == "November 2026"
    assert month.days[0] == date(2026, 10, 26) and len(month.days) == 42
    assert titles_on(controller, TODAY) == ["Talks at the ministry", "Working lunch"]
    assert titles_on(controller, date(2026, 11, 27)) == ["Evening call"]
    cell = month.cell_of(TODAY)
    assert cell is not None and cell.lines[0][1].start.strftime("%H:%M") == "09:30"
    assert month.cell_of(date(2026, 12, 14)) is None  # past the page's six weeks
    assert "December talks" not in [i.title for i in controller.items]


def test_previous_next_and_today_move_the_page(
    qtbot: QtBot, services: Services, week_of: dict[str, int]
) -> None:
    """Next shows December with its talks, previous October, Today comes back."""
    controller = open_page(qtbot, services)
    qtbot.mouseClick(controller.view.next_button, Qt.MouseButton.LeftButton)
    assert controller.view.title.text() == "December 2026"
    assert titles_on(controller, date(2026, 12, 14)) == ["December talks"]
    controller.step(-2)
    assert controller.view.title.text() == "October 2026"
    qtbot.mouseClick(controller.view.today_button, Qt.MouseButton.LeftButton)
    assert controller.view.title.text() == "November 2026"
    assert controller.view.month.selected == TODAY


def test_month_end_days_survive_stepping(qtbot: QtBot, services: Services) -> None:
    """From 31 January the next month is February's last day, not an error."""
    controller = open_page(qtbot, services)
    controller.go_to(date(2027, 1, 31))
    controller.step(1)
    assert controller.anchor == date(2027, 2, 28)


def test_week_page_places_blocks_by_local_time_side_by_side(
    qtbot: QtBot, services: Services, week_of: dict[str, int]
) -> None:
    """In the week, overlapping engagements share the column; the hours 07–21 fill the view."""
    controller = open_page(qtbot, services, "week")
    canvas = controller.view.week.canvas
    assert controller.mode == "week"
    assert canvas.days[0] == date(2026, 11, 23) and len(canvas.days) == 7
    assert controller.view.title.text() == "23 Nov 2026 – 29 Nov 2026"
    blocks = {part.item.title: (rect, part) for rect, part in canvas.blocks}
    talks, lunch = blocks["Talks at the ministry"], blocks["Working lunch"]
    assert (talks[1].column, talks[1].columns, lunch[1].column, lunch[1].columns) == (0, 2, 1, 2)
    assert talks[0].right() <= lunch[0].left() + 1
    assert talks[0].top() == pytest.approx(9.5 * canvas.hour_height + 1)
    assert blocks["Evening call"][1].columns == 1
    viewport = controller.view.week.area.viewport().height()
    assert canvas.hour_height == pytest.approx(max(viewport / 14, 30), abs=0.01)
    top_hour = controller.view.week.area.verticalScrollBar().value() / canvas.hour_height
    assert top_hour == pytest.approx(7, abs=0.05)


def test_mode_is_remembered(qtbot: QtBot, services: Services) -> None:
    """Choosing Week is kept in the settings; the next calendar opens on it."""
    controller = open_page(qtbot, services, "month")
    qtbot.mouseClick(controller.view.week_button, Qt.MouseButton.LeftButton)
    assert controller.mode == "week"
    assert settings().value("calendar/mode") == "week"
    again = CalendarController(CalendarView(VIENNA), services, zone=VIENNA)
    assert again.mode == "week"
    assert again.view.stack.currentWidget() is again.view.week


def test_double_click_on_an_empty_day_starts_a_new_engagement(
    qtbot: QtBot, services: Services, week_of: dict[str, int], asked: Asked
) -> None:
    """A day's empty space starts a new engagement at ten, local; saving re-reads the page."""
    controller = open_page(qtbot, services)
    cell = controller.view.month.cell_of(date(2026, 11, 26))
    assert cell is not None
    asked.answer = week_of["talks"]
    with qtbot.waitSignal(controller.changed):
        qtbot.mouseDClick(
            controller.view.month,
            Qt.MouseButton.LeftButton,
            pos=cell.rect.center().toPoint() + QPoint(0, 20),
        )
    record_id, scope, prefill = asked.calls[-1]
    assert (record_id, scope) == (None, None)
    assert prefill is not None and prefill.starts_at is not None
    assert prefill.starts_at.astimezone(VIENNA) == datetime(2026, 11, 26, 10, tzinfo=VIENNA)


def test_double_click_on_an_engagement_opens_it(
    qtbot: QtBot, services: Services, week_of: dict[str, int], asked: Asked
) -> None:
    """Its line in the month and its block in the week both open the engagement."""
    controller = open_page(qtbot, services)
    cell = controller.view.month.cell_of(TODAY)
    assert cell is not None
    line = cell.lines[1][0]
    qtbot.mouseDClick(controller.view.month, Qt.MouseButton.LeftButton, pos=line.center().toPoint())
    assert asked.calls[-1][0] == week_of["lunch"]
    controller.set_mode("week")
    canvas = controller.view.week.canvas
    rect = next(r for r, p in canvas.blocks if p.item.id == week_of["call"])
    controller.view.week.ensure_slot_visible(datetime(2026, 11, 27, 18, tzinfo=VIENNA))
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert asked.calls[-1][0] == week_of["call"]


def test_empty_half_hour_slot_and_ctrl_n_start_there(
    qtbot: QtBot, services: Services, week_of: dict[str, int], asked: Asked
) -> None:
    """Double-click on 14:30 Thursday starts a new one at that moment; a chosen slot is where
    Ctrl+N starts, in the scope's country."""
    controller = open_page(qtbot, services, "week")
    canvas = controller.view.week.canvas
    slot = datetime(2026, 11, 26, 14, 30, tzinfo=VIENNA)
    rect = canvas.slot_rect(slot)
    assert rect is not None
    controller.view.week.ensure_slot_visible(slot)
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    prefill = asked.calls[-1][2]
    assert prefill is not None and prefill.starts_at == slot.astimezone(UTC)
    controller.set_scope(week_of["jo"])
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert canvas.selected_slot == slot
    controller.new_record()
    record_id, scope, prefill = asked.calls[-1]
    assert (record_id, scope) == (None, week_of["jo"])
    assert prefill is not None and prefill.country_id == week_of["jo"]
    assert prefill.place == "Amman"
    assert prefill.starts_at == slot.astimezone(UTC)


def test_keyboard_moves_the_slot_and_enter_starts_there(
    qtbot: QtBot, services: Services, week_of: dict[str, int], asked: Asked
) -> None:
    """Arrows move the chosen half hour; past Sunday the next week comes; Enter starts."""
    controller = open_page(qtbot, services, "week")
    canvas = controller.view.week.canvas
    canvas.selected_slot = datetime(2026, 11, 29, 9, tzinfo=VIENNA)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    assert canvas.selected_slot == datetime(2026, 11, 29, 9, 30, tzinfo=VIENNA)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert controller.view.week.canvas.days[0] == date(2026, 11, 30)
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    prefill = asked.calls[-1][2]
    assert prefill is not None
    assert prefill.starts_at == datetime(2026, 11, 30, 9, 30, tzinfo=VIENNA).astimezone(UTC)


def test_month_keys_cross_into_the_next_month(
    qtbot: QtBot, services: Services, week_of: dict[str, int]
) -> None:
    """Down from the last week of November reaches December's page."""
    controller = open_page(qtbot, services)
    month = controller.view.month
    month.set_selected(date(2026, 11, 30))
    month.setFocus()
    qtbot.keyClick(month, Qt.Key.Key_Down)
    assert controller.view.title.text() == "December 2026"
    assert controller.anchor == date(2026, 12, 7)


def test_scope_narrows_the_calendar(
    qtbot: QtBot, services: Services, week_of: dict[str, int]
) -> None:
    """With Austria chosen only its engagements show; All shows them all again."""
    controller = open_page(qtbot, services)
    controller.set_scope(week_of["at"])
    assert titles_on(controller, TODAY) == ["Talks at the ministry"]
    assert titles_on(controller, date(2026, 11, 27)) == []
    controller.set_scope(None)
    assert len(titles_on(controller, TODAY)) == 2


def test_busy_days_say_how_many_more(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, asked: Asked
) -> None:
    """A day with more than fits shows "+N more"; past the page's cap a note says so and the
    days still count what they hold."""
    start = datetime(2026, 11, 24, 7, tzinfo=VIENNA)
    for n in range(12):
        services.engagements.create(
            EngagementInput(f"Meeting {n:02d}", (start + timedelta(minutes=30 * n)).astimezone(UTC))
        )
    controller = open_page(qtbot, services)
    cell = controller.view.month.cell_of(date(2026, 11, 24))
    assert cell is not None and cell.hidden > 0
    assert len(cell.lines) + cell.hidden == 12
    assert controller.view.note.isHidden()
    monkeypatch.setattr(calendar_page, "MAX_ITEMS", 5)
    controller.refresh()
    assert controller.more == 7
    assert "Showing the first 5; 7 more" in controller.view.note.text()
    cell = controller.view.month.cell_of(date(2026, 11, 24))
    assert cell is not None and len(cell.lines) + cell.hidden == 12
    more = cell.more_rect
    assert more is not None
    qtbot.mouseDClick(controller.view.month, Qt.MouseButton.LeftButton, pos=more.center().toPoint())
    assert asked.calls == []
    assert controller.mode == "week" and controller.anchor == date(2026, 11, 24)


def test_delete_asks_then_removes_the_chosen_engagement(
    qtbot: QtBot, services: Services, week_of: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Delete names the engagement; confirming removes it from the page and the database."""
    asked_about: list[DeleteImpact] = []

    def confirm(_cls: type, _parent: object, impact: DeleteImpact) -> bool:
        asked_about.append(impact)
        return True

    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(confirm))
    controller = open_page(qtbot, services)
    cell = controller.view.month.cell_of(TODAY)
    assert cell is not None
    qtbot.mouseClick(
        controller.view.month, Qt.MouseButton.LeftButton, pos=cell.lines[0][0].center().toPoint()
    )
    assert controller.selected_item() == week_of["talks"]
    with qtbot.waitSignal(controller.changed):
        controller.delete_record()
    assert asked_about[0].name == "Talks at the ministry"
    assert titles_on(controller, TODAY) == ["Working lunch"]


def test_hostile_titles_are_painted_literally(qtbot: QtBot, services: Services) -> None:
    """A title with markup, RTL and formula prefixes is drawn without error, as it is."""
    hostile = "<b>=cmd|' /C calc'!A0</b> \u200fevil ../../x" + "x" * 450
    services.engagements.create(EngagementInput(hostile, datetime(2026, 11, 25, 8, tzinfo=UTC)))
    controller = open_page(qtbot, services)
    assert titles_on(controller, TODAY) == [hostile]
    controller.view.month.grab()
    controller.set_mode("week")
    controller.view.week.canvas.grab()


def test_main_window_has_the_calendar_after_engagements(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """The sidebar offers Calendar after Engagements; Ctrl+N there starts a new engagement."""
    window = MainWindow(db)
    qtbot.addWidget(window)
    keys = [area.key for area in window.areas]
    assert keys.index("calendar") == keys.index("engagements") + 1
    window.show_area("calendar")
    assert window.stack.currentWidget().objectName() == "page_calendar"
    assert isinstance(window.controllers["calendar"], CalendarController)
    assert window.new_action.isEnabled()


# -- the arithmetic under the pages -----------------------------------------------------------
def item(n: int, start: datetime, hours: float | None) -> CalendarItem:
    end = start + timedelta(hours=hours) if hours is not None else None
    return CalendarItem(
        n,
        1,
        f"E{n}",
        EngagementKind.CALL,
        start.astimezone(UTC),
        None if end is None else end.astimezone(UTC),
        "UTC",
        None,
        "",
        "",
        "U",
    )


def test_grids_and_weeks_start_on_the_first_weekday() -> None:
    """Month pages and weeks begin on Monday, or on Sunday where the locale says so."""
    assert month_grid(2026, 11)[0] == date(2026, 10, 26)
    assert month_grid(2026, 11, first_weekday=7)[0] == date(2026, 11, 1)
    assert week_start(date(2026, 11, 25)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 25), 7) == date(2026, 11, 22)


def test_parts_split_at_midnight_and_default_to_an_hour() -> None:
    """A night call is on both days; one without an end is an hour long."""
    night = item(1, datetime(2026, 11, 25, 23, tzinfo=VIENNA), 2)
    open_ended = item(2, datetime(2026, 11, 26, 9, tzinfo=VIENNA), None)
    days = [date(2026, 11, 25), date(2026, 11, 26)]
    placed = by_day([night, open_ended], days, VIENNA)
    assert [p.item.id for p in placed[days[0]]] == [1]
    assert [(p.item.id, p.start.hour, p.end.hour) for p in placed[days[1]]] == [
        (1, 0, 1),
        (2, 9, 10),
    ]


def test_spring_forward_keeps_local_hours() -> None:
    """On the night clocks go forward, a 09:00 meeting still sits at 09:00 local."""
    meeting = item(1, datetime(2026, 3, 29, 9, tzinfo=VIENNA), 1)
    part = by_day([meeting], [date(2026, 3, 29)], VIENNA)[date(2026, 3, 29)][0]
    assert (part.start.hour, part.end.hour) == (9, 10)


def test_side_by_side_columns() -> None:
    """A chain of overlaps shares columns; a later free slot starts over at full width."""
    day = date(2026, 11, 25)
    at = datetime(2026, 11, 25, 9, tzinfo=VIENNA)

    def part(n: int, offset: float, hours: float) -> Placed:
        start = at + timedelta(hours=offset)
        return Placed(item(n, start, hours), day, start, start + timedelta(hours=hours))

    result = {
        p.item.id: (p.column, p.columns)
        for p in side_by_side([part(1, 0, 2), part(2, 0.5, 1), part(3, 1.5, 1), part(4, 5, 1)])
    }
    assert result == {1: (0, 2), 2: (1, 2), 3: (1, 2), 4: (0, 1)}


def test_page_rows_model_passes_the_model_tester(
    qtbot: QtBot, services: Services, week_of: dict[str, int], qtmodeltester: ModelTester
) -> None:
    """The page's engagements as rows: one per engagement shown, in start order."""
    controller = open_page(qtbot, services, "week")
    qtmodeltester.check(controller.model)
    titles = [controller.model.index(row, 1).data() for row in range(controller.model.rowCount())]
    assert titles == ["Talks at the ministry", "Working lunch", "Evening call"]


def test_prefill_puts_the_slot_into_a_real_form(
    qtbot: QtBot, services: Services, week_of: dict[str, int]
) -> None:
    """The engagement form opened from Austria's 14:30 slot shows 14:30 Vienna, in Austria."""
    controller = open_page(qtbot, services, "week")
    controller.set_scope(week_of["at"])
    slot = datetime(2026, 11, 26, 14, 30, tzinfo=VIENNA)
    form = EngagementForm(None, services, None, week_of["at"], prefill=controller.prefill(slot))
    qtbot.addWidget(form)
    assert form.time_zone.currentText() == "Europe/Vienna"
    shown = form.starts_at.dateTime()
    assert (shown.date().day(), shown.time().hour(), shown.time().minute()) == (26, 14, 30)
    assert form.country.value() == week_of["at"]
    assert form.place.text() == "Vienna"
    form.dirty = False
