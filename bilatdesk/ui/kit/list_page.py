"""A record list page: the view lays out filter, table and buttons; the controller wires them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.listing import Choice, DeleteImpact, ListQuery, Page
from bilatdesk.ui.kit.changes import EVERYTHING, Changes
from bilatdesk.ui.kit.column_widths import ColumnWidths
from bilatdesk.ui.kit.empty_note import EmptyNote
from bilatdesk.ui.kit.icons import has_icon, icon, set_icon
from bilatdesk.ui.kit.list_keys import ListKeys
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog, ErrorBox
from bilatdesk.ui.kit.tables import row_table
from bilatdesk.ui.kit.tag_filter import TagFilter
from bilatdesk.ui.models.paged_model import Column, Fetcher, PagedTableModel

FILTER_DELAY_MS = 200
"""Typing pauses this long before the list re-queries: one query per word, not per key."""


@dataclass(frozen=True)
class RowAction:
    """A command on the one selected record (button and context menu): "Report this meeting"."""

    text: str
    icon_name: str
    run: Callable[[QWidget, int, int | None], bool]
    """(parent, record id, scope) -> True when records changed (pages then refresh)."""
    changes: Changes = EVERYTHING
    """The kinds of records it may change, so only the pages showing them re-read."""


@dataclass(frozen=True)
class AreaSpec:
    """What differs between the record lists: data, columns, the form and deletion."""

    fetch: Fetcher
    columns: list[Column]
    open_form: Callable[[QWidget, int | None, int | None], int | None]
    """(parent, record id or None for new, scope) -> id saved, or None when cancelled."""
    delete_impact: Callable[[int], DeleteImpact]
    delete: Callable[[int, int], None]
    """Delete by id at the version the list showed, so a change made meanwhile is caught."""
    sort: str = ""
    descending: bool = False
    stretch_column: int = 0
    whole_columns: tuple[int, ...] = ()
    """Columns always as wide as their content, never narrowed for the others (a date)."""
    actions: tuple[RowAction, ...] = ()
    tag_choices: Callable[[], Sequence[Choice]] | None = None
    """The tag vocabulary, for records that carry tags: shows the Tags filter."""
    shows: Changes = EVERYTHING
    """The kinds of records its rows show: it re-reads when any of them changed."""
    changes: Changes = EVERYTHING
    """The kinds a save or a delete here may change (a deleted country empties columns)."""
    empty: tuple[str, str] = ("", "")
    """What an empty list says: with every country, and with one (%1, its name)."""


class ListPageView(QWidget):
    """Filter box, table and the New / Edit / Delete buttons; no logic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter…"))
        self.filter_edit.setClearButtonEnabled(True)
        find = self.filter_edit.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)
        self.new_button = QPushButton(self.tr("New"))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        # Held while the window's first page is built (ui/kit/icons.py).
        for target, name in (
            (find, "find"),
            (self.new_button, "new"),
            (self.edit_button, "edit"),
            (self.delete_button, "delete"),
        ):
            set_icon(target, name)
        self.table = row_table()
        # Dense rows: a register is read down the page, so more rows beat more padding.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tags_filter = TagFilter()
        self.tags_filter.hide()  # shown by the controller for records that carry tags
        self.top = QHBoxLayout()
        self.top.addWidget(self.filter_edit, 1)
        self.top.addWidget(self.tags_filter)
        self.top.addWidget(self.new_button)
        self.top.addWidget(self.edit_button)
        self.top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        # Said instead of an empty table, so "nothing matches" never looks like "still loading".
        self.no_match_label = QLabel()
        self.no_match_label.setObjectName("no_match_label")
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match_label.hide()
        layout.addLayout(self.top)
        layout.addWidget(self.no_match_label)
        layout.addWidget(self.table, 1)

    def add_action_button(self, text: str, icon_name: str) -> QPushButton:
        """A button for a record command, after the standard ones."""
        button = QPushButton(text)
        set_icon(button, icon_name)
        self.top.addWidget(button)
        return button

    def compact_buttons(self) -> None:
        """Let the row's buttons narrow to their text on a narrow window (the style's minimum
        button width would otherwise set the window's minimum once the Tags filter joins)."""
        for index in range(self.top.count()):
            item = self.top.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QPushButton) and widget.text():
                content = (
                    widget.fontMetrics().horizontalAdvance(widget.text())
                    + (widget.iconSize().width() + 4 if has_icon(widget) else 0)
                    + (16 if widget.menu() is not None else 0)
                    + 20
                )
                widget.setMinimumWidth(min(content, widget.sizeHint().width()))


