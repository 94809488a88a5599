"""Asking for the file an import reads or an export writes; each side keeps its own seam class."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QWidget


class FileChooser(Protocol):
    """ContactFiles, CalendarFiles: the classes tests replace to skip the file dialogs."""

    @classmethod
    def open_path(cls, parent: QWidget | None) -> Path | None: ...

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: Path) -> Path | None: ...


def open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    """The file chosen to read, or None when the user cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(path) if path else None


def save_file(parent: QWidget | None, title: str, suggested: Path, filters: str) -> Path | None:
    """The file chosen to write (starting from `suggested`), or None when the user cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(path) if path else None
