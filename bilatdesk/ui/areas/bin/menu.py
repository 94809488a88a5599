"""Tools ▸ Recently deleted…: the bin of deleted records."""

from __future__ import annotations

from bilatdesk.ui.kit.menu_host import MenuHost, add_entry


def install(host: MenuHost) -> None:
    """Add the entry; after a restore the pages showing the restored kinds re-read."""
    window = host.widget

    def open_bin() -> None:
        # Imported on first use: the window's start-up does not pay for the dialog.
        from bilatdesk.ui.areas.bin.dialog import BinDialog

        restored = BinDialog.ask(window, host.services.bin)
        if restored:
            host.refresh_for(restored)

    tip = window.tr("Restore a record deleted in the last 30 days, with its links")
    text = window.tr("Recently &deleted…")
    add_entry(host, host.tools_menu, text, open_bin, name="tools_bin", tip=tip)
