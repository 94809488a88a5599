"""Where an organisation sits and what lies beneath it: ancestry, units, posts and holders today."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.people.posts import OrgNode, PostService
from bilatdesk.ui.kit.row_height import ScriptRowDelegate
from bilatdesk.ui.kit.texts import enum_text

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The organisation id of a unit's row (posts carry none)."""

COL_TREE_NAME, COL_TREE_HELD_BY = 0, 1


class OrganisationStructure(QWidget):
    """A breadcrumb of the parents and a tree of units with their posts and current holders."""

    open_requested = Signal(int)
    """A parent (breadcrumb link) or a unit below (double-click) should open in its form."""

    def __init__(self, posts: PostService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.posts = posts
        self.organisation_id: int | None = None
        self.breadcrumb = QLabel()
        self.breadcrumb.setTextFormat(Qt.TextFormat.RichText)
        self.breadcrumb.setWordWrap(True)
        self.breadcrumb.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.breadcrumb.setOpenExternalLinks(False)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Unit and post"), self.tr("Held today by")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        # Rows as tall as the font's accented capitals reach (Ö, Ü), in bold units too.
        self.tree.setItemDelegate(ScriptRowDelegate(self.tree))
        self.tree.setMinimumHeight(200)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(COL_TREE_NAME, QHeaderView.ResizeMode.Interactive)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setEnabled(False)  # the palette's quiet colour
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.breadcrumb)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)
        self.breadcrumb.linkActivated.connect(self._on_breadcrumb_link)
        self.tree.itemActivated.connect(self._on_item_activated)

    def set_record(self, organisation_id: int | None, *, on: date | None = None) -> None:
        """Show the structure around an organisation (None: not saved yet)."""
        self.organisation_id = organisation_id
        self.tree.clear()
        if organisation_id is None:
            self.breadcrumb.setText("")
            self.note.setText(self.tr("Save the organisation to see its structure."))
            return
        try:
            ancestors, root = self.posts.organisation_tree(organisation_id, on or date.today())
        except ServiceError as exc:
            self.breadcrumb.setText("")
            self.note.setText(str(exc))
            return
        links = [f"<a href='org:{a.id}'>{escape(a.name)}</a>" for a in ancestors]
        self.breadcrumb.setText(" ▸ ".join([*links, f"<b>{escape(root.name)}</b>"]))
        self.breadcrumb.setToolTip(self.tr("Click a parent to open it"))
        self._add_node(None, root)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(COL_TREE_NAME)
        width = self.tree.columnWidth(COL_TREE_NAME)
        self.tree.setColumnWidth(COL_TREE_NAME, min(max(width, 200), 420))
        self.note.setText(
            self.tr("Who holds each post today. Double-click a unit below to open it.")
            if root.children
            else self.tr("Who holds each post today. No units are recorded below this one.")
        )

    def units(self) -> list[tuple[int, str]]:
        """(id, name) of every unit row, top first (for tests and screen readers)."""
        found: list[tuple[int, str]] = []

        def walk(item: QTreeWidgetItem) -> None:
            unit = item.data(COL_TREE_NAME, UNIT_ROLE)
            if isinstance(unit, int):
                found.append((unit, item.text(COL_TREE_NAME)))
            for i in range(item.childCount()):
                child = item.child(i)
                if child is not None:
                    walk(child)

        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                walk(top)
        return found

    def item_of_unit(self, organisation_id: int) -> QTreeWidgetItem | None:
        matches = [
            item
            for item in self.tree.findItems(
                "", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive, COL_TREE_NAME
            )
            if item.data(COL_TREE_NAME, UNIT_ROLE) == organisation_id
        ]
        return matches[0] if matches else None

    # -- inside ---------------------------------------------------------------------------
    def _add_node(self, parent: QTreeWidgetItem | None, node: OrgNode) -> QTreeWidgetItem:
        # The kind goes in the tooltip: the second column is for holders only.
        item = QTreeWidgetItem([node.name, ""])
        item.setData(COL_TREE_NAME, UNIT_ROLE, node.id)
        font = QFont(item.font(COL_TREE_NAME))
        font.setBold(True)
        item.setFont(COL_TREE_NAME, font)
        kind = enum_text(node.kind)
        item.setToolTip(COL_TREE_NAME, f"{node.name} ({kind})")
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
            item.setToolTip(
                COL_TREE_NAME,
                self.tr("%1 (%2) — double-click to open")
                .replace("%1", node.name)
                .replace("%2", kind),
            )
        for post in node.posts:
            held = "; ".join(post.holders) if post.holders else self.tr("vacant")
            row = QTreeWidgetItem([post.title, held])
            row.setToolTip(COL_TREE_NAME, post.title)
            row.setToolTip(COL_TREE_HELD_BY, held)
            if not post.holders:
                quiet = QFont(row.font(COL_TREE_HELD_BY))
                quiet.setItalic(True)
                row.setFont(COL_TREE_HELD_BY, quiet)
            item.addChild(row)
        for child in node.children:
            self._add_node(item, child)
        return item

    def _on_breadcrumb_link(self, link: str) -> None:
        if link.startswith("org:"):
            self.open_requested.emit(int(link[4:]))

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        unit = item.data(COL_TREE_NAME, UNIT_ROLE)
        # The organisation itself is already open; its posts open nothing.
        if isinstance(unit, int) and unit != self.organisation_id:
            self.open_requested.emit(unit)
