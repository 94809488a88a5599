"""File ▸ Import ▸ Calendar (ICS)… and File ▸ Export ▸ Calendar (ICS)…"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilatdesk.ui.kit.changes import Kind, changes
from bilatdesk.ui.shell.menus import add_entry, refresh_pages

if TYPE_CHECKING:
    from bilatdesk.ui.shell.context import Services
    from bilatdesk.ui.shell.main_window import MainWindow


def install(window: MainWindow, services: Services) -> None:
    def run_import() -> None:
        from bilatdesk.ui.areas.calendar_io.import_dialog import ImportCalendarDialog

        if ImportCalendarDialog.ask(window, services, window.scope()) is not None:
            # New engagements show on several pages (Today, the calendar, lists): re-read them.
            refresh_pages(window, changes(Kind.ENGAGEMENTS))

    def run_export() -> None:
        from bilatdesk.ui.areas.calendar_io.export_dialog import ExportCalendarDialog

        ExportCalendarDialog.ask(window, services, window.scope())

    tip = window.tr("Add engagements from a calendar file (Outlook, Google, Apple)")
    text = window.tr("Ca&lendar (ICS)…")
    add_entry(window, window.import_menu, text, run_import, name="import_calendar_action", tip=tip)
    tip = window.tr(
        "Write engagements and national days to a calendar file; unclassified only "
        "unless you raise the ceiling"
    )
    add_entry(window, window.export_menu, text, run_export, name="export_calendar_action", tip=tip)
