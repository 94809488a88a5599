"""One relay of every cable editor's saves and moves, for the pages that list cables."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class CableEvents(QObject):
    """Editors come and go; pages connect here once."""

    saved = Signal(int)
    """A draft was saved as typed."""
    moved = Signal(int)
    """A cable was created, changed status or was deleted."""


@cache
def cable_events() -> CableEvents:
    return CableEvents()


def connect_while_alive(signal: SignalInstance, slot: Callable[..., Any], owner: QObject) -> None:
    """Connect a long-lived signal to `slot` for as long as `owner` exists.

    The relay outlives every window; a page whose widgets are gone (a closed window, another
    database opened) must stop hearing it, or the next cable saved touches deleted widgets.
    """
    signal.connect(slot)

    def _drop() -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            signal.disconnect(slot)

    owner.destroyed.connect(_drop)
