"""Edit ▸ Undo and Redo: the session's steps named in the menu, Ctrl+Z and Ctrl+Shift+Z."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from bilatdesk.ui.kit.changes import kinds_of
from bilatdesk.ui.kit.undo_keys import redo_keys

if TYPE_CHECKING:
    from bilatdesk.services.catalog import Services
    from bilatdesk.services.undo.service import Outcome

STATUS_MS = 8000


class UndoActions(QObject):
    """The two entries at the top of the Edit menu, kept naming the step they would undo."""

    history_changed = Signal()
    """The stacks changed (maybe in a worker thread): the entries are renamed on the GUI's."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._services: Services | None = None
        keys = QKeySequence.StandardKey
        self.undo_action = QAction(self.tr("&Undo"), window)
        self.undo_action.setObjectName("edit_undo")
        self.undo_action.setShortcut(keys.Undo)
        self.undo_action.triggered.connect(self._on_undo_action_triggered)
        self.redo_action = QAction(self.tr("&Redo"), window)
        self.redo_action.setObjectName("edit_redo")
        self.redo_action.setShortcuts(redo_keys())
        self.redo_action.triggered.connect(self._on_redo_action_triggered)
        if menu.actions():
            first = menu.actions()[0]
            menu.insertActions(first, [self.undo_action, self.redo_action])
            menu.insertSeparator(first)
        else:
            menu.addActions([self.undo_action, self.redo_action])
        for action in (self.undo_action, self.redo_action):
            window.addAction(action)
        self.history_changed.connect(self._on_history_changed)
        self._on_history_changed()

    def attach(self, services: Services) -> None:
        """Follow the history of the services of the database just opened."""
        self._services = services
        services.undo.history.listen(self.history_changed.emit)
        self._on_history_changed()

    def detach(self) -> None:
        """The database is closing: nothing to undo any more (its history goes with it)."""
        self._services = None
        self._on_history_changed()

    def _on_history_changed(self) -> None:
        services = self._services
        writable = services is not None and not services.read_only
        undo = services.undo.undo_label if services is not None else ""
        redo = services.undo.redo_label if services is not None else ""
        self.undo_action.setText(
            self.tr("&Undo %1").replace("%1", undo) if undo else self.tr("&Undo")
        )
        self.redo_action.setText(
            self.tr("&Redo %1").replace("%1", redo) if redo else self.tr("&Redo")
        )
        self.undo_action.setEnabled(writable and bool(undo))
        self.redo_action.setEnabled(writable and bool(redo))

    def _on_undo_action_triggered(self) -> None:
        self._run(undoing=True)

    def _on_redo_action_triggered(self) -> None:
        self._run(undoing=False)

    def _run(self, *, undoing: bool) -> None:
        services = self._services
        if services is None:
            return
        # Imported here: the window paints before the database layers are loaded.
        from bilatdesk.services.kernel.errors import ServiceError

        try:
            outcome: Outcome = services.undo.undo() if undoing else services.undo.redo()
        except ServiceError as exc:
            self._window.statusBar().showMessage(str(exc), STATUS_MS)
            from bilatdesk.ui.kit.messages import ErrorBox

            ErrorBox.show(self._window, self.tr("Undo"), str(exc))
            return
        said = self.tr("Undone: %1.") if undoing else self.tr("Redone: %1.")
        self._window.statusBar().showMessage(said.replace("%1", outcome.label), STATUS_MS)
        refresh = getattr(self._window, "refresh_for", None)
        if refresh is not None:
            refresh(kinds_of(outcome.tables))
