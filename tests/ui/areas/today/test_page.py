"""The Today page: sections from the reminders service, opening records, scope and refresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from bilatdesk.domain import Commitment, Person
from bilatdesk.services.catalog import Services, today_sources
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.services.today.reminders import (
    URGENCY_NOW,
    URGENCY_SOON,
    RecordRef,
    Reminder,
    ReminderService,
    ReminderWindow,
)
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.cables.events import cable_events
from bilatdesk.ui.areas.countries.form import CountryForm
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.areas.people.form import PersonForm
from bilatdesk.ui.areas.today import page as today_page
from bilatdesk.ui.areas.today.model import (
    COL_REM_COUNTRY,
    COL_REM_DETAIL,
    COL_REM_TITLE,
    COL_REM_WHEN,
    ReminderModel,
    relative_text,
    urgency_colour,
)
from bilatdesk.ui.areas.today.page import TodayController, TodayView
from tests.ui.areas.cables.test_cables import DRAFTER, ready_draft


def country(services: Services, name: str) -> int:
    return next(c.id for c in services.countries.choices() if c.name == name)


def today_page_for(
    qtbot: QtBot, services: Services, reminders: ReminderService | None = None
) -> TodayController:
    view = TodayView()
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    return TodayController(view, services, reminders=reminders)


def titles(controller: TodayController, key: str) -> list[str]:
    model = controller.section(key).model
    return [model.index(r, COL_REM_TITLE).data() for r in range(model.rowCount())]


def add_commitment(db: Database, description: str, due: date, engagement_id: int) -> int:
    with db.session() as session:
        made = Commitment(engagement_id=engagement_id, description=description, due_date=due)
        session.add(made)
        session.flush()
        return made.id


def set_birthday(db: Database, person_id: int, day: date) -> None:
    with db.session() as session:
        person = session.get(Person, person_id)
        assert person is not None
        person.birth_date = date(1970, day.month, day.day)
        person.refresh_derived()


@pytest.fixture
def busy(populated: Services, db: Database) -> Services:
    """The populated database with a commitment overdue, a birthday and a national day soon."""
    today = date.today()
    talks = populated.engagements.list().rows[0].id
    add_commitment(db, "Send the draft memorandum", today - timedelta(days=2), talks)
    person = populated.people.list().rows[0].id
    set_birthday(db, person, today + timedelta(days=3))
    soon = today + timedelta(days=5)
    populated.countries.create(CountryInput("GR", "Greece", national_day=(soon.month, soon.day)))
    return populated


def test_every_section_shows_its_rows(qtbot: QtBot, busy: Services) -> None:
    """Engagements, the overdue commitment, the birthday and the national day appear."""
    today = today_page_for(qtbot, busy)
    assert list(today.view.panels) == [
        "engagements",
        "commitments",
        "cables",
        "agreements",
        "national_days",
        "birthdays",
        "credentials",
    ]
    assert titles(today, "engagements") == ["Meeting 0", "Meeting 1", "Meeting 2"]
    assert titles(today, "commitments") == ["Send the draft memorandum"]
    commitments = today.section("commitments").model
    assert commitments.index(0, COL_REM_WHEN).data() == "overdue by 2 days"
    assert commitments.index(0, COL_REM_WHEN).data(Qt.ItemDataRole.ForegroundRole) == (
        urgency_colour(URGENCY_NOW)
    )
    assert titles(today, "national_days") == ["National day of Greece"]
    assert today.section("national_days").model.index(0, COL_REM_WHEN).data() == "in 5 days"
    assert len(titles(today, "birthdays")) == 1
    engagement = today.section("engagements").model
    assert engagement.index(0, COL_REM_WHEN).data() == "in 2 days"
    assert engagement.index(0, COL_REM_COUNTRY).data() == "Austria"
    assert "Greece" not in titles(today, "credentials")
    assert today.view.heading.text().startswith("Today, ")
    assert "overdue" in today.view.subheading.text()


def test_empty_sections_say_so_quietly(qtbot: QtBot, populated: Services) -> None:
    """A section with nothing shows one quiet line and no list."""
    today = today_page_for(qtbot, populated)
    cables = today.section("cables")
    assert cables.table.isHidden() and not cables.empty.isHidden()
    assert cables.empty.text() == "No cable is waiting for clearance or dispatch."
    assert cables.empty.font().italic()
    assert cables.more.isHidden()
    assert not today.section("engagements").table.isHidden()


def test_section_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, busy: Services
) -> None:
    """Each section's model is a valid Qt model, full and empty."""
    today = today_page_for(qtbot, busy)
    qtmodeltester.check(today.section("engagements").model)
    qtmodeltester.check(today.section("commitments").model)
    qtmodeltester.check(today.section("cables").model)


