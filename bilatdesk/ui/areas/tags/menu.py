"""The people area's menu entries: Tools ▸ Tags… (the shared tag vocabulary)."""

from __future__ import annotations

from bilatdesk.ui.kit.menu_host import MenuHost, add_entry


def install(host: MenuHost) -> None:
    """Add "Tags…" to the Tools menu; after changes, the pages showing them re-read."""
    window = host.widget

    def open_tags() -> None:
        # Imported on first use: the window's start-up does not pay for the dialog.
        from bilatdesk.ui.areas.tags.dialog import TagsDialog

        changed = TagsDialog.ask(window, host.services.tags)
        if changed:
            host.refresh_for(changed)

    tip = window.tr("Add, rename or delete the tags records carry")
    add_entry(host, host.tools_menu, window.tr("&Tags…"), open_tags, name="tools_tags", tip=tip)
