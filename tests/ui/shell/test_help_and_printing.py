"""F1 opens the searchable user guide; Ctrl+P previews and prints the chosen record's document
(a cable, a visit's brief, an agreement's register), else the page shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bilatdesk.services.agreements.records import AgreementInput, PartyInput
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.visits.service import VisitInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.agreements.page import AgreementsPageController
from bilatdesk.ui.areas.cables.editor import CableEditor
from bilatdesk.ui.areas.visits.page import VisitsPageController
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.kit.pdf_pages import PrintDialog
from bilatdesk.ui.shell import printing
from bilatdesk.ui.shell.help import HelpWindow, chapters, guide_dir
from bilatdesk.ui.shell.main_window import MainWindow
from bilatdesk.ui.shell.printing import Paint
from tests.ui.shell.windows import chosen_draft, open_window


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


def _printer_to(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[QWidget | None]:
    """The printer dialog's seam answers with a PDF printer writing `path`; who asked is kept."""
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    asked: list[QWidget | None] = []

    def ask(cls: type, parent: QWidget | None) -> QPrinter:
        asked.append(parent)
        return printer

    monkeypatch.setattr(PrintDialog, "ask", classmethod(ask))
    return asked


def _page_previews(monkeypatch: pytest.MonkeyPatch) -> list[Paint]:
    painted: list[Paint] = []

    def preview(_cls: type, _parent: QWidget | None, paint: Paint) -> bool:
        painted.append(paint)
        return True

    monkeypatch.setattr(printing.PrintPreview, "ask", classmethod(preview))
    return painted


def _ctrl_p(qtbot: QtBot, window: MainWindow, area: str) -> ListPageController:
    """Press Ctrl+P on the area's list, the window active, as the clerk does."""
    controller = window.controllers[area]
    assert isinstance(controller, ListPageController)
    with qtbot.waitActive(window):
        window.activateWindow()
    controller.view.table.setFocus()
    qtbot.keyClick(controller.view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    return controller


def test_ctrl_p_on_a_chosen_cable_previews_it_in_its_editor_and_prints_it(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a cable chosen, Ctrl+P opens it beside its pages as printed, not the list; its
    Print… asks for the printer and prints the cable."""
    painted = _page_previews(monkeypatch)
    asked = _printer_to(tmp_path / "cable.pdf", monkeypatch)
    window = open_window(qtbot, db)
    _, made = chosen_draft(window)
    _ctrl_p(qtbot, window, "cables")
    editor = CableEditor._open_editors[made.id]
    qtbot.addWidget(editor)
    assert painted == [] and asked == []
    qtbot.waitUntil(lambda: len(editor.preview.pages) >= 1, timeout=30_000)
    editor.buttons["print"].click()
    assert asked == [editor]
    qtbot.waitUntil(lambda: "sent to the printer" in editor.save_state.text(), timeout=30_000)
    assert (tmp_path / "cable.pdf").read_bytes().startswith(b"%PDF")


def test_ctrl_p_on_a_chosen_agreement_previews_its_countrys_register(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an agreement chosen (no country in scope), Ctrl+P previews the register of its
    country without asking which; Print… there prints it."""
    painted = _page_previews(monkeypatch)
    _printer_to(tmp_path / "register.pdf", monkeypatch)
    window = open_window(qtbot, db)
    services = window.services
    assert services is not None
    services.countries.create(CountryInput("AT", "Austria"))
    jordan = services.countries.create(CountryInput("JO", "Jordan")).id
    made = services.agreements.create(
        AgreementInput(
            "Air services agreement",
            country_id=jordan,
            parties=(PartyInput("Our state"), PartyInput("Jordan")),
        )
    )
    window.refresh_scope_choices()
    window.show_area("agreements")
    agreements = window.controllers["agreements"]
    assert isinstance(agreements, AgreementsPageController)
    agreements.refresh()
    agreements.select_id(made.id)
    _ctrl_p(qtbot, window, "agreements")
    preview = agreements.preview
    assert preview is not None and painted == []
    qtbot.addWidget(preview)
    assert preview.windowTitle() == "Register — Jordan"
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        assert preview.print_document()
    assert (tmp_path / "register.pdf").read_bytes().startswith(b"%PDF")


def test_ctrl_p_on_visits_builds_the_chosen_brief_and_prints_the_list_otherwise(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window owns Ctrl+P on every page: on Visits it builds the chosen visit's brief,
    and with no visit chosen it prints the list as any page does."""
    painted = _page_previews(monkeypatch)
    window = open_window(qtbot, db)
    services = window.services
    assert services is not None
    greece = services.countries.create(CountryInput("GR", "Greece")).id
    visit = services.visits.create(
        VisitInput("the Minister", greece, date(2030, 3, 10), date(2030, 3, 12))
    )
    window.show_area("visits")
    assert window.print_action.isEnabled()
    visits = window.controllers["visits"]
    assert isinstance(visits, VisitsPageController)
    visits.refresh()
    visits.view.table.clearSelection()
    _ctrl_p(qtbot, window, "visits")
    assert len(painted) == 1 and visits.preview is None
    visits.select_id(visit.id)
    with qtbot.waitSignal(visits.builder.built, timeout=60_000):
        _ctrl_p(qtbot, window, "visits")
    assert visits.preview is not None and len(painted) == 1
    qtbot.addWidget(visits.preview)


def test_ctrl_p_on_a_chosen_person_prints_the_page(
    qtbot: QtBot, populated: Services, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person has no document of their own (the biographies print in a visit's brief):
    with one chosen, Ctrl+P prints the list as before."""
    painted = _page_previews(monkeypatch)
    asked = _printer_to(Path("never.pdf"), monkeypatch)
    window = open_window(qtbot, db)
    window.show_area("people")
    people = window.controllers["people"]
    assert isinstance(people, ListPageController)
    people.view.table.selectRow(0)
    _ctrl_p(qtbot, window, "people")
    assert len(painted) == 1 and asked == []
