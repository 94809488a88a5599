"""The diplomatic corps' menu entry: File ▸ Print ▸ Diplomatic list… for the country in scope."""

from __future__ import annotations

from bilatdesk.ui.kit.menu_host import MenuHost, add_entry


def install(host: MenuHost) -> None:
    """Add "Diplomatic list…" to the Print menu; it opens on the country in scope."""
    window = host.widget

    def open_list() -> None:
        # Imported on first use: the window's start-up does not pay for the dialog.
        from bilatdesk.ui.areas.corps.diplomatic_list_dialog import DiplomaticListDialog

        DiplomaticListDialog.show_for(window, host.services, host.scope())

    tip = window.tr("The heads of mission in a capital, in order of precedence, to print or save")
    text = window.tr("&Diplomatic list…")
    add_entry(host, host.print_menu, text, open_list, name="print_diplomatic_list", tip=tip)
