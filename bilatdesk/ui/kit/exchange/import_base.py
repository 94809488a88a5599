"""The frame both imports share: a preview table by outcome, progress with Cancel, the buttons.

The preview is a dry run of the very import that follows (same code, rolled back), so what it
shows is what the import does. Both run off the GUI thread in a `BackgroundRun` and can be
cancelled; a cancelled import writes nothing, and closing while one runs cancels it first.
A subclass builds its choices, starts the run (`_launch`) and shows a result (`_show`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any, Generic

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.exchange.records import Outcome
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.kit.exchange.file_dialogs import FileChooser
from bilatdesk.ui.kit.exchange.jobs import BackgroundRun
from bilatdesk.ui.kit.exchange.outcome_model import FILTER_TEXTS, OutcomeModel, R
from bilatdesk.ui.kit.exchange.widgets import results_table
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ErrorBox


class ImportDialog(QDialog, Generic[R]):
    """Preview, then import, one file; `imported` is the report (R) once it is written."""

    run: BackgroundRun

    def __init__(self, parent: QWidget | None, services: Services) -> None:
        super().__init__(parent)
        self.services = services
        self.imported: R | None = None
        self._closing = False
        self._preview_current = False

    # -- what a subclass says -------------------------------------------------------------
    def _choice_widgets(self) -> Sequence[QWidget]:
        """The choices, disabled while something runs and once imported."""
        return ()

    def _launch(self, *, dry_run: bool) -> str | None:
        """Start the run with the choices as they are: what the progress line says first,
        or None when nothing started."""
        raise NotImplementedError

    def _report_of(self, result: Any) -> R:
        """The report in a run's result (the result itself unless a subclass says so)."""
        return result  # type: ignore[no-any-return]

    def _show(self, result: Any) -> None:
        raise NotImplementedError

    # -- building -------------------------------------------------------------------------
    def _build_preview(
        self, model: OutcomeModel[Any, Any], all_text: str, widths: Sequence[int]
    ) -> QTableView:
        """The summary, the "Show:" filter, the table over `model` (its first columns
        `widths` wide), progress and the buttons; the table is returned."""
        self._outcomes = model
        self.summary = QLabel(self.tr("The preview has not run yet."))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.filter_combo = QComboBox()
        self.filter_combo.addItem(all_text, "all")
        for key, text in FILTER_TEXTS:
            self.filter_combo.addItem(self.tr(text), key)
        view = results_table()
        view.setModel(model)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)  # how much there is to read is not known in advance
        self.progress_label = QLabel()
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.preview_button = QPushButton(icon("find"), self.tr("&Preview"))
        self.preview_button.setToolTip(self.tr("Show what the import would do; nothing is written"))
        self.import_button = QPushButton(icon("save"), self.tr("&Import"))
        self.import_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        return view

    def _lay_out_frame(
        self,
        file_label: QLabel,
        choices: Sequence[tuple[QWidget, int]],
        view: QTableView,
        stretch: int,
    ) -> None:
        """The file, the choices (each with its stretch), the preview, progress, buttons."""
        preview = QGroupBox(self.tr("Preview"))
        preview_layout = QVBoxLayout(preview)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.summary, 1)
        show = QLabel(self.tr("S&how:"))
        show.setBuddy(self.filter_combo)
        filter_row.addWidget(show)
        filter_row.addWidget(self.filter_combo)
        preview_layout.addLayout(filter_row)
        preview_layout.addWidget(view)
        progress = QHBoxLayout()
        progress.addWidget(self.progress_label)
        progress.addWidget(self.progress_bar, 1)
        progress.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(file_label)
        for widget, widget_stretch in choices:
            layout.addWidget(widget, widget_stretch)
        layout.addWidget(preview, stretch)
        layout.addLayout(progress)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.filter_combo.currentIndexChanged.connect(self._on_filter_combo_changed)
        self.preview_button.clicked.connect(self.preview)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.run.progress.connect(self._on_run_progress)
        self.run.finished.connect(self._on_run_finished)
        self.run.cancelled.connect(self._on_run_cancelled)
        self.run.failed.connect(self._on_run_failed)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.start_import)

    # -- actions --------------------------------------------------------------------------
    def preview(self) -> bool:
        """Start the dry run (False while something runs or after the import)."""
        return self._start(dry_run=True)

    def start_import(self) -> bool:
        """Start the real import (False while something runs or once imported)."""
        return self._start(dry_run=False)

    def cancel(self) -> None:
        if self.run.running:
            self.run.cancel()
            self.progress_label.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _start(self, *, dry_run: bool) -> bool:
        if self.run.running or self.imported is not None:
            return False
        first = self._launch(dry_run=dry_run)
        if first is None:
            return False
        self.progress_label.setText(first)
        self._set_running(True)
        return True

    def _set_running(self, running: bool) -> None:
        for widget in (self.progress_bar, self.progress_label, self.cancel_button):
            widget.setVisible(running)
        self.cancel_button.setEnabled(running)
        idle = not running and self.imported is None
        for choice in (self.preview_button, self.import_button, *self._choice_widgets()):
            choice.setEnabled(idle)

    def _counts_text(self, report: R) -> str:
        """ "3 new, 1 to update, …" of a preview, "Imported: 3 created, …" of an import."""
        if report.dry_run:
            text = self.tr(
                "<b>%1 new, %2 to update, %3 to skip, %4 refused.</b> Nothing has been written yet."
            )
        else:
            text = self.tr("<b>Imported: %1 created, %2 updated, %3 skipped, %4 refused.</b>")
        for number, outcome in enumerate(
            (Outcome.CREATE, Outcome.UPDATE, Outcome.SKIP, Outcome.REFUSE), start=1
        ):
            text = text.replace(f"%{number}", f"{report.count(outcome):,}")
        return text

    def _show_failure(self, message: str) -> None:
        self.summary.setText(f"<b>{escape(message)}</b>")

    def _mark_stale(self, *_args: object) -> None:
        if self._preview_current:
            self._preview_current = False
            self.summary.setText(
                self.tr("The choices changed since the preview: preview again to see their effect.")
            )

    # -- slots ----------------------------------------------------------------------------
    def _on_filter_combo_changed(self, _index: int) -> None:
        self._outcomes.set_filter(str(self.filter_combo.currentData()))

    def _on_run_progress(self, value: object) -> None:
        self.progress_label.setText(str(value))

    def _on_run_finished(self, result: Any) -> None:
        report = self._report_of(result)
        if not report.dry_run:
            self.imported = report
        self._preview_current = report.dry_run
        self._set_running(False)
        self._show(result)
        if self._closing:
            self.done(QDialog.DialogCode.Accepted if self.imported else QDialog.DialogCode.Rejected)

    def _on_run_cancelled(self) -> None:
        self._set_running(False)
        self.summary.setText(self.tr("<b>Cancelled.</b> Nothing was written."))
        if self._closing:
            self.done(QDialog.DialogCode.Rejected)

    def _on_run_failed(self, message: str) -> None:
        self._set_running(False)
        self._show_failure(message)
        if self._closing:
            self.done(QDialog.DialogCode.Rejected)

    # -- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc or Close: while something runs, cancel it first and close when it stopped."""
        if self.run.running:
            self._closing = True
            self.cancel()
            return
        if self.imported is not None:
            self.accept()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.run.running:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    @staticmethod
    def _ask_with(
        parent: QWidget | None,
        path: Path | None,
        files: type[FileChooser],
        make: Callable[[Path], ImportDialog[R]],
        title: str,
    ) -> R | None:
        """Open the dialog `make` builds on `path` (asked for when None), preview, let the user
        import: the report of the import made, or None. A file refused at once is said in a
        box titled `title`."""
        if path is None:
            path = files.open_path(parent)
            if path is None:
                return None
        try:
            dialog = make(path)
        except ServiceError as exc:
            ErrorBox.show(parent, title, str(exc))
            return None
        dialog.preview()
        dialog.exec()
        return dialog.imported
