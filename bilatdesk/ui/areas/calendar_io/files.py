"""Choosing a calendar file to read or write: one seam for tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from bilatdesk.ui.kit.exchange.file_dialogs import open_file, save_file
from bilatdesk.ui.kit.texts import tr


class CalendarFiles:
    """Asks for the .ics file to import, or the file an export writes."""

    @classmethod
    def open_path(cls, parent: QWidget | None) -> Path | None:
        """The chosen calendar file, or None when the user cancelled."""
        filters = tr("Calendar files (*.ics *.ical *.ifb *.icalendar);;All files (*)")
        return open_file(parent, tr("Import a calendar"), filters)

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to write the calendar, or None when the user cancelled."""
        return save_file(parent, tr("Export a calendar"), suggested, tr("iCalendar (*.ics)"))
