"""Locking the window: the lock screen, the idle watch, drafts kept through a lock, sleep.

Idle time is measured on the wall clock (`time.time()` compared on a periodic timer), so the
hours a laptop slept count. Drafts in open record forms are saved before the lock when they
are valid; otherwise their typed values stay in memory (never on disk) and the form comes
back with them after the unlock.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.kit.base_form import RecordForm
from bilatdesk.ui.kit.passphrase import PassphrasePanel
from bilatdesk.ui.kit.settings import settings
from bilatdesk.ui.kit.teardown import while_alive

log = logging.getLogger(__name__)

IDLE_MINUTES_KEY = "lock/idle_minutes"
DEFAULT_IDLE_MINUTES = 10
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def idle_minutes() -> int:
    """Minutes without input before an encrypted database locks (0: never)."""
    value = settings().value(IDLE_MINUTES_KEY, DEFAULT_IDLE_MINUTES)
    try:
        return max(0, int(str(value)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES


class LockScreen(QWidget):
    """Shown instead of the pages while locked: the file's name and the passphrase field."""

    def __init__(self, name: str, attempt: Callable[[str], object]) -> None:
        super().__init__()
        self.setObjectName("lock_screen")
        title = QLabel(self.tr("<h2>Locked</h2>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.panel = PassphrasePanel(
            self.tr("%1 is locked. Type its passphrase to go on.").replace("%1", name),
            attempt,
            button=self.tr("Unlock"),
        )
        self.panel.setMaximumWidth(480)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class IdleWatch(QObject):
    """Notes the last input anywhere in the application; `check` tells how long it has been."""

    def __init__(self, parent: QObject, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.clock = clock
        self.last_input = clock()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # Qt drops it by itself when this object goes

    @while_alive
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.last_input = self.clock()
        return False

    def touch(self) -> None:
        self.last_input = self.clock()

    def idle_seconds(self) -> float:
        return self.clock() - self.last_input


# -- drafts -------------------------------------------------------------------------------
@dataclass
class Draft:
    """A form's typed values kept in memory through a lock (they were not valid to save)."""

    form_class: type[RecordForm]
    record_id: int | None
    scope: int | None
    values: list[object] = field(default_factory=list)


VALUE_WIDGETS = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractButton,
    QAbstractSpinBox,
)


def _value_widgets(form: RecordForm) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in form.errors.widgets():
        for candidate in (widget, *widget.findChildren(QWidget)):
            if isinstance(candidate, VALUE_WIDGETS):
                found.append(candidate)
    return found


def _value(widget: QWidget) -> object:
    value: object = None
    if isinstance(widget, QComboBox):
        value = (widget.currentIndex(), widget.currentText())
    elif isinstance(widget, QLineEdit):
        value = widget.text()
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        value = widget.toPlainText()
    elif isinstance(widget, QAbstractButton):
        value = widget.isChecked()
    elif isinstance(widget, QDateTimeEdit):
        value = widget.dateTime()
    elif isinstance(widget, QSpinBox | QDoubleSpinBox):
        value = widget.value()
    return value


def _set_value(widget: QWidget, value: object) -> None:
    if isinstance(widget, QComboBox) and isinstance(value, tuple):
        index, text = value
        widget.setCurrentIndex(int(index))
        if widget.isEditable():
            widget.setEditText(str(text))
    elif isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit | QTextEdit) and isinstance(value, str):
        widget.setPlainText(value)
    elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
        widget.setChecked(value)
    elif isinstance(widget, QDateTimeEdit) and value is not None:
        widget.setDateTime(value)  # type: ignore[arg-type]
    elif isinstance(widget, QSpinBox | QDoubleSpinBox) and isinstance(value, int | float):
        widget.setValue(value)  # type: ignore[arg-type]


def put_away_dialogs(window: QWidget) -> list[Draft]:
    """Close every dialog over `window`: forms with changes are saved, or kept as drafts.

    Windows of their own (a cable editor, a brief's preview) are put away too: a draft that
    saves itself is saved first, then every such window closes, so no record stays on screen.
    """
    drafts: list[Draft] = []
    for dialog in window.findChildren(QDialog):
        if not dialog.isVisible():
            continue
        if isinstance(dialog, RecordForm) and dialog.dirty:
            try:
                dialog.saved_id = dialog.store(dialog.collect())
            except ServiceError:
                values = [_value(widget) for widget in _value_widgets(dialog)]
                drafts.append(Draft(type(dialog), dialog.record_id, dialog.scope, values))
                dialog.dirty = False
                dialog.done(QDialog.DialogCode.Rejected)
                continue
            dialog.dirty = False
            dialog.done(QDialog.DialogCode.Accepted)
        else:
            dialog.done(QDialog.DialogCode.Rejected)
    _put_away_other_windows(window)
    return drafts


def _put_away_other_windows(window: QWidget) -> None:
    """Close every other visible top-level window, saving a self-saving draft first."""
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget is window or not widget.isVisible() or widget.isAncestorOf(window):
            continue
        save_now = getattr(widget, "save_now", None)
        if callable(save_now):
            with contextlib.suppress(ServiceError):
                save_now()  # a cable draft: its text is in the (encrypted) database first
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)
        widget.close()


def bring_back(
    draft: Draft, parent: QWidget, services: Services, saved: Callable[[], None]
) -> RecordForm:
    """Reopen a kept draft's form with its typed values; `saved` runs when it is saved."""
    form = draft.form_class(parent, services, draft.record_id, draft.scope)
    for widget, value in zip(_value_widgets(form), draft.values, strict=False):
        with contextlib.suppress(TypeError, ValueError):
            _set_value(widget, value)
    form.dirty = True
    form.accepted.connect(saved)
    form.open()
    return form


# -- the platform's sleep and screen lock -------------------------------------------------
class SleepSignals(QObject):
    """logind's PrepareForSleep and the screensaver's ActiveChanged, where D-Bus has them."""

    sleeping = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.watching: list[str] = []
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # no QtDBus in this build: the idle timer still locks
            return
        hooks = (
            (
                QDBusConnection.systemBus(),
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
            ),
            (
                QDBusConnection.sessionBus(),
                "org.freedesktop.ScreenSaver",
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver",
                "ActiveChanged",
            ),
        )
        for bus, service, path, interface, name in hooks:
            if not bus.isConnected():
                continue
            with contextlib.suppress(Exception):  # a bus refusing the match is not fatal
                slot = SLOT("_on_bus(bool)").encode()
                if bus.connect(service, path, interface, name, self, slot):
                    self.watching.append(name)

    @Slot(bool)
    def _on_bus(self, starting: bool) -> None:
        if starting:
            self.sleeping.emit()


def loop_level() -> int:
    """How deep the GUI thread's event loops are nested (a modal dialog adds one)."""
    from PySide6.QtCore import QThread

    return QThread.currentThread().loopLevel()


def after_loops_unwind(level: int, then: Callable[[], None]) -> None:
    """Call `then` once the event loops above `level` have returned (closed modal dialogs)."""
    if loop_level() > level:
        QTimer.singleShot(10, lambda: after_loops_unwind(level, then))
    else:
        then()
