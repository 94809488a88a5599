"""The Tags filter of a list: a menu of the vocabulary to tick, and a line naming what is ticked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from bilatdesk.services.kernel.listing import Choice


class TagFilter(QWidget):
    """A "Tags" tool button with a checkable menu, the active tags, and a clear button.

    A list narrowed by several tags shows the records carrying all of them. The vocabulary is
    re-read each time the menu opens, so tags added meanwhile appear.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: Callable[[], Sequence[Choice]] | None = None
        self._choices: list[Choice] = []
        self._chosen: list[int] = []
        self.button = QToolButton()
        self.button.setText(self.tr("Tags"))
        self.button.setToolTip(self.tr("Show only records carrying all the ticked tags"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.active_label = QLabel()
        self.active_label.setTextFormat(Qt.TextFormat.PlainText)
        self.active_label.setMaximumWidth(320)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip(self.tr("Clear the tag filter"))
        self.clear_button.setAccessibleName(self.clear_button.toolTip())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.button)
        row.addWidget(self.active_label)
        row.addWidget(self.clear_button)
        self.menu.aboutToShow.connect(self.reload)
        self.clear_button.clicked.connect(self.clear)
        self._show_active()

    # -- API ------------------------------------------------------------------------------
    def set_source(self, source: Callable[[], Sequence[Choice]]) -> None:
        """Where the vocabulary comes from (TagService.choices)."""
        self._source = source
        self.reload()

    def reload(self) -> None:
        """Re-read the vocabulary and rebuild the menu; ticked tags that are gone are dropped."""
        if self._source is None:
            return
        self._choices = list(self._source())
        known = {c.id for c in self._choices}
        kept = [i for i in self._chosen if i in known]
        dropped = kept != self._chosen
        self._chosen = kept
        self._build_menu()
        self._show_active()
        if dropped:
            self.changed.emit()

    def selected(self) -> tuple[int, ...]:
        return tuple(self._chosen)

    def set_selected(self, ids: Sequence[int]) -> None:
        known = {c.id for c in self._choices}
        wanted = [i for i in dict.fromkeys(ids) if i in known]
        if wanted != self._chosen:
            self._chosen = wanted
            self._build_menu()
            self._show_active()
            self.changed.emit()

    def clear(self) -> None:
        self.set_selected(())

    # -- inside ---------------------------------------------------------------------------
    def _build_menu(self) -> None:
        self.menu.clear()
        if not self._choices:
            empty = self.menu.addAction(self.tr("No tags yet (Tools ▸ Tags…)"))
            empty.setEnabled(False)
            return
        chosen = set(self._chosen)
        for choice in self._choices:
            # "&" in a tag name would become a mnemonic; doubled, it shows as typed.
            action = self.menu.addAction(choice.name.replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(choice.id in chosen)
            action.setData(choice.id)
            action.toggled.connect(lambda on, tag_id=choice.id: self._on_action_toggled(tag_id, on))

    def _show_active(self) -> None:
        names = {c.id: c.name for c in self._choices}
        shown = [names[i] for i in self._chosen if i in names]
        self.active_label.setText(", ".join(shown))
        self.active_label.setToolTip(
            self.tr("Records carrying all of: %1").replace("%1", ", ".join(shown)) if shown else ""
        )
        self.active_label.setVisible(bool(shown))
        self.clear_button.setVisible(bool(shown))
        self.button.setText(
            self.tr("Tags (%1)").replace("%1", str(len(shown))) if shown else self.tr("Tags")
        )

    def _on_action_toggled(self, tag_id: int, on: bool) -> None:
        if on and tag_id not in self._chosen:
            self._chosen.append(tag_id)
        elif not on and tag_id in self._chosen:
            self._chosen.remove(tag_id)
        else:
            return
        self._show_active()
        self.changed.emit()
