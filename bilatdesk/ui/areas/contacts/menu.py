"""File ▸ Import ▸ Contacts (vCard, CSV)… and File ▸ Export ▸ People (vCard, CSV)…"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilatdesk.ui.kit.changes import Kind, changes
from bilatdesk.ui.shell.menus import add_entry, refresh_pages

if TYPE_CHECKING:
    from bilatdesk.ui.shell.context import Services
    from bilatdesk.ui.shell.main_window import MainWindow


def install(window: MainWindow, services: Services) -> None:
    def run_import() -> None:
        from bilatdesk.ui.areas.contacts.import_dialog import ImportContactsDialog

        if ImportContactsDialog.ask(window, services) is not None:
            # New people and organisations: the pages showing them re-read.
            window.refresh_scope_choices()
            refresh_pages(window, changes(Kind.PEOPLE, Kind.ORGANISATIONS))

    def run_export() -> None:
        from bilatdesk.ui.areas.contacts.export_dialog import ExportPeopleDialog

        ExportPeopleDialog.ask(window, services, window.scope())

    tip = window.tr("Add people from a vCard file or a CSV of contacts")
    text = window.tr("&Contacts (vCard, CSV)…")
    add_entry(window, window.import_menu, text, run_import, name="import_contacts_action", tip=tip)
    text, tip = window.tr("&People (vCard, CSV)…"), window.tr("Write people to a vCard or CSV file")
    add_entry(window, window.export_menu, text, run_export, name="export_people_action", tip=tip)
