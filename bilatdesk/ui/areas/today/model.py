"""A table model over one section of Today: day, how soon, country, what, and details."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QTime
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from bilatdesk.services.today.reminders import (
    URGENCY_NOW,
    URGENCY_SOON,
    Reminder,
    ReminderKind,
)
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.paged_model import ID_ROLE, Column, attention_colour
from bilatdesk.ui.models.rows_model import RowsModel

COL_REM_DAY, COL_REM_WHEN, COL_REM_COUNTRY, COL_REM_TITLE, COL_REM_DETAIL = range(5)
REMINDER_ROLE = Qt.ItemDataRole.UserRole + 2
"""The whole `Reminder` of a row, for opening its record."""


def urgency_colour(level: int) -> QColor | None:
    """Red for today and overdue, amber for soon; each deep on light palettes, pale on dark."""
    if level >= URGENCY_NOW:
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return QColor("#ef9a9a" if dark else "#b71c1c")
    if level == URGENCY_SOON:
        return attention_colour()
    return None


def _days(n: int) -> str:
    return tr("1 day") if n == 1 else tr("%1 days").replace("%1", QLocale().toString(n))


def relative_text(reminder: Reminder, today: date) -> str:
    """'today', 'tomorrow', 'in 3 days', 'overdue by 2 days', or 'waiting 2 days' for a cable."""
    days = (reminder.when - today).days
    if days == 0:
        return tr("today")
    if days == 1:
        return tr("tomorrow")
    if days > 0:
        return tr("in %1").replace("%1", _days(days))
    if reminder.kind == ReminderKind.CABLE_AWAITING:
        return tr("waiting %1").replace("%1", _days(-days))
    return tr("overdue by %1").replace("%1", _days(-days))


def day_text(reminder: Reminder, today: date) -> str:
    """ "Tue 24 Nov", with the year when it is not this year's, and the local time where the
    engagement happens ("Tue 24 Nov 10:30 CET")."""
    locale = QLocale()
    when = reminder.when
    pattern = "ddd d MMM" if when.year == today.year else "ddd d MMM yyyy"
    text = locale.toString(QDate(when.year, when.month, when.day), pattern)
    moment = reminder.moment
    if moment is not None:
        clock = locale.toString(
            QTime(moment.hour, moment.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
        )
        text = f"{text} {clock} {moment.tzname() or ''}".rstrip()
    return text


def _urgency_look(reminder: Reminder, column: int, role: int) -> Any:
    """Which record a row opens; the urgency's colour on the day and how soon (bold when near)."""
    if role == ID_ROLE:
        return reminder.record.id
    if role == REMINDER_ROLE:
        return reminder
    if column not in (COL_REM_DAY, COL_REM_WHEN):
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        return urgency_colour(reminder.urgency)
    near = column == COL_REM_WHEN and reminder.urgency >= URGENCY_SOON
    if role == Qt.ItemDataRole.FontRole and near:
        font = QFont()
        font.setBold(True)
        return font
    return None


class ReminderModel(RowsModel):
    """The reminders of one section, as given; nothing is fetched here."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._today = date.today()
        columns = [
            Column(tr("Day"), lambda r: day_text(r, self._today)),
            Column(tr("When"), lambda r: relative_text(r, self._today)),
            Column(tr("Country"), lambda r: r.country),
            Column(tr("What"), lambda r: r.title),
            Column(tr("Details"), lambda r: r.detail),
        ]
        super().__init__(columns, parent, looks=_urgency_look)

    def set_reminders(self, reminders: Sequence[Reminder], today: date) -> None:
        self._today = today
        self.set_rows(reminders)

    def reminder(self, row: int) -> Reminder | None:
        return self.record(row) if 0 <= row < self.rowCount() else None

    def reminders(self) -> tuple[Reminder, ...]:
        return self._given
