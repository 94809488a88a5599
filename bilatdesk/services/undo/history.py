"""The session's undo and redo stacks: steps in the order they were done, each named.

Pure bookkeeping, no database: a step knows the roots it changed, their state before and after
(as data) and the versions it expects to find, and the service decides whether it may be
undone. Listeners are told whenever the stacks change (the window's Edit menu names the step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bilatdesk.services.undo.rows import Root, State

LIMIT = 200
"""Steps kept; the oldest are forgotten first (snapshots carry photos)."""


@dataclass
class Step:
    """One user action as it can be undone: "delete Ana Kovačević" and its two states."""

    label: str
    roots: tuple[Root, ...]
    before: State
    after: State
    binned: bool = False
    """A deletion: its records are in the bin while it is done."""
    titles: dict[Root, str] = field(default_factory=dict)
    expected: dict[Root, int | None] = field(default_factory=dict)
    """Each root's version as the step left it; a different one means changed since."""
    coalesce: bool = False
    """Joins the step before it when that is the same step of the same records, just done."""


class History:
    """Undo and redo stacks since the program started."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._limit = limit
        self._listeners: list[Callable[[], None]] = []

    def listen(self, callback: Callable[[], None]) -> None:
        """Call `callback` after every change of the stacks (from the thread that made it)."""
        self._listeners.append(callback)

    def _changed(self) -> None:
        for callback in list(self._listeners):
            callback()

    def push(self, step: Step) -> None:
        """A new step done: it can be undone, and nothing undone can be redone any more."""
        last = self._done[-1] if self._done else None
        if (
            step.coalesce
            and last is not None
            and last.coalesce
            and (last.label, last.roots) == (step.label, step.roots)
            and last.expected == step.before.versions
        ):
            last.after, last.expected = step.after, step.expected
            self._undone.clear()
            self._changed()
            return
        self._done.append(step)
        del self._done[: -self._limit]
        self._undone.clear()
        self._changed()

    @property
    def undo_label(self) -> str:
        """What Undo would undo ("" when nothing)."""
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        """What Redo would redo ("" when nothing)."""
        return self._undone[-1].label if self._undone else ""

    def next_undo(self) -> Step | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> Step | None:
        return self._undone[-1] if self._undone else None

    def undone(self, step: Step) -> None:
        """`step` was undone: it moves to the redo stack."""
        self._done.remove(step)
        self._undone.append(step)
        self._changed()

    def redone(self, step: Step) -> None:
        """`step` was redone: it is back on the undo stack."""
        self._undone.remove(step)
        self._done.append(step)
        self._changed()

    def drop(self, step: Step) -> None:
        """Forget a step that can no longer be undone or redone (its record changed since)."""
        for stack in (self._done, self._undone):
            if step in stack:
                stack.remove(step)
        self._changed()
