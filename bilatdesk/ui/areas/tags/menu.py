"""The people area's menu entries: Tools ▸ Tags… (the shared tag vocabulary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilatdesk.ui.kit.changes import Kind, changes
from bilatdesk.ui.shell.menus import add_entry, refresh_pages

if TYPE_CHECKING:
    from bilatdesk.ui.shell.context import Services
    from bilatdesk.ui.shell.main_window import MainWindow


def install(window: MainWindow, services: Services) -> None:
    """Add "Tags…" to the Tools menu; after changes, the pages showing tags re-read."""

    def open_tags() -> None:
        # Imported on first use: the window's start-up does not pay for the dialog.
        from bilatdesk.ui.areas.tags.dialog import TagsDialog

        if TagsDialog.ask(window, services.tags):
            refresh_pages(window, changes(Kind.TAGS))

    tip = window.tr("Add, rename or delete the tags records carry")
    add_entry(window, window.tools_menu, window.tr("&Tags…"), open_tags, name="tools_tags", tip=tip)
