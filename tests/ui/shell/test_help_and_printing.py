"""F1 opens the searchable user guide; Ctrl+P previews and prints the page shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.store.database import Database
from bilatdesk.ui.shell import printing
from bilatdesk.ui.shell.help import HelpWindow, chapters, guide_dir
from bilatdesk.ui.shell.main_window import MainWindow
from bilatdesk.ui.shell.printing import Paint


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_guide_ships_chapters_with_pictures_from_the_program() -> None:
    """The guide is Markdown in the package's resources; every picture it shows exists."""
    found = chapters()
    assert len(found) >= 4 and found[0].title == "First steps"
    for chapter in found:
        for line in chapter.text.splitlines():
            if line.startswith("!["):
                picture = line.split("](", 1)[1].rstrip(")")
                assert (guide_dir() / picture).is_file(), picture


def test_f1_opens_the_guide_and_the_search_keeps_the_chapters_that_say_it(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """F1 is the guide's key; searching "time zone" leaves the chapters mentioning it."""
    window = open_window(qtbot, db)
    guide_action = next(a for a in window.actions() if a.text() == "&User guide")
    assert guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    guide_action.trigger()
    guide = window.guide
    assert isinstance(guide, HelpWindow) and guide.isVisible()
    assert "bilatdesk keeps" in guide.browser.toPlainText()
    guide.search.setText("Whose time")
    shown = [guide.contents.item(r).text() for r in range(guide.contents.count())]
    kept = [t for r, t in enumerate(shown) if not guide.contents.item(r).isHidden()]
    assert kept == ["The calendar"]
    assert guide.browser.textCursor().selectedText() == "Whose time"
    guide.search.setText("zzqx")
    assert guide.empty.isVisible()
    guide.close()


def test_ctrl_p_previews_the_list_and_prints_it(
    qtbot: QtBot, populated: Services, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On People, Ctrl+P previews the list of people under the area's name, and prints it."""
    painted: list[Paint] = []

    def preview(_cls: type, _parent: QWidget | None, paint: Paint) -> bool:
        painted.append(paint)
        return True

    monkeypatch.setattr(printing.PrintPreview, "ask", classmethod(preview))
    window = open_window(qtbot, db)
    window.show_area("people")
    assert window.print_action.isEnabled()
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    window.print_action.trigger()
    assert len(painted) == 1
    controller = window.controllers["people"]
    html = printing.list_html("People", controller.view.table)  # type: ignore[attr-defined]
    assert "<h2>People</h2>" in html and "Berger" in html
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "people.pdf"))
    painted[0](printer)
    assert (tmp_path / "people.pdf").stat().st_size > 500


def test_pages_that_print_their_own_document_keep_ctrl_p(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """On Visits, Ctrl+P builds the brief: the window's Print page is off there."""
    window = open_window(qtbot, db)
    window.show_area("visits")
    assert not window.print_action.isEnabled()
    window.show_area("calendar")
    assert window.print_action.isEnabled()
