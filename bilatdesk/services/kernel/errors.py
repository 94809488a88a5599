"""Typed failures of a user action, with messages a clerk understands.

The two that any layer may raise (ServiceError, ValidationError) live in bilatdesk.domain.errors
and are re-exported here, so every `except ServiceError` still catches them all; so are the
store's two refusals a face may tell apart (a disk that failed, a file open for viewing only).
"""

from __future__ import annotations

from bilatdesk.domain.errors import ServiceError, ValidationError
from bilatdesk.store.errors import ReadOnlyDatabaseError, WriteFailedError

__all__ = [
    "ConflictError",
    "NotFoundError",
    "ReadOnlyDatabaseError",
    "ServiceError",
    "ValidationError",
    "WriteFailedError",
    "require_version",
]


class NotFoundError(ServiceError):
    """The record no longer exists (deleted elsewhere, or a wrong id)."""


class ConflictError(ServiceError):
    """Someone else saved the record after it was opened here."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} was changed by someone else after you opened it. "
            "Close it, open it again and reapply your change."
        )


def require_version(current: int, expected: int, what: str) -> None:
    """Refuse to act on a record that changed since the caller read it at `expected`."""
    if current != expected:
        raise ConflictError(what)
