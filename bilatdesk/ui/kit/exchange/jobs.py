"""Imports and exports in the background: one cancellable run at a time, told as signals.

The work is given a `Progress` (ui/kit/background.py): calling it with a value shows that
value and answers False once the user cancelled, so a service stops (an import then raises
ImportCancelledError and its one transaction rolls back). Every fault reaches the user as a
sentence: a file's error in the job's own words, anything else as its unexpected sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from bilatdesk.services.contacts.importing import ImportCancelledError
from bilatdesk.ui.kit.background import Op, Progress
from bilatdesk.ui.kit.texts import tr

__all__ = ["BackgroundRun", "Progress", "Sentences", "Work", "job", "reading", "writing"]


@dataclass(frozen=True)
class Sentences:
    """How a job's faults read: a file's error, and anything unexpected ("%1" its text)."""

    file_error: Callable[[OSError], str]
    unexpected: str

    def explain(self, exc: Exception) -> str | None:
        return self.file_error(exc) if isinstance(exc, OSError) else None


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


def job(
    parent: QObject | None, work: Work, sentences: Sentences, success: Callable[[Any], None]
) -> Op[Any]:
    """An op for an import or export: its sentences, and an import's cancel as a cancel."""
    return Op(
        parent,
        work,
        success,
        unexpected=sentences.unexpected,
        explain=sentences.explain,
        cancelled_by=(ImportCancelledError,),
    )


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
        self._op: Op[Any] | None = None

    @property
    def running(self) -> bool:
        return self._op is not None

    def start_work(self, work: Work, sentences: Sentences) -> bool:
        """Start `work` in the background (False if a job is already running)."""
        if self._op is not None:
            return False
        self._op = (
            job(self, work, sentences, self._on_op_finished)
            .with_progress(self.progress.emit)
            .failure(self._on_op_failed)
            .on_cancel(self._on_op_cancelled)
            .run_in_background()
        )
        return True

    def cancel(self) -> None:
        """Stop at the next progress call; an import then writes nothing."""
        if self._op is not None:
            self._op.cancel()

    # -- slots ----------------------------------------------------------------------------
    def _on_op_finished(self, result: object) -> None:
        self._op = None
        self.finished.emit(result)

    def _on_op_cancelled(self) -> None:
        self._op = None
        self.cancelled.emit()

    def _on_op_failed(self, message: str) -> None:
        self._op = None
        self.failed.emit(message)
