"""Date of birth, or a birthday without a year (as business cards and phones often give it)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from bilatdesk.ui.kit.date_edits import DateEdit
from bilatdesk.ui.kit.widgets import from_qdate, to_qdate

_LEAP_YEAR = 2000  # has a 29 February, so every birthday is a real day of some year


class BirthField(QWidget):
    """Not known / a full date of birth / day and month only; reads as (birth_date, MMDD)."""

    changed = Signal()
    UNKNOWN, FULL_DATE, DAY_AND_MONTH = 0, 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Not known"))
        self.mode.addItem(self.tr("Date of birth"))
        self.mode.addItem(self.tr("Birthday, year unknown"))
        self.date_edit = DateEdit()
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setDate(QDate(1970, 1, 1))
        self.day = QSpinBox()
        self.day.setRange(1, 31)
        self.day.setAccessibleName(self.tr("Day"))
        self.month = QComboBox()
        self.month.setAccessibleName(self.tr("Month"))
        locale = QLocale()
        for number in range(1, 13):
            self.month.addItem(locale.standaloneMonthName(number), number)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.day)
        layout.addWidget(self.month)
        layout.addStretch(1)
        self.setFocusProxy(self.mode)
        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self.date_edit.dateChanged.connect(self.changed)
        self.day.valueChanged.connect(self.changed)
        self.month.currentIndexChanged.connect(self._on_month_changed)
        self._on_mode_changed(self.UNKNOWN)

    # -- API ------------------------------------------------------------------------------
    def birth_date(self) -> date | None:
        return from_qdate(self.date_edit.date()) if self.mode.currentIndex() == 1 else None

    def birthday(self) -> int | None:
        """MMDD when only the day and month are known (415 is 15 April)."""
        if self.mode.currentIndex() != self.DAY_AND_MONTH:
            return None
        return int(self.month.currentData()) * 100 + self.day.value()

    def set_value(self, birth_date: date | None, birthday: int | None) -> None:
        if birth_date is not None:
            self.date_edit.setDate(to_qdate(birth_date))
            self.mode.setCurrentIndex(self.FULL_DATE)
        elif birthday is not None:
            month, day = divmod(birthday, 100)
            self.month.setCurrentIndex(max(self.month.findData(month), 0))
            self._fit_days()
            self.day.setValue(day)
            self.mode.setCurrentIndex(self.DAY_AND_MONTH)
        else:
            self.mode.setCurrentIndex(self.UNKNOWN)
        self._on_mode_changed(self.mode.currentIndex())

    # -- inside ---------------------------------------------------------------------------
    def _fit_days(self) -> None:
        month = int(self.month.currentData())
        self.day.setMaximum(QDate(_LEAP_YEAR, month, 1).daysInMonth())

    def _on_month_changed(self, _index: int) -> None:
        self._fit_days()
        self.changed.emit()

    def _on_mode_changed(self, index: int) -> None:
        self.date_edit.setVisible(index == self.FULL_DATE)
        self.day.setVisible(index == self.DAY_AND_MONTH)
        self.month.setVisible(index == self.DAY_AND_MONTH)
        self.changed.emit()
