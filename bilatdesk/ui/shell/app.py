"""Starting the GUI: the application object, the main window, reopening on another database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from bilatdesk.ui.kit.fonts import register_shipped_fonts
from bilatdesk.ui.kit.wheel_guard import install_wheel_guard
from bilatdesk.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from bilatdesk.store.database import Database


class GuiSession(QObject):
    """Owns the open database and its window; swaps both when the user opens another file."""

    def __init__(
        self, db: Database, *, demo: bool = False, window: MainWindow | None = None
    ) -> None:
        """A new window over `db`, or `window` (a shell already on screen) attached to it."""
        super().__init__()
        register_shipped_fonts()
        self.db = db
        if window is None:
            window = MainWindow(db, demo=demo)
        else:
            window.attach(db, demo=demo)
        window.open_requested.connect(self._on_window_open_requested)
        self.window = window

    def _on_window_open_requested(self, path: str) -> None:
        from bilatdesk.services.kernel.settings import is_demo
        from bilatdesk.store.database import Database
        from bilatdesk.store.errors import StoreError
        from bilatdesk.ui.kit.messages import ErrorBox

        if Path(path).resolve() == Path(self.db.display_location).resolve():
            return  # already open here; reopening would trip over our own lock
        try:
            # Open the new one first: if it fails, the current database stays as it was.
            new_db = Database.open(Path(path))
        except StoreError as exc:
            ErrorBox.show(self.window, self.window.tr("Cannot open the database"), str(exc))
            return
        old_window, old_db = self.window, self.db
        old_window.close()
        old_window.deleteLater()
        old_db.close()
        self.db = new_db
        self.window = MainWindow(new_db, demo=is_demo(new_db))
        self.window.open_requested.connect(self._on_window_open_requested)
        self.window.show()

    def close(self) -> None:
        self.db.close()


def run_gui(db: Database, *, demo: bool = False) -> int:
    """Show the main window over an open database and run until it is closed."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName("bilatdesk")
    app.setApplicationName("bilatdesk")
    install_wheel_guard(app)
    session = GuiSession(db, demo=demo)
    session.window.show()
    try:
        return app.exec()
    finally:
        # The caller closes the database it gave us; one we opened later is ours to close.
        if session.db is not db:
            session.close()
