"""Deleting from a list uses the version the list showed, so edits made meanwhile are caught."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog, ErrorBox
from tests.ui.shell.test_main_window import list_page, open_window


def test_delete_of_a_record_edited_elsewhere_is_refused(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """Someone else edits the person after the list loaded: the delete is refused, not applied."""
    told: list[str] = []
    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(lambda cls, p, i: True))
    monkeypatch.setattr(ErrorBox, "show", classmethod(lambda cls, p, t, m: told.append(m)))
    window = open_window(qtbot, db)
    window.show_area("people")
    page = list_page(window, "people")
    row = next(
        r
        for r in range(page.model.rowCount())
        if page.model.index(r, 0).data() == "Lukas Hofstätter"
    )
    record = page.model.record(row)
    # Another clerk saves a change to the same record meanwhile.
    detail = populated.people.get(record.id)
    populated.people.update(
        record.id,
        PersonInput(given_name="Lukas", family_name="Hofstätter", languages="de, hu"),
        detail.version,
    )
    page.view.table.selectRow(row)
    qtbot.mouseClick(page.view.delete_button, Qt.MouseButton.LeftButton)
    assert told and "changed by someone else" in told[0]
    assert populated.people.get(record.id).data.languages == "de, hu"
