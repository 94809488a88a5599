"""Failures of the store, each with a sentence a clerk can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every storage failure; str() is the message to show."""


class DatabaseInUseError(StoreError):
    """Another running instance holds the database."""

    def __init__(self, path: str, holder: str) -> None:
        super().__init__(
            f"The database {path} is already open in another bilatdesk ({holder}). "
            "Close it there first, or open a different database."
        )
        self.path = path
        self.holder = holder


class DatabaseOpenError(StoreError):
    """The database cannot be opened or is not a bilatdesk database."""


class MigrationError(StoreError):
    """Bringing the database schema up to date failed; nothing was changed."""


class NewerDatabaseError(StoreError):
    """The file was written by a newer bilatdesk than this one."""


class ForeignFileError(DatabaseOpenError):
    """The file is not a bilatdesk database; it was left exactly as it was."""


class DamagedDatabaseError(DatabaseOpenError):
    """The file is a database but damaged; str() says what to do."""


class ReadOnlyDatabaseError(StoreError):
    """A write was asked of a database opened for viewing only."""
