"""Date and date-time editors that take a whole typed date ("2025-03-01"), not only the arrows.

Qt's editor moves to the next section by itself once one is full (four digits of year), so
the "-" typed next jumped a second section and the rest of the date landed in the wrong place;
with the whole text selected, the first digit went into whichever section held the cursor.
Here a digit typed over the whole text starts at the first section, and a separator typed
right after such an automatic move is taken as already done.
"""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit

SEPARATORS = "-/.: "


class _TypedDates:
    """What both editors add to Qt's: typing over everything, separators that agree."""

    _advanced = False

    def _typed_key(self, edit: QDateTimeEdit, event: QKeyEvent) -> bool:
        """True when the key was taken here and must not reach Qt's own handling."""
        text = event.text()
        if text and text in SEPARATORS and self._advanced:
            self._advanced = False
            event.accept()
            return True
        line = edit.lineEdit()
        if text.isdigit() and line.hasSelectedText() and line.selectedText() == line.text():
            edit.setCurrentSectionIndex(0)
            edit.setSelectedSection(edit.sectionAt(0))
        return False

    def _after_key(self, edit: QDateTimeEdit, event: QKeyEvent, before: int) -> None:
        self._advanced = event.text().isdigit() and edit.currentSectionIndex() != before


class DateEdit(QDateEdit, _TypedDates):
    """A date editor in ISO form ("yyyy-MM-dd") with a calendar pop-up, that takes typing."""

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._typed_key(self, event):
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._after_key(self, event, before)


class DateTimeEdit(QDateTimeEdit, _TypedDates):
    """A date and time editor ("yyyy-MM-dd HH:mm") with a calendar pop-up, that takes typing."""

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._typed_key(self, event):
            return
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._after_key(self, event, before)
