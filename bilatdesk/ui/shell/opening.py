"""Opening a database for the window: viewing mode, the passphrase, a damaged file's backup.

A file (or folder) that cannot be written opens in viewing mode (`read_only`). An encrypted
file is opened with `BILATDESK_PASSPHRASE` when that is set (automation), else its passphrase
is asked for in a dialog until it opens or the user gives up. A damaged file (an unclean stop,
a bad disk) offers the newest good backup, saying its date and that later changes are lost.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from bilatdesk.store.cipher import PassphraseRequiredError, WrongPassphraseError
from bilatdesk.store.database import Database
from bilatdesk.store.errors import DamagedDatabaseError, StoreError

ENVIRONMENT = "BILATDESK_PASSPHRASE"


def _tr(text: str) -> str:
    return QCoreApplication.translate("opening", text)


def sqlite_path(location: str | Path) -> Path | None:
    """The file of a SQLite location, None for a server URL."""
    text = str(location)
    if "://" not in text:
        return Path(text)
    if text.startswith("sqlite"):
        return Path(text.split(":///", 1)[1]) if ":///" in text else None
    return None


def viewing_only(location: str | Path) -> bool:
    """True for an existing file that cannot be written (its mode, or a read-only medium)."""
    path = sqlite_path(location)
    if path is None or not path.is_file():
        return False
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def might_be_encrypted(location: str | Path) -> bool:
    """Whether a file that is not plain SQLite could be an encrypted database.

    SQLCipher writes whole pages (a power of two, at least 512 bytes), so a file of another
    length is garbage or someone else's, and asking for a passphrase would only mislead.
    """
    path = sqlite_path(location)
    try:
        size = path.stat().st_size if path is not None else 0
    except OSError:
        return False
    return size >= 512 and size % 512 == 0


def open_database(
    parent: QWidget | None, location: str | Path, *, passphrase: str | None = None
) -> Database | None:
    """The open database, or None when the user gave up; other failures raise StoreError."""
    read_only = viewing_only(location)
    given = passphrase or os.environ.get(ENVIRONMENT) or None

    def attempt(text: str | None) -> Database:
        try:
            return Database.open(location, read_only=read_only, passphrase=text)
        except DamagedDatabaseError as exc:
            restored = offer_backup(parent, location, exc, text)
            if not restored:
                raise
            return Database.open(location, read_only=read_only, passphrase=text)

    try:
        return attempt(given)
    except (PassphraseRequiredError, WrongPassphraseError):
        if not might_be_encrypted(location):
            raise
    from bilatdesk.ui.kit.passphrase import PassphraseDialog  # loaded only when asked

    name = Path(str(location)).name
    opened = PassphraseDialog.ask(
        parent,
        _tr("Passphrase"),
        _tr("%1 is encrypted. Type its passphrase to open it.").replace("%1", name),
        attempt,
    )
    return opened if isinstance(opened, Database) else None


def offer_backup(
    parent: QWidget | None, location: str | Path, damage: StoreError, passphrase: str | None
) -> bool:
    """Offer the newest good backup in place of a damaged file; True once it was restored."""
    from bilatdesk.store.backups import latest_good, restore
    from bilatdesk.store.cipher import keyed_connect
    from bilatdesk.store.copies import plain_connect
    from bilatdesk.ui.kit.messages import Confirm, Notice

    path = sqlite_path(location)
    backup = latest_good(path) if path is not None else None
    if path is None or backup is None:
        return False
    taken = backup.taken.astimezone().strftime("%d %B %Y, %H:%M")
    question = (
        _tr("%1\n\nRestore the newest good backup, taken on %2? Changes made since then are lost.")
        .replace("%1", str(damage))
        .replace("%2", taken)
    )
    if not Confirm.ask(parent, _tr("The database is damaged"), question, _tr("Restore")):
        return False
    connect = keyed_connect(passphrase) if passphrase else plain_connect
    aside = restore(backup.path, path, connect=connect)
    Notice.show(
        parent,
        _tr("Backup restored"),
        _tr("The backup of %1 was restored. The damaged file was kept aside as %2.")
        .replace("%1", taken)
        .replace("%2", aside.name),
    )
    return True