class ListPageController(QObject):
    """Connects a list view to its model and to the area's form and deletion."""

    changed = Signal(object)
    said = Signal(str)
    """A sentence for the status bar on what was just saved or deleted ("Saved Ana Kovačević.")."""
    """A record was created, edited or deleted here: the kinds changed (`Changes`), so the
    pages showing them re-read."""

    def __init__(self, view: ListPageView, spec: AreaSpec, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.spec = spec
        self.shows: Changes = spec.shows
        self._scope: int | None = None
        self.action_buttons: list[QPushButton] = []
        self.viewing_only = False
        self.model = PagedTableModel(
            self._fetch_with_tags,
            spec.columns,
            sort=spec.sort,
            descending=spec.descending,
            parent=self,
        )
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        table = view.table
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # The indicator must show the query's real order before sorting is switched on,
        # because enabling it sorts once by whatever the indicator says.
        order = Qt.SortOrder.DescendingOrder if spec.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(max(self.model.sort_column(), 0), order)
        table.setSortingEnabled(True)
        self._fit_columns()
        header.sortIndicatorChanged.connect(self._on_header_sortIndicatorChanged)
        view.filter_edit.textChanged.connect(self._on_filter_edit_textChanged)
        self._filter_timer.timeout.connect(self._on_filter_timer_timeout)
        table.doubleClicked.connect(self._on_table_doubleClicked)
        table.selectionModel().selectionChanged.connect(self._on_table_selectionChanged)
        self.model.modelReset.connect(self._on_table_selectionChanged)
        view.new_button.clicked.connect(self._on_new_button_clicked)
        view.edit_button.clicked.connect(self._on_edit_button_clicked)
        view.delete_button.clicked.connect(self._on_delete_button_clicked)
        view.table.customContextMenuRequested.connect(self._on_table_customContextMenuRequested)
        for action in spec.actions:
            button = view.add_action_button(action.text, action.icon_name)
            button.clicked.connect(lambda _checked=False, a=action: self.run_action(a))
            self.action_buttons.append(button)
        if spec.tag_choices is not None:
            view.tags_filter.set_source(spec.tag_choices)
            view.tags_filter.show()
            view.tags_filter.changed.connect(self._on_tag_filter_changed)
        view.compact_buttons()
        self.keys = ListKeys(view.filter_edit, table, self.edit_record, self)
        self.model.loaded.connect(self._on_model_loaded)
        self._on_table_selectionChanged()

    # -- what the main window asks of a page ---------------------------------------------
    def set_scope(self, country_id: int | None, name: str = "") -> None:
        self._scope = country_id
        self.scope_name = name
        self.model.set_scope(country_id)

    def empty_sentence(self) -> str:
        """Why the list is empty: the filter, or nothing in the country yet, and what next."""
        words = self.view.filter_edit.text().strip()
        if words:
            return self.tr("Nothing matches “%1”.").replace("%1", words)
        everywhere, in_country = self.spec.empty
        if self._scope is not None and self.scope_name:
            sentence = in_country or self.tr("Nothing for %1 yet. New… (Ctrl+N)")
            return sentence.replace("%1", self.scope_name)
        return everywhere or self.tr("Nothing here yet. New… (Ctrl+N)")

    def refresh(self) -> None:
        """Re-read the first page, keeping the selected record selected if it is still there."""
        chosen = self.current_id()
        if self.spec.tag_choices is not None:
            # Tags removed from the vocabulary meanwhile leave the filter before the query.
            self.view.tags_filter.blockSignals(True)
            self.view.tags_filter.reload()
            self.view.tags_filter.blockSignals(False)
        self.model.requery()
        if chosen is not None:
            self.select_id(chosen)

    def focus_filter(self) -> None:
        self.view.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.view.filter_edit.selectAll()

    def open_record(self, record_id: int) -> None:
        """Open one record's form, wherever it is in the list (global search's Enter)."""
        self._open(record_id)

    def reveal(self, record_id: int) -> None:
        """Show the page with this record chosen when it is among the rows read."""
        self.select_id(record_id)
        self.view.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_viewing_only(self, on: bool) -> None:
        """A read-only database: New, Delete and the record commands are off; Edit views."""
        self.viewing_only = on
        for button in (self.view.new_button, self.view.delete_button, *self.action_buttons):
            button.setEnabled(not on)

    def new_record(self) -> None:
        if not self.viewing_only:
            self._open(None)

    def edit_record(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self._open(record_id)

    def delete_record(self) -> None:
        if self.viewing_only:
            return
        rows = self.view.table.selectionModel().selectedRows()
        if not rows:
            return
        record = self.model.record(rows[0].row())
        try:
            impact = self.spec.delete_impact(record.id)
            if not ConfirmDeleteDialog.ask(self.view, impact):
                return
            self.spec.delete(record.id, record.version)
        except ServiceError as exc:
            ErrorBox.show(self.view, self.tr("Cannot delete"), str(exc))
            self.model.requery()
            return
        self.model.requery()
        self.changed.emit(self.spec.changes)
        self.said.emit(self.tr("Deleted %1.").replace("%1", impact.name))

    def print_record(self) -> bool:
        """Ctrl+P with a record chosen: preview its document (a cable's, a visit's brief) and
        print from there; False when its kind has none, and the window prints the page."""
        return False

    def run_action(self, action: RowAction) -> None:
        record_id = self.current_id()
        if record_id is not None and action.run(self.view, record_id, self._scope):
            self.refresh()
            self.changed.emit(action.changes)

    def current_id(self) -> int | None:
        rows = self.view.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of_id(record_id)
        if row >= 0:
            self.view.table.selectRow(row)
            self.view.table.scrollTo(self.model.index(row, 0))

    def set_tags(self, tag_ids: Sequence[int]) -> None:
        """Show only records carrying all these tags (empty: no tag filter)."""
        self.view.tags_filter.set_selected(tag_ids)

    # -- slots ----------------------------------------------------------------------------
    def _on_tag_filter_changed(self) -> None:
        self.model.requery()

    def _on_header_sortIndicatorChanged(self, column: int, _order: Qt.SortOrder) -> None:
        # Columns the database cannot sort by keep the arrow on the column that is in effect.
        if column != self.model.sort_column():
            order = (
                Qt.SortOrder.DescendingOrder
                if self.model.query.descending
                else Qt.SortOrder.AscendingOrder
            )
            self.view.table.horizontalHeader().setSortIndicator(self.model.sort_column(), order)

    def _on_filter_edit_textChanged(self, _text: str) -> None:
        self._filter_timer.start()

    def _on_model_loaded(self) -> None:
        text = self.model.query.text.strip()
        empty = self.model.rowCount() == 0 and bool(text)
        if empty:
            self.view.no_match_label.setText(self.tr("No records match “%1”.").replace("%1", text))
        self.view.no_match_label.setVisible(empty)

    def _on_filter_timer_timeout(self) -> None:
        self.model.set_filter_text(self.view.filter_edit.text())

    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        record_id = self.model.row_id(index.row())
        if record_id is not None:
            self._open(record_id)

    def _on_table_selectionChanged(self, *_args: object) -> None:
        chosen = self.current_id() is not None
        self.view.edit_button.setEnabled(chosen)
        self.view.delete_button.setEnabled(chosen and not self.viewing_only)
        for button in self.action_buttons:
            button.setEnabled(chosen and not self.viewing_only)

    def _on_table_customContextMenuRequested(self, position: QPoint) -> None:
        index = self.view.table.indexAt(position)
        if not index.isValid():
            return
        self.view.table.selectRow(index.row())
        menu = QMenu(self.view)
        menu.addAction(icon("edit"), self.tr("Edit"), self.edit_record)
        for action in self.spec.actions:
            menu.addAction(icon(action.icon_name), action.text, lambda a=action: self.run_action(a))
        menu.addSeparator()
        menu.addAction(icon("delete"), self.tr("Delete"), self.delete_record)
        menu.popup(self.view.table.viewport().mapToGlobal(position))

    def _on_new_button_clicked(self) -> None:
        self.new_record()

    def _on_edit_button_clicked(self) -> None:
        self.edit_record()

    def _on_delete_button_clicked(self) -> None:
        self.delete_record()

    # -- inside ---------------------------------------------------------------------------
    def _fetch_with_tags(self, query: ListQuery) -> Page[Any]:
        """The area's fetch, with the ticked tags in the query (records must carry all)."""
        if self.spec.tag_choices is not None:
            query = replace(query, tags=self.view.tags_filter.selected())
        return self.spec.fetch(query)

    def _open(self, record_id: int | None) -> None:
        saved = self.spec.open_form(self.view, record_id, self._scope)
        if saved is None:
            return
        self.model.requery()
        self.select_id(saved)
        self.changed.emit(self.spec.changes)
        self.said.emit(self._saved_sentence(saved))

    def _saved_sentence(self, record_id: int) -> str:
        """ "Saved <name>.", the name as the area's own delete question gives it."""
        try:
            name = self.spec.delete_impact(record_id).name
        except ServiceError:
            return self.tr("Saved.")
        return self.tr("Saved %1.").replace("%1", name)

    def _fit_columns(self) -> None:
        """The title takes the spare width, the others their content's, as last dragged."""
        # Fitted when the list is first shown, with the width it then has to share.
        self.column_widths = ColumnWidths(
            self.view.table, self.spec.stretch_column, whole=self.spec.whole_columns
        )
        self.scope_name = ""
        self.empty_note = EmptyNote(self.view.table, self.empty_sentence)
