"""After a change the main window re-reads only the pages that show the kinds it changed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from bilatdesk.domain import CableKind
from bilatdesk.exchange.records import ImportReport
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.cables.dialogs import IDENTITY_KEY
from bilatdesk.ui.areas.cables.events import cable_events
from bilatdesk.ui.areas.cables.page import CablesPageController
from bilatdesk.ui.areas.contacts.import_dialog import ImportContactsDialog
from bilatdesk.ui.kit.changes import Kind, changes
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.shell.main_window import MainWindow
from tests.ui.shell.windows import open_window


def count_refreshes(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each page re-reads from now on (each page's own `refresh`)."""
    counts: Counter[str] = Counter()
    for key, controller in window.controllers.items():
        original = controller.refresh

        def counted(key: str = key, original: object = original) -> None:
            counts[key] += 1
            assert callable(original)
            original()

        monkeypatch.setattr(controller, "refresh", counted)
    return counts


def count_resets(window: MainWindow, *keys: str) -> Counter[str]:
    """How often the listed pages' models are reset (one per query of their first page)."""
    counts: Counter[str] = Counter()
    for key in keys:
        controller = window.controllers[key]
        assert isinstance(controller, ListPageController)
        controller.model.modelReset.connect(lambda key=key: counts.update([key]))
    return counts


def test_a_new_cable_does_not_requery_people(
    db: Database, qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cable started on the register re-reads Cables and Today, never People or Countries."""
    QSettings("bilatdesk", "bilatdesk").setValue(IDENTITY_KEY, "Marta Şahin")
    window = open_window(qtbot, db)
    refreshes = count_refreshes(window, monkeypatch)
    resets = count_resets(window, "people", "organisations", "countries", "cables")
    page = window.controllers["cables"]
    assert isinstance(page, CablesPageController)
    editor = page.create_from_template(CableKind.GENERAL)
    assert editor is not None
    qtbot.addWidget(editor)
    assert refreshes["cables"] >= 1 and refreshes["today"] == 1
    assert resets["cables"] >= 1
    for untouched in ("people", "organisations", "countries", "engagements", "calendar"):
        assert refreshes[untouched] == 0, untouched
        assert resets[untouched] == 0, untouched


def test_a_cable_moved_in_its_editor_refreshes_only_what_shows_cables(
    db: Database, qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A submitted or dispatched cable (the editor's `moved`) leaves People unqueried."""
    window = open_window(qtbot, db)
    refreshes = count_refreshes(window, monkeypatch)
    resets = count_resets(window, "people")
    cable_events().moved.emit(1)
    assert refreshes["cables"] >= 1
    assert refreshes["people"] == 0 and resets["people"] == 0
    assert refreshes["visits"] == 0 and refreshes["agreements"] == 0


def test_an_import_of_contacts_refreshes_people_and_organisations(
    db: Database, qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ Import ▸ Contacts re-reads People and Organisations (and Today), not Cables."""
    window = open_window(qtbot, db)
    people = window.controllers["people"]
    assert isinstance(people, ListPageController)
    assert people.model.rowCount() == 5

    def imported(
        cls: object, parent: object, services: Services, path: Path | None = None
    ) -> ImportReport:
        services.people.create(PersonInput(given_name="Nadia", family_name="Qasim"))
        return ImportReport()

    monkeypatch.setattr(ImportContactsDialog, "ask", classmethod(imported))
    refreshes = count_refreshes(window, monkeypatch)
    action = window.findChild(QAction, "import_contacts_action")
    assert action is not None
    action.trigger()
    assert people.model.rowCount() == 6
    assert refreshes["people"] == 1 and refreshes["organisations"] == 1
    assert refreshes["cables"] == 0 and refreshes["agreements"] == 0
    assert refreshes["visits"] == 0 and refreshes["calendar"] == 0


def test_a_changed_country_refreshes_the_scope_and_every_page_showing_countries(
    db: Database, qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Countries show in most lists' columns: those pages and the scope selector re-read."""
    window = open_window(qtbot, db)
    refreshes = count_refreshes(window, monkeypatch)
    populated.countries.create(CountryInput("DE", "Germany"))
    window.refresh_for(changes(Kind.COUNTRIES))
    assert window.scope_combo.findText("Germany") >= 0
    for key in ("countries", "people", "organisations", "engagements", "cables", "visits"):
        assert refreshes[key] == 1, key


def test_a_page_says_what_it_shows(db: Database, qtbot: QtBot, populated: Services) -> None:
    """Every page names the kinds its rows show; People does not show cables."""
    window = open_window(qtbot, db)
    assert all(controller.shows for controller in window.controllers.values())
    assert Kind.CABLES not in window.controllers["people"].shows
    assert Kind.CABLES in window.controllers["today"].shows
