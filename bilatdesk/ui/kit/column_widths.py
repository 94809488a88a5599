"""List columns: the title takes the spare width, the others their content's, as last left.

A list's columns are sized to what they hold (capped, the full text is in the tooltip), and
when together they would crowd the title or subject, the widest give way first: "Agreement on
Cultur…" was cut while date and place columns stood wide and mostly empty. Widths the clerk
drags are remembered per list. A column given as whole (a date and time) always takes its
content's width and never gives way: "Thu 1 Oct 2026 03:…" was cut at 1280 pixels while the
place beside it kept 190.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

from bilatdesk.ui.kit.settings import settings
from bilatdesk.ui.kit.teardown import while_alive

LEAST = 48
MOST = 260
"""No column but the title is sized wider than this to its content; the tooltip has the rest."""
OTHERS_SHARE = 0.6
"""The columns other than the title take at most this share of the list's width, unless the
titles shown need less than the rest."""


class ColumnWidths(QObject):
    """Sizes one table's columns on first show and remembers the widths the user sets."""

    def __init__(
        self, table: QTableView, stretch: int, key: str = "", *, whole: Iterable[int] = ()
    ) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = stretch
        self._key = key
        self._fitting = False
        self._shown = False
        header = table.horizontalHeader()
        self.whole = frozenset(c for c in whole if 0 <= c < header.count() and c != stretch)
        """Columns sized to their content by Qt as rows come and go, never narrowed."""
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if 0 <= stretch < header.count():
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        for column in self.whole:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(self._on_header_sectionResized)
        table.installEventFilter(self)
        if table.isVisible():  # no Show event is coming
            self._shown = True
            self.fit()

    def key(self) -> str:
        """Where the widths are kept: the list's page by name (as the main window names it)."""
        if self._key:
            return f"columns/{self._key}"
        widget = self.table.parentWidget()
        while widget is not None and not widget.objectName():
            widget = widget.parentWidget()
        owner = widget.objectName() if widget is not None else type(self.table).__name__
        return f"columns/{owner}"

    def saved(self) -> list[int]:
        value = settings().value(self.key())
        if not isinstance(value, list | tuple):
            return []
        try:
            return [int(str(width)) for width in value]
        except ValueError:
            return []

    def fit(self) -> None:
        """Remembered widths, else each column's content's (capped), sharing the width."""
        header = self.table.horizontalHeader()
        count = header.count()
        saved = self.saved()
        widths: dict[int, int] = {}
        viewport = self.table.viewport().width()
        room = int(viewport * OTHERS_SHARE)
        if 0 <= self.stretch < count and not header.isSectionHidden(self.stretch):
            # Titles shorter than their share leave the rest to the others: "CONFIDE…" was
            # cut beside a title column half empty.
            title = max(
                self.table.sizeHintForColumn(self.stretch),
                header.sectionSizeFromContents(self.stretch).width(),
            )
            room = max(room, viewport - title)
        for column in range(count):
            if column in self.whole and not header.isSectionHidden(column):
                room -= max(
                    self.table.sizeHintForColumn(column),
                    header.sectionSizeFromContents(column).width(),
                )
                continue
            if column == self.stretch or header.isSectionHidden(column):
                continue
            if len(saved) == count and saved[column] > 0:
                widths[column] = saved[column]
                continue
            content = max(
                self.table.sizeHintForColumn(column),
                header.sectionSizeFromContents(column).width(),
            )
            widths[column] = min(max(content, LEAST), MOST)
        if len(saved) != count:
            _share(widths, room)
        self._fitting = True
        try:
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def remember(self) -> None:
        header = self.table.horizontalHeader()
        settings().setValue(self.key(), [header.sectionSize(c) for c in range(header.count())])

    @while_alive
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Show and not self._shown:
            self._shown = True  # the width to share is known only once the list is laid out
            self.fit()
        return False

    def _on_header_sectionResized(self, column: int, _old: int, _new: int) -> None:
        if (
            not self._fitting
            and self._shown
            and column != self.stretch
            and column not in self.whole
        ):
            self.remember()


def _share(widths: dict[int, int], room: int) -> None:
    """Narrow the columns in proportion until together they fit `room` (none below LEAST):
    the widest give the most."""
    total = sum(widths.values())
    if room <= 0 or total <= room:
        return
    for column, width in widths.items():
        widths[column] = max(LEAST, width * room // total)
