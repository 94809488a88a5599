"""Global search (Ctrl+K): type, see every kind's hits as you type, arrows move, Enter opens."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.search.records import (
    KIND_LABELS,
    SearchHit,
    SearchQuery,
    SearchResults,
    highlight_spans,
)
from bilatdesk.ui.kit.background import Op, Progress
from bilatdesk.ui.kit.teardown import while_alive

if TYPE_CHECKING:
    from bilatdesk.services.catalog import Services

SEARCH_DELAY_MS = 150
"""Typing pauses this long before a search starts: one search per word, not per key."""
_HIT = Qt.ItemDataRole.UserRole
_HTML = Qt.ItemDataRole.UserRole + 1
_NO_DATE = QDate(2000, 1, 1)


@dataclass(frozen=True)
class Chosen:
    """The record picked, and whether to show it in its page (Ctrl+Enter) or open its form."""

    hit: SearchHit
    in_page: bool


def marked(text: str, query: str) -> str:
    """`text` as HTML with the words of `query` in bold, everything else escaped."""
    out: list[str] = []
    at = 0
    for start, end in highlight_spans(text, query):
        out.append(html.escape(text[at:start]))
        out.append(f"<b>{html.escape(text[start:end])}</b>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


class _RichDelegate(QStyledItemDelegate):
    """Paints an item's HTML (its `_HTML` role), so the matched words show in bold."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rich = index.data(_HTML)
        if not rich:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(rich)
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top())
        context = QAbstractTextDocumentLayout.PaintContext()
        document.documentLayout().draw(painter, context)
        painter.restore()


class SearchDialog(QDialog):
    """The query, its filters and the grouped results; `ask` returns the record chosen."""

    def __init__(
        self, services: Services, scope: int | None, text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find anything"))
        self.resize(760, 520)
        self.services = services
        self.scope = scope
        self.chosen: Chosen | None = None
        self._generation = 0
        self.query_edit = QLineEdit(text)
        self.query_edit.setPlaceholderText(self.tr("Names, titles, serials, words…"))
        self.query_edit.setClearButtonEnabled(True)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), "")
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(self.tr(label), kind)
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("Any classification"), "")
        for code in services.search.scheme.codes:
            self.level_combo.addItem(code, code)
        self.tag_combo = QComboBox()
        self.tag_combo.addItem(self.tr("Any tag"), None)
        for choice in services.tags.choices():
            self.tag_combo.addItem(choice.name, choice.id)
        self.from_edit = self._date_edit(self.tr("from any day"))
        self.to_edit = self._date_edit(self.tr("to any day"))
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setItemDelegate(_RichDelegate(self.results))
        self.status_label = QLabel()
        filters = QHBoxLayout()
        for widget in (
            self.kind_combo,
            self.level_combo,
            self.tag_combo,
            self.from_edit,
            self.to_edit,
        ):
            filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addLayout(filters)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.query_edit.textChanged.connect(self._timer.start)
        for combo in (self.kind_combo, self.level_combo, self.tag_combo):
            combo.currentIndexChanged.connect(self._timer.start)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._timer.start)
        self.results.itemActivated.connect(self._on_results_itemActivated)
        self.query_edit.installEventFilter(self)
        self.results.installEventFilter(self)
        if text:
            self._timer.start()

    @classmethod
    def ask(
        cls, parent: QWidget, services: Services, scope: int | None, text: str = ""
    ) -> Chosen | None:
        dialog = cls(services, scope, text, parent)
        dialog.exec()
        return dialog.chosen

    def _date_edit(self, empty: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(empty)  # shown at the minimum: no bound
        edit.setDate(_NO_DATE)
        return edit

    def query(self) -> SearchQuery:
        kind = self.kind_combo.currentData()
        return SearchQuery(
            self.query_edit.text(),
            kinds=(kind,) if kind else (),
            country_id=self.scope,
            date_from=_day(self.from_edit),
            date_to=_day(self.to_edit),
            tag_id=self.tag_combo.currentData(),
            classification=self.level_combo.currentData() or None,
        )

    def search_now(self) -> None:
        """Search in the background; a result that a newer search overtook is dropped."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        query = self.query()
        if not query.text.strip():
            self.show_results(SearchResults(()), query.text)
            return

        def work(_progress: Progress) -> SearchResults:
            return self.services.search.search(query)

        def done(results: SearchResults) -> None:
            if generation == self._generation:
                self.show_results(results, query.text)

        Op(self, work, done).failure(self.status_label.setText).run_in_background()

    def show_results(self, results: SearchResults, text: str) -> None:
        self.results.clear()
        for group in results.groups:
            count = f"{group.total:,}" + ("" if group.total_exact else "+")
            heading = QTreeWidgetItem([f"{self.tr(group.label)} ({count})"])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            self.results.addTopLevelItem(heading)
            for hit in group.hits:
                when = f"{hit.when:%Y-%m-%d}  " if hit.when else ""
                line = hit.title + (f" — {hit.snippet}" if hit.snippet else "")
                item = QTreeWidgetItem([when + line])
                item.setData(0, _HIT, hit)
                item.setData(0, _HTML, html.escape(when) + marked(line, text))
                self.results.addTopLevelItem(item)
        if results.groups:
            self.status_label.setText(
                self.tr("Enter opens the record; Ctrl+Enter shows it in its page.")
            )
        elif text.strip():
            self.status_label.setText(self.tr("No records match “%1”.").replace("%1", text))
        else:
            self.status_label.setText("")

    def hits(self) -> list[QTreeWidgetItem]:
        """The result lines (the group headings left out)."""
        items = [self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount())]
        return [item for item in items if item is not None and item.data(0, _HIT) is not None]

    def choose(self, item: QTreeWidgetItem | None, *, in_page: bool) -> None:
        hit = item.data(0, _HIT) if item is not None else None
        if isinstance(hit, SearchHit):
            self.chosen = Chosen(hit, in_page)
            self.accept()

    @while_alive
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        in_page = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if watched is self.query_edit:
            if key == Qt.Key.Key_Down and (found := self.hits()):
                self.results.setFocus()
                self.results.setCurrentItem(found[0])
                return True
            if enter:  # the first of the results shown
                found = self.hits()
                self.choose(found[0] if found else None, in_page=in_page)
                return True
        if watched is self.results:
            if enter:
                self.choose(self.results.currentItem(), in_page=in_page)
                return True
            if key == Qt.Key.Key_Up and self.results.currentItem() in self.hits()[:1]:
                self.query_edit.setFocus()
                return True
        return False

    def _on_results_itemActivated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.choose(item, in_page=False)


def _day(edit: QDateEdit) -> date | None:
    chosen = edit.date()
    if chosen == _NO_DATE:
        return None
    return date(chosen.year(), chosen.month(), chosen.day())
