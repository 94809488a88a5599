"""Ctrl+Z and Ctrl+Shift+Z: the window's keys, and the same keys inside a modal dialog.

While a modal dialog is open the window's Edit menu is out of its reach, so a dialog whose
deletions can be undone (the tag vocabulary) takes the keys itself. Its Undo undoes the
session's last step, whichever it is, as the Edit menu would, and says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from bilatdesk.services.undo.service import UndoService


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Shift+Z everywhere and the platform's Redo (Ctrl+Y on Windows), each once: a key
    bound twice to one action is ambiguous and does nothing."""
    keys = [QKeySequence("Ctrl+Shift+Z")]
    return keys + [
        k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in keys
    ]


class DialogUndo(QObject):
    """Undo and Redo keys on a dialog, over the session's history."""

    done = Signal(str, object)
    """What was undone or redone ("Undone: delete the tag 'Energy'."), and the tables written
    (a frozenset of names, for the pages to re-read)."""
    failed = Signal(str)
    """Why it could not be undone or redone, in sentences."""

    def __init__(self, dialog: QWidget, undo: UndoService | None) -> None:
        super().__init__(dialog)
        self._undo = undo
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), dialog, self.undo)
        for key in redo_keys():
            QShortcut(key, dialog, self.redo)

    def undo(self) -> bool:
        """Undo the session's last step; False (and `failed`) when there is none or it cannot."""
        return self._run(undoing=True)

    def redo(self) -> bool:
        return self._run(undoing=False)

    def _run(self, *, undoing: bool) -> bool:
        from bilatdesk.services.kernel.errors import ServiceError

        if self._undo is None:
            return False
        try:
            outcome = self._undo.undo() if undoing else self._undo.redo()
        except ServiceError as exc:
            self.failed.emit(str(exc))
            return False
        said = self.tr("Undone: %1.") if undoing else self.tr("Redone: %1.")
        self.done.emit(said.replace("%1", outcome.label), outcome.tables)
        return True
