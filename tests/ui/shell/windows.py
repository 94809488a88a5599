"""The main window as the shell's tests open it, and a draft cable chosen in its register."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bilatdesk.services.cables.records import CableDetail, CableInput, ParagraphInput
from bilatdesk.store.database import Database
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.shell.main_window import MainWindow


def open_window(
    qtbot: QtBot, db: Database, *, demo: bool = False, active: bool = False
) -> MainWindow:
    """The window over `db`, shown; `active` waits until it has the keyboard (for shortcuts)."""
    window = MainWindow(db, demo=demo)
    qtbot.addWidget(window)
    if active:
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
    else:
        window.show()
    return window


def chosen_draft(window: MainWindow) -> tuple[ListPageController, CableDetail]:
    """A one-paragraph draft, made and chosen on the cable register (the page shown)."""
    assert window.services is not None
    made = window.services.cables.create(
        CableInput(subject="AUSTRIA: TRANSIT", paragraphs=(ParagraphInput("Talks.", "U"),)),
        drafter="Marta Şahin",
    )
    window.show_area("cables")
    page = window.controllers["cables"]
    assert isinstance(page, ListPageController)
    page.refresh()
    page.select_id(made.id)
    return page, made
