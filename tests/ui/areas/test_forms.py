"""Record forms: saving through the widgets, errors at their fields, the unsaved-changes guard."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from bilatdesk.domain.enums import Side
from bilatdesk.services.catalog import Services
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.countries.form import CountryForm
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.areas.organisations.form import OrganisationForm
from bilatdesk.ui.areas.people.form import PersonForm
from bilatdesk.ui.areas.people.picker import PersonPicker
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.kit.messages import UnsavedChangesDialog
from bilatdesk.ui.kit.widgets import ChoiceCombo, EnumCombo, OptionalDateEdit
from bilatdesk.ui.shell.main_window import MainWindow


def person_form(qtbot: QtBot, services: Services, record_id: int | None = None) -> PersonForm:
    form = PersonForm(None, services, record_id)
    qtbot.addWidget(form)
    form.show()
    return form


def click_save(qtbot: QtBot, form: PersonForm | EngagementForm | CountryForm) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def test_person_made_in_the_form_appears_in_the_list(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """New on the People page opens the form; filled and saved, the person is listed."""

    def fill_and_save(
        cls: type[PersonForm],
        parent: QWidget,
        services: Services,
        record_id: int | None,
        scope: int | None,
    ) -> int | None:
        form = person_form(qtbot, services)
        qtbot.keyClicks(form.given_name, "Amira")
        qtbot.keyClicks(form.family_name, "Nasser")
        form.emails.setText("amira@example.org; a.nasser@example.org")
        qtbot.mouseClick(form.memberships.add_button, Qt.MouseButton.LeftButton)
        title, organisation, start, *_rest = form.memberships.row_widgets(0)
        assert isinstance(title, QLineEdit) and isinstance(organisation, ChoiceCombo)
        qtbot.keyClicks(title, "Chief of Protocol")
        organisation.setCurrentIndex(1)
        assert isinstance(start, OptionalDateEdit)
        start.set_value(datetime(2024, 3, 1).date())
        click_save(qtbot, form)
        assert form.result() == form.DialogCode.Accepted
        return form.saved_id

    monkeypatch.setattr(PersonForm, "ask", classmethod(fill_and_save))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show_area("people")
    page = window.controllers["people"]
    assert isinstance(page, ListPageController)
    qtbot.mouseClick(page.view.new_button, Qt.MouseButton.LeftButton)
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert "Amira Nasser" in names
    assert page.current_id() is not None  # the new record is selected
    detail = populated.people.get(page.current_id() or 0)
    assert detail.data.emails == ("amira@example.org", "a.nasser@example.org")
    assert detail.memberships[0].post_title == "Chief of Protocol"


@pytest.mark.parametrize(
    ("given", "family", "message"),
    [("", "x" * 2000, "Family name is too long"), ("", "", "Give at least a family name")],
)
def test_invalid_person_shows_the_message_at_the_field(
    qtbot: QtBot, services: Services, given: str, family: str, message: str
) -> None:
    """Refused input is explained under the family name field and nothing is saved."""
    form = person_form(qtbot, services)
    form.given_name.setText(given)
    form.family_name.setText(family)
    click_save(qtbot, form)
    assert message in form.field_error("family_name")
    assert form.focusWidget() is form.family_name  # the first bad field has the cursor
    assert form.isVisible() and form.saved_id is None
    assert services.people.list().rows == ()
    form.family_name.setText("Nasser")
    click_save(qtbot, form)
    assert form.field_error("family_name") == ""
    assert len(services.people.list().rows) == 1


@pytest.mark.parametrize(
    ("answer", "closed", "saved"),
    [
        (UnsavedChangesDialog.CANCEL, False, 0),
        (UnsavedChangesDialog.DISCARD, True, 0),
        (UnsavedChangesDialog.SAVE, True, 1),
    ],
)
def test_closing_a_changed_form_asks_first(
    qtbot: QtBot,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    *,
    answer: str,
    closed: bool,
    saved: int,
) -> None:
    """Esc on a form with changes asks Save / Discard / Cancel and does what was chosen."""
    asked: list[bool] = []
    monkeypatch.setattr(
        UnsavedChangesDialog, "ask", classmethod(lambda cls, parent: asked.append(True) or answer)
    )
    form = person_form(qtbot, services)
    qtbot.keyClicks(form.family_name, "Nasser")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == [True]
    assert form.isVisible() is not closed
    assert len(services.people.list().rows) == saved


def test_ctrl_s_saves_the_form(qtbot: QtBot, services: Services) -> None:
    """The standard Save shortcut saves and closes the form."""
    form = person_form(qtbot, services)
    with qtbot.waitActive(form):
        form.activateWindow()
    qtbot.keyClicks(form.family_name, "Nasser")
    qtbot.keyClick(form.family_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.saved_id is not None
    assert not form.isVisible()


def test_closing_an_unchanged_form_does_not_ask(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a stored person and pressing Esc closes without a question."""
    monkeypatch.setattr(UnsavedChangesDialog, "ask", classmethod(lambda cls, parent: 1 / 0))
    person_id = populated.people.list().rows[0].id
    form = person_form(qtbot, populated, person_id)
    assert form.family_name.text() != ""
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_engagement_form_stores_the_local_time_in_utc(qtbot: QtBot, populated: Services) -> None:
    """A start typed in Amman's wall-clock time is stored as the right UTC moment."""
    form = EngagementForm(None, populated)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.title, "Consultations")
    form.time_zone.setCurrentText("Asia/Amman")
    form.starts_at.setDateTime(QDateTime(QDate(2026, 1, 12), QTime(10, 30)))
    qtbot.mouseClick(form.participants.add_button, Qt.MouseButton.LeftButton)
    side, person, role = form.participants.row_widgets(0)[:3]
    assert isinstance(side, EnumCombo) and isinstance(person, PersonPicker)
    side.set_value(Side.OURS)
    qtbot.keyClicks(person, "Omar")  # completes from the people on record
    person.setText("Omar Al-Khatib")
    assert isinstance(role, QLineEdit)
    role.setText("Host")
    qtbot.mouseClick(form.participants.add_button, Qt.MouseButton.LeftButton)
    other = form.participants.row_widgets(1)[1]
    assert isinstance(other, PersonPicker)
    other.setText("Interpreter")
    click_save(qtbot, form)
    assert form.saved_id is not None, form.banner.text()
    detail = populated.engagements.get(form.saved_id)
    assert detail.data.starts_at == datetime(2026, 1, 12, 7, 30, tzinfo=UTC)
    assert detail.data.time_zone == "Asia/Amman"
    assert [(p.name, p.side, p.role) for p in detail.participants] == [
        ("Omar Al-Khatib", Side.OURS, "Host"),
        ("Interpreter", Side.THEIRS, ""),
    ]
    assert detail.participants[0].person_id is not None


