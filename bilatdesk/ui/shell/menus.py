"""Menu entries the areas add to the main window once a database is attached.

Each installer takes the window and the services and adds its actions to the window's
`import_menu`, `export_menu`, `print_menu`, `tools_menu` or `view_menu` (`add_entry` makes
one entry); the installers are listed below, one block each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from bilatdesk.ui.kit.changes import Changes
    from bilatdesk.ui.shell.context import Services
    from bilatdesk.ui.shell.main_window import MainWindow

Installer = Callable[["MainWindow", "Services"], None]


def installers() -> list[Installer]:
    """The installers, imported here (not at module top) to keep window start-up light."""
    found: list[Installer] = []
    from bilatdesk.ui.areas.tags.menu import install as people_menu

    found.append(people_menu)
    from bilatdesk.ui.areas.engagements.commitments.menu import install as commitments_menu

    found.append(commitments_menu)
    from bilatdesk.ui.areas.corps.menu import install as corps_menu

    found.append(corps_menu)
    from bilatdesk.ui.areas.contacts.menu import install as contacts_menu

    found.append(contacts_menu)
    from bilatdesk.ui.areas.people.menu import install as duplicates_menu

    found.append(duplicates_menu)
    from bilatdesk.ui.areas.calendar_io.menu import install as calendar_menu

    found.append(calendar_menu)
    # One block per area, e.g.:
    #   from bilatdesk.ui.areas.contacts.menu import install as contacts
    #   found.append(contacts)
    return found


def install_menu_extensions(window: MainWindow, services: Services) -> None:
    for install in installers():
        install(window, services)


def add_entry(
    window: MainWindow, menu: QMenu, text: str, run: Callable[[], object], *, name: str, tip: str
) -> QAction:
    """`text` in `menu`, found by `name`, `tip` in the status bar; choosing it calls `run`."""
    action = QAction(text, window)
    action.setObjectName(name)
    action.setStatusTip(tip)
    action.triggered.connect(run)
    menu.addAction(action)
    return action


def refresh_pages(window: MainWindow, changed: Changes) -> None:
    """The pages showing what a dialog changed re-read their rows."""
    window.refresh_for(changed)
