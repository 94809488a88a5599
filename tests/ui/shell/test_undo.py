"""Edit ▸ Undo and Redo: named after the step, Ctrl+Z and Ctrl+Shift+Z, pages re-read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.shell.main_window import MainWindow


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def test_undo_is_disabled_with_nothing_to_undo(qtbot: QtBot, db: Database) -> None:
    """A fresh session has nothing to undo: both entries are off and say only Undo, Redo."""
    window = open_window(qtbot, db)
    actions = window.undo_actions
    assert not actions.undo_action.isEnabled()
    assert not actions.redo_action.isEnabled()
    assert actions.undo_action.text() == "&Undo"
    assert QKeySequence(QKeySequence.StandardKey.Undo) in actions.undo_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in actions.redo_action.shortcuts()


def test_ctrl_z_undoes_a_delete_and_ctrl_shift_z_redoes_it(qtbot: QtBot, db: Database) -> None:
    """The entry names the step; Ctrl+Z brings the person back to the People page."""
    window = open_window(qtbot, db)
    assert window.services is not None
    people = window.services.people
    made = people.create(PersonInput(given_name="Ana", family_name="Kovačević"))
    window.show_area("people")
    people.delete(made.id, made.version)
    window.refresh_for(window.controllers["people"].shows)
    actions = window.undo_actions
    qtbot.waitUntil(actions.undo_action.isEnabled)
    assert actions.undo_action.text() == "&Undo delete Ana Kovačević"
    page = window.controllers["people"]
    assert page.model.rowCount() == 0  # type: ignore[attr-defined]
    table = page.view.table  # type: ignore[attr-defined]
    table.setFocus()  # the filter box, when focused, keeps Ctrl+Z for its own text
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # type: ignore[attr-defined]
    assert people.get(made.id).display_name == "Ana Kovačević"
    assert "Undone: delete Ana Kovačević." in window.statusBar().currentMessage()
    assert actions.redo_action.text() == "&Redo delete Ana Kovačević"
    qtbot.keyClick(
        table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)  # type: ignore[attr-defined]
    assert actions.undo_action.text() == "&Undo delete Ana Kovačević"
    assert not actions.redo_action.isEnabled()
