"""File ▸ Export ▸ People (vCard, CSV)…: format, country, ceiling and file, then how many left.

The export itself runs off the GUI thread (a large database takes seconds); it writes its
file atomically, so there is never half a file to cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from bilatdesk.services.catalog import Services
from bilatdesk.services.contacts.csv_export import DEFAULT_CEILING
from bilatdesk.ui.areas.contacts.files import ContactFiles
from bilatdesk.ui.kit.exchange.export_base import ExportDialog, FormRow


def export_people(
    services: Services, path: Path, *, csv: bool, country_id: int | None, ceiling: str
) -> int:
    """Write the people to `path` as CSV or vCard; how many were written."""
    if csv:
        return services.contacts.export_csv(path, country_id=country_id, ceiling=ceiling)
    return services.contacts.export_vcards(path, country_id=country_id, ceiling=ceiling)


class ExportPeopleDialog(ExportDialog[int]):
    """Choose the format, the country, the highest classification and the file; export.

    `ask` answers how many people the last export wrote, or None.
    """

    stem = "people"
    files = ContactFiles

    def __init__(
        self, parent: QWidget | None, services: Services, country_id: int | None = None
    ) -> None:
        super().__init__(parent, services)
        self.setWindowTitle(self.tr("Export people"))
        self.vcard_choice = QRadioButton(self.tr("&vCard (.vcf): phones, mail programs"))
        self.csv_choice = QRadioButton(self.tr("C&SV (.csv): spreadsheets"))
        self.vcard_choice.setChecked(True)
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.vcard_choice)
        self.format_group.addButton(self.csv_choice)
        self.ceiling_combo.setToolTip(self.tr("Records marked above this level are left out"))
        self.note.setText(
            self.tr(
                "Each person's current post; biographies stay here. In CSV, cells a spreadsheet "
                "could run as a formula (=, +, -, @) start with an apostrophe; the import "
                "removes it."
            )
        )
        self._finish(country_id, ceiling=DEFAULT_CEILING, width=620)

    def _choice_rows(self) -> Sequence[FormRow]:
        formats = QVBoxLayout()
        formats.addWidget(self.vcard_choice)
        formats.addWidget(self.csv_choice)
        return (
            (self.tr("Format"), formats),
            (self.tr("C&ountry"), self.country_combo),
            (self.tr("&Highest classification"), self.ceiling_combo),
        )

    def _choice_widgets(self) -> Sequence[QWidget]:
        return (self.vcard_choice, self.csv_choice)

    def _connect(self) -> None:
        self.csv_choice.toggled.connect(self._on_csv_choice_toggled)
        super()._connect()

    @property
    def csv(self) -> bool:
        return self.csv_choice.isChecked()

    def _suffix(self) -> str:
        return ".csv" if self.csv else ".vcf"

    def _work(self, path: Path) -> Callable[[], int]:
        csv, country, ceiling = self.csv, self.country_combo.value(), self.ceiling_combo.value()
        return lambda: export_people(
            self.services, path, csv=csv, country_id=country, ceiling=ceiling
        )

    def _done_text(self, count: int) -> str:
        return (
            (
                self.tr("<b>%1 people</b> were exported to %2.")
                if count != 1
                else self.tr("<b>1 person</b> was exported to %2.")
            )
            .replace("%1", f"{count:,}")
            .replace("%2", escape(str(self._target)))
        )

    def _on_csv_choice_toggled(self, csv: bool) -> None:
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(".csv" if csv else ".vcf")))
