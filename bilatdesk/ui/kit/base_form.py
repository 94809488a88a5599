"""What every record form shares: errors at their fields, unsaved-change guard, Ctrl+S."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import (
    ReadOnlyDatabaseError,
    ServiceError,
    ValidationError,
    WriteFailedError,
)
from bilatdesk.ui.kit.field_errors import FieldErrors, error_colour
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.history import HistoryTable
from bilatdesk.ui.kit.messages import ErrorBox, UnsavedChangesDialog
from bilatdesk.ui.kit.widgets import watch_widget


class RecordForm(QDialog):
    """A dialog editing one record; subclasses lay out fields and load, collect and store."""

    KIND: ClassVar[str] = "record"
    HISTORY: ClassVar[str] = ""
    """The kind of record whose audit entries the History shows ("" for none)."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.record_id = record_id
        self.scope = scope
        self.version: int | None = None
        self.saved_id: int | None = None
        self.dirty = False
        self.errors = FieldErrors()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        body = QWidget()
        body.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._on_buttons_accepted)
        # The fields scroll, the buttons stay: the form opens inside its screen, where it was.
        self.window_place = keep_place(self, 640, 560)

    # -- building -------------------------------------------------------------------------
    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        """Add a row whose error (from `ValidationError.errors[name]`) shows beneath it."""
        holder = self.errors.wrap(name, widget)
        if label:
            self.form.addRow(label, holder)
        else:
            self.form.addRow(holder)  # tables of rows take the full width, under their section
        return widget

    def add_section(self, title: str) -> None:
        heading = QLabel(f"<b>{title}</b>")
        heading.setContentsMargins(0, 8, 0, 0)
        self.form.addRow(heading)

    def finish(self) -> None:
        """Load the record (if any), then start tracking changes; subclasses call this last."""
        if self.record_id is not None:
            try:
                self.load()
            except ServiceError as exc:
                self.show_banner(str(exc))
                self.save_button.setEnabled(False)
            self._add_history()
        for widget in self.errors.widgets():
            watch_widget(widget, self._on_field_changed)
        if self.services.read_only:
            # Every form reads this one flag: a file open for viewing only is never saved.
            self.show_banner(self.tr("Viewing only: this database cannot be changed."))
            self.save_button.setEnabled(False)
        self.dirty = False
        fields = self.errors.widgets()
        if fields:
            fields[0].setFocus()

    def _add_history(self) -> None:
        """The History of a stored record: a tab where the form has tabs, else a last section."""
        if not self.HISTORY or self.record_id is None:
            return
        self.history = HistoryTable(self)
        try:
            self.history.set_rows(self.services.audit.history(self.HISTORY, self.record_id))
        except ServiceError as exc:
            self.show_banner(str(exc))
        tabs = getattr(self, "tabs", None)
        if isinstance(tabs, QTabWidget):
            tabs.addTab(self.history, self.tr("History"))
        else:
            self.add_section(self.tr("History"))
            self.form.addRow(self.history)

    # -- subclass hooks -------------------------------------------------------------------
    def load(self) -> None:
        """Fill the widgets from the stored record and remember its version."""
        raise NotImplementedError

    def collect(self) -> Any:
        """The service input built from the widgets (may raise ValidationError for parsing)."""
        raise NotImplementedError

    def store(self, data: Any) -> int:
        """Create or update through the service; returns the record id."""
        raise NotImplementedError

    # -- errors ---------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        self.banner.hide()
        unplaced = self.errors.show(errors)
        if unplaced:
            self.show_banner(" ".join(unplaced))
        first = next((name for name in errors if name in self.errors), None)
        if first is not None:
            self.errors.widget(first).setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        self.banner.hide()
        self.errors.clear()

    def field_error(self, name: str) -> str:
        """The message shown at a field, or "" (for tests and accessibility)."""
        return self.errors.message(name)

    def show_banner(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.setStyleSheet(f"color: {error_colour(self)};")
        self.banner.show()

    # -- saving and closing ---------------------------------------------------------------
    def save(self) -> bool:
        if self.services.read_only:
            return False
        try:
            self.saved_id = self.store(self.collect())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except (WriteFailedError, ReadOnlyDatabaseError) as exc:
            # A full or failing disk: the sentence stays at the form, whose values are kept.
            self.show_banner(str(exc))
            return False
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot save"), str(exc))
            return False
        self.clear_errors()
        self.dirty = False
        return True

    def _on_buttons_accepted(self) -> None:
        if self.save():
            self.accept()

    def _on_field_changed(self, *_args: object) -> None:
        self.dirty = True

    def reject(self) -> None:
        """Esc, Cancel and the window's close button all come here: ask before losing work."""
        if self.dirty:
            answer = UnsavedChangesDialog.ask(self)
            if answer == UnsavedChangesDialog.CANCEL:
                return
            if answer == UnsavedChangesDialog.SAVE:
                if self.save():
                    self.accept()
                return
        self.dirty = False
        super().reject()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> int | None:
        """Open the form modally; the id of the saved record, or None when nothing was saved."""
        form = cls(parent, services, record_id, scope)
        return form.saved_id if form.exec() == QDialog.DialogCode.Accepted else None
