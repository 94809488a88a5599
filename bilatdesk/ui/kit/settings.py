"""The app's QSettings store, where windows and pages keep what a person chose last."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def settings() -> QSettings:
    """The app's settings; organisation and app are fixed so tests and runs agree."""
    return QSettings("bilatdesk", "bilatdesk")
