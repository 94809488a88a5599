"""Typed failures of a user action, with messages a clerk understands."""

from __future__ import annotations

from collections.abc import Mapping


class ServiceError(Exception):
    """Base of every refusal; str() is the sentence to show."""


class ValidationError(ServiceError):
    """Input refused; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


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