def test_enter_and_double_click_open_the_engagement(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on a row opens the engagement form; a save re-reads Today and says so."""
    opened: list[tuple[int | None, int | None]] = []

    def ask(
        cls: object, parent: object, services: Services, rid: int | None, scope: int | None
    ) -> int | None:
        opened.append((rid, scope))
        return rid

    monkeypatch.setattr(EngagementForm, "ask", classmethod(ask))
    today = today_page_for(qtbot, populated)
    panel = today.section("engagements")
    first = panel.model.reminder(0)
    assert first is not None
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    with qtbot.waitSignal(today.changed, timeout=2000):
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened == [(first.record.id, None)]
    panel.table.doubleClicked.emit(panel.model.index(1, 0))
    assert opened[1][0] == panel.model.reminder(1).record.id  # type: ignore[union-attr]
    panel.table.selectRow(2)
    today.edit_record()  # the selected row of the list with the keyboard
    assert len(opened) == 3


def test_a_commitment_opens_its_engagement(
    qtbot: QtBot, busy: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commitment lives in the engagement where it was promised: that form opens."""
    opened: list[int | None] = []
    monkeypatch.setattr(
        EngagementForm,
        "ask",
        classmethod(lambda cls, parent, services, rid, scope: opened.append(rid)),
    )
    today = today_page_for(qtbot, busy)
    panel = today.section("commitments")
    panel.table.doubleClicked.emit(panel.model.index(0, 0))
    reminder = panel.model.reminder(0)
    assert reminder is not None and reminder.context is not None
    assert opened == [reminder.context.id]


def test_people_countries_and_cables_open_their_records(
    qtbot: QtBot, busy: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A birthday opens the person, a national day the country, a cable its editor."""
    from PySide6.QtCore import QSettings

    from bilatdesk.ui.areas.cables.dialogs import IDENTITY_KEY

    QSettings("bilatdesk", "bilatdesk").setValue(IDENTITY_KEY, DRAFTER)
    draft = busy.cables.get(ready_draft(busy))
    flow = busy.cable_workflow
    sent = flow.submit(draft.id, draft.version, clearers=[], actor=DRAFTER)
    flow.approve(sent.id, sent.version, actor="Ambassador")
    people: list[int | None] = []
    countries: list[int | None] = []
    cables: list[int] = []
    monkeypatch.setattr(
        PersonForm, "ask", classmethod(lambda cls, parent, services, rid, scope: people.append(rid))
    )
    monkeypatch.setattr(
        CountryForm,
        "ask",
        classmethod(lambda cls, parent, services, rid, scope: countries.append(rid)),
    )
    monkeypatch.setattr(
        today_page, "open_cable", lambda parent, services, cable_id: cables.append(cable_id)
    )
    today = today_page_for(qtbot, busy)
    for key in ("birthdays", "national_days", "cables"):
        panel = today.section(key)
        panel.table.doubleClicked.emit(panel.model.index(0, 0))
    assert people == [busy.people.list().rows[0].id]
    assert countries == [country(busy, "Greece")]
    assert cables == [draft.id]
    detail = today.section("cables").model.index(0, COL_REM_DETAIL).data()
    assert detail == "Approved, awaiting dispatch"


def test_scope_narrows_every_section(qtbot: QtBot, busy: Services) -> None:
    """With Jordan in scope only Jordan's rows remain; "all" brings the rest back."""
    today = today_page_for(qtbot, busy)
    today.set_scope(country(busy, "Jordan"))
    assert titles(today, "engagements") == ["Meeting 1", "Meeting 2"]
    assert titles(today, "national_days") == []
    assert all(
        panel.model.index(r, COL_REM_COUNTRY).data() == "Jordan"
        for panel in today.view.panels.values()
        for r in range(panel.model.rowCount())
    )
    today.set_scope(None)
    assert len(titles(today, "engagements")) == 3


def test_a_full_section_says_how_many_more(qtbot: QtBot, populated: Services, db: Database) -> None:
    """With a limit of two rows a section shows two and counts the third."""
    today = today_page_for(qtbot, populated, ReminderService(db, today_sources(), limit=2))
    panel = today.section("engagements")
    assert panel.model.rowCount() == 2
    assert not panel.more.isHidden()
    assert panel.more.text() == "… and 1 more, not shown here"
    assert panel.heading.text() == "Engagements in the next 7 days (3)"


def test_a_moved_cable_refreshes_today(qtbot: QtBot, populated: Services) -> None:
    """A cable submitted elsewhere appears once the cable relay says it moved."""
    today = today_page_for(qtbot, populated)
    assert titles(today, "cables") == []
    draft = populated.cables.get(ready_draft(populated))
    populated.cable_workflow.submit(draft.id, draft.version, clearers=[], actor=DRAFTER)
    cable_events().moved.emit(draft.id)
    assert titles(today, "cables") == [draft.data.subject]


@dataclass(frozen=True)
class Elections:
    """A source registered by some other area, with a record kind of its own."""

    key: str = "elections"
    heading: str = "Elections"
    horizon_days: int = 30

    def collect(self, session: Session, window: ReminderWindow) -> list[Reminder]:
        return [
            Reminder(
                "election",
                window.today + timedelta(days=4),
                "Parliament",
                "",
                RecordRef("election", 7),
                "Austria",
            )
        ]


def test_a_registered_source_gets_a_panel_and_an_opener(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """The page lays out a section it never heard of and opens it through a new opener."""
    service = ReminderService(db, today_sources())
    service.register(Elections())
    today = today_page_for(qtbot, populated, service)
    assert titles(today, "elections") == ["Parliament"]
    assert today.section("elections").empty.text() == "Nothing at present."
    opened: list[int] = []

    def opener(parent: object, services: Services, reminder: Reminder, scope: int | None) -> bool:
        opened.append(reminder.record.id)
        return True

    today.openers["election"] = opener
    panel = today.section("elections")
    with qtbot.waitSignal(today.changed, timeout=2000):
        panel.table.doubleClicked.emit(panel.model.index(0, 0))
    assert opened == [7]


def test_new_engagement_from_today(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+N on Today creates an engagement; it shows at once."""

    def ask(
        cls: object, parent: object, services: Services, rid: int | None, scope: int | None
    ) -> int:
        return services.engagements.create(
            EngagementInput("Fresh call", datetime.now(UTC) + timedelta(hours=3), country_id=scope)
        ).id

    monkeypatch.setattr(EngagementForm, "ask", classmethod(ask))
    today = today_page_for(qtbot, populated)
    today.new_record()
    assert "Fresh call" in titles(today, "engagements")


def test_urgency_colours_read_on_light_and_dark_palettes(qtbot: QtBot) -> None:
    """Overdue is a deep red on a light base and a pale red on a dark one; soon is amber."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    original = app.palette()
    try:
        light = QPalette(original)
        light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        app.setPalette(light)
        deep = urgency_colour(URGENCY_NOW)
        dark = QPalette(original)
        dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
        app.setPalette(dark)
        pale = urgency_colour(URGENCY_NOW)
        assert deep is not None and pale is not None
        assert deep.lightness() < 128 < pale.lightness()
        assert urgency_colour(URGENCY_SOON) is not None
        assert urgency_colour(0) is None
    finally:
        app.setPalette(original)


def test_relative_texts(qtbot: QtBot) -> None:
    """Today, tomorrow, in N days, overdue by N days, and how long a cable has waited."""
    day = date(2026, 11, 22)

    def text(offset: int, kind: str = "commitment_due") -> str:
        return relative_text(
            Reminder(kind, day + timedelta(days=offset), "t", "", RecordRef("x", 1)), day
        )

    assert [text(n) for n in (0, 1, 3, -1, -4)] == [
        "today",
        "tomorrow",
        "in 3 days",
        "overdue by 1 day",
        "overdue by 4 days",
    ]
    assert text(-2, "cable_awaiting") == "waiting 2 days"
    model = ReminderModel()
    model.set_reminders([Reminder("x", date(2027, 1, 5), "t", "", RecordRef("x", 1))], day)
    assert model.index(0, 0).data().endswith("2027")  # another year says which


def test_a_bounded_count_says_perhaps_more(
    qtbot: QtBot, busy: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When one country's count stopped early, the page says there may be more."""
    from bilatdesk.services.today import sources

    monkeypatch.setattr(sources, "CANDIDATE_CEILING", 0)
    today = today_page_for(qtbot, busy)
    today.set_scope(country(busy, "Austria"))
    panel = today.section("commitments")
    assert panel.model.rowCount() == 0
    assert panel.more.text() == "… and perhaps more, not shown here"
    assert not panel.more.isHidden() and panel.empty.isHidden()
