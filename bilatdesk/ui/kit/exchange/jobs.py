"""A cancellable background job: work in the pool, its outcome as signals on the GUI thread.

The work is given a `Progress`: calling it with a value shows that value and answers False
once the user cancelled, so a service stops (an import then raises ImportCancelledError and
its one transaction rolls back). The work never touches a widget; it reports only through a
relay's queued signals. Every fault reaches the user as a sentence.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from bilatdesk.services.contacts.importing import ImportCancelledError
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.kit.pdf_pages import pool
from bilatdesk.ui.kit.texts import tr


class Relay(QObject):
    """Lives in the GUI thread; the worker's emits arrive there queued."""

    progress = Signal(object)
    done = Signal(object)
    cancelled = Signal()
    failed = Signal(str)


class Progress:
    """What the work calls as it goes: shows a value, or answers False once cancelled."""

    def __init__(self, relay: Relay, stop: threading.Event) -> None:
        self._relay, self._stop = relay, stop

    def __call__(self, value: object) -> bool:
        if self._stop.is_set():
            return False
        self._relay.progress.emit(value)
        return True

    def check(self) -> None:
        """Between two steps of the work: raise ImportCancelledError once cancelled."""
        if self._stop.is_set():
            raise ImportCancelledError()


@dataclass(frozen=True)
class Sentences:
    """How a job's faults read: a file's error, and anything unexpected ("%1" its text)."""

    file_error: Callable[[OSError], str]
    unexpected: str


def reading(path: Path, could_not_read: str) -> Sentences:
    """An import's sentences; `could_not_read` names the file (%1) and the reason (%2)."""
    return Sentences(
        lambda exc: could_not_read.replace("%1", str(path)).replace("%2", exc.strerror or str(exc)),
        tr("The import stopped on an unexpected error (%1); nothing was written."),
    )


def writing() -> Sentences:
    """An export's sentences: its file is written atomically, so a fault changes nothing."""
    return Sentences(
        lambda exc: tr("The file could not be written (%1); nothing was changed.").replace(
            "%1", exc.strerror or str(exc)
        ),
        tr("The export failed (%1)."),
    )


Work = Callable[[Progress], Any]


class Job(QRunnable):
    """Runs `work` in the pool and reports how it ended through the relay."""

    def __init__(
        self, relay: Relay, work: Work, sentences: Sentences, stop: threading.Event | None = None
    ) -> None:
        super().__init__()
        self.relay, self.work, self.sentences = relay, work, sentences
        self.progress = Progress(relay, stop or threading.Event())

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except ImportCancelledError:
            self.relay.cancelled.emit()
        except ServiceError as exc:
            self.relay.failed.emit(str(exc))
        except OSError as exc:
            self.relay.failed.emit(self.sentences.file_error(exc))
        except Exception as exc:  # a fault must reach the user as a sentence
            self.relay.failed.emit(
                self.sentences.unexpected.replace("%1", str(exc) or type(exc).__name__)
            )
        else:
            # A cancel that came after the last progress call is too late: the work is
            # done whole, and its result says so.
            self.relay.done.emit(result)


class BackgroundRun(QObject):
    """One job at a time, cancellable, reported by signals on the GUI thread."""

    progress = Signal(object)
    """What the work last showed (while it runs and is not being cancelled)."""
    finished = Signal(object)
    """The work's result."""
    cancelled = Signal()
    failed = Signal(str)
    """The sentence saying why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._running = False
        self._relay = Relay(self)
        self._relay.progress.connect(self._on_relay_progress)
        self._relay.done.connect(self._on_relay_done)
        self._relay.cancelled.connect(self._on_relay_cancelled)
        self._relay.failed.connect(self._on_relay_failed)

    @property
    def running(self) -> bool:
        return self._running

    def start_work(self, work: Work, sentences: Sentences) -> bool:
        """Start `work` in the background (False if a job is already running)."""
        if self._running:
            return False
        self._stop = threading.Event()
        self._running = True
        pool().start(Job(self._relay, work, sentences, self._stop))
        return True

    def cancel(self) -> None:
        """Stop at the next progress call; an import then writes nothing."""
        self._stop.set()

    # -- slots ----------------------------------------------------------------------------
    def _on_relay_progress(self, value: object) -> None:
        if self._running and not self._stop.is_set():
            self.progress.emit(value)

    def _on_relay_done(self, result: object) -> None:
        self._running = False
        self.finished.emit(result)

    def _on_relay_cancelled(self) -> None:
        self._running = False
        self.cancelled.emit()

    def _on_relay_failed(self, message: str) -> None:
        self._running = False
        self.failed.emit(message)
