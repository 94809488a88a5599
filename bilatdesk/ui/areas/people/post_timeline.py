"""A person's posts over time, newest first, drawn as dated entries along a vertical line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from bilatdesk.domain.enums import MissionClass
from bilatdesk.services.people.service import MembershipView
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.texts import tr

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
"""The MembershipView an item shows."""

_GUTTER = 28
_DOT = 5

MISSION_CLASS_TEXTS = {
    MissionClass.NONE: "Not a head of mission",
    MissionClass.AMBASSADOR: "Ambassador",
    MissionClass.ENVOY: "Envoy / minister",
    MissionClass.CHARGE_D_AFFAIRES: "Chargé d'affaires",
}


def mission_class_text(value: MissionClass) -> str:
    return tr(MISSION_CLASS_TEXTS.get(value, str(value)))


def period_text(entry: MembershipView) -> str:
    """ "since 1 Jan 2020", "1 Jan 2018 – 31 Dec 2019", "until 3 Mar 2001" or "dates unknown"."""
    start, end = format_date(entry.start_date), format_date(entry.end_date)
    if start and end:
        return f"{start} – {end}"
    if start:
        return tr("since %1").replace("%1", start)
    if end:
        return tr("until %1").replace("%1", end)
    return tr("dates unknown")


def title_text(entry: MembershipView) -> str:
    return entry.post_title + (" " + tr("(acting)") if entry.acting else "")


def detail_text(entry: MembershipView) -> str:
    parts = [period_text(entry)]
    if entry.organisation:
        parts.insert(0, entry.organisation)
    if entry.mission_class is not MissionClass.NONE:
        head = mission_class_text(entry.mission_class)
        if entry.credentials_on is not None:
            head += ", " + tr("credentials %1").replace("%1", format_date(entry.credentials_on))
        parts.append(head)
    return " · ".join(parts)


class TimelineDelegate(QStyledItemDelegate):
    """Paints the line, a dot per post (filled while held), the title and the dates."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.lineSpacing() * 2 + 14)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, MembershipView):
            return
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        metrics = QFontMetrics(option.font)
        centre_x = rect.left() + _GUTTER // 2
        dot_y = rect.top() + 7 + metrics.lineSpacing() // 2
        line_colour = palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(line_colour, 2))
        model = index.model()
        top = dot_y if index.row() == 0 else rect.top()
        bottom = dot_y if index.row() == model.rowCount() - 1 else rect.bottom() + 1
        if bottom > top:
            painter.drawLine(centre_x, top, centre_x, bottom)
        accent = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        )
        painter.setPen(QPen(accent if entry.current else line_colour, 2))
        painter.setBrush(accent if entry.current else palette.color(QPalette.ColorRole.Base))
        painter.drawEllipse(QPointF(centre_x, dot_y), _DOT, _DOT)
        text_left = rect.left() + _GUTTER + 4
        width = rect.right() - text_left - 4
        title_font = QFont(option.font)
        title_font.setBold(entry.current)
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        title = QFontMetrics(title_font).elidedText(
            title_text(entry), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(
            QRect(text_left, rect.top() + 7, width, metrics.lineSpacing()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
        painter.setFont(option.font)
        if not selected:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        detail = metrics.elidedText(detail_text(entry), Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRect(text_left, rect.top() + 7 + metrics.lineSpacing(), width, metrics.lineSpacing()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            detail,
        )
        painter.restore()


class PostTimeline(QListWidget):
    """Read-only: the stored posts, newest first; the current ones bold with a filled dot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(TimelineDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setAlternatingRowColors(False)
        self.setAccessibleName(self.tr("Posts held over time"))

    def set_entries(self, entries: Sequence[MembershipView]) -> None:
        chosen = self.current_entry()
        self.clear()
        for entry in entries:
            item = QListWidgetItem()
            item.setData(ENTRY_ROLE, entry)
            # Screen readers and tooltips read the same words the painting shows.
            item.setData(Qt.ItemDataRole.DisplayRole, f"{title_text(entry)} — {detail_text(entry)}")
            item.setToolTip(
                f"{title_text(entry)}\n{detail_text(entry)}"
                + (f"\n{entry.note}" if entry.note else "")
            )
            self.addItem(item)
            if chosen is not None and entry.id == chosen.id:
                self.setCurrentItem(item)

    def entries(self) -> list[MembershipView]:
        found = []
        for row in range(self.count()):
            entry = self.item(row).data(ENTRY_ROLE)
            if isinstance(entry, MembershipView):
                found.append(entry)
        return found

    def current_entry(self) -> MembershipView | None:
        item = self.currentItem()
        if item is None or not item.isSelected():
            return None
        entry = item.data(ENTRY_ROLE)
        return entry if isinstance(entry, MembershipView) else None

    def select_entry(self, membership_id: int) -> bool:
        for row in range(self.count()):
            entry = self.item(row).data(ENTRY_ROLE)
            if isinstance(entry, MembershipView) and entry.id == membership_id:
                self.setCurrentRow(row)
                return True
        return False
