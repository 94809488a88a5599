"""Rows tall enough for every script's marks; empty lists that say why."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from bilatdesk.domain.enums import OrganisationKind
from bilatdesk.services.catalog import Services
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.organisations.structure import OrganisationStructure
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.kit.row_height import SAMPLE, row_height
from bilatdesk.ui.shell.main_window import MainWindow


def test_organisation_tree_rows_hold_the_dots_of_capital_umlauts(
    qtbot: QtBot, populated: Services
) -> None:
    """Each row of the tree is taller than the ink of "ÖÜ" and the other marked letters."""
    ministry = populated.organisations.list().rows[0].id
    populated.organisations.create(
        OrganisationInput(
            "Österreichische Übersetzungsstelle", OrganisationKind.AGENCY, parent_id=ministry
        )
    )
    structure = OrganisationStructure(populated.posts)
    qtbot.addWidget(structure)
    structure.set_record(ministry)
    structure.show()
    tree = structure.tree
    item = tree.topLevelItem(0)
    assert item is not None
    ink = QFontMetrics(tree.font()).tightBoundingRect(SAMPLE).height()
    assert tree.visualItemRect(item).height() >= ink + 2
    assert tree.visualItemRect(item).height() >= row_height(tree.font())


def test_an_empty_list_says_why_and_what_next(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """Visits under Austria: "No visits to Austria yet. New visit… (Ctrl+N)"; a filter says so."""
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.show_area("visits")
    window.set_scope(window.scope_combo.itemData(window.scope_combo.findText("Austria")))
    controller = window.controllers["visits"]
    assert isinstance(controller, ListPageController)
    assert controller.empty_note.shown() == "No visits to Austria yet. New visit… (Ctrl+N)"
    window.set_scope(None)
    assert controller.empty_note.shown() == "No visits yet. New visit… (Ctrl+N)"
    people = window.controllers["people"]
    assert isinstance(people, ListPageController)
    assert people.empty_note.shown() == ""
    people.view.filter_edit.setText("zzqx")
    people.model.set_filter_text("zzqx")
    assert people.empty_note.shown() == "Nothing matches “zzqx”."
