"""Telling the user, in a window, why the program could not start (no terminal on a desktop)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox


def show_startup_error(message: str) -> None:
    """A modal box with the sentence; creates the application object if none exists yet."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName("bilatdesk")
    app.setApplicationName("bilatdesk")
    QMessageBox.critical(None, "bilatdesk", message)
