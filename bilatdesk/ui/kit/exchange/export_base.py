"""The frame both exports share: country, ceiling and file, a note, Export and Close.

The export runs in the pool (a large database takes seconds) and writes its file atomically,
so there is never half a file to cancel. A subclass adds its own choices (`_choice_rows`),
the work (`_work`) and the sentence saying what was written (`_done_text`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.catalog import Services
from bilatdesk.ui.kit.exchange.file_dialogs import FileChooser
from bilatdesk.ui.kit.exchange.jobs import job, writing
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.widgets import ChoiceCombo, ClassificationCombo

T = TypeVar("T")
FormRow = tuple[str, QWidget | QLayout]


class ExportDialog(QDialog, Generic[T]):
    """Choose the country, the highest classification and the file (and what a subclass
    adds); export in the background; say what was written, or why not."""

    written = Signal(object)
    """The file is written; carries what the export wrote (as `exported`)."""

    stem = "export"
    """The suggested file's name, before "-Country" and the suffix."""
    files: type[FileChooser]

    def __init__(self, parent: QWidget | None, services: Services) -> None:
        super().__init__(parent)
        self.services = services
        self.exported: T | None = None
        self.country_combo = ChoiceCombo(self.tr("All countries"))
        self.country_combo.set_choices(services.countries.choices(accredited_only=False))
        self.ceiling_combo = ClassificationCombo()
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton(icon("open"), self.tr("&Choose…"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setEnabled(False)  # the palette's quiet colour
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.hide()
        self.export_button = QPushButton(icon("export"), self.tr("&Export"))
        self.export_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        self._running = False
        self._target: Path | None = None

    def _finish(self, country_id: int | None, *, ceiling: str, width: int) -> None:
        """Once the subclass has built its choices: preselect, lay out, connect, size."""
        self.country_combo.set_value(country_id)
        self.ceiling_combo.set_value(ceiling)
        self.path_edit.setText(str(self._suggested(country_id)))
        self._lay_out()
        self._connect()
        self.resize(width, self.sizeHint().height())

    # -- what a subclass says -------------------------------------------------------------
    def _choice_rows(self) -> Sequence[FormRow]:
        """The form's rows above the file."""
        raise NotImplementedError

    def _choice_widgets(self) -> Sequence[QWidget]:
        """Its own choices, disabled while the file is written."""
        return ()

    def _suffix(self) -> str:
        raise NotImplementedError

    def _work(self, path: Path) -> Callable[[], T] | None:
        """The export to run into `path`, or None (said in the result line) when the choices
        do not allow one."""
        raise NotImplementedError

    def _done_text(self, result: T) -> str:
        raise NotImplementedError

    # -- building -------------------------------------------------------------------------
    def _lay_out(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        file_label = QLabel(self.tr("&File"))
        file_label.setBuddy(self.path_edit)
        form = QFormLayout()
        for label, field in self._choice_rows():
            form.addRow(label, field)
        form.addRow(file_label, file_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress_bar, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.country_combo.currentIndexChanged.connect(self._on_country_combo_changed)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)

    # -- actions --------------------------------------------------------------------------
    def _suggested(self, country_id: int | None) -> Path:
        """people.vcf, or engagements-Austria.ics, beside the current file (or at home)."""
        current = self.path_edit.text().strip()
        folder = Path(current).parent if current else Path.home()
        name = self.stem
        index = self.country_combo.findData(country_id) if country_id is not None else -1
        if index >= 0:
            name += "-" + re.sub(r"[^\w]+", "-", self.country_combo.itemText(index)).strip("-")
        return folder / f"{name}{self._suffix()}"

    def export(self) -> bool:
        """Start writing the file (False when the choices are incomplete or an export runs)."""
        if self._running:
            return False
        text = self.path_edit.text().strip()
        if not text:
            chosen = self.files.save_path(self, self._suggested(self.country_combo.value()))
            if chosen is None:
                return False
            self.path_edit.setText(str(chosen))
            text = str(chosen)
        path = Path(text).expanduser()
        if not path.parent.is_dir():
            self._show_failure(
                self.tr("The folder %1 does not exist; choose another file.").replace(
                    "%1", str(path.parent)
                )
            )
            return False
        work = self._work(path)
        if work is None:
            return False
        self._running = True
        self._target = path
        self._set_busy(True)
        self.result_label.setText(self.tr("Writing %1…").replace("%1", escape(path.name)))
        job(self, lambda _progress: work(), writing(), self._on_op_done).failure(
            self._on_op_failed
        ).run_in_background()
        return True

    def _set_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(busy)
        for widget in (
            self.export_button,
            self.browse_button,
            self.path_edit,
            self.country_combo,
            self.ceiling_combo,
            self.close_button,
            *self._choice_widgets(),
        ):
            widget.setEnabled(not busy)

    def _show_failure(self, message: str) -> None:
        self.result_label.setText(f"<span style='color:#c62828'>{escape(message)}</span>")

    # -- slots ----------------------------------------------------------------------------
    def _on_country_combo_changed(self, _index: int) -> None:
        current = Path(self.path_edit.text().strip() or self.stem)
        if current.stem.startswith(self.stem):  # still our suggestion: follow the country
            self.path_edit.setText(str(self._suggested(self.country_combo.value())))

    def _on_browse_button_clicked(self) -> None:
        suggested = Path(self.path_edit.text().strip() or self._suggested(None))
        chosen = self.files.save_path(self, suggested)
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def _on_op_done(self, result: T) -> None:
        self._running = False
        self._set_busy(False)
        self.exported = result
        self.result_label.setText(self._done_text(result))
        self.close_button.setFocus()
        self.written.emit(result)

    def _on_op_failed(self, message: str) -> None:
        self._running = False
        self._set_busy(False)
        self._show_failure(message)

    def reject(self) -> None:
        if self._running:
            return  # the file is being written; it is whole or absent in a moment
        super().reject()

    @classmethod
    def ask(
        cls, parent: QWidget | None, services: Services, country_id: int | None = None
    ) -> T | None:
        """What the last export wrote, or None when nothing was exported."""
        dialog = cls(parent, services, country_id)  # type: ignore[call-arg]  # subclasses take it
        dialog.exec()
        return dialog.exported
