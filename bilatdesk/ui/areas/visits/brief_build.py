"""Building a visit's brief off the GUI thread, with a progress dialog that can cancel it.

The worker calls `BriefService.build` and reports only through a relay's queued signals; it
never touches a widget. Cancel sets a flag the build checks between its steps, so the build
stops at the next step and nothing is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.visits.brief.assemble import BriefCancelled
from bilatdesk.ui.kit.pdf_pages import pool
from bilatdesk.ui.kit.texts import tr

Build = Callable[[Callable[[int, int, str], None], Callable[[], bool]], bytes]
"""(progress, cancelled) -> PDF bytes: the service's build bound to one visit."""


class _Relay(QObject):
    """Lives in the GUI thread; the worker's emits arrive there queued."""

    progress = Signal(int, int, str)
    done = Signal(object)
    cancelled = Signal()
    failed = Signal(str)


class _BuildJob(QRunnable):
    def __init__(self, relay: _Relay, build: Build, stop: threading.Event) -> None:
        super().__init__()
        self.relay = relay
        self.build = build
        self.stop = stop

    def run(self) -> None:
        try:
            pdf = self.build(self.relay.progress.emit, self.stop.is_set)
        except BriefCancelled:
            self.relay.cancelled.emit()
        except ServiceError as exc:
            self.relay.failed.emit(str(exc))
        except Exception as exc:  # a renderer fault must reach the user as a sentence
            self.relay.failed.emit(
                tr("The brief could not be built (%1).").replace(
                    "%1", str(exc) or type(exc).__name__
                )
            )
        else:
            self.relay.done.emit(pdf)


class BriefBuild(QObject):
    """One build at a time: a progress dialog while it runs, then built, cancelled or failed."""

    built = Signal(object)
    """The PDF bytes of the finished brief."""
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: QProgressDialog | None = None
        self._stop = threading.Event()
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_relay_progress)
        self._relay.done.connect(self._on_relay_done)
        self._relay.cancelled.connect(self._on_relay_cancelled)
        self._relay.failed.connect(self._on_relay_failed)

    @property
    def running(self) -> bool:
        return self.dialog is not None

    def start(self, parent: QWidget | None, build: Build, title: str) -> bool:
        """Start building (False if a build is already running) and show the progress."""
        if self.running:
            return False
        self._stop = threading.Event()
        dialog = QProgressDialog(self.tr("Gathering the visit…"), self.tr("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self._on_dialog_canceled)
        self.dialog = dialog
        dialog.show()
        pool().start(_BuildJob(self._relay, build, self._stop))
        return True

    def cancel(self) -> None:
        """What the dialog's Cancel button does: the build stops at its next step."""
        self._stop.set()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._on_dialog_canceled)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    # -- slots ----------------------------------------------------------------------------
    def _on_dialog_canceled(self) -> None:
        self.cancel()

    def _on_relay_progress(self, step: int, total: int, text: str) -> None:
        dialog = self.dialog
        if dialog is None or self._stop.is_set():
            return
        dialog.setLabelText(tr(text) + "…")
        dialog.setMaximum(total)
        # Last: on a modal dialog setValue processes events, and the build may finish there.
        dialog.setValue(step)

    def _on_relay_done(self, pdf: object) -> None:
        self._finish()
        self.built.emit(pdf)

    def _on_relay_cancelled(self) -> None:
        self._finish()
        self.cancelled.emit()

    def _on_relay_failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)
