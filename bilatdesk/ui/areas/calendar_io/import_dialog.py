"""File ▸ Import ▸ Calendar (ICS)…: read the file, preview what happens, then import.

The preview is a dry run of the very import that follows (same code, rolled back), so what it
shows is what the import does. Reading and importing run off the GUI thread and can be
cancelled; a cancelled import writes nothing. Changing the days or the country makes the
preview stale; Import then reads the file again with the new choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from bilatdesk.services.calendar_io.importing import IcsImportReport, default_window, local_zone
from bilatdesk.services.catalog import Services
from bilatdesk.ui.areas.calendar_io.files import CalendarFiles
from bilatdesk.ui.areas.calendar_io.jobs import CalendarResult, CalendarRun, CalendarSettings
from bilatdesk.ui.areas.calendar_io.models import PreviewModel
from bilatdesk.ui.kit.exchange.import_base import ImportDialog
from bilatdesk.ui.kit.exchange.widgets import date_edit, days_row
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.kit.widgets import ChoiceCombo, from_qdate


class ImportCalendarDialog(ImportDialog[IcsImportReport]):
    """Import one calendar file into engagements, after a preview of what would happen."""

    run: CalendarRun

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        path: Path,
        country_id: int | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent, services)
        self.path = path
        self.last_result: CalendarResult | None = None  # not `result`: QDialog.result()
        self.setWindowTitle(self.tr("Import calendar — %1").replace("%1", path.name))
        self.run = CalendarRun(self)
        self._build(country_id, today or date.today())
        self._lay_out()
        self._connect()
        self._set_running(False)
        keep_place(self, 1000, 620)

    # -- building -------------------------------------------------------------------------
    def _build(self, country_id: int | None, today: date) -> None:
        self.file_label = QLabel(
            self.tr("<b>%1</b> — iCalendar file").replace("%1", escape(self.path.name))
        )
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        first, last = default_window(today)
        self.from_edit = date_edit(first)
        self.to_edit = date_edit(last)
        self.country_combo = ChoiceCombo(self.tr("No country"))
        self.country_combo.set_choices(self.services.countries.choices(accredited_only=False))
        self.country_combo.set_value(country_id)
        self.hint = QLabel(
            self.tr(
                "Only events starting between these days are imported; repeating events are "
                "expanded in them and nowhere else. Times without a zone, and all-day events, "
                "are read in the country's time zone."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # the palette's quiet colour
        self.preview_model = PreviewModel(self)
        self.preview_view = self._build_preview(
            self.preview_model, self.tr("All events"), (100, 210, 290)
        )
        self.import_button.setToolTip(self.tr("Write every event shown, in one go (Ctrl+Return)"))

    def _lay_out(self) -> None:
        choices = QGroupBox(self.tr("What to import"))
        form = QFormLayout(choices)
        start_label = QLabel(self.tr("&Events from"))
        start_label.setBuddy(self.from_edit)
        form.addRow(start_label, days_row(self.from_edit, self.to_edit))
        country_label = QLabel(self.tr("Assign to &country"))
        country_label.setBuddy(self.country_combo)
        form.addRow(country_label, self.country_combo)
        form.addRow(self.hint)
        self._lay_out_frame(self.file_label, ((choices, 0),), self.preview_view, 1)

    def _connect(self) -> None:
        self.from_edit.dateChanged.connect(self._mark_stale)
        self.to_edit.dateChanged.connect(self._mark_stale)
        self.country_combo.currentIndexChanged.connect(self._mark_stale)
        super()._connect()

    # -- actions --------------------------------------------------------------------------
    def settings(self) -> CalendarSettings:
        """The file, the days and the country as chosen now."""
        country_id = self.country_combo.value()
        zone = None
        if country_id is not None:
            zone = self.services.engagements.usual_time_zone(country_id)
        return CalendarSettings(
            self.path,
            from_qdate(self.from_edit.date()),
            from_qdate(self.to_edit.date()),
            country_id,
            zone or local_zone(),
        )

    def _choice_widgets(self) -> Sequence[QWidget]:
        return (self.from_edit, self.to_edit, self.country_combo)

    def _launch(self, *, dry_run: bool) -> str | None:
        settings = self.settings()
        if settings.window_end < settings.window_start:
            self._show_failure(self.tr("The last day is before the first; choose them again."))
            return None
        result = self.last_result
        read = result.read if result is not None and result.settings == settings else None
        if not self.run.start(self.services.calendar_io, settings, dry_run=dry_run, read=read):
            return None
        return self.tr("Reading…") if read is None else self.tr("Checking…")

    def _show_failure(self, message: str) -> None:
        self.summary.setText(f"<b style='color:#c62828'>{escape(message)}</b>")

    def _report_of(self, result: CalendarResult) -> IcsImportReport:
        return result.report

    def _show(self, result: CalendarResult) -> None:
        self.preview_model.set_report(result.report)
        text = self._counts_text(result.report)
        notes = list(result.read.problems)
        if result.read.skipped_outside_window:
            notes.append(
                self.tr("%1 events outside the chosen days were left out.").replace(
                    "%1", f"{result.read.skipped_outside_window:,}"
                )
            )
        if notes:
            text += "<br>" + " ".join(escape(note) for note in notes)
        self.summary.setText(text)

    # -- slots ----------------------------------------------------------------------------
    def _on_run_finished(self, result: CalendarResult) -> None:
        self.last_result = result
        super()._on_run_finished(result)
        if not self._closing and self.imported is not None:
            self.close_button.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        country_id: int | None = None,
        path: Path | None = None,
    ) -> IcsImportReport | None:
        """The report of the import made, or None when nothing was imported."""
        return cls._ask_with(
            parent,
            path,
            CalendarFiles,
            lambda chosen: cls(parent, services, chosen, country_id),
            tr("Import a calendar"),
        )
