"""The status bar says what was just saved or deleted, by the record's name."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.store.database import Database
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog
from tests.ui.shell.test_main_window import list_page, open_window


def test_saving_and_deleting_are_said_in_the_status_bar(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """A form saved says "Saved <name>."; a delete says "Deleted <name>."."""
    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(lambda cls, p, i: True))
    window = open_window(qtbot, db)
    window.show_area("people")
    page = list_page(window, "people")
    row = next(
        r
        for r in range(page.model.rowCount())
        if page.model.index(r, 0).data() == "Lukas Hofstätter"
    )
    record = page.model.record(row)
    # The form is the area's own; here it answers at once that it saved the record.
    page.spec = dataclasses.replace(page.spec, open_form=lambda parent, rid, scope: record.id)
    page.view.table.selectRow(row)
    page.edit_record()
    assert window.statusBar().currentMessage() == "Saved Lukas Hofstätter."
    page.view.table.selectRow(page.model.row_of_id(record.id))
    qtbot.mouseClick(page.view.delete_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == "Deleted Lukas Hofstätter."
