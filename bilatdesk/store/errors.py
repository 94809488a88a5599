"""Failures of the store, each with a sentence a clerk can act on."""

from __future__ import annotations

from bilatdesk.domain.errors import ServiceError


class StoreError(ServiceError):
    """Base of every storage failure; str() is the message to show.

    A refusal with a sentence like any other (domain/errors.py): a full disk during a save
    reaches the form that saved as its sentence, never as a traceback.
    """


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


class WriteFailedError(StoreError):
    """Saving failed for a reason of the disk (full, failing, read-only); nothing was saved."""


def write_failure(exc: BaseException) -> str | None:
    """The sentence for a database error caused by the disk, or None for any other error."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "full" in text or "no space left" in text:
        return (
            "The disk is full, so this was not saved. Free some space (or move the database "
            "to a larger disk) and save again; nothing was lost."
        )
    if "readonly" in text or "read-only" in text:
        return "The database can no longer be written (read-only disk or file); nothing was saved."
    if "disk i/o error" in text:
        return (
            "The disk reported an error, so this was not saved. Check the disk, then run "
            "`bilatdesk check`."
        )
    return None


class RefusedByDatabaseError(StoreError):
    """The database refused a change the services did not foresee (a broken link, a duplicate,
    a dispatched cable's freeze, a character it cannot store); nothing was saved.

    The original error is the exception's cause, for the log and for callers that must tell
    one refusal from another (a unique key lost to a concurrent writer, say).
    """


def refusal(exc: BaseException) -> str:
    """The sentence for a refusal by the database (or its driver) of a unit of work."""
    if isinstance(exc, UnicodeError):
        return (
            "The text holds a broken character (an unpaired surrogate) that cannot be stored, "
            "so nothing was saved. Retype the text and save again."
        )
    text = str(getattr(exc, "orig", None) or exc).strip()
    lowered = text.lower()
    for frozen in ("a dispatched cable never changes", "a kept document never changes"):
        if frozen in lowered:
            detail = text[lowered.index(frozen) :].splitlines()[0].rstrip(".")
            return f"{detail[0].upper()}{detail[1:]}; nothing was saved."
    if "foreign key" in lowered:
        return (
            "Another record still refers to this one, or this one refers to a record that no "
            "longer exists, so nothing was saved. Reload and try again."
        )
    if "unique" in lowered or "duplicate key" in lowered:
        return "A record with the same key already exists, so nothing was saved."
    first = text.splitlines()[0][:200] if text else type(exc).__name__
    return f"The database refused this change ({first}), so nothing was saved."
