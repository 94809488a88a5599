"""Event filters that stay quiet while their Python side is being collected.

When the cyclic collector frees a window whose Python wrapper is in a reference cycle, it first
empties the wrappers' attributes and then lets Qt destroy the window, which still sends its
Hide and Close events to the filters installed on it. A filter reading `self.window` then
raised AttributeError inside Qt's event loop (seen in the suite once collection moved to the
GUI thread's timer). A filter wrapped here passes such events on untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject

F = TypeVar("F", bound=QObject)


def while_alive(
    method: Callable[[F, QObject, QEvent], bool],
) -> Callable[[F, QObject, QEvent], bool]:
    """Wrap an `eventFilter`: once the filter's attributes are gone, it filters nothing."""

    @wraps(method)
    def event_filter(self: F, watched: QObject, event: QEvent) -> bool:
        if not vars(self):
            return False
        return method(self, watched, event)

    return event_filter
