"""Choosing a database file to create or open: one seam for tests."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

_FILTER = "bilatdesk databases (*.sqlite *.db);;All files (*)"


class DatabaseFileDialog:
    """Asks for the path of a new or an existing database file."""

    @classmethod
    def ask(cls, parent: QWidget | None, *, new: bool) -> str | None:
        """The chosen path, or None when the user cancelled."""
        if new:
            path, _ = QFileDialog.getSaveFileName(
                parent,
                parent.tr("New database") if parent else "New database",
                "bilatdesk.sqlite",
                _FILTER,
            )
        else:
            path, _ = QFileDialog.getOpenFileName(
                parent, parent.tr("Open database") if parent else "Open database", "", _FILTER
            )
        return path or None
