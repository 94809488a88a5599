"""The one background helper: work runs in a pool, its outcome arrives on the GUI thread.

Shaped like Anki's `QueryOp`: `Op(parent, work, success).failure(...).run_in_background()`.
The work is given a `Progress` and never touches a widget; it reports through a relay that
lives on the GUI thread, so every callback (progress, success, failure, cancel) runs there.
A `ServiceError` arrives as its own sentence; anything else as a generic sentence, with the
traceback in the log (never a traceback dialog, never lost to sys.excepthook). The caller may
cancel; the work sees it at its next progress call. Running ops are held here until their
outcome is delivered, and an op whose parent was destroyed meanwhile delivers nothing.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from functools import cache
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.kit.texts import tr

T = TypeVar("T")

log = logging.getLogger(__name__)


class CancelledError(Exception):
    """Raised by `Progress.report`/`check` once the user cancelled; the op then says so."""


@cache
def pool() -> QThreadPool:
    """One small pool for background work, so tests and closing windows can wait for it."""
    threads = QThreadPool()
    threads.setMaxThreadCount(2)
    return threads


class Progress:
    """What the work is given: it tells how far it got and learns whether to stop."""

    def __init__(self, stop: threading.Event, emit: Callable[[object], None]) -> None:
        self.stop = stop
        self._emit = emit

    @property
    def cancelled(self) -> bool:
        return self.stop.is_set()

    def __call__(self, value: object) -> bool:
        """Show `value`; False once cancelled (for services that take a `progress -> bool`)."""
        if self.stop.is_set():
            return False
        self._emit(value)
        return True

    def report(self, value: object) -> None:
        """Show `value`, or raise CancelledError once cancelled."""
        if not self(value):
            raise CancelledError()

    def check(self) -> None:
        """Between two steps of the work: raise CancelledError once cancelled."""
        if self.stop.is_set():
            raise CancelledError()


def unexpected_sentence(exc: BaseException, template: str) -> str:
    """`template` with %1 the fault's own words (its type's name when it has none)."""
    return template.replace("%1", str(exc) or type(exc).__name__)


class _Relay(QObject):
    """Lives on the GUI thread: the worker emits, the slots below run there (queued)."""

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, op: Op[object]) -> None:
        super().__init__()
        self.op = op
        self.progressed.connect(self._on_progressed)
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)
        self.cancelled.connect(self._on_cancelled)

    @Slot(object)
    def _on_progressed(self, value: object) -> None:
        self.op._deliver_progress(value)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self.op._deliver_success(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.op._deliver_failure(message)

    @Slot()
    def _on_cancelled(self) -> None:
        self.op._deliver_cancel()

    @Slot()
    def _on_parent_destroyed(self) -> None:
        self.op._abandon()


class _Task(QRunnable):
    def __init__(self, op: Op[object]) -> None:
        super().__init__()
        self.op = op

    def run(self) -> None:
        self.op._execute()


_running: set[Op[object]] = set()
"""Ops between start and delivery: held so neither they nor their relay are collected."""


def running_ops() -> int:
    """How many ops have started and not yet delivered their outcome."""
    return len(_running)


class Op(Generic[T]):
    """One piece of work off the GUI thread, its outcome delivered on it.

    `work(progress)` runs in the pool; `success(result)` runs on the GUI thread. A refusal
    (`ServiceError`) arrives at `failure` as its sentence; a fault `explain` can phrase (e.g.
    an OSError) as its phrasing; any other fault as `unexpected` (%1 the fault's words),
    logged with its traceback. Exceptions of the types in `cancelled_by` (and `CancelledError`)
    mean the work stopped because the user cancelled. Without a `failure` callback the
    sentence is shown in a box over `parent`.
    """

    def __init__(
        self,
        parent: QObject | None,
        work: Callable[[Progress], T],
        success: Callable[[T], None],
        *,
        unexpected: str = "",
        explain: Callable[[Exception], str | None] | None = None,
        cancelled_by: tuple[type[Exception], ...] = (),
    ) -> None:
        self.parent = parent
        self._work = work
        self._success = success
        self._failure: Callable[[str], None] | None = None
        self._progress: Callable[[object], None] | None = None
        self._cancel: Callable[[], None] | None = None
        self._unexpected = unexpected or tr("The work stopped on an unexpected error (%1).")
        self._explain = explain
        self._cancelled_by: tuple[type[Exception], ...] = (CancelledError, *cancelled_by)
        self._stop = threading.Event()
        self._abandoned = False
        self._relay: _Relay | None = None
        self.finished = False

    # -- building -------------------------------------------------------------------------
    def failure(self, on_failure: Callable[[str], None]) -> Op[T]:
        """Call `on_failure(sentence)` on the GUI thread if the work fails."""
        self._failure = on_failure
        return self

    def with_progress(self, on_progress: Callable[[object], None]) -> Op[T]:
        """Call `on_progress(value)` on the GUI thread for what the work reports."""
        self._progress = on_progress
        return self

    def on_cancel(self, on_cancel: Callable[[], None]) -> Op[T]:
        """Call `on_cancel()` on the GUI thread when the work stopped because of `cancel`."""
        self._cancel = on_cancel
        return self

    # -- running --------------------------------------------------------------------------
    def run_in_background(self) -> Op[T]:
        """Start the work in the pool; returns the op, to cancel it later."""
        if self._relay is not None:
            raise RuntimeError("an op runs once")
        me = cast("Op[object]", self)
        relay = self._relay = _Relay(me)
        if self.parent is not None:
            self.parent.destroyed.connect(relay._on_parent_destroyed)
        _running.add(me)
        pool().start(_Task(me))
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress call; its progress is no longer shown."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    @property
    def running(self) -> bool:
        return self._relay is not None and not self.finished

    # -- in the worker --------------------------------------------------------------------
    def _execute(self) -> None:
        relay = self._relay
        assert relay is not None
        progress = Progress(self._stop, relay.progressed.emit)
        try:
            result = self._work(progress)
        except self._cancelled_by:
            relay.cancelled.emit()
        except ServiceError as exc:
            relay.failed.emit(str(exc))
        except Exception as exc:  # a fault must reach the user as a sentence
            relay.failed.emit(self._sentence(exc))
        else:
            # A cancel after the last progress call is too late: the work is done whole.
            relay.succeeded.emit(result)

    def _sentence(self, exc: Exception) -> str:
        if self._explain is not None:
            try:
                explained = self._explain(exc)
            except Exception:  # the phrasing must never hide the fault itself
                log.exception("Explaining a background fault failed")
                explained = None
            if explained is not None:
                return explained
        log.error("Background work failed", exc_info=exc)
        return unexpected_sentence(exc, self._unexpected)

    # -- on the GUI thread ----------------------------------------------------------------
    def _alive(self) -> bool:
        return not self._abandoned

    def _abandon(self) -> None:
        """The parent is gone: stop the work, and deliver nothing to it."""
        self._abandoned = True
        self._stop.set()

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        relay = self._relay
        if relay is not None and self.parent is not None and not self._abandoned:
            # RuntimeError, TypeError: the parent's C++ side is already gone.
            with contextlib.suppress(RuntimeError, TypeError):
                self.parent.destroyed.disconnect(relay._on_parent_destroyed)
        # Let go on a later turn: the relay must not be deleted inside its own slot.
        me = cast("Op[object]", self)
        QTimer.singleShot(0, lambda: _running.discard(me))

    def _guarded(self, call: Callable[[], None], *, then_fail: bool = True) -> None:
        """A callback's own fault becomes a logged sentence, not an excepthook traceback."""
        try:
            call()
        except Exception as exc:
            log.error("A background op's callback failed", exc_info=exc)
            if then_fail:
                self._deliver_failure(unexpected_sentence(exc, self._unexpected))

    def _deliver_progress(self, value: object) -> None:
        if self._progress is not None and self._alive() and not self._stop.is_set():
            on_progress = self._progress
            self._guarded(lambda: on_progress(value))

    def _deliver_success(self, result: object) -> None:
        self._finish()
        if self._alive():
            self._guarded(lambda: self._success(cast(T, result)))

    def _deliver_failure(self, message: str) -> None:
        self._finish()
        if not self._alive():
            return
        on_failure = self._failure or (lambda sentence: _show(self.parent, sentence))
        self._guarded(lambda: on_failure(message), then_fail=False)

    def _deliver_cancel(self) -> None:
        self._finish()
        if self._cancel is not None and self._alive():
            self._guarded(self._cancel)


def _show(parent: QObject | None, message: str) -> None:
    from PySide6.QtWidgets import QWidget

    from bilatdesk.ui.kit.messages import ErrorBox

    widget = parent if isinstance(parent, QWidget) else None
    ErrorBox.show(widget, tr("Something went wrong"), message)
