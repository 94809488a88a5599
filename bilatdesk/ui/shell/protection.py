"""What protects the open file: passphrase entries in File, View ▸ Lock, idle lock, backups.

Changing, adding or removing the passphrase works on the closed file: the window's records
are taken out (`MainWindow.detach`), the database is closed, the store function runs in the
background helper, and the file is reopened with the new key (or the old one, when the work
failed). Locking closes the database the same way and drops the key with it; the lock screen
asks for the passphrase, and unlocking reattaches the window on the page it showed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel

from bilatdesk.store.database import Database
from bilatdesk.ui.kit.background import Op, Progress, pool
from bilatdesk.ui.kit.changes import EVERYTHING
from bilatdesk.ui.kit.messages import Confirm, ErrorBox, Notice
from bilatdesk.ui.kit.passphrase import NewPassphraseDialog
from bilatdesk.ui.kit.settings import settings
from bilatdesk.ui.kit.teardown import while_alive
from bilatdesk.ui.shell.locking import (
    Draft,
    IdleWatch,
    LockScreen,
    SleepSignals,
    after_loops_unwind,
    bring_back,
    idle_minutes,
    loop_level,
    put_away_dialogs,
)
from bilatdesk.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from bilatdesk.store.backups import Backup

CHECK_EVERY_MS = 15_000
BACKUP_WHEN_IDLE_S = 120
AUTOMATIC_BACKUPS_KEY = "backups/automatic"


class Session(Protocol):
    """The GUI session as protection sees it: the window and its (possibly closed) database."""

    window: MainWindow
    db: Database | None

    def attach_db(self, db: Database) -> None: ...


def _busy(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("busy")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setEnabled(False)
    return label


class Protection(QObject):
    """The window's protection entries and watches; one per window, parented to it."""

    def __init__(self, session: Session, clock: Callable[[], float] = time.time) -> None:
        window = session.window
        super().__init__(window)
        self.session = session
        self.window = window
        self.path: Path | None = None
        self.locked = False
        self.busy = False
        self.drafts: list[Draft] = []
        self.lock_screen: LockScreen | None = None
        self.base_level = loop_level()
        self.backup_op: Op[Backup] | None = None
        self.check_op: Op[Backup] | None = None  # the full check of the newest backup
        self._backed_up_after = -1.0  # the input after which the idle backup was looked at
        self.idle = IdleWatch(self, clock)
        menu, anchor = window.file_menu, window.file_menu_anchor
        self.change_action = self._add(self.tr("Change &passphrase…"), self.change_passphrase)
        self.encrypt_action = self._add(self.tr("&Encrypt this database…"), self.encrypt)
        self.decrypt_action = self._add(self.tr("&Decrypt this database…"), self.decrypt)
        self.backups_action = self._add(self.tr("&Backups…"), self.show_backups)
        for action in (self.backups_action, self.change_action, self.encrypt_action):
            menu.insertAction(anchor, action)
        menu.insertAction(anchor, self.decrypt_action)
        self.lock_action = self._add(self.tr("&Lock"), self.lock)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        window.addAction(self.lock_action)
        window.view_menu.addAction(self.lock_action)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check_idle)
        self.timer.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_app_applicationStateChanged)
        self.sleep = SleepSignals(self)
        self.sleep.sleeping.connect(self._on_sleep_sleeping)
        window.installEventFilter(self)
        self.update_actions()

    def _add(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- state ----------------------------------------------------------------------------
    @property
    def db(self) -> Database | None:
        return self.session.db

    def update_actions(self) -> None:
        db = self.db
        open_file = db is not None and db.is_sqlite and not self.busy
        if db is not None and db.is_sqlite:
            self.path = Path(db.display_location)
        writable = open_file and db is not None and not db.read_only
        encrypted = db is not None and db.encrypted
        self.change_action.setEnabled(writable and encrypted)
        self.encrypt_action.setEnabled(writable and not encrypted)
        self.decrypt_action.setEnabled(writable and encrypted)
        self.backups_action.setEnabled(open_file)
        self.lock_action.setEnabled(db is not None and not self.busy)

    def _reattach(self, db: Database) -> None:
        self.session.attach_db(db)
        self.busy = False
        self.idle.touch()
        self.update_actions()

    def run_closed(
        self,
        doing: str,
        work: Callable[[Path], object],
        reopen_with: str | None,
        done: Callable[[object], None],
    ) -> None:
        """Close the file, run `work(path)` in the background, reopen with `reopen_with`.

        When the work fails the sentence is shown and the file reopens with its old key.
        """
        db = self.db
        if db is None or self.path is None or self.busy:
            return
        path = self.path
        old_key = str(db.url.password) if db.encrypted and db.url.password is not None else None
        self.busy = True
        self.update_actions()
        self.window.detach(_busy(doing))
        self.window.statusBar().showMessage(doing)
        db.close()
        self.session.db = None

        def succeeded(result: object) -> None:
            self.window.statusBar().clearMessage()
            self._reattach(Database.open(path, passphrase=reopen_with))
            done(result)

        def failed(sentence: str) -> None:
            self.window.statusBar().clearMessage()
            self._reattach(Database.open(path, passphrase=old_key))
            ErrorBox.show(self.window, self.tr("Nothing was changed"), sentence)

        def run(_progress: Progress) -> object:
            return work(path)

        Op(self.window, run, succeeded).failure(failed).run_in_background()

    # -- the passphrase -------------------------------------------------------------------
    def change_passphrase(self) -> None:
        from bilatdesk.store.cipher import change_passphrase

        choice = NewPassphraseDialog.ask(self.window, self.tr("Change passphrase"), ask_old=True)
        if choice is None or choice.passphrase is None:
            return
        old, new = choice.old, choice.passphrase
        self.run_closed(
            self.tr("Changing the passphrase…"),
            lambda path: change_passphrase(path, old, new),
            new,
            lambda _none: Notice.show(
                self.window,
                self.tr("Passphrase changed"),
                self.tr("The database now opens with the new passphrase only."),
            ),
        )

    def encrypt(self) -> None:
        from bilatdesk.store.cipher import encrypt_file

        choice = NewPassphraseDialog.ask(
            self.window,
            self.tr("Encrypt this database"),
            explanation=self.tr(
                "An encrypted copy is written and checked, then takes the file's place; the "
                "plain file is overwritten and removed. From then on the passphrase is asked "
                "each time the database is opened and is kept nowhere: if it is lost, the "
                "records cannot be read."
            ),
        )
        if choice is None or choice.passphrase is None:
            return
        passphrase = choice.passphrase
        self.run_closed(
            self.tr("Encrypting…"),
            lambda path: encrypt_file(path, passphrase),
            passphrase,
            lambda _none: Notice.show(
                self.window,
                self.tr("Database encrypted"),
                self.tr(
                    "The database is encrypted. The plain file was overwritten with zeros and "
                    "removed (a journaling or copy-on-write disk may still hold old blocks)."
                ),
            ),
        )

    def decrypt(self) -> None:
        from bilatdesk.store.cipher import decrypt_file

        db = self.db
        if db is None or not db.encrypted or db.url.password is None:
            return
        if not Confirm.ask(
            self.window,
            self.tr("Decrypt this database"),
            self.tr(
                "Decrypting writes every record, cable and biography to the disk as plain "
                "text: anyone who gets hold of the file or the laptop can read it. "
                "Decrypt only if you must."
            ),
            self.tr("Decrypt"),
        ):
            return
        passphrase = str(db.url.password)
        self.run_closed(
            self.tr("Decrypting…"),
            lambda path: decrypt_file(path, passphrase),
            None,
            lambda _none: Notice.show(
                self.window,
                self.tr("Database decrypted"),
                self.tr("The database is no longer encrypted; no passphrase is asked."),
            ),
        )

    # -- locking --------------------------------------------------------------------------
    def lock(self) -> None:
        """Hide every record, close the database and drop its key; the lock screen asks."""
        db = self.db
        if db is None or self.locked or self.busy:
            return
        if not db.encrypted:
            Notice.show(
                self.window,
                self.tr("Nothing to lock"),
                self.tr(
                    "This database is not encrypted, so locking would not protect it: anyone "
                    "can read the file. Use File ▸ Encrypt this database… first."
                ),
            )
            return
        self.locked = True
        self.stop_full_check()
        self.drafts = put_away_dialogs(self.window)
        path = self.path or Path(db.display_location)
        read_only = db.read_only
        screen = LockScreen(
            path.name, lambda text: Database.open(path, passphrase=text, read_only=read_only)
        )
        screen.panel.opened.connect(self._on_unlocked)
        self.lock_screen = screen
        self.window.detach(screen)
        self.window.sidebar.hide()
        self.window.scope_toolbar.hide()
        self.update_actions()
        # A closed form's caller may still read (a saved record's refresh) once its dialog's
        # event loop returns: the database closes after that.
        after_loops_unwind(self.base_level, lambda: self._close_locked(db))

    def _close_locked(self, db: Database) -> None:
        db.close()
        if self.session.db is db:
            self.session.db = None
        self.update_actions()
        if self.lock_screen is not None:
            self.lock_screen.panel.field.setFocus()

    def _on_unlocked(self, opened: object) -> None:
        if not isinstance(opened, Database):
            return
        self.locked = False
        self.lock_screen = None
        self._reattach(opened)
        drafts, self.drafts = self.drafts, []
        services = self.window.services
        for draft in drafts:
            if services is not None:
                bring_back(
                    draft, self.window, services, lambda: self.window.refresh_for(EVERYTHING)
                )

    def check_idle(self) -> None:
        """On the timer: lock after the idle time, back up after two quiet minutes."""
        idle = self.idle.idle_seconds()
        minutes = idle_minutes()
        db = self.db
        if db is None or self.locked or self.busy:
            return
        if db.encrypted and minutes > 0 and idle >= minutes * 60:
            self.lock()
            return
        if idle >= BACKUP_WHEN_IDLE_S and self._backed_up_after != self.idle.last_input:
            self._backed_up_after = self.idle.last_input
            self.backup_if_due()

    def _on_app_applicationStateChanged(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self._on_sleep_sleeping()

    def _on_sleep_sleeping(self) -> None:
        db = self.db
        if db is not None and db.encrypted:
            self.lock()

    # -- backups --------------------------------------------------------------------------
    def show_backups(self) -> None:
        from bilatdesk.ui.shell.backups import BackupsDialog

        BackupsDialog.ask(self.window, self)

    def backup_if_due(self) -> None:
        """An automatic backup in the background when the last one is a day old."""
        from bilatdesk.store.backups import backup_due, take_backup

        db, path = self.db, self.path
        if db is None or path is None or db.read_only or not automatic_backups():
            return
        if self.backup_op is not None and self.backup_op.running:
            return
        if not backup_due(path):
            self.check_backup_in_full()
            return
        connect = db.connect_file
        self.window.statusBar().showMessage(self.tr("Backing up…"))

        def finished(_result: object) -> None:
            self.window.statusBar().showMessage(self.tr("Backed up."), 5000)
            self.check_backup_in_full()  # still idle: the full check follows

        def failed(sentence: str) -> None:
            self.window.statusBar().showMessage(sentence, 15000)

        self.backup_op = Op(
            self.window, lambda _progress: take_backup(path, connect=connect), finished
        ).failure(failed)
        self.backup_op.run_in_background()

    def check_backup_in_full(self) -> None:
        """When idle after a backup: its full integrity_check, in the background (19 s on the
        1M-engagement file); a damaged backup stops counting and the status bar says so."""
        from bilatdesk.store.backups import CheckStoppedError, awaiting_full_check, check_in_full

        db, path = self.db, self.path
        if db is None or path is None:
            return
        waiting = awaiting_full_check(path)
        if waiting is None:
            return
        connect = db.connect_file

        def finished(checked: Backup) -> None:
            if not checked.good:
                self.window.statusBar().showMessage(
                    self.tr(
                        "The latest backup failed its full check (%1); another is taken."
                    ).replace("%1", checked.verdict),
                    30000,
                )
                self._backed_up_after = -1.0  # the next idle moment takes a new one

        self.check_op = Op(
            self.window,
            lambda progress: check_in_full(
                waiting, connect=connect, stop=lambda: progress.cancelled
            ),
            finished,
            cancelled_by=(CheckStoppedError,),
        ).failure(lambda sentence: self.window.statusBar().showMessage(sentence, 15000))
        self.check_op.run_in_background()

    def stop_full_check(self) -> None:
        """Locking or quitting: a full check still running stops (it keeps the key)."""
        if self.check_op is not None and self.check_op.running:
            self.check_op.cancel()
            pool().waitForDone(10_000)

    def backup_at_quit(self) -> None:
        """At quit, at most daily: the backup itself, nothing else, holds the quit."""
        from bilatdesk.store.backups import backup_due, take_backup
        from bilatdesk.store.errors import StoreError

        self.stop_full_check()
        db, path = self.db, self.path
        if db is None or path is None or db.read_only or not automatic_backups():
            return
        if self.backup_op is not None and self.backup_op.running:
            pool().waitForDone()  # the idle backup already running finishes instead
            return
        if not backup_due(path):
            return
        self.window.statusBar().showMessage(self.tr("Backing up…"))
        QGuiApplication.processEvents()
        try:
            take_backup(path, connect=db.connect_file)
        except StoreError as exc:
            print(f"bilatdesk: {exc}", file=sys.stderr)

    @while_alive
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.backup_at_quit()
        return False


def automatic_backups() -> bool:
    """Whether backups are taken by themselves (idle and at quit); on unless turned off."""
    return str(settings().value(AUTOMATIC_BACKUPS_KEY, "true")).lower() != "false"
