"""Global search in the window: Ctrl+K and the toolbar box ask, the choice opens its record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.search.records import SearchQuery
from bilatdesk.store.database import Database
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.shell.main_window import MainWindow
from bilatdesk.ui.shell.search_dialog import Chosen, SearchDialog, marked


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def _searched(qtbot: QtBot, dialog: SearchDialog, text: str) -> None:
    dialog.query_edit.setText(text)
    qtbot.waitUntil(lambda: bool(dialog.hits()) or "No records" in dialog.status_label.text())


def test_typing_shows_grouped_hits_and_enter_opens(qtbot: QtBot, populated: Services) -> None:
    """ "director jordan" finds the Jordanians by post and country; Down then Enter chooses."""
    dialog = SearchDialog(populated, None)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    _searched(qtbot, dialog, "director jordan")
    titles = [item.text(0) for item in dialog.hits()]
    assert any("Omar Al-Khatib" in title for title in titles)
    assert dialog.results.topLevelItem(0).text(0).startswith("People (")  # type: ignore[union-attr]
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Down)
    assert dialog.results.hasFocus()
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.chosen is not None and dialog.chosen.in_page
    assert dialog.chosen.hit.kind == "person"


@pytest.mark.parametrize("raw", ["cable 2024-17", "NOT", '"', "(", "*", "NEAR(", "^", "-"])
def test_hostile_text_says_no_match(qtbot: QtBot, populated: Services, raw: str) -> None:
    """Operators and quotes are words like any other: no error, a plain "no match"."""
    dialog = SearchDialog(populated, None)
    qtbot.addWidget(dialog)
    _searched(qtbot, dialog, raw + " zzqx")
    assert dialog.status_label.text().startswith("No records match")


def test_the_scope_narrows_the_search(qtbot: QtBot, populated: Services) -> None:
    """A window scoped to Austria finds no Jordanian."""
    austria = populated.countries.by_code("AT")
    assert austria is not None
    dialog = SearchDialog(populated, austria.id)
    qtbot.addWidget(dialog)
    _searched(qtbot, dialog, "director")
    titles = " ".join(item.text(0) for item in dialog.hits())
    assert "Berger" in titles and "Al-Khatib" not in titles


def test_ctrl_k_asks_and_the_choice_opens_its_form(
    qtbot: QtBot, populated: Services, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+K opens global search; the record chosen opens in its page's form."""
    window = _window(qtbot, db)
    hit = populated.search.search(SearchQuery("berger")).hits[0]
    monkeypatch.setattr(SearchDialog, "ask", classmethod(lambda *_a: Chosen(hit, False)))
    opened: list[int] = []
    monkeypatch.setattr(ListPageController, "open_record", lambda _self, i: opened.append(i))
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "people" and opened == [hit.id]


def test_matched_words_are_bold_and_the_rest_escaped() -> None:
    """Highlighting marks the words typed and never lets record text become markup."""
    assert marked("<b>Müller</b> & co", "muller") == "&lt;b&gt;<b>Müller</b>&lt;/b&gt; &amp; co"
