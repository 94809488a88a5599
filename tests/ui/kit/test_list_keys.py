"""The keyboard on list pages: Down into the rows, Enter opens, Esc back; "No records match"."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.store.database import Database
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.shell.main_window import MainWindow


def _people(qtbot: QtBot, db: Database) -> tuple[MainWindow, ListPageController]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.show_area("people")
    controller = window.controllers["people"]
    assert isinstance(controller, ListPageController)
    return window, controller


def test_down_enter_and_escape(qtbot: QtBot, populated: Services, db: Database) -> None:
    """From the filter, Down chooses the first row; Enter opens it; Esc returns to the filter."""
    _window, page = _people(qtbot, db)
    opened: list[int | None] = []
    page.spec = replace(page.spec, open_form=lambda _p, i, _s: opened.append(i))
    page.focus_filter()
    qtbot.keyClick(page.view.filter_edit, Qt.Key.Key_Down)
    assert page.view.table.hasFocus() and page.current_id() is not None
    qtbot.keyClick(page.view.table, Qt.Key.Key_Return)
    assert opened == [page.current_id()]
    qtbot.keyClick(page.view.table, Qt.Key.Key_Escape)
    assert page.view.filter_edit.hasFocus()


def test_no_match_says_so(qtbot: QtBot, populated: Services, db: Database) -> None:
    """A filter that finds nothing shows "No records match …" instead of a bare table."""
    _window, page = _people(qtbot, db)
    with qtbot.waitSignal(page.model.loaded, timeout=2000):
        page.view.filter_edit.setText("zzqx (")
    assert page.view.no_match_label.isVisible()
    assert page.view.no_match_label.text() == "No records match “zzqx (”."
    with qtbot.waitSignal(page.model.loaded, timeout=2000):
        page.view.filter_edit.setText("director jordan")
    assert not page.view.no_match_label.isVisible() and page.model.rowCount() == 3
