"""File ▸ Import ▸ Contacts (vCard, CSV)… and File ▸ Export ▸ People (vCard, CSV)…"""

from __future__ import annotations

from bilatdesk.ui.kit.changes import Kind, changes
from bilatdesk.ui.kit.menu_host import MenuHost, add_entry


def install(host: MenuHost) -> None:
    window = host.widget

    def run_import() -> None:
        from bilatdesk.ui.areas.contacts.import_dialog import ImportContactsDialog

        if ImportContactsDialog.ask(window, host.services) is not None:
            # New people and organisations: the pages showing them re-read.
            host.refresh_scope_choices()
            host.refresh_for(changes(Kind.PEOPLE, Kind.ORGANISATIONS))

    def run_export() -> None:
        from bilatdesk.ui.areas.contacts.export_dialog import ExportPeopleDialog

        ExportPeopleDialog.ask(window, host.services, host.scope())

    tip = window.tr("Add people from a vCard file or a CSV of contacts")
    text = window.tr("&Contacts (vCard, CSV)…")
    add_entry(host, host.import_menu, text, run_import, name="import_contacts_action", tip=tip)
    text = window.tr("&People (vCard, CSV)…")
    tip = window.tr("Write people to a vCard or CSV file")
    add_entry(host, host.export_menu, text, run_export, name="export_people_action", tip=tip)
