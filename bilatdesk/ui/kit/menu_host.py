"""What an area's menu installer may use of the window it fills: the MenuHost interface.

Installers (`ui/areas/<area>/menu.py`) add entries to the File and Tools menus once a database
is attached. They get this small interface, not the main window, so no area imports the shell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from bilatdesk.services.catalog import Services
from bilatdesk.ui.kit.changes import Changes


class MenuHost(Protocol):
    """The menus to fill, the services, the country in scope, the parent and the refreshes."""

    @property
    def widget(self) -> QWidget:
        """The parent of the entries and of the dialogs they open (its `tr` names them)."""
        ...

    @property
    def services(self) -> Services: ...

    @property
    def import_menu(self) -> QMenu: ...

    @property
    def export_menu(self) -> QMenu: ...

    @property
    def print_menu(self) -> QMenu: ...

    @property
    def tools_menu(self) -> QMenu: ...

    def scope(self) -> int | None:
        """The country the window is scoped to, if any."""
        ...

    def refresh_for(self, changed: Changes) -> None:
        """The pages that show a kind of record the dialog changed re-read their rows."""
        ...

    def refresh_scope_choices(self) -> None:
        """The country scope's list re-reads its countries."""
        ...


Installer = Callable[[MenuHost], None]


def add_entry(
    host: MenuHost, menu: QMenu, text: str, run: Callable[[], object], *, name: str, tip: str
) -> QAction:
    """`text` in `menu`, found by `name`, `tip` in the status bar; choosing it calls `run`."""
    action = QAction(text, host.widget)
    action.setObjectName(name)
    action.setStatusTip(tip)
    action.triggered.connect(run)
    menu.addAction(action)
    return action
