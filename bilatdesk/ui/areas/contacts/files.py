"""Choosing a contact file to read or write: one seam for tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from bilatdesk.ui.kit.exchange.file_dialogs import open_file, save_file
from bilatdesk.ui.kit.texts import tr


class ContactFiles:
    """Asks for the path of a contact file to import, or of the file an export writes."""

    @classmethod
    def open_path(cls, parent: QWidget | None) -> Path | None:
        """The chosen vCard or CSV file, or None when the user cancelled."""
        return open_file(
            parent,
            tr("Import contacts"),
            tr(
                "Contact files (*.vcf *.vcard *.csv *.tsv *.txt);;vCard (*.vcf *.vcard);;"
                "CSV (*.csv *.tsv *.txt);;All files (*)"
            ),
        )

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to write an export (the suggestion's suffix picks the filter)."""
        csv = suggested.suffix.lower() == ".csv"
        filters = tr("CSV (*.csv)") if csv else tr("vCard (*.vcf)")
        return save_file(parent, tr("Export people"), suggested, filters)
