"""Commitments in the window: the open-commitments panel, the Tools list, the engagement
form's Commitments section, and quick entry of a new engagement from a person or a country."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.domain.enums import CommitmentStatus, EngagementKind, Side
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.commitment_drafts import CommitmentDraft
from bilatdesk.services.engagements.commitment_rows import CommitmentFilters
from bilatdesk.services.engagements.commitments import CommitmentInput
from bilatdesk.services.engagements.service import EngagementInput, ParticipantInput
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.people.service import MembershipInput, PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.engagements.commitments import editor as editor_module
from bilatdesk.ui.areas.engagements.commitments import panel as panel_module
from bilatdesk.ui.areas.engagements.commitments.dialogs import (
    CloseCommitmentDialog,
    Closing,
    CommitmentDialog,
    DraftAnswer,
)
from bilatdesk.ui.areas.engagements.commitments.list_dialog import CommitmentsDialog
from bilatdesk.ui.areas.engagements.commitments.panel import OpenCommitmentsPanel
from bilatdesk.ui.areas.engagements.commitments.rows import negative_colour
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.areas.engagements.prefill import (
    EngagementPrefill,
    prefill_for_country,
    prefill_for_person,
)
from bilatdesk.ui.kit.messages import ErrorBox, UnsavedChangesDialog
from bilatdesk.ui.shell.main_window import MainWindow

TODAY = date(2026, 11, 22)
VIENNA = ZoneInfo("Europe/Vienna")


@dataclass
class Desk:
    services: Services
    austria: int
    jordan: int
    lukas: int
    omar: int
    meeting: int
    """Vienna, 10 Nov 2026, with Lukas: three open commitments, one closed."""
    old_meeting: int
    """Vienna, 10 Mar 2025: for edits in the form (closings must lie in the past)."""
    overdue: int
    soon: int
    undated: int


@pytest.fixture
def desk(services: Services) -> Desk:
    c = services.countries
    austria = c.create(CountryInput("AT", "Austria", capital="Vienna")).id
    jordan = c.create(CountryInput("JO", "Jordan", capital="Amman")).id
    lukas = services.people.create(
        PersonInput(
            "Lukas",
            "Hofstätter",
            honorific="Dr",
            country_id=austria,
            memberships=(MembershipInput("Director-General for Europe", None, date(2020, 1, 1)),),
        )
    ).id
    omar = services.people.create(PersonInput("Omar", "Al-Khatib", country_id=jordan)).id
    e = services.engagements
    meeting = e.create(
        EngagementInput(
            "Talks on transit",
            datetime(2026, 11, 10, 10, tzinfo=VIENNA),
            time_zone="Europe/Vienna",
            country_id=austria,
            participants=(ParticipantInput(lukas, side=Side.THEIRS, role="host"),),
        )
    ).id
    old_meeting = e.create(
        EngagementInput(
            "Consultations",
            datetime(2025, 3, 10, 10, tzinfo=VIENNA),
            time_zone="Europe/Vienna",
            country_id=austria,
        )
    ).id
    e.create(
        EngagementInput(
            "Consular talks",
            datetime(2026, 11, 1, 10, tzinfo=UTC),
            country_id=jordan,
            time_zone="Asia/Amman",
            commitments=(CommitmentDraft("Reply on the consular case", owner_person_id=omar),),
        )
    )
    cs = services.commitments

    def add(description: str, due: date | None, **fields: Any) -> int:
        return cs.create(
            CommitmentInput(meeting, description, due_date=due, **fields), today=TODAY
        ).id

    overdue = add("Send the transit figures", date(2026, 11, 12), owner_person_id=lukas)
    soon = add("Propose dates", date(2026, 11, 25), side=Side.THEIRS, owner="Their MFA")
    undated = add("Invite the minister", None)
    closed = cs.create(CommitmentInput(meeting, "Share the agenda"), today=TODAY)
    cs.close(closed.id, closed_on=TODAY, expected_version=closed.version, today=TODAY)
    return Desk(
        services, austria, jordan, lukas, omar, meeting, old_meeting, overdue, soon, undated
    )


@pytest.fixture(autouse=True)
def no_blocking_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a changed form discards; an unexpected error box fails instead of waiting."""

    def refuse(cls: type, parent: QWidget | None, title: str, message: str) -> None:
        raise AssertionError(f"unexpected error box: {title}: {message}")

    monkeypatch.setattr(
        UnsavedChangesDialog, "ask", classmethod(lambda cls, parent: UnsavedChangesDialog.DISCARD)
    )
    monkeypatch.setattr(ErrorBox, "show", classmethod(refuse))


