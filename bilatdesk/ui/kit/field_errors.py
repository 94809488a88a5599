"""Errors shown at their fields: a red line under the field and a red border around it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def error_colour(widget: QWidget) -> str:
    """A red that reads on the widget's background: darker on light palettes, lighter on dark."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff8a80" if dark else "#c62828"


class FieldErrors:
    """Registers field widgets by service field name and shows `ValidationError.errors` there."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def wrap(self, name: str, widget: QWidget) -> QWidget:
        """A holder with the widget above its (hidden) error line; lay the holder out."""
        error = QLabel()
        error.setWordWrap(True)
        error.setObjectName(f"error_{name}")
        error.hide()
        # An id selector keeps the red border on this widget, not on a composite's children.
        widget.setObjectName(f"field_{name}")
        widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        self._fields[name] = (widget, error)
        return holder

    def __contains__(self, name: str) -> bool:
        return name in self._fields

    def widgets(self) -> list[QWidget]:
        return [widget for widget, _label in self._fields.values()]

    def show(self, errors: dict[str, str]) -> list[str]:
        """Show each error at its field; returns the messages that have no field here."""
        self.clear()
        for name, (widget, label) in self._fields.items():
            if name in errors:
                colour = error_colour(widget)
                label.setText(errors[name])
                label.setStyleSheet(f"color: {colour};")
                label.show()
                widget.setProperty("invalid", True)
                widget.setStyleSheet(
                    f"#field_{name} {{ border: 1px solid {colour}; border-radius: 3px; }}"
                )
        return [message for name, message in errors.items() if name not in self._fields]

    def clear(self) -> None:
        for widget, label in self._fields.values():
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setStyleSheet("")
            label.hide()

    def message(self, name: str) -> str:
        """The message shown at a field, or "" (for tests and accessibility)."""
        _widget, label = self._fields[name]
        return label.text() if not label.isHidden() else ""

    def widget(self, name: str) -> QWidget:
        return self._fields[name][0]
