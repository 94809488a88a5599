"""Starting the GUI: the application object, the main window, reopening on another database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from bilatdesk.ui.kit.fonts import register_shipped_fonts
from bilatdesk.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from bilatdesk.store.database import Database
    from bilatdesk.ui.shell.protection import Protection


class GuiSession(QObject):
    """Owns the open database and its window; swaps both when the user opens another file.

    `db` is None while the window is locked or its file is being re-keyed: the database is
    closed then, and its key gone with it.
    """

    def __init__(
        self,
        db: Database,
        *,
        demo: bool = False,
        window: MainWindow | None = None,
        first_page_only: bool = False,
    ) -> None:
        """A new window over `db`, or `window` (a shell already on screen) attached to it;
        `first_page_only` leaves the other pages to `window.build_the_rest()`, and the
        protection (lock, backups, passphrase) to when they are built."""
        super().__init__()
        register_shipped_fonts()
        self.db: Database | None = db
        if window is None:
            window = MainWindow(db, demo=demo)
        else:
            window.attach(db, demo=demo, first_page_only=first_page_only)
        self.window = window
        self.protection: Protection | None = None
        self._watch(window, protect_now=not first_page_only)

    def _watch(self, window: MainWindow, *, protect_now: bool = True) -> None:
        window.open_requested.connect(self._on_window_open_requested)
        window.create_requested.connect(self._on_window_create_requested)
        if protect_now:
            self._protect()
        else:
            window.completed.connect(self._protect)

    def _protect(self) -> None:
        from bilatdesk.ui.shell.protection import Protection

        if self.protection is None:
            self.protection = Protection(self)

    def attach_db(self, db: Database) -> None:
        """Put the window back over `db` (after a lock or a change of key)."""
        from bilatdesk.services.kernel.settings import is_demo

        self.db = db
        self.window.attach(db, demo=is_demo(db))

    def _on_window_open_requested(self, path: str) -> None:
        from bilatdesk.ui.shell.opening import open_database

        self._switch_to(path, lambda: open_database(self.window, path))

    def _on_window_create_requested(self, path: str, passphrase: object) -> None:
        from bilatdesk.store.database import Database

        key = passphrase if isinstance(passphrase, str) else None
        self._switch_to(path, lambda: Database.open(Path(path), passphrase=key))

    def _switch_to(self, path: str, opener: Callable[[], Database | None]) -> None:
        from bilatdesk.services.kernel.settings import is_demo
        from bilatdesk.store.errors import StoreError
        from bilatdesk.ui.kit.messages import ErrorBox

        if self.db is not None and Path(path).resolve() == Path(self.db.display_location).resolve():
            return  # already open here; reopening would trip over our own lock
        try:
            # Open the new one first: if it fails, the current database stays as it was.
            new_db = opener()
        except StoreError as exc:
            ErrorBox.show(self.window, self.window.tr("Cannot open the database"), str(exc))
            return
        if new_db is None:
            return  # the user gave up at the passphrase
        old_window, old_db = self.window, self.db
        old_window.close()
        old_window.deleteLater()
        if old_db is not None:
            old_db.close()
        self.db = new_db
        self.window = MainWindow(new_db, demo=is_demo(new_db))
        self.protection = None  # went with the old window
        self._watch(self.window)
        self.window.show()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