def panel(qtbot: QtBot, services: Services) -> OpenCommitmentsPanel:
    made = OpenCommitmentsPanel(services, today=lambda: TODAY)
    qtbot.addWidget(made)
    made.show()
    return made


def engagement_form(qtbot: QtBot, services: Services, record_id: int | None) -> EngagementForm:
    form = EngagementForm(None, services, record_id)
    qtbot.addWidget(form)
    form.show()
    return form


# -- the panel ---------------------------------------------------------------------------------
def test_country_panel_lists_open_ones_overdue_in_red(
    qtbot: QtBot, desk: Desk, qtmodeltester: ModelTester
) -> None:
    """Open ones of the country, overdue first in the negative colour, undated last."""
    shown = panel(qtbot, desk.services)
    shown.show_country(desk.austria)
    model = shown.model
    qtmodeltester.check(model)
    assert [model.record(r).id for r in range(model.rowCount())] == [
        desk.overdue,
        desk.soon,
        desk.undated,
    ]
    standing = [model.data(model.index(r, 1)) for r in range(3)]
    assert standing == ["overdue by 10 days", "due in 3 days", "no due date"]
    red = model.data(model.index(0, 2), Qt.ItemDataRole.ForegroundRole)
    assert isinstance(red, QColor) and red == negative_colour()
    assert model.data(model.index(1, 2), Qt.ItemDataRole.ForegroundRole) is None
    assert shown.summary.text() == "3 open, 1 overdue"
    assert not shown.close_button.isEnabled()
    shown.table.selectRow(0)
    assert shown.close_button.isEnabled()


def test_person_panel_marks_what_they_owe_and_where_they_sat(
    qtbot: QtBot, desk: Desk, qtmodeltester: ModelTester
) -> None:
    """A person's panel has a column saying whether they owe it or took part."""
    shown = panel(qtbot, desk.services)
    shown.show_person(desk.lukas)
    qtmodeltester.check(shown.model)
    link = shown.model.columnCount() - 3  # before Engagement and Classification
    parts = [shown.model.data(shown.model.index(r, link)) for r in range(3)]
    assert parts == ["owes it", "took part", "took part"]


def closed_on_the_20th(
    monkeypatch: pytest.MonkeyPatch, asked: list[tuple[str, date | None, date]] | None = None
) -> None:
    """Close…'s dialog answers: done on 20 Nov 2026, sent by e-mail."""

    def answer(
        cls: type, parent: QWidget, description: str, made_on: date | None, today: date
    ) -> Closing:
        if asked is not None:
            asked.append((description, made_on, today))
        return Closing(CommitmentStatus.DONE, date(2026, 11, 20), "Sent by e-mail.")

    monkeypatch.setattr(CloseCommitmentDialog, "ask", classmethod(answer))


