"""What may leave the embassy in an exported file: the one rule for every format's ceiling.

A ceiling is a classification level; a record marked at or below it may leave, one marked
above it is left out entirely (not even a placeholder). No ceiling (None) lets everything
leave; the faces propose DEFAULT_CEILING, so nothing classified leaves by accident.
"""

from __future__ import annotations

from bilatdesk.domain.classification import ClassificationScheme, UnknownClassificationError
from bilatdesk.domain.errors import ServiceError

DEFAULT_CEILING = "U"
"""What an export proposes unless the user raises it: unclassified records only."""


def allowed_codes(scheme: ClassificationScheme, ceiling: str | None) -> tuple[str, ...] | None:
    """The classification codes that may leave under `ceiling`; None when there is none.

    The ceiling may be a code, a name or a portion mark ("R", "RESTRICTED", "(R)").
    """
    if ceiling is None:
        return None
    try:
        return scheme.at_or_below(scheme.parse(ceiling).code)
    except UnknownClassificationError as exc:
        raise ServiceError(f"The export ceiling {exc}.") from exc


def may_leave(code: str, allowed: tuple[str, ...] | None) -> bool:
    """Whether a record marked `code` may leave, given allowed_codes(...) of the ceiling."""
    return allowed is None or code in allowed
