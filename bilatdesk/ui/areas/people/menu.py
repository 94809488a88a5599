"""Tools ▸ Find duplicate people…, and the People list's "Merge with…" row action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilatdesk.ui.kit.changes import Kind, changes
from bilatdesk.ui.kit.menu_host import MenuHost, add_entry

MERGED = changes(Kind.PEOPLE, Kind.ENGAGEMENTS, Kind.CABLES, Kind.COMMITMENTS)
"""A merge moves the other record's posts, meetings, cables and commitments onto the kept one."""

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from bilatdesk.services.catalog import Services
    from bilatdesk.ui.kit.list_page import RowAction


def install(host: MenuHost) -> None:
    """Add the entry; after a merge the pages showing people, meetings or commitments re-read."""
    window = host.widget

    def find_duplicates() -> None:
        # Imported on first use: the window's start-up does not pay for the dialogs.
        from bilatdesk.ui.areas.people.duplicates_dialog import DuplicatesDialog

        if DuplicatesDialog.ask(window, host.services, host.scope()):
            host.refresh_for(MERGED)

    tip = window.tr("List people who may be recorded twice, and merge the two records")
    text = window.tr("Find &duplicate people…")
    add_entry(host, host.tools_menu, text, find_duplicates, name="tools_duplicates", tip=tip)


def merge_with_action(services: Services) -> RowAction:
    """The People list's "Merge with…": pick the other record, then compare and merge."""
    from bilatdesk.ui.kit.list_page import RowAction
    from bilatdesk.ui.kit.texts import tr

    def run(parent: QWidget, person_id: int, _scope: int | None) -> bool:
        from bilatdesk.ui.areas.people.merge_dialog import MergeDialog
        from bilatdesk.ui.areas.people.merge_partner_dialog import MergePartnerDialog

        other_id = MergePartnerDialog.ask(parent, services, person_id)
        if other_id is None:
            return False
        return MergeDialog.ask(parent, services, person_id, other_id) is not None

    return RowAction(tr("Merge with…"), "people", run, changes=MERGED)
