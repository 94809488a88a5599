"""Reopening the GUI on another database from File › Open, and refusing a bad file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bilatdesk.store.database import Database
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.passphrase import NewPassphraseDialog, PassphraseChoice
from bilatdesk.ui.shell.app import GuiSession
from bilatdesk.ui.shell.database_files import DatabaseFileDialog


@pytest.fixture
def session(tmp_path: Path) -> Iterator[GuiSession]:
    gui = GuiSession(Database.open(tmp_path / "first.sqlite"))
    yield gui
    gui.window.close()
    gui.close()


def test_open_switches_window_and_database(
    qtbot: QtBot, session: GuiSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File › New database… opens the chosen file in a fresh window and releases the old one."""
    target = tmp_path / "second.sqlite"
    monkeypatch.setattr(
        DatabaseFileDialog, "ask", classmethod(lambda cls, parent, new: str(target))
    )
    monkeypatch.setattr(
        NewPassphraseDialog, "ask", classmethod(lambda cls, *a, **k: PassphraseChoice(None))
    )
    old_window = session.window
    with qtbot.waitSignal(old_window.create_requested):
        old_window._on_new_db_triggered()
    assert session.window is not old_window
    assert session.db.display_location == str(target)
    assert session.window.windowTitle() == "bilatdesk — second.sqlite"
    Database.open(tmp_path / "first.sqlite").close()  # its lock was released


def test_a_file_that_is_not_a_database_is_refused_in_a_sentence(
    qtbot: QtBot, session: GuiSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a text file shows the store's sentence and keeps the current database."""
    junk = tmp_path / "notes.sqlite"
    junk.write_text("not a database at all " * 100)
    shown: list[str] = []
    monkeypatch.setattr(
        ErrorBox, "show", classmethod(lambda cls, parent, title, message: shown.append(message))
    )
    window = session.window
    window.open_requested.emit(str(junk))
    assert shown and "not a bilatdesk database" in shown[0]
    assert session.window is window
    assert session.db.display_location.endswith("first.sqlite")
