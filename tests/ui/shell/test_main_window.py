"""The main window: areas and their lists, scope, shortcuts, settings and deletion."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.listing import DeleteImpact
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.today.page import TodayController
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog
from bilatdesk.ui.shell.main_window import MainWindow
from tests.ui.shell.windows import open_window


def today_rows(window: MainWindow, section: str) -> int:
    controller = window.controllers["today"]
    assert isinstance(controller, TodayController)
    return controller.section(section).model.rowCount()


def list_page(window: MainWindow, key: str) -> ListPageController:
    controller = window.controllers[key]
    assert isinstance(controller, ListPageController)
    return controller


def test_window_lists_records_in_every_area(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """Each record area shows its rows; Today shows the coming engagements."""
    window = open_window(qtbot, db, demo=True)
    assert window.windowTitle() == "bilatdesk — t.sqlite — DEMO"
    expected = {"countries": 3, "people": 5, "organisations": 2, "engagements": 4}
    for key, rows in expected.items():
        window.show_area(key)
        assert window.stack.currentWidget().objectName() == f"page_{key}"
        assert list_page(window, key).model.rowCount() == rows
    assert today_rows(window, "engagements") == 3


def test_every_area_offers_record_actions(qtbot: QtBot, populated: Services, db: Database) -> None:
    """Visits and briefs is a record page like the others: New, Edit and Delete are offered."""
    window = open_window(qtbot, db)
    window.show_area("visits")
    assert window.current_controller() is window.controllers["visits"]
    assert window.new_action.isEnabled()
    window.show_area("people")
    assert window.new_action.isEnabled()


def test_view_shortcut_and_find_focus_the_filter(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """Ctrl+3 opens People and Ctrl+F puts the cursor in its filter box."""
    window = open_window(qtbot, db)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "people"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert list_page(window, "people").view.filter_edit.hasFocus()


def test_filter_box_narrows_after_typing_pauses(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """Typing in the filter re-queries once the debounce timer fires."""
    window = open_window(qtbot, db)
    page = list_page(window, "people")
    with qtbot.waitSignal(page.model.loaded, timeout=2000):
        qtbot.keyClicks(page.view.filter_edit, "masri")
    assert page.model.rowCount() == 1


def test_scope_narrows_people_and_engagements(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """Choosing a country in the toolbar narrows every list; "All countries" restores them."""
    window = open_window(qtbot, db)
    combo = window.scope_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All countries",
        "Austria",
        "Jordan",
    ]  # France is not accredited
    combo.setCurrentIndex(combo.findText("Jordan"))
    assert list_page(window, "people").model.rowCount() == 3
    assert list_page(window, "engagements").model.rowCount() == 2
    assert today_rows(window, "engagements") == 2
    combo.setCurrentIndex(0)
    assert list_page(window, "people").model.rowCount() == 5


def test_state_area_and_scope_persist(qtbot: QtBot, populated: Services, db: Database) -> None:
    """A second window reopens on the area, scope and size the first one closed with."""
    first = open_window(qtbot, db)
    first.show_area("engagements")
    first.set_scope(first.scope_combo.itemData(first.scope_combo.findText("Austria")))
    first.resize(700, 500)  # inside the offscreen screen (800×600), which clamps
    first.close()
    second = open_window(qtbot, db)
    assert second.current_area() == "engagements"
    assert second.scope_combo.currentText() == "Austria"
    assert list_page(second, "engagements").model.rowCount() == 2
    assert (second.width(), second.height()) == (700, 500)


@pytest.mark.parametrize("confirm", [True, False])
def test_delete_asks_and_obeys(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch, confirm: bool, db: Database
) -> None:
    """Delete names the record and its consequences; confirming deletes, refusing keeps."""
    asked: list[DeleteImpact] = []

    def answer(_parent: object, impact: DeleteImpact) -> bool:
        asked.append(impact)
        return confirm

    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(lambda cls, p, i: answer(p, i)))
    window = open_window(qtbot, db)
    window.show_area("people")
    page = list_page(window, "people")
    row = next(
        r
        for r in range(page.model.rowCount())
        if page.model.index(r, 0).data() == "Lukas Hofstätter"
    )
    page.view.table.selectRow(row)
    qtbot.mouseClick(page.view.delete_button, Qt.MouseButton.LeftButton)
    assert asked[0].name == "Lukas Hofstätter"
    assert any("participants of 3 engagements" in c for c in asked[0].consequences)
    assert page.model.rowCount() == (4 if confirm else 5)


def test_header_click_sorts_in_sql_and_ignores_unsortable_columns(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """Clicking Name reverses the list; clicking Current posts leaves order and arrow alone."""
    window = open_window(qtbot, db)
    page = list_page(window, "people")
    header = page.view.table.horizontalHeader()
    first = page.model.index(0, 0).data()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert page.model.query.descending
    assert page.model.index(page.model.rowCount() - 1, 0).data() == first
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == 0
    assert page.model.query.descending
