"""File ▸ Import ▸ Calendar (ICS)… and File ▸ Export ▸ Calendar (ICS)…"""

from __future__ import annotations

from bilatdesk.ui.kit.changes import Kind, changes
from bilatdesk.ui.kit.menu_host import MenuHost, add_entry


def install(host: MenuHost) -> None:
    window = host.widget

    def run_import() -> None:
        from bilatdesk.ui.areas.calendar_io.import_dialog import ImportCalendarDialog

        if ImportCalendarDialog.ask(window, host.services, host.scope()) is not None:
            # New engagements show on several pages (Today, the calendar, lists): re-read them.
            host.refresh_for(changes(Kind.ENGAGEMENTS))

    def run_export() -> None:
        from bilatdesk.ui.areas.calendar_io.export_dialog import ExportCalendarDialog

        ExportCalendarDialog.ask(window, host.services, host.scope())

    tip = window.tr("Add engagements from a calendar file (Outlook, Google, Apple)")
    text = window.tr("Ca&lendar (ICS)…")
    add_entry(host, host.import_menu, text, run_import, name="import_calendar_action", tip=tip)
    tip = window.tr(
        "Write engagements and national days to a calendar file; unclassified only "
        "unless you raise the ceiling"
    )
    add_entry(host, host.export_menu, text, run_export, name="export_calendar_action", tip=tip)
