"""The diplomatic corps' menu entry: File ▸ Print ▸ Diplomatic list… for the country in scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilatdesk.ui.shell.menus import add_entry

if TYPE_CHECKING:
    from bilatdesk.services.catalog import Services
    from bilatdesk.ui.shell.main_window import MainWindow


def install(window: MainWindow, services: Services) -> None:
    """Add "Diplomatic list…" to the Print menu; it opens on the country in scope."""

    def open_list() -> None:
        # Imported on first use: the window's start-up does not pay for the dialog.
        from bilatdesk.ui.areas.corps.diplomatic_list_dialog import DiplomaticListDialog

        DiplomaticListDialog.show_for(window, services, window.scope())

    tip = window.tr("The heads of mission in a capital, in order of precedence, to print or save")
    text = window.tr("&Diplomatic list…")
    add_entry(window, window.print_menu, text, open_list, name="print_diplomatic_list", tip=tip)
