"""What every file format may raise: a file refused whole, and an import the user cancelled."""

from __future__ import annotations

from bilatdesk.domain.errors import ServiceError


class FormatError(ServiceError):
    """A file that cannot be used at all as its format says; str() is the sentence to show."""


class ImportCancelledError(ServiceError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was written.")
