"""The History table: a record's audit entries newest first, on every record form."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.services.cables.records import CableInput, ParagraphInput
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.cables.editor import CableEditor
from bilatdesk.ui.areas.countries.form import CountryForm
from bilatdesk.ui.areas.organisations.form import OrganisationForm
from bilatdesk.ui.areas.people.form import PersonForm
from bilatdesk.ui.kit.history import HistoryTable


def _renamed_twice(services: Services) -> int:
    person = services.people.create(PersonInput(given_name="Hans", family_name="Müller"))
    person = services.people.update(
        person.id, replace(person.data, family_name="Müller-Lüdenscheid"), person.version
    )
    services.people.update(person.id, replace(person.data, given_name="Johann"), person.version)
    return person.id


def test_history_table_shows_entries_newest_first(
    qtbot: QtBot, services: Services, qtmodeltester: ModelTester
) -> None:
    """The latest change is on top, each a readable line; the model passes the model tester."""
    person_id = _renamed_twice(services)
    table = HistoryTable()
    qtbot.addWidget(table)
    table.set_rows(reversed(services.audit.history("person", person_id)))
    qtmodeltester.check(table.model_)
    assert table.summaries() == [
        "Given name: Hans → Johann",
        "Family name: Müller → Müller-Lüdenscheid",
        "Created: Classification: U; Family name: Müller; Given name: Hans; "
        "Name order: given name first",
    ]


def test_person_form_has_a_history_tab(qtbot: QtBot, services: Services, db: Database) -> None:
    """The person form of a stored person has a History tab listing its changes."""
    db.actor = "A. Kovačević"
    person_id = _renamed_twice(services)
    form = PersonForm(None, services, person_id)
    qtbot.addWidget(form)
    titles = [form.tabs.tabText(i) for i in range(form.tabs.count())]
    assert titles[-1] == "History"
    assert form.history.summaries()[0] == "Given name: Hans → Johann"
    model = form.history.model_
    assert model.data(model.index(0, 2)) == "A. Kovačević"


def test_forms_without_tabs_show_history_last(qtbot: QtBot, services: Services) -> None:
    """An organisation's form ends with its History; a new record has none yet."""
    made = services.organisations.create(OrganisationInput(name="Chancellery"))
    form = OrganisationForm(None, services, made.id)
    qtbot.addWidget(form)
    assert form.history.summaries() == ["Created: Kind: ministry; Name: Chancellery"]
    new = CountryForm(None, services, None)
    qtbot.addWidget(new)
    assert not hasattr(new, "history")


def test_cable_editor_shows_its_history(qtbot: QtBot, services: Services) -> None:
    """The cable editor lists the cable's entries, refreshed when it saves."""
    country = services.countries.create(CountryInput("AT", "Austria")).id
    cable = services.cables.create(
        CableInput(subject="Talks", country_id=country, paragraphs=(ParagraphInput("One."),)),
        drafter="A. Kovačević",
    )
    services.cables.update(cable.id, replace(cable.data, subject="Transit talks"), cable.version)
    editor = CableEditor(None, services, cable.id)
    qtbot.addWidget(editor)
    assert editor.history.summaries()[0] == "Subject: Talks → Transit talks"
