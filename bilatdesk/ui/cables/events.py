"""One relay of every cable editor's saves and moves, for the pages that list cables."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject, Signal


class CableEvents(QObject):
    """Editors come and go; pages connect here once."""

    saved = Signal(int)
    """A draft was saved as typed."""
    moved = Signal(int)
    """A cable was created, changed status or was deleted."""


@cache
def cable_events() -> CableEvents:
    return CableEvents()


def open_cable(parent: object, services: object, cable_id: int) -> None:
    """Open a cable's editor; the editor (and printing, pypdfium2) load on first use."""
    from bilatdesk.ui.cables.editor import CableEditor

    CableEditor.show_for(parent, services, cable_id)  # type: ignore[arg-type]
