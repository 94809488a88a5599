"""Row heights from the font's own measure of accented capitals, so no script's marks are cut.

A fixed height (or the font's nominal height) clipped the dots of capital Ö and Ü in the
organisation tree: marks above capitals and below the line reach past the nominal ascent and
descent in many fonts, and further in the fallback fonts other scripts are drawn with.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

SAMPLE = "ÖÜÅÉÇŞĘȘŢẞÂĤjgyq ǺǗ ḮṏỖ ÑŃ ΪΫ ЁЙ Ї ỐỨ ก็ญู"
"""Capitals with marks above, letters with tails and marks below, in several scripts."""
PADDING = 6


def row_height(font: QFont) -> int:
    """The height a one-line row needs in `font` (and in its bold form) for every mark."""
    heights = []
    for bold in (False, True):
        shown = QFont(font)
        shown.setBold(bold)
        metrics = QFontMetrics(shown)
        ink = metrics.tightBoundingRect(SAMPLE)
        heights += [metrics.height(), metrics.lineSpacing(), ink.height() + 2]
    return max(heights) + PADDING


class ScriptRowDelegate(QStyledItemDelegate):
    """Rows at least `row_height` of the view's font tall."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._least = row_height(parent.font())

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), self._least))
