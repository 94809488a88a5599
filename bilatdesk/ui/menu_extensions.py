"""Menu entries the areas add to the main window once a database is attached.

Each installer takes the window and the services and adds its actions to the window's
`import_menu`, `export_menu`, `print_menu`, `tools_menu` or `view_menu`; one line each below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bilatdesk.ui.context import Services
    from bilatdesk.ui.main_window import MainWindow

Installer = Callable[["MainWindow", "Services"], None]


def installers() -> list[Installer]:
    """The installers, imported here (not at module top) to keep window start-up light."""
    found: list[Installer] = []
    # One block per area, e.g.:
    #   from bilatdesk.ui.contacts.menu import install as contacts
    #   found.append(contacts)
    return found


def install_menu_extensions(window: MainWindow, services: Services) -> None:
    for install in installers():
        install(window, services)
