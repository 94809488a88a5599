"""Calendar times say their zone; new meetings keep the typed time; date fields take typing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot

from bilatdesk.domain import EngagementKind
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.ui.areas.calendar.page import CalendarController, CalendarView
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.kit.settings import settings
from bilatdesk.ui.kit.widgets import OptionalDateEdit

VIENNA = ZoneInfo("Europe/Vienna")
AMMAN = ZoneInfo("Asia/Amman")
TODAY = date(2026, 11, 25)


@pytest.fixture
def amman(services: Services) -> int:
    """Jordan, with a 10:00 meeting in Amman on TODAY (08:00 in Vienna)."""
    jordan = services.countries.create(CountryInput("JO", capital="Amman")).id
    start = datetime(2026, 11, 25, 10, 0, tzinfo=AMMAN)
    services.engagements.create(
        EngagementInput(
            "Talks in Amman",
            start.astimezone(UTC),
            (start + timedelta(hours=1)).astimezone(UTC),
            kind=EngagementKind.BILATERAL_MEETING,
            time_zone="Asia/Amman",
            country_id=jordan,
        )
    )
    return jordan


def open_week(qtbot: QtBot, services: Services) -> CalendarController:
    settings().setValue("calendar/mode", "week")
    view = CalendarView(VIENNA)
    qtbot.addWidget(view)
    view.resize(1100, 640)
    view.show()
    controller = CalendarController(view, services, zone=VIENNA)
    controller.set_today(TODAY)
    return controller


def shown_start(controller: CalendarController, title: str) -> str:
    parts = [part for _rect, part in controller.view.week.canvas.blocks]
    return next(p.start.strftime("%H:%M") for p in parts if p.item.title == title)


def test_meetings_show_at_their_local_time_by_default_and_say_so(
    qtbot: QtBot, services: Services, amman: int
) -> None:
    """A 10:00 meeting in Amman sits at 10:00, and the header says whose time it is."""
    controller = open_week(qtbot, services)
    assert controller.zone_mode == "meeting"
    assert shown_start(controller, "Talks in Amman") == "10:00"
    assert "local time" in controller.view.zone_choice.currentText()
    assert controller.model.index(0, 0).data().endswith("10:00 +03")


def test_my_time_is_a_choice_that_is_named_and_remembered(
    qtbot: QtBot, services: Services, amman: int
) -> None:
    """Chosen, "mine" shows the meeting at 08:00 Vienna, names the zone, and is kept."""
    controller = open_week(qtbot, services)
    controller.view.zone_choice.setCurrentIndex(1)
    assert controller.zone_mode == "mine"
    assert shown_start(controller, "Talks in Amman") == "08:00"
    assert "Europe/Vienna" in controller.view.zone_choice.currentText()
    assert open_week(qtbot, services).zone_mode == "mine"


def test_a_slot_starts_the_meeting_at_that_time_in_the_zone_shown(
    qtbot: QtBot, services: Services, amman: int
) -> None:
    """In local time, Jordan's 15:00 slot is 15:00 in Amman; in mine, 15:00 in Vienna."""
    controller = open_week(qtbot, services)
    controller.set_scope(amman)
    slot = datetime(2026, 11, 26, 15, 0, tzinfo=VIENNA)
    prefill = controller.prefill(slot)
    assert prefill.starts_at == datetime(2026, 11, 26, 15, 0, tzinfo=AMMAN).astimezone(UTC)
    controller.set_zone_mode("mine")
    assert controller.prefill(slot).starts_at == slot.astimezone(UTC)
    form = EngagementForm(None, services, None, amman, prefill=prefill)
    qtbot.addWidget(form)
    shown = form.starts_at.dateTime().time()
    assert (shown.hour(), shown.minute(), form.time_zone.currentText()) == (15, 0, "Asia/Amman")
    form.dirty = False


def test_choosing_the_country_keeps_the_typed_time(
    qtbot: QtBot, services: Services, amman: int
) -> None:
    """A time typed before the country is chosen stays as typed; only the zone follows."""
    form = EngagementForm(None, services)
    qtbot.addWidget(form)
    typed = QDateTime(QDate(2026, 12, 1), QTime(15, 0))
    form.starts_at.setDateTime(typed)
    form.country.set_value(amman)
    assert form.time_zone.currentText() == "Asia/Amman"
    assert form.starts_at.dateTime() == typed
    form.dirty = False


def test_the_end_follows_the_start_keeping_the_length(qtbot: QtBot, services: Services) -> None:
    """Moving a 90-minute meeting's start two hours later moves its end with it."""
    form = EngagementForm(None, services)
    qtbot.addWidget(form)
    form.starts_at.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(9, 0)))
    form.has_end.setChecked(True)
    form.ends_at.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(10, 30)))
    form.starts_at.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(11, 0)))
    assert form.ends_at.dateTime() == QDateTime(QDate(2026, 12, 1), QTime(12, 30))
    form.dirty = False


@pytest.mark.parametrize("typed", ["2025-03-01", "2025-3-1", "20250301", "2025/03/01"])
def test_a_typed_date_is_taken_whole(qtbot: QtBot, typed: str) -> None:
    """Typing a full date over the field replaces it (the year was ignored before)."""
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.show()
    field.set_value(date(2026, 3, 1))
    field.date_edit.setFocus()
    field.date_edit.selectAll()
    qtbot.keyClicks(field.date_edit, typed)
    assert field.value() == date(2025, 3, 1)


def test_a_typed_moment_is_taken_whole(qtbot: QtBot, services: Services) -> None:
    """The engagement's start takes "2025-04-02 15:30" typed over it."""
    form = EngagementForm(None, services)
    qtbot.addWidget(form)
    form.show()
    form.starts_at.setFocus()
    form.starts_at.selectAll()
    qtbot.keyClicks(form.starts_at, "2025-04-02 15:30")
    assert form.starts_at.dateTime() == QDateTime(QDate(2025, 4, 2), QTime(15, 30))
    form.dirty = False
