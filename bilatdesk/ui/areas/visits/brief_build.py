"""Building a visit's brief off the GUI thread, with a progress dialog that can cancel it.

The build runs as a background op (ui/kit/background.py) and never touches a widget. Cancel
sets the flag the build checks between its steps, so the build stops at the next step and
nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from bilatdesk.services.visits.brief.assemble import BriefCancelled, BuiltBrief
from bilatdesk.ui.kit.background import Op, Progress
from bilatdesk.ui.kit.texts import tr

Build = Callable[[Callable[[int, int, str], None], Callable[[], bool]], BuiltBrief]
"""(progress, cancelled) -> the brief and its build report: the service's build bound to one
visit."""


class BriefBuild(QObject):
    """One build at a time: a progress dialog while it runs, then built, cancelled or failed."""

    built = Signal(object)
    """The finished brief: a BuiltBrief, its PDF and its build report."""
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: QProgressDialog | None = None
        self._op: Op[BuiltBrief] | None = None

    @property
    def running(self) -> bool:
        return self.dialog is not None

    def start(self, parent: QWidget | None, build: Build, title: str) -> bool:
        """Start building (False if a build is already running) and show the progress."""
        if self.running:
            return False
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

        def work(progress: Progress) -> BuiltBrief:
            def step(number: int, total: int, text: str) -> None:
                progress((number, total, text))

            return build(step, lambda: progress.cancelled)

        self._op = (
            Op(
                self,
                work,
                self._on_op_done,
                unexpected=tr("The brief could not be built (%1)."),
                cancelled_by=(BriefCancelled,),
            )
            .with_progress(self._on_op_progress)
            .failure(self._on_op_failed)
            .on_cancel(self._on_op_cancelled)
            .run_in_background()
        )
        return True

    def cancel(self) -> None:
        """What the dialog's Cancel button does: the build stops at its next step."""
        if self._op is not None:
            self._op.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))

    def _finish(self) -> None:
        self._op = None
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._on_dialog_canceled)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    # -- slots ----------------------------------------------------------------------------
    def _on_dialog_canceled(self) -> None:
        self.cancel()

    def _on_op_progress(self, value: object) -> None:
        dialog = self.dialog
        if dialog is None or not isinstance(value, tuple):
            return
        step, total, text = value
        dialog.setLabelText(tr(text) + "…")
        dialog.setMaximum(total)
        # Last: on a modal dialog setValue processes events, and the build may finish there.
        dialog.setValue(step)

    def _on_op_done(self, built: BuiltBrief) -> None:
        self._finish()
        self.built.emit(built)

    def _on_op_cancelled(self) -> None:
        self._finish()
        self.cancelled.emit()

    def _on_op_failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)