def test_engagement_form_refuses_an_unknown_zone_and_an_end_before_start(
    qtbot: QtBot, services: Services
) -> None:
    """Unknown zones and reversed times are shown at their fields."""
    form = EngagementForm(None, services)
    qtbot.addWidget(form)
    form.title.setText("Talks")
    form.time_zone.setCurrentText("Mars/Olympus")
    click_save(qtbot, form)
    assert "not a known time zone" in form.field_error("time_zone")
    form.time_zone.setCurrentText("Europe/Vienna")
    form.has_end.setChecked(True)
    form.ends_at.setDateTime(form.starts_at.dateTime().addSecs(-3600))
    click_save(qtbot, form)
    assert form.field_error("time_zone") == ""
    assert "ends before it starts" in form.field_error("ends_at")
    assert form.saved_id is None


def test_country_form_proposes_the_iso_name(qtbot: QtBot, services: Services) -> None:
    """Typing an ISO code fills in the country's name, and the timeline row is saved."""
    form = CountryForm(None, services)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.iso_code, "pt")
    assert form.name.text() == "Portugal"
    qtbot.mouseClick(form.statuses.add_button, Qt.MouseButton.LeftButton)
    click_save(qtbot, form)
    assert form.saved_id is not None, form.banner.text()
    assert len(services.countries.get(form.saved_id).data.statuses) == 1


def test_organisation_form_edits_a_record(qtbot: QtBot, populated: Services) -> None:
    """An organisation loads into the form and saves its new abbreviation."""
    row = populated.organisations.list().rows[0]
    form = OrganisationForm(None, populated, row.id)
    qtbot.addWidget(form)
    assert form.name.text() == row.name
    form.abbreviation.setText("MFA")
    accredited = form.findChildren(QCheckBox)
    assert accredited == []  # organisation forms carry no accreditation fields
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert populated.organisations.get(row.id).data.abbreviation == "MFA"
