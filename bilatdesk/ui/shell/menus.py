"""Menu entries the areas add to the main window once a database is attached.

Each installer takes a `MenuHost` (ui/kit/menu_host.py) and adds its actions to the host's
`import_menu`, `export_menu`, `print_menu` or `tools_menu` (`add_entry` makes one entry); the
installers are listed below, one block each, and `WindowMenuHost` is the window's side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

from bilatdesk.services.catalog import Services
from bilatdesk.ui.kit.menu_host import Installer

if TYPE_CHECKING:
    from bilatdesk.ui.kit.changes import Changes
    from bilatdesk.ui.shell.main_window import MainWindow


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
    from bilatdesk.ui.areas.bin.menu import install as bin_menu

    found.append(bin_menu)
    # One block per area, e.g.:
    #   from bilatdesk.ui.areas.contacts.menu import install as contacts
    #   found.append(contacts)
    return found


class WindowMenuHost:
    """The main window as the installers see it (a MenuHost)."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        self._window = window
        self._services = services

    @property
    def widget(self) -> QWidget:
        return self._window

    @property
    def services(self) -> Services:
        return self._services

    @property
    def import_menu(self) -> QMenu:
        return self._window.import_menu

    @property
    def export_menu(self) -> QMenu:
        return self._window.export_menu

    @property
    def print_menu(self) -> QMenu:
        return self._window.print_menu

    @property
    def tools_menu(self) -> QMenu:
        return self._window.tools_menu

    def scope(self) -> int | None:
        return self._window.scope()

    def refresh_for(self, changed: Changes) -> None:
        self._window.refresh_for(changed)

    def refresh_scope_choices(self) -> None:
        self._window.refresh_scope_choices()


def install_menu_extensions(window: MainWindow, services: Services) -> None:
    host = WindowMenuHost(window, services)
    for install in installers():
        install(host)
