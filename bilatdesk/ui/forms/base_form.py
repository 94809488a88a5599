"""What every record form shares: errors at their fields, unsaved-change guard, Ctrl+S."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.errors import ServiceError, ValidationError
from bilatdesk.ui.context import Services
from bilatdesk.ui.dialogs.messages import ErrorBox, UnsavedChangesDialog
from bilatdesk.ui.forms.widgets import watch_widget


def error_colour(widget: QWidget) -> str:
    """A red that reads on the widget's background: darker on light palettes, lighter on dark."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff8a80" if dark else "#c62828"


class RecordForm(QDialog):
    """A dialog editing one record; subclasses lay out fields and load, collect and store."""

    KIND: ClassVar[str] = "record"

    def __init__(self, parent: QWidget | None, services: Services,
                 record_id: int | None = None, scope: int | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.record_id = record_id
        self.scope = scope
        self.version: int | None = None
        self.saved_id: int | None = None
        self.dirty = False
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
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

    # -- building -------------------------------------------------------------------------
    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        """Add a row whose error (from `ValidationError.errors[name]`) shows beneath it."""
        error = QLabel()
        error.setWordWrap(True)
        error.setObjectName(f"error_{name}")
        # An id selector keeps the red border on this widget, not on a composite's children.
        widget.setObjectName(f"field_{name}")
        widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        error.hide()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        if label:
            self.form.addRow(label, holder)
        else:
            self.form.addRow(holder)  # tables of rows take the full width, under their section
        self._fields[name] = (widget, error)
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
        for widget, _error in self._fields.values():
            watch_widget(widget, self._on_field_changed)
        self.dirty = False
        first = next(iter(self._fields.values()), None)
        if first is not None:
            first[0].setFocus()

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
        self.clear_errors()
        colour = error_colour(self)
        first: QWidget | None = None
        for name, (widget, label) in self._fields.items():
            if name in errors:
                label.setText(errors[name])
                label.setStyleSheet(f"color: {colour};")
                label.show()
                widget.setProperty("invalid", True)
                widget.setStyleSheet(
                    f"#field_{name} {{ border: 1px solid {colour}; border-radius: 3px; }}"
                )
                first = first or widget
        unplaced = [message for name, message in errors.items() if name not in self._fields]
        if unplaced:
            self.show_banner(" ".join(unplaced))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        self.banner.hide()
        for widget, label in self._fields.values():
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setStyleSheet("")
            label.hide()

    def field_error(self, name: str) -> str:
        """The message shown at a field, or "" (for tests and accessibility)."""
        _widget, label = self._fields[name]
        return label.text() if not label.isHidden() else ""

    def show_banner(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.setStyleSheet(f"color: {error_colour(self)};")
        self.banner.show()

    # -- saving and closing ---------------------------------------------------------------
    def save(self) -> bool:
        try:
            self.saved_id = self.store(self.collect())
        except ValidationError as exc:
            self.show_errors(exc.errors)
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
    def ask(cls, parent: QWidget | None, services: Services,
            record_id: int | None = None, scope: int | None = None) -> int | None:
        """Open the form modally; the id of the saved record, or None when nothing was saved."""
        form = cls(parent, services, record_id, scope)
        return form.saved_id if form.exec() == QDialog.DialogCode.Accepted else None
