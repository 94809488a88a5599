"""How commitments read in tables: status and due texts, columns, and the overdue colour."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QTableView

from bilatdesk.domain.enums import CommitmentStatus, Side
from bilatdesk.services.engagements.commitment_rows import CommitmentRow
from bilatdesk.services.kernel.listing import ListQuery, Page
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.tables import row_table
from bilatdesk.ui.kit.texts import classification_colour, classification_text, tr
from bilatdesk.ui.models.paged_model import Column, PagedTableModel
from bilatdesk.ui.models.rows_model import RowsModel

AnyIndex = QModelIndex | QPersistentModelIndex

_STATUS_TEXTS = {
    CommitmentStatus.OPEN: "Open",
    CommitmentStatus.DONE: "Done",
    CommitmentStatus.DROPPED: "Dropped",
}
_SIDE_TEXTS = {Side.OURS: "Us", Side.THEIRS: "Them"}


def status_text(status: CommitmentStatus) -> str:
    return tr(_STATUS_TEXTS[status])


def side_text(side: Side) -> str:
    """Who owes it, in two words a narrow column holds: "Us" or "Them"."""
    return tr(_SIDE_TEXTS[side])


def negative_colour() -> QColor:
    """The palette's warning red: deep on light themes, pale on dark ones (as field errors)."""
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff8a80" if dark else "#c62828")


def standing_text(
    status: CommitmentStatus, due: date | None, closed_on: date | None, today: date
) -> str:
    """Where it stands today: "overdue by 3 days", "due tomorrow", "done on 4 Nov 2026"."""
    if status is not CommitmentStatus.OPEN:
        closed = "done on %1" if status is CommitmentStatus.DONE else "dropped on %1"
        return tr(closed).replace("%1", format_date(closed_on))
    if due is None:
        return tr("no due date")
    days = (due - today).days
    fixed = {-1: "overdue by 1 day", 0: "due today", 1: "due tomorrow"}
    if days in fixed:
        return tr(fixed[days])
    if days < 0:
        return tr("overdue by %1 days").replace("%1", str(-days))
    return tr("due in %1 days").replace("%1", str(days))


def _tooltip(row: Any) -> str:
    lines = [row.description]
    if row.closing_note:
        lines.append(tr("Closing note: %1").replace("%1", row.closing_note))
    return "\n".join(lines)


def _engagement(row: CommitmentRow) -> str:
    return f"{format_date(row.engagement_day)} · {row.engagement_title}"


def commitment_columns(
    today: Callable[[], date], *, with_country: bool = True, with_link: bool = False
) -> list[Column]:
    """The columns of a commitments table; `with_link` adds "owes it / took part" (a person's)."""
    columns = [
        Column(tr("Due"), lambda r: format_date(r.due_date) or "—", "due_date"),
        Column(tr("Standing"), lambda r: standing_text(r.status, r.due_date, r.closed_on, today())),
        Column(tr("What"), lambda r: r.description, tooltip=_tooltip),
        Column(tr("By"), lambda r: side_text(r.side)),
        Column(tr("Owner"), lambda r: r.owner or "—"),
    ]
    if with_link:
        columns.append(
            Column(
                tr("Their part"),
                lambda r: tr("owes it") if r.person_owns else tr("took part"),
            )
        )
    columns.append(Column(tr("Engagement"), _engagement))
    if with_country:
        columns.append(Column(tr("Country"), lambda r: r.country))
    columns.append(
        Column(
            tr("Classification"),
            lambda r: classification_text(r.classification),
            decoration=lambda r: classification_colour(r.classification),
        )
    )
    return columns


def record_table() -> QTableView:
    """A read-only table of whole-row single selection, dense as the record lists."""
    table = row_table()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setHighlightSections(False)
    return table


def _overdue_colour(row: Any, role: int) -> QColor | None:
    if role == Qt.ItemDataRole.ForegroundRole and getattr(row, "overdue", False):
        return negative_colour()
    return None


class CommitmentRowsModel(RowsModel):
    """Commitments in hand (a person's or a country's open ones); overdue ones in red."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < self.rowCount():
            colour = _overdue_colour(self.record(index.row()), role)
            if colour is not None:
                return colour
        return super().data(index, role)


class CommitmentPagedModel(PagedTableModel):
    """Every commitment the filters keep, paged from SQL; overdue ones in red."""

    def __init__(
        self,
        fetch: Callable[[ListQuery], Page[Any]],
        columns: Sequence[Column],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(fetch, columns, sort="due_date", parent=parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < self.rowCount():
            colour = _overdue_colour(self.record(index.row()), role)
            if colour is not None:
                return colour
        return super().data(index, role)
