"""Starting the window: paint the chrome first, then the first page's rows, then the rest.

Importing SQLAlchemy, the services and qtawesome, opening the database and running each
page's first query took 1.6 s on the 1M-engagement file. None of it is needed to draw the
window's frame, so `start_gui` shows the bare chrome (`MainWindow` without a database), and
only on the event-loop turn after its first paint opens the database and attaches it with
the one page the window opens on. Once that page's rows are painted, the other pages, the
icons (qtawesome) and the areas' menus follow, a page per turn of the event loop. This
module and everything it imports at the top must stay light: tests/test_startup.py checks
that the path to the first paint loads neither SQLAlchemy nor qtawesome, and that the first
rows come before any other page, qtawesome, alembic or reportlab.

An encrypted file's passphrase is asked for (or taken from BILATDESK_PASSPHRASE), a read-only
file opens for viewing only, and a damaged one offers its newest good backup
(ui/shell/opening.py). When the database cannot be opened (held by another instance, not a
bilatdesk file, written by a newer version), the window goes away, the sentence is printed
on stderr and shown in a box, and the program exits with status 1. BILATDESK_NO_DIALOGS=1
leaves the box out (tests, scripts).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from bilatdesk.ui.kit.collector import install_collector, pause_collection, resume_collection
from bilatdesk.ui.kit.teardown import while_alive
from bilatdesk.ui.kit.wheel_guard import install_wheel_guard
from bilatdesk.ui.shell.frame import display_name
from bilatdesk.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from bilatdesk.ui.shell.app import GuiSession

Hook = Callable[[], None]


@dataclass(frozen=True)
class StartupHooks:
    """Callbacks at the two moments start-up is measured by (benchmarks/window_probe.py)."""

    painted: Hook | None = None
    """After the first paint of the window's chrome."""
    ready: Hook | None = None
    """After the first paint once the database is attached (the current page's rows shown)."""


def application() -> QApplication:
    """The application object, created once, named so settings land in one place."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName("bilatdesk")
    app.setApplicationName("bilatdesk")
    install_wheel_guard(app)
    install_collector(app)
    return app


def show_startup_error(message: str) -> None:
    """A modal box with the sentence; creates the application object if none exists yet."""
    if os.environ.get("BILATDESK_NO_DIALOGS"):
        return  # the caller printed the sentence on stderr already
    application()
    QMessageBox.critical(None, "bilatdesk", message)


class _AfterPaint(QObject):
    """Calls back once, on the event-loop turn after any widget of `window` is painted.

    Waiting for that turn (rather than calling back from inside the paint) lets the paint
    finish and reach the screen before the callback blocks the loop with work of its own.
    """

    def __init__(self, window: QWidget, callback: Hook) -> None:
        super().__init__()
        self._window = window
        self._callback = callback
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    @while_alive
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
            QTimer.singleShot(0, self._callback)
        return False


class Startup(QObject):
    """One start of the window over `location`, from the first paint to the attached pages."""

    def __init__(
        self, location: str, *, write_demo: bool = False, hooks: StartupHooks | None = None
    ) -> None:
        super().__init__()
        self.location = location
        self.write_demo = write_demo
        self.hooks = hooks or StartupHooks()
        self.session: GuiSession | None = None
        self.window = MainWindow(location=location)
        if write_demo:
            self.window.show_opening(self.window.tr("Writing the demo database…"))
        self._watch: _AfterPaint | None = None

    def show(self) -> None:
        self._watch = _AfterPaint(self.window, self._on_window_painted)
        self.window.show()

    # -- steps ----------------------------------------------------------------------------
    def _on_window_painted(self) -> None:
        if self.hooks.painted is not None:
            self.hooks.painted()
        if self.write_demo:
            self._start_demo()
        else:
            self._open()

    def _start_demo(self) -> None:
        """Write the demo off the GUI thread (seconds), so the window keeps painting."""
        from bilatdesk.ui.kit.background import Op

        print(f"bilatdesk: no database yet; writing the demo to {self.location}", file=sys.stderr)
        Op(
            self,
            lambda _progress: self._write_demo(),
            lambda _none: self._open(),
            explain=self._sentence_for,  # every fault explained: the same words as opening
        ).failure(self._fail).run_in_background()

    def _write_demo(self) -> None:
        """In the pool: the demo is written aside and renamed, so quitting half-way never
        leaves a half demo to open."""
        from bilatdesk.demo.database import build_demo

        target = Path(self.location)
        partial = target.with_name(target.name + ".partial")
        target.parent.mkdir(parents=True, exist_ok=True)
        build_demo(partial, force=True)
        partial.replace(target)

    def _open(self) -> None:
        from bilatdesk.services.kernel.settings import is_demo
        from bilatdesk.ui.kit.fonts import register_shipped_fonts
        from bilatdesk.ui.shell.app import GuiSession
        from bilatdesk.ui.shell.opening import open_database

        register_shipped_fonts()
        try:
            # Asks for the passphrase of an encrypted file, offers a damaged file's backup.
            db = open_database(self.window, self.location)
        except Exception as exc:
            self._fail_with(exc)
            return
        if db is None:
            self._fail(self.window.tr("Nothing was opened: no passphrase was given."))
            return
        pause_collection()  # until the rows are painted: see ui/kit/collector.py
        try:
            self.session = GuiSession(
                db, demo=is_demo(db), window=self.window, first_page_only=True
            )
        except Exception as exc:
            db.close()
            self._fail_with(exc)
            return
        self._watch = _AfterPaint(self.window, self._on_rows_painted)

    def _on_rows_painted(self) -> None:
        """The first rows are on screen: the other pages, the icons and menus come now."""
        resume_collection()
        if self.hooks.ready is not None:
            self.hooks.ready()
        self.window.build_the_rest()

    def _fail_with(self, exc: BaseException) -> None:
        self._fail(self._sentence_for(exc))

    def _sentence_for(self, exc: BaseException) -> str:
        """What the user is told when opening failed; the unexpected's details go to stderr."""
        from bilatdesk.store.errors import StoreError

        if isinstance(exc, StoreError):
            return str(exc)
        if isinstance(exc, OSError):
            return f"{exc.strerror or exc}: {exc.filename or self.location}"
        traceback.print_exception(exc, file=sys.stderr)
        return (
            f"An unexpected error stopped bilatdesk while opening "
            f"{display_name(self.location)}. The details were written to the terminal."
        )

    def _fail(self, message: str) -> None:
        """Nothing half-open: the window goes, the sentence is told, the program exits 1."""
        print(f"bilatdesk: {message}", file=sys.stderr)
        app = application()
        app.setQuitOnLastWindowClosed(False)  # the box below must not end the loop early
        self.window.hide()
        self.window.deleteLater()
        show_startup_error(message)
        app.exit(1)


def start_gui(location: str, *, write_demo: bool = False, hooks: StartupHooks | None = None) -> int:
    """Show the window over `location` (writing the demo there first if asked); run it."""
    app = application()
    startup = Startup(location, write_demo=write_demo, hooks=hooks)
    startup.show()
    try:
        return app.exec()
    finally:
        if startup.session is not None:
            startup.session.close()
