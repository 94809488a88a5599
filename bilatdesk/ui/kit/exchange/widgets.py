"""Small widgets of the exchange dialogs: a result table, a day chooser, a row of days."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QHBoxLayout, QLabel, QTableView, QWidget

from bilatdesk.ui.kit.date_edits import DateEdit
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.kit.widgets import to_qdate


def results_table() -> QTableView:
    """A read-only table of whole-row selection, one line a row."""
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    return table


def date_edit(day: date) -> QDateEdit:
    """A day with a calendar pop-up, "1 Jan 2026"."""
    edit = DateEdit()
    edit.setDate(to_qdate(day))
    edit.setDisplayFormat("d MMM yyyy")
    return edit


def days_row(first: QDateEdit, last: QDateEdit, *lead: QWidget) -> QHBoxLayout:
    """[lead] first "to" last, kept to the left; "&to" is the label of the last day."""
    row = QHBoxLayout()
    for widget in lead:
        row.addWidget(widget)
    row.addWidget(first)
    until = QLabel(tr("&to"))
    until.setBuddy(last)
    row.addWidget(until)
    row.addWidget(last)
    row.addStretch(1)
    return row
