"""Windows that open at a size fitting their screen and come back where they were, per screen.

Sizes are in device-independent pixels: Qt 6 scales them to the screen's DPI itself (the
rounding policy stays "pass through", so 125 % and 150 % are honoured, not rounded to 100 %
or 200 %), and the screen's available geometry is read in the same units. A window's place is
remembered per screen, keyed by the screen's name and geometry, because a position that was
right on the office monitor is off the edge of the laptop's own screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from bilatdesk.ui.kit.settings import settings
from bilatdesk.ui.kit.teardown import while_alive

SMALL_SCREEN = QSize(1280, 680)
"""The smallest screen every window must fit: a 13-inch laptop at 100 %, less its task bar."""
_MARGIN = 24
"""Room left around a window for its frame and title bar."""


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen a window opens on: its parent window's, else its own, else the primary."""
    parent = widget.parentWidget()
    anchor = parent.window() if parent is not None else widget
    return anchor.screen() or QGuiApplication.primaryScreen()


def room(widget: QWidget) -> QRect:
    """The part of the window's screen that windows may use (without task bars and docks)."""
    screen = screen_of(widget)
    if screen is None:  # no screen at all (a headless start before the platform is up)
        return QRect(0, 0, SMALL_SCREEN.width(), SMALL_SCREEN.height())
    return screen.availableGeometry()


def fitted_size(widget: QWidget, width: int, height: int) -> QSize:
    """The preferred size, made smaller where the screen is smaller (never below the minimum)."""
    area = room(widget)
    size = QSize(min(width, area.width() - _MARGIN), min(height, area.height() - _MARGIN))
    return size.expandedTo(widget.minimumSize())


def screen_key(screen: QScreen | None) -> str:
    """A settings key naming one screen by its name and geometry ("eDP-1 1280x720+0+0")."""
    if screen is None:
        return "none"
    g = screen.geometry()
    # "/" and "\" separate groups in QSettings; a screen's name may hold either.
    name = (screen.name() or "screen").replace("/", "_").replace("\\", "_")
    return f"{name} {g.width()}x{g.height()}+{g.x()}+{g.y()}"


class WindowPlace(QObject):
    """Sizes one window to its screen on first show, and remembers where it was left there."""

    def __init__(self, window: QWidget, name: str, width: int, height: int) -> None:
        super().__init__(window)
        self.window = window
        self.name = name
        self.preferred = QSize(width, height)
        self._placed = False
        window.resize(fitted_size(window, width, height))
        window.installEventFilter(self)

    def prefer(self, width: int, height: int) -> None:
        """Change the size the window opens at when its screen has no remembered place."""
        self.preferred = QSize(width, height)
        self.window.resize(fitted_size(self.window, width, height))

    def key(self) -> str:
        return f"places/{self.name}/{screen_key(screen_of(self.window))}"

    @while_alive
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.Show and not self._placed:
                self._placed = True
                self.restore()
            elif event.type() in (QEvent.Type.Hide, QEvent.Type.Close) and self._placed:
                self.remember()
        return False

    def restore(self) -> None:
        """Put the window where it was left on this screen, or at its preferred size, inside."""
        area = room(self.window)
        saved = _rect(settings().value(self.key()))
        if saved is not None and area.contains(saved):
            self.window.setGeometry(saved)
            return
        size = fitted_size(self.window, self.preferred.width(), self.preferred.height())
        self.window.resize(size)
        frame = self.window.frameGeometry()
        if not area.contains(frame):
            frame.moveCenter(area.center())
            self.window.move(max(frame.x(), area.x()), max(frame.y(), area.y()))

    def remember(self) -> None:
        g = self.window.geometry()
        store = settings()
        store.setValue(self.key(), [g.x(), g.y(), g.width(), g.height()])
        store.sync()


def _rect(value: object) -> QRect | None:
    """A remembered geometry read back from settings, or None when there is none or it is bad."""
    if not isinstance(value, list | tuple) or len(value) != 4:
        return None
    try:
        x, y, width, height = (int(str(part)) for part in value)
    except ValueError:
        return None
    if width <= 0 or height <= 0:
        return None
    return QRect(x, y, width, height)


def keep_place(window: QWidget, width: int, height: int, name: str = "") -> WindowPlace:
    """Open `window` at (width, height) or what its screen allows, remembered per screen."""
    return WindowPlace(window, name or type(window).__name__, width, height)
