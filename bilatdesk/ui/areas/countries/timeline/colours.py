"""Colours of the timeline: one per relationship status, one per lane, readable text on them.

Every colour is a middle tone, so it stands out on a light and on a dark background alike;
text drawn on a colour is black or white, whichever contrasts more.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QPalette

from bilatdesk.domain.enums import RelationStatus

BUILT_IN = {
    RelationStatus.NORMAL.value: "#4c9a5a",  # green
    RelationStatus.SLOWDOWN.value: "#e0a126",  # amber
    RelationStatus.DEEP_FREEZE.value: "#6d8797",  # blue-grey
}
CONFIGURED = ("#8e6cc0", "#2a9d8f", "#d0607a", "#a0785a", "#5c6bc0", "#9e9d24")
"""Statuses a post adds take these in turn, by their place in the post's list."""
UNKNOWN = "#9e9e9e"

LANES = {"engagement": "#1e88e5", "visit": "#8e44ad", "agreement": "#00897b"}


def status_colour(status: str, configured: Sequence[str] = ()) -> QColor:
    """The band colour of a status: fixed for the built-in ones, by index for configured."""
    if status in BUILT_IN:
        return QColor(BUILT_IN[status])
    if status in configured:
        return QColor(CONFIGURED[list(configured).index(status) % len(CONFIGURED)])
    return QColor(UNKNOWN)


def lane_colour(kind: str) -> QColor:
    return QColor(LANES.get(kind, UNKNOWN))


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on `colour` (WCAG relative luminance)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )
    # Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
    return QColor("#000000") if (luminance + 0.05) ** 2 > 0.0525 else QColor("#ffffff")


def mix(first: QColor, second: QColor, share: float) -> QColor:
    """`share` of `first` and the rest of `second`."""
    rest = 1 - share
    return QColor(
        round(first.red() * share + second.red() * rest),
        round(first.green() * share + second.green() * rest),
        round(first.blue() * share + second.blue() * rest),
    )


def quiet_text(palette: QPalette) -> QColor:
    """Text that informs without shouting: between the text and the window colours."""
    return mix(
        palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.6
    )
