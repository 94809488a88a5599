"""Edit ▸ Undo and Redo: named after the step, Ctrl+Z and Ctrl+Shift+Z, pages re-read; a
deleted person, cable draft or commitment comes back to its list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bilatdesk.services.engagements.commitments import CommitmentInput
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.services.kernel.listing import DeleteImpact
from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.engagements.commitments.list_dialog import CommitmentsDialog
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog
from tests.ui.shell.windows import chosen_draft, open_window


def test_undo_is_disabled_with_nothing_to_undo(qtbot: QtBot, db: Database) -> None:
    """A fresh session has nothing to undo: both entries are off and say only Undo, Redo."""
    window = open_window(qtbot, db, active=True)
    actions = window.undo_actions
    assert not actions.undo_action.isEnabled()
    assert not actions.redo_action.isEnabled()
    assert actions.undo_action.text() == "&Undo"
    assert QKeySequence(QKeySequence.StandardKey.Undo) in actions.undo_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in actions.redo_action.shortcuts()


def test_ctrl_z_undoes_a_delete_and_ctrl_shift_z_redoes_it(qtbot: QtBot, db: Database) -> None:
    """The entry names the step; Ctrl+Z brings the person back to the People page."""
    window = open_window(qtbot, db, active=True)
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


def _confirming(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Deletions are confirmed; the confirmation's words are kept for the test to read."""
    said: list[str] = []

    def confirm(cls: type, parent: QWidget | None, impact: DeleteImpact) -> bool:
        box = ConfirmDeleteDialog(parent, impact)
        said.append(box.informativeText())
        box.deleteLater()
        return True

    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(confirm))
    return said


def _press(qtbot: QtBot, widget: QWidget, *, redo: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if redo:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    widget.setFocus()  # a focused filter box keeps Ctrl+Z for its own text
    qtbot.keyClick(widget, Qt.Key.Key_Z, modifiers)


def test_ctrl_z_brings_a_deleted_cable_draft_back_to_the_register(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Delete on the register no longer says it cannot be undone; Ctrl+Z puts the draft back
    in the list with its paragraphs, Ctrl+Shift+Z takes it out again."""
    said = _confirming(monkeypatch)
    window = open_window(qtbot, db, active=True)
    page, made = chosen_draft(window)
    page.delete_record()
    assert page.model.rowCount() == 0
    assert "cannot be undone" not in said[0] and "Undo brings it back" in said[0]
    _press(qtbot, page.view.table)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.record(0).subject == "AUSTRIA: TRANSIT"
    assert window.services is not None
    assert window.services.cables.get(made.id).data.paragraphs == made.data.paragraphs
    _press(qtbot, page.view.table, redo=True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)


def test_ctrl_z_brings_back_a_commitment_removed_in_the_engagement_form(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remove and Save in the engagement form; Ctrl+Z in the window undoes that save, and
    the commitment is in the engagement's list and the Commitments list again."""
    said = _confirming(monkeypatch)
    window = open_window(qtbot, db, active=True)
    services = window.services
    assert services is not None
    talks = services.engagements.create(
        EngagementInput("Transit talks", datetime(2025, 3, 10, 10, tzinfo=UTC))
    )
    services.commitments.create(CommitmentInput(talks.id, "Send the transit figures"))
    form = EngagementForm(window, services, talks.id)
    qtbot.addWidget(form)
    form.show()
    form.commitments.select_row(0)
    qtbot.mouseClick(form.commitments.remove_button, Qt.MouseButton.LeftButton)
    assert "cannot be undone" not in said[0]
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == talks.id
    form.close()
    assert services.commitments.for_engagement(talks.id) == []
    window.show_area("engagements")
    page = window.controllers["engagements"]
    assert isinstance(page, ListPageController)
    _press(qtbot, page.view.table)
    qtbot.waitUntil(lambda: bool(services.commitments.for_engagement(talks.id)))
    again = EngagementForm(window, services, talks.id)
    qtbot.addWidget(again)
    assert again.commitments.row_count() == 1
    listed = CommitmentsDialog(window, services)
    qtbot.addWidget(listed)
    assert [listed.model.record(r).description for r in range(listed.model.rowCount())] == [
        "Send the transit figures"
    ]
    _press(qtbot, page.view.table, redo=True)
    qtbot.waitUntil(lambda: services.commitments.for_engagement(talks.id) == [])
    assert [e.title for e in services.bin.list()] == ["Send the transit figures"]
