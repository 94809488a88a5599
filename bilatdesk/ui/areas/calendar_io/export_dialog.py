"""File ▸ Export ▸ Calendar (ICS)…: country, days, ceiling and file; then how many left.

The export runs off the GUI thread (a large database takes seconds) and writes its file
atomically, so there is never half a calendar to cancel. Nothing marked above the ceiling
leaves; the ceiling is UNCLASSIFIED unless the user raises it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from html import escape
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QWidget

from bilatdesk.domain.classification import DEFAULT_SCHEME
from bilatdesk.services.calendar_io.exporting import DEFAULT_CEILING, IcsExportResult
from bilatdesk.services.catalog import Services
from bilatdesk.ui.areas.calendar_io.files import CalendarFiles
from bilatdesk.ui.kit.exchange.export_base import ExportDialog, FormRow
from bilatdesk.ui.kit.exchange.widgets import date_edit, days_row
from bilatdesk.ui.kit.widgets import from_qdate


class ExportCalendarDialog(ExportDialog[IcsExportResult]):
    """Choose the country, the days, the highest classification and the file; export.

    `ask` answers what the last export wrote, or None.
    """

    stem = "engagements"
    files = CalendarFiles

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        country_id: int | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent, services)
        self.setWindowTitle(self.tr("Export calendar"))
        today = today or date.today()
        self.days_check = QCheckBox(self.tr("&Only engagements from"))
        self.days_check.setChecked(True)
        self.from_edit = date_edit(today - timedelta(days=30))
        self.to_edit = date_edit(today + timedelta(days=365))
        self.ceiling_combo.setToolTip(
            self.tr("Engagements marked above this level are left out entirely")
        )
        self.note.setText(
            self.tr(
                "Nothing marked above the chosen level leaves this program: such engagements "
                "are left out, not even shown as busy. Unclassified only, unless you raise it. "
                "Agendas go along; outcomes stay here. National days come as yearly all-day "
                "events."
            )
        )
        self._finish(country_id, ceiling=DEFAULT_CEILING, width=640)

    def _choice_rows(self) -> Sequence[FormRow]:
        return (
            (self.tr("C&ountry"), self.country_combo),
            (self.tr("Days"), days_row(self.from_edit, self.to_edit, self.days_check)),
            (self.tr("&Highest classification"), self.ceiling_combo),
        )

    def _choice_widgets(self) -> Sequence[QWidget]:
        return (self.days_check,)

    def _connect(self) -> None:
        self.days_check.toggled.connect(self._on_days_check_toggled)
        super()._connect()

    def _suffix(self) -> str:
        return ".ics"

    def _work(self, path: Path) -> Callable[[], IcsExportResult] | None:
        start = end = None
        if self.days_check.isChecked():
            start, end = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
            if end < start:
                self._show_failure(self.tr("The last day is before the first; choose again."))
                return None
        country, ceiling, calendar = (
            self.country_combo.value(),
            self.ceiling_combo.value(),
            self.services.calendar_io,
        )
        return lambda: calendar.export_ics(
            path, country_id=country, start=start, end=end, ceiling=ceiling
        )

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        dated = self.days_check.isChecked() and not busy
        self.from_edit.setEnabled(dated)
        self.to_edit.setEnabled(dated)

    def _done_text(self, result: IcsExportResult) -> str:
        level = DEFAULT_SCHEME.level(self.ceiling_combo.value()).name
        engagements = (
            self.tr("<b>1 engagement</b>")
            if result.engagements == 1
            else self.tr("<b>%1 engagements</b>").replace("%1", f"{result.engagements:,}")
        )
        days = (
            self.tr("1 national day")
            if result.national_days == 1
            else self.tr("%1 national days").replace("%1", f"{result.national_days:,}")
        )
        text = (
            self.tr("%1 and %2 were exported to %3.")
            .replace("%1", engagements)
            .replace("%2", days)
            .replace("%3", escape(str(self._target)))
        )
        if result.withheld:
            left = (
                self.tr("1 engagement marked above %2 was left out.")
                if result.withheld == 1
                else self.tr("%1 marked above %2 were left out.")
            )
            text += " " + left.replace("%1", f"{result.withheld:,}").replace("%2", escape(level))
        return text

    def _on_days_check_toggled(self, checked: bool) -> None:
        self.from_edit.setEnabled(checked)
        self.to_edit.setEnabled(checked)
