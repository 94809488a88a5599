"""Deleting a record a dispatched cable names: the clerk is told which cable, before any ask."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bilatdesk.services.countries.service import CountryService
from bilatdesk.store.database import Database
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog, ErrorBox
from tests.store.freeze_setup import build
from tests.ui.shell.test_main_window import list_page, open_window


def test_deleting_a_country_with_a_dispatched_cable_names_the_cable(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """The list page shows the sentence naming the cable; nothing is asked, nothing deleted."""
    frozen = build(db)
    asked: list[object] = []
    told: list[str] = []
    monkeypatch.setattr(
        ConfirmDeleteDialog, "ask", classmethod(lambda cls, p, i: asked.append(i) or True)
    )
    monkeypatch.setattr(ErrorBox, "show", classmethod(lambda cls, p, t, m: told.append(m)))
    window = open_window(qtbot, db)
    window.show_area("countries")
    page = list_page(window, "countries")
    page.select_id(frozen.country)
    qtbot.mouseClick(page.view.delete_button, Qt.MouseButton.LeftButton)
    assert asked == []
    assert told == [
        "VIE 2026/002 is filed under this country; a dispatched cable never changes, "
        "so the country cannot be deleted."
    ]
    assert CountryService(db).get(frozen.country).id == frozen.country
