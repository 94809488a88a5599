"""The mouse wheel changes a combo box, spin box or date field only when it has the focus.

Scrolling a long form over an unfocused field would otherwise change the field: one notch
turned a paragraph's (U) into (R) in the cable editor, and the change saved itself. One event
filter on the application guards every such widget of every form: the widget takes focus only
by click or Tab, and a wheel event over it while unfocused goes to the scroll area behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

# QSpinBox, QDoubleSpinBox, QDateEdit, QTimeEdit and QDateTimeEdit are QAbstractSpinBoxes.
GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Swallows wheel events on guarded widgets without focus, and passes them to the parent."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            # A click or Tab gives focus; the wheel alone never does.
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and isinstance(watched, GUARDED) and not watched.hasFocus():
            parent = watched.parentWidget()
            # The scroll area behind the field scrolls as if the field were not there.
            event.ignore()
            if parent is not None:
                QApplication.sendEvent(parent, event)
            return True
        return False


_GUARD: list[WheelGuard] = []


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard once on the application; later calls return the same guard."""
    if not _GUARD:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        _GUARD.append(guard)
        # Widgets polished before the guard was installed get the focus policy now.
        for widget in app.allWidgets():
            if isinstance(widget, GUARDED):
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return _GUARD[0]
