"""File ▸ Import ▸ Contacts (vCard, CSV)…: map a CSV's columns, preview, then import.

The preview is a dry run of the very import that follows (same code, rolled back), so what it
shows is what the import does. Both run off the GUI thread and can be cancelled; a cancelled
import writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.exchange.csv.read import (
    CsvRead,
    describe_delimiter,
    describe_encoding,
    read_csv_cards,
)
from bilatdesk.exchange.records import ImportReport
from bilatdesk.services.catalog import Services
from bilatdesk.ui.areas.contacts.files import ContactFiles
from bilatdesk.ui.areas.contacts.import_job import ContactSource, ImportRun
from bilatdesk.ui.areas.contacts.models import (
    COL_LINE,
    COL_MAP_FIELD,
    COL_MAP_HEADER,
    FieldDelegate,
    MappingModel,
    ReportModel,
)
from bilatdesk.ui.kit.exchange.import_base import ImportDialog
from bilatdesk.ui.kit.exchange.widgets import results_table
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.texts import tr


class ImportContactsDialog(ImportDialog[ImportReport]):
    """Import one vCard or CSV file into people, after a preview of what would happen."""

    run: ImportRun

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        path: Path,
        csv_read: CsvRead | None = None,
    ) -> None:
        super().__init__(parent, services)
        self.source = ContactSource.of(path)
        self.setWindowTitle(self.tr("Import contacts — %1").replace("%1", path.name))
        if self.source.kind == "csv" and csv_read is None:
            csv_read = read_csv_cards(path)  # the head only; CsvError for an unusable file
        self.csv_read = csv_read
        self.run = ImportRun(self)
        self._build(path)
        self._lay_out()
        self._connect()
        self._set_running(False)
        keep_place(self, 980, 640 if csv_read is not None else 560)

    # -- building -------------------------------------------------------------------------
    def _build(self, path: Path) -> None:
        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setWordWrap(True)
        self.mapping_model: MappingModel | None = None
        self.mapping_box = QGroupBox(self.tr("Columns"))
        self.mapping_hint = QLabel()
        self.mapping_hint.setWordWrap(True)
        self.mapping_hint.setTextFormat(Qt.TextFormat.PlainText)
        # Wrapped lines asked for at a narrow width would make the dialog ask to be too tall.
        self.file_label.setMinimumWidth(440)
        self.mapping_hint.setMinimumWidth(360)
        self.mapping_toggle = QToolButton()
        self.mapping_toggle.setCheckable(True)
        self.mapping_view = results_table()
        read = self.csv_read
        if read is None:
            self.file_label.setText(
                self.tr("<b>%1</b> — vCard file").replace("%1", escape(path.name))
            )
            self.mapping_box.hide()
        else:
            self.file_label.setText(
                self.tr("<b>%1</b> — CSV, %2, %3-separated, %4 columns")
                .replace("%1", escape(path.name))
                .replace("%2", describe_encoding(read.encoding))
                .replace("%3", describe_delimiter(read.delimiter))
                .replace("%4", str(len(read.headers)))
            )
            self.mapping_model = MappingModel(
                read.headers, read.mapping, read.unmapped, read.samples, self
            )
            self.mapping_view.setModel(self.mapping_model)
            self.mapping_view.setItemDelegateForColumn(COL_MAP_FIELD, FieldDelegate(self))
            self.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
            for row in range(self.mapping_model.rowCount()):
                self.mapping_view.openPersistentEditor(self.mapping_model.index(row, 2))
            header = self.mapping_view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.resizeSection(COL_MAP_HEADER, 260)
            header.resizeSection(1, 330)
            header.setStretchLastSection(True)
            self.mapping_view.verticalHeader().setDefaultSectionSize(30)
            # Four rows show; the rest scroll, so the dialog fits a laptop screen.
            self.mapping_view.setMinimumHeight(min(4, len(read.headers)) * 30 + 30)
        self.update_choice = QRadioButton(self.tr("&Update them: add what they lack"))
        self.skip_choice = QRadioButton(self.tr("&Skip them: leave them as they are"))
        self.update_choice.setChecked(True)
        self.match_group = QButtonGroup(self)
        self.match_group.addButton(self.update_choice)
        self.match_group.addButton(self.skip_choice)
        self.report_model = ReportModel(self)
        self.report_view = self._build_preview(
            self.report_model, self.tr("All rows"), (60, 110, 230)
        )

    def _lay_out(self) -> None:
        mapping = QVBoxLayout(self.mapping_box)
        top = QHBoxLayout()
        top.addWidget(self.mapping_hint, 1)
        top.addWidget(self.mapping_toggle)
        mapping.addLayout(top)
        mapping.addWidget(self.mapping_view)
        # One line, not a framed box: the dialog fits a laptop screen with the table in view.
        matching = QWidget()
        choices = QHBoxLayout(matching)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addWidget(QLabel(self.tr("When a card matches someone already here:")))
        choices.addWidget(self.update_choice)
        choices.addWidget(self.skip_choice)
        choices.addStretch(1)
        self._lay_out_frame(
            self.file_label, ((self.mapping_box, 2), (matching, 0)), self.report_view, 3
        )
        self._show_mapping_state()
        unresolved = self.mapping_model.unresolved() if self.mapping_model is not None else []
        self.mapping_toggle.setChecked(bool(unresolved))
        self._on_mapping_toggle_toggled(self.mapping_toggle.isChecked())
        self._scrolled = False

    def _connect(self) -> None:
        if self.mapping_model is not None:
            self.mapping_model.mapping_changed.connect(self._on_mapping_model_changed)
        self.mapping_toggle.toggled.connect(self._on_mapping_toggle_toggled)
        self.update_choice.toggled.connect(self._mark_stale)
        super()._connect()

    # -- actions --------------------------------------------------------------------------
    @property
    def on_match(self) -> Literal["update", "skip"]:
        return "skip" if self.skip_choice.isChecked() else "update"

    def current_source(self) -> ContactSource:
        mapping = self.mapping_model.mapping() if self.mapping_model is not None else None
        return ContactSource(self.source.path, self.source.kind, mapping)

    def _choice_widgets(self) -> Sequence[QWidget]:
        return (self.mapping_view, self.update_choice, self.skip_choice)

    def _launch(self, *, dry_run: bool) -> str | None:
        if not self.run.start(
            self.services.contacts, self.current_source(), dry_run=dry_run, on_match=self.on_match
        ):
            return None
        return self.tr("Previewing…") if dry_run else self.tr("Importing…")

    def _show_mapping_state(self) -> None:
        model = self.mapping_model
        if model is None:
            return
        unresolved = model.unresolved()
        if unresolved:
            names = ", ".join(f"“{name}”" for name in unresolved[:5])
            if len(unresolved) > 5:
                names += ", …"
            self.mapping_hint.setText(
                self.tr(
                    "%1 of %2 columns are not known (highlighted: %3). Choose what each holds, "
                    "or leave it out."
                )
                .replace("%1", str(len(unresolved)))
                .replace("%2", str(model.rowCount()))
                .replace("%3", names)
            )
        else:
            self.mapping_hint.setText(
                self.tr("All %1 columns are understood; change any that is wrong.").replace(
                    "%1", str(model.rowCount())
                )
            )

    def _show(self, result: ImportReport) -> None:
        self.report_model.set_report(result)
        self.summary.setText(self._counts_text(result))
        self.report_view.resizeColumnToContents(COL_LINE)

    # -- slots ----------------------------------------------------------------------------
    def _on_mapping_model_changed(self) -> None:
        self._show_mapping_state()
        self._mark_stale()

    def _on_mapping_toggle_toggled(self, shown: bool) -> None:
        self.mapping_view.setVisible(shown)
        self.mapping_toggle.setText(self.tr("Hide columns") if shown else self.tr("Show columns"))

    def _on_run_progress(self, count: object) -> None:
        self.progress_label.setText(self.tr("%1 cards read…").replace("%1", f"{count:,}"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        model = self.mapping_model
        if model is not None and not self._scrolled and (unresolved := model.unresolved()):
            # The first unknown column in view, where the hint says to look.
            self._scrolled = True
            first = model.index(model.headers().index(unresolved[0]), COL_MAP_HEADER)
            self.mapping_view.scrollTo(first, QAbstractItemView.ScrollHint.PositionAtCenter)

    @classmethod
    def ask(
        cls, parent: QWidget | None, services: Services, path: Path | None = None
    ) -> ImportReport | None:
        """The report of the import made, or None when nothing was imported."""
        return cls._ask_with(
            parent,
            path,
            ContactFiles,
            lambda chosen: cls(parent, services, chosen),
            tr("Import contacts"),
        )