def test_close_from_the_panel_is_held_for_the_form(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    """Close… takes the day and the note from the dialog and holds the closing: the row reads
    closed, nothing is written; Keep open lets it go again."""
    asked: list[tuple[str, date | None, date]] = []
    closed_on_the_20th(monkeypatch, asked)
    shown = panel(qtbot, desk.services)
    shown.show_country(desk.austria)
    shown.table.selectRow(0)
    assert not shown.keep_open_button.isEnabled()
    with qtbot.waitSignal(shown.changed):
        qtbot.mouseClick(shown.close_button, Qt.MouseButton.LeftButton)
    assert asked == [("Send the transit figures", date(2026, 11, 10), TODAY)]
    qtmodeltester.check(shown.model)
    (held,) = shown.closings()
    assert (held.commitment_id, held.closed_on, held.note) == (
        desk.overdue,
        date(2026, 11, 20),
        "Sent by e-mail.",
    )
    assert shown.model.data(shown.model.index(0, 1)) == "done on 20 Nov 2026"
    assert shown.model.data(shown.model.index(0, 2), Qt.ItemDataRole.ForegroundRole) is None
    assert shown.summary.text() == "2 open; 1 closed when you save"
    assert not shown.close_button.isEnabled() and shown.keep_open_button.isEnabled()
    assert desk.services.commitments.get(desk.overdue).status is CommitmentStatus.OPEN
    shown.refresh()  # read again (an engagement saved from here): the closing stays on its row
    assert len(shown.closings()) == 1 and shown.model.rowCount() == 3
    shown.table.selectRow(0)
    with qtbot.waitSignal(shown.changed):
        qtbot.mouseClick(shown.keep_open_button, Qt.MouseButton.LeftButton)
    assert shown.closings() == () and shown.summary.text() == "3 open, 1 overdue"


def test_person_form_saves_closings_with_the_person_or_forgets_them(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A closing held on the person's Commitments tab marks the form changed: Cancel asks
    and writes nothing; a Save refused for a field writes nothing; Save writes it with the
    person, as one undo step."""
    from bilatdesk.ui.areas.people.form import PersonForm

    asked: list[str] = []
    monkeypatch.setattr(
        UnsavedChangesDialog,
        "ask",
        classmethod(lambda cls, parent: asked.append("asked") or UnsavedChangesDialog.DISCARD),
    )
    closed_on_the_20th(monkeypatch)
    form = PersonForm(None, desk.services, desk.lukas)
    qtbot.addWidget(form)
    form.show()
    form.follow_up.table.selectRow(0)
    qtbot.mouseClick(form.follow_up.close_button, Qt.MouseButton.LeftButton)
    assert form.dirty
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == ["asked"] and not form.isVisible()
    assert desk.services.commitments.get(desk.overdue).status is CommitmentStatus.OPEN
    form = PersonForm(None, desk.services, desk.lukas)
    qtbot.addWidget(form)
    form.follow_up.table.selectRow(0)
    qtbot.mouseClick(form.follow_up.close_button, Qt.MouseButton.LeftButton)
    form.given_name.setText("")
    form.family_name.setText("")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is None
    assert desk.services.commitments.get(desk.overdue).status is CommitmentStatus.OPEN
    form.family_name.setText("Hofstätter")
    form.given_name.setText("Lukas")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == desk.lukas, form.banner.text()
    closed = desk.services.commitments.get(desk.overdue)
    assert (closed.status, closed.closed_on, closed.closing_note) == (
        CommitmentStatus.DONE,
        date(2026, 11, 20),
        "Sent by e-mail.",
    )
    assert desk.services.undo.undo_label == "edit Lukas Hofstätter"
    desk.services.undo.undo()
    assert desk.services.commitments.get(desk.overdue).status is CommitmentStatus.OPEN


def test_country_form_saves_closings_and_shows_their_refusal(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A closing the service refuses is told on the Commitments tab and nothing is written;
    one it accepts is written with the country."""
    from bilatdesk.ui.areas.countries.form import CountryForm

    def too_early(cls: type, parent: QWidget, *args: Any) -> Closing:
        return Closing(CommitmentStatus.DONE, date(2026, 11, 1), "")  # before the meeting

    monkeypatch.setattr(CloseCommitmentDialog, "ask", classmethod(too_early))
    form = CountryForm(None, desk.services, desk.austria)
    qtbot.addWidget(form)
    form.follow_up.table.selectRow(0)
    qtbot.mouseClick(form.follow_up.close_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is None
    assert "before the engagement" in form.field_error("commitments")
    assert form.tabs.tabText(form.tabs.currentIndex()) == "Commitments"
    assert desk.services.commitments.get(desk.overdue).status is CommitmentStatus.OPEN
    form.follow_up.table.selectRow(0)
    qtbot.mouseClick(form.follow_up.keep_open_button, Qt.MouseButton.LeftButton)
    closed_on_the_20th(monkeypatch)
    qtbot.mouseClick(form.follow_up.close_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == desk.austria, form.banner.text()
    assert desk.services.commitments.get(desk.overdue).status is CommitmentStatus.DONE


def test_double_click_opens_the_engagement_and_new_engagement_is_prefilled(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Double-click opens the engagement's form; New engagement… opens a filled-in new one."""
    opened: list[tuple[int | None, EngagementPrefill | None]] = []

    def fake_ask(
        cls: type,
        parent: QWidget,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
        *,
        prefill: EngagementPrefill | None = None,
    ) -> int | None:
        opened.append((record_id, prefill))
        return None

    monkeypatch.setattr(panel_module.EngagementForm, "ask", classmethod(fake_ask))
    shown = panel(qtbot, desk.services)
    shown.show_person(desk.lukas)
    shown.table.doubleClicked.emit(shown.model.index(0, 2))
    assert opened == [(desk.meeting, None)]
    qtbot.mouseClick(shown.new_button, Qt.MouseButton.LeftButton)
    record_id, prefill = opened[-1]
    assert record_id is None and prefill is not None
    assert prefill.participants[0].person_id == desk.lukas
    assert prefill.country_id == desk.austria


# -- quick entry -------------------------------------------------------------------------------
def test_prefill_for_a_person_and_a_country(desk: Desk) -> None:
    """A courtesy call on the person in their post, next working day at ten, local time."""
    friday_evening = datetime(2026, 11, 20, 17, tzinfo=UTC)
    person = prefill_for_person(desk.services, desk.lukas, now=friday_evening)
    assert person.kind is EngagementKind.COURTESY_CALL
    assert person.title == "Courtesy call on Dr Lukas Hofstätter"
    assert person.participants == (
        ParticipantInput(
            desk.lukas, "Lukas Hofstätter", Side.THEIRS, "Director-General for Europe"
        ),
    )
    assert (person.country_id, person.place, person.time_zone) == (
        desk.austria,
        "Vienna",
        "Europe/Vienna",
    )
    assert person.starts_at == datetime(2026, 11, 23, 10, tzinfo=VIENNA)  # Monday
    thursday = datetime(2026, 11, 19, 12, tzinfo=UTC)
    country = prefill_for_country(desk.services, desk.jordan, now=thursday)
    assert (country.country_id, country.place, country.time_zone) == (
        desk.jordan,
        "Amman",
        "Asia/Amman",
    )
    # Friday and Saturday are Jordan's weekend: the next working day is Sunday.
    assert country.starts_at == datetime(2026, 11, 22, 10, tzinfo=ZoneInfo("Asia/Amman"))


def test_prefilled_form_saves_the_quick_entry(qtbot: QtBot, desk: Desk) -> None:
    """The form opens filled from the prefill; one Save stores the engagement as shown."""
    prefill = prefill_for_person(
        desk.services, desk.lukas, now=datetime(2026, 11, 20, 17, tzinfo=UTC)
    )
    form = EngagementForm(None, desk.services, None, None, prefill=prefill)
    qtbot.addWidget(form)
    assert form.title.text() == "Courtesy call on Dr Lukas Hofstätter"
    assert form.time_zone.currentText() == "Europe/Vienna"
    assert form.place.text() == "Vienna"
    assert not form.dirty
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is not None, form.banner.text()
    detail = desk.services.engagements.get(form.saved_id)
    assert detail.data.kind is EngagementKind.COURTESY_CALL
    assert detail.data.starts_at == datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert [(p.person_id, p.side, p.role) for p in detail.participants] == [
        (desk.lukas, Side.THEIRS, "Director-General for Europe")
    ]


def test_new_form_takes_the_zone_of_the_chosen_country(qtbot: QtBot, desk: Desk) -> None:
    """Picking a country sets its usual zone, until the clerk chooses a zone themselves."""
    form = engagement_form(qtbot, desk.services, None)
    form.country.set_value(desk.jordan)
    assert form.time_zone.currentText() == "Asia/Amman"
    form._on_time_zone_chosen("UTC")
    form.time_zone.setCurrentText("UTC")
    form.country.set_value(desk.austria)
    assert form.time_zone.currentText() == "UTC"


# -- the engagement form's Commitments section -------------------------------------------------
def test_form_commitments_add_close_reopen_remove_saved_with_the_engagement(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    """Add, Close…, Reopen and Remove change only the form; Save writes them all at once."""
    cs = desk.services.commitments
    first = cs.create(CommitmentInput(desk.old_meeting, "Send the minutes")).id
    second = cs.create(CommitmentInput(desk.old_meeting, "Draft a joint statement")).id
    third = cs.create(CommitmentInput(desk.old_meeting, "Old promise"))
    cs.close(third.id, closed_on=date(2025, 3, 11), expected_version=third.version)

    def add(cls: type, *args: Any) -> DraftAnswer:
        assert args[-1] == date(2025, 3, 10)  # the engagement's day, for the due-date check
        draft = CommitmentDraft(
            "Invite the delegation",
            side=Side.THEIRS,
            owner_person_id=desk.lukas,
            due_date=date(2025, 4, 1),
        )
        return DraftAnswer(draft, "Lukas Hofstätter")

    def close(cls: type, parent: QWidget, description: str, made_on: Any, today: date) -> Closing:
        return Closing(CommitmentStatus.DROPPED, date(2025, 3, 12), "Overtaken by events.")

    monkeypatch.setattr(CommitmentDialog, "ask", classmethod(add))
    monkeypatch.setattr(CloseCommitmentDialog, "ask", classmethod(close))
    monkeypatch.setattr(editor_module.ConfirmDeleteDialog, "ask", classmethod(lambda *a: True))
    form = engagement_form(qtbot, desk.services, desk.old_meeting)
    editor = form.commitments
    qtmodeltester.check(editor.model)
    assert editor.row_count() == 3
    assert not form.dirty
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert form.dirty and editor.row_count() == 4
    editor.select_row(0)
    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    editor.select_row(2)
    assert editor.reopen_button.isEnabled() and not editor.close_button.isEnabled()
    qtbot.mouseClick(editor.reopen_button, Qt.MouseButton.LeftButton)
    editor.select_row(1)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.row_count() == 3
    qtmodeltester.check(editor.model)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == desk.old_meeting, form.banner.text()
    rows = {r.description: r for r in cs.for_engagement(desk.old_meeting)}
    assert set(rows) == {"Send the minutes", "Old promise", "Invite the delegation"}
    assert rows["Send the minutes"].id == first and second not in {r.id for r in rows.values()}
    assert (rows["Send the minutes"].status, rows["Send the minutes"].closing_note) == (
        CommitmentStatus.DROPPED,
        "Overtaken by events.",
    )
    assert rows["Old promise"].status is CommitmentStatus.OPEN
    assert (rows["Invite the delegation"].owner, rows["Invite the delegation"].side) == (
        "Lukas Hofstätter",
        Side.THEIRS,
    )


def test_form_closing_cancelled_asks_and_refused_save_writes_nothing(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Close… in the engagement form is held: Cancel asks first and writes nothing; a Save
    refused for the title writes nothing; Save writes the closing as one undo step."""
    asked: list[str] = []
    monkeypatch.setattr(
        UnsavedChangesDialog,
        "ask",
        classmethod(lambda cls, parent: asked.append("asked") or UnsavedChangesDialog.DISCARD),
    )
    closed_on_the_20th(monkeypatch)
    form = engagement_form(qtbot, desk.services, desk.meeting)
    form.commitments.select_row(0)
    qtbot.mouseClick(form.commitments.close_button, Qt.MouseButton.LeftButton)
    assert form.dirty
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == ["asked"] and not form.isVisible()
    assert desk.services.commitments.get(desk.overdue).status is CommitmentStatus.OPEN
    form = engagement_form(qtbot, desk.services, desk.meeting)
    form.commitments.select_row(0)
    qtbot.mouseClick(form.commitments.close_button, Qt.MouseButton.LeftButton)
    form.title.setText("")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is None and form.field_error("title")
    assert desk.services.commitments.get(desk.overdue).status is CommitmentStatus.OPEN
    form.title.setText("Talks on transit")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == desk.meeting, form.banner.text()
    assert desk.services.commitments.get(desk.overdue).closed_on == date(2026, 11, 20)
    assert desk.services.undo.undo_label == "edit Talks on transit"
    desk.services.undo.undo()
    assert desk.services.commitments.get(desk.overdue).status is CommitmentStatus.OPEN


def test_a_new_engagement_is_saved_with_its_closed_commitment(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commitment added and closed before the engagement has an id is written with it."""

    def add(cls: type, *args: Any) -> DraftAnswer:
        return DraftAnswer(CommitmentDraft("Hand over the note"), "")

    monkeypatch.setattr(CommitmentDialog, "ask", classmethod(add))
    closed_on_the_20th(monkeypatch)
    prefill = EngagementPrefill(
        title="Working lunch",
        country_id=desk.austria,
        time_zone="Europe/Vienna",
        starts_at=datetime(2026, 11, 18, 12, tzinfo=VIENNA),
    )
    form = EngagementForm(None, desk.services, None, None, prefill=prefill)
    qtbot.addWidget(form)
    qtbot.mouseClick(form.commitments.add_button, Qt.MouseButton.LeftButton)
    form.commitments.select_row(0)
    qtbot.mouseClick(form.commitments.close_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is not None, form.banner.text() or form.field_error("commitments")
    (made,) = desk.services.commitments.for_engagement(form.saved_id)
    assert (made.description, made.status, made.closed_on) == (
        "Hand over the note",
        CommitmentStatus.DONE,
        date(2026, 11, 20),
    )


def test_form_shows_commitment_problems_at_the_section(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commitment the service refuses is named under Commitments; nothing is saved."""

    def add(cls: type, *args: Any) -> DraftAnswer:
        return DraftAnswer(CommitmentDraft("Too early", due_date=date(2025, 3, 1)), "")

    monkeypatch.setattr(CommitmentDialog, "ask", classmethod(add))
    form = engagement_form(qtbot, desk.services, desk.old_meeting)
    qtbot.mouseClick(form.commitments.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is None
    assert "Commitment 1 (Too early)" in form.field_error("commitments")
    assert desk.services.commitments.for_engagement(desk.old_meeting) == []


def test_form_saves_tags(qtbot: QtBot, desk: Desk) -> None:
    """Tags chosen in the form are saved with the engagement and shown again on opening."""
    tag = desk.services.tags.create("transit")
    form = engagement_form(qtbot, desk.services, desk.meeting)
    form.tags.set_choices(desk.services.tags.choices())
    assert form.tags.add_by_name("Transit")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == desk.meeting, form.banner.text()
    assert desk.services.engagements.get(desk.meeting).tag_ids == (tag.id,)
    again = engagement_form(qtbot, desk.services, desk.meeting)
    assert again.tags.selected() == (tag.id,)


def test_commitment_dialog_and_close_dialog_check_what_they_can(qtbot: QtBot, desk: Desk) -> None:
    """What is required; due not before the meeting; dropping needs a reason; days clamped."""
    dialog = CommitmentDialog(
        None, desk.services.people.search_choices, None, "", date(2026, 11, 10)
    )
    qtbot.addWidget(dialog)
    dialog.due.set_value(date(2026, 11, 1))
    dialog._on_buttons_accepted()
    assert dialog.answer is None
    assert "Say what was promised" in dialog.errors.message("description")
    assert "before the engagement" in dialog.errors.message("due_date")
    dialog.description.setPlainText("Send the figures")
    dialog.due.set_value(date(2026, 11, 30))
    dialog.owner.setText("Trade section")
    dialog._on_buttons_accepted()
    assert dialog.answer is not None
    assert (dialog.answer.draft.owner, dialog.answer.draft.owner_person_id) == (
        "Trade section",
        None,
    )
    closing = CloseCommitmentDialog(None, "Send the figures", date(2026, 11, 10), TODAY)
    qtbot.addWidget(closing)
    closing.closed_on.setDate(closing.closed_on.minimumDate().addDays(-5))
    assert closing.collect().closed_on == date(2026, 11, 10)
    closing.dropped_button.setChecked(True)
    closing._on_buttons_accepted()
    assert closing.answer is None and "why" in closing.errors.message("closing_note")
    closing.note.setPlainText("No longer needed.")
    closing._on_buttons_accepted()
    assert closing.answer == Closing(
        CommitmentStatus.DROPPED, date(2026, 11, 10), "No longer needed."
    )


# -- Tools ▸ Open commitments… -----------------------------------------------------------------
def test_commitments_dialog_filters_closes_and_reopens(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch, qtmodeltester: ModelTester
) -> None:
    """Status, side, country and text narrow the list; Close… and Reopen act on the row."""
    dialog = CommitmentsDialog(None, desk.services, None, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 4  # open ones, both countries
    dialog.country.set_value(desk.jordan)
    assert [model.record(r).description for r in range(model.rowCount())] == [
        "Reply on the consular case"
    ]
    dialog.country.set_value(None)
    dialog.side.setCurrentIndex(dialog.side.findData(Side.THEIRS.value))
    assert [model.record(r).id for r in range(model.rowCount())] == [desk.soon]
    dialog.side.setCurrentIndex(0)
    dialog.status.setCurrentIndex(dialog.status.findData(CommitmentStatus.DONE.value))
    assert [model.record(r).description for r in range(model.rowCount())] == ["Share the agenda"]
    dialog.table.selectRow(0)
    assert dialog.reopen_button.isEnabled() and not dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 0 and dialog.changed_anything
    dialog.status.setCurrentIndex(dialog.status.findData(None))
    dialog.filter_edit.setText("transit")
    dialog._on_timer_timeout()
    assert [model.record(r).id for r in range(model.rowCount())] == [desk.overdue]
    monkeypatch.setattr(
        CloseCommitmentDialog,
        "ask",
        classmethod(lambda *a: Closing(CommitmentStatus.DONE, TODAY, "")),
    )
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert model.record(0).status is CommitmentStatus.DONE
    qtmodeltester.check(model)
    open_now = desk.services.commitments.list(ListQuery(), CommitmentFilters(), today=TODAY)
    assert desk.overdue not in {r.id for r in open_now.rows}


def test_tools_menu_opens_the_commitments_list(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """Tools ▸ Open commitments… is there once a database is attached, scoped to the window."""
    scopes: list[int | None] = []

    def fake_ask(cls: type, parent: QWidget, services: Services, scope: int | None = None) -> bool:
        scopes.append(scope)
        return True

    monkeypatch.setattr(CommitmentsDialog, "ask", classmethod(fake_ask))
    window = MainWindow(db)
    qtbot.addWidget(window)
    actions = [
        a for a in window.tools_menu.actions() if a.objectName() == "open_commitments_action"
    ]
    assert len(actions) == 1 and window.tools_menu.isEnabled()
    window.set_scope(desk.austria)
    actions[0].trigger()
    assert scopes == [desk.austria]


def test_person_form_has_their_open_commitments_and_quick_entry(qtbot: QtBot, desk: Desk) -> None:
    """The person's page lists what is open with them, and a new engagement starts from it."""
    from bilatdesk.ui.areas.people.form import PersonForm
    from bilatdesk.ui.areas.people.form_tabs import TAB_FOLLOW_UP

    form = PersonForm(None, desk.services, desk.lukas)
    qtbot.addWidget(form)
    assert form.tabs.tabText(TAB_FOLLOW_UP) == "Commitments"
    panel = form.follow_up
    assert panel.isEnabled()
    descriptions = {
        panel.model.data(panel.model.index(row, 2)) for row in range(panel.model.rowCount())
    }
    assert any("transit figures" in str(text) for text in descriptions)
    new_form = PersonForm(None, desk.services, None)
    qtbot.addWidget(new_form)
    assert not new_form.follow_up.isEnabled()


def test_country_form_has_its_open_commitments(qtbot: QtBot, desk: Desk) -> None:
    """The country's page lists what is open from engagements there; a new country has none."""
    from bilatdesk.ui.areas.countries.form import CountryForm

    form = CountryForm(None, desk.services, desk.austria)
    qtbot.addWidget(form)
    texts = [form.tabs.tabText(i) for i in range(form.tabs.count())]
    assert texts == ["Details", "Timeline", "Commitments", "History"]
    panel = form.follow_up
    assert panel.model.rowCount() == 3  # overdue, soon, undated; the closed one is not shown
    new_form = CountryForm(None, desk.services, None)
    qtbot.addWidget(new_form)
    assert not new_form.follow_up.isEnabled()
