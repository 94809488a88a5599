"""The one background helper: work in the pool, every outcome on the GUI thread, as sentences."""

from __future__ import annotations

import gc
import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.kit.background import Op, Progress, pool, running_ops

WAIT_MS = 10_000


class Receiver(QObject):
    """Stands for a page or dialog: records what arrives and on which thread."""

    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    progressed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []
        self.progress: list[object] = []

    def on_success(self, result: object) -> None:
        self.threads.append(threading.current_thread())
        self.succeeded.emit(result)

    def on_failure(self, message: str) -> None:
        self.threads.append(threading.current_thread())
        self.failed.emit(message)

    def on_cancel(self) -> None:
        self.cancelled.emit()

    def on_progress(self, value: object) -> None:
        self.threads.append(threading.current_thread())
        self.progress.append(value)
        self.progressed.emit(value)


def test_success_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    """The work runs in a pool thread; its result reaches the success callback on the GUI."""
    receiver = Receiver()
    worker_threads: list[threading.Thread] = []

    def work(_progress: Progress) -> int:
        worker_threads.append(threading.current_thread())
        return 42

    with qtbot.waitSignal(receiver.succeeded, timeout=WAIT_MS) as blocker:
        Op(receiver, work, receiver.on_success).run_in_background()
    assert blocker.args == [42]
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert receiver.threads == [threading.main_thread()]


def test_a_refusal_arrives_as_its_own_sentence(qtbot: QtBot) -> None:
    """A ServiceError reaches the failure callback as exactly its sentence."""
    receiver = Receiver()

    def work(_progress: Progress) -> None:
        raise ServiceError("The cable is already dispatched.")

    with qtbot.waitSignal(receiver.failed, timeout=WAIT_MS) as blocker:
        Op(receiver, work, receiver.on_success).failure(receiver.on_failure).run_in_background()
    assert blocker.args == ["The cable is already dispatched."]
    assert receiver.threads == [threading.main_thread()]


def test_a_fault_arrives_as_a_generic_sentence_and_its_traceback_in_the_log(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """Any other exception: the op's generic sentence with its words; the traceback is logged."""
    receiver = Receiver()

    def work(_progress: Progress) -> None:
        raise KeyError("font")

    with (
        caplog.at_level(logging.ERROR, logger="bilatdesk.ui.kit.background"),
        qtbot.waitSignal(receiver.failed, timeout=WAIT_MS) as blocker,
    ):
        Op(receiver, work, receiver.on_success, unexpected="It broke (%1).").failure(
            receiver.on_failure
        ).run_in_background()
    assert blocker.args == ["It broke ('font')."]
    assert any(record.exc_info and record.exc_info[0] is KeyError for record in caplog.records)


def test_explain_phrases_a_known_fault(qtbot: QtBot) -> None:
    """A fault the caller can phrase (a file's error) arrives in the caller's words."""
    receiver = Receiver()

    def work(_progress: Progress) -> None:
        raise PermissionError(13, "Permission denied")

    def explain(exc: Exception) -> str | None:
        return f"No right to write ({exc.strerror})." if isinstance(exc, OSError) else None

    with qtbot.waitSignal(receiver.failed, timeout=WAIT_MS) as blocker:
        Op(receiver, work, receiver.on_success, explain=explain).failure(
            receiver.on_failure
        ).run_in_background()
    assert blocker.args == ["No right to write (Permission denied)."]


def test_a_failing_callback_becomes_a_sentence_not_an_excepthook(qtbot: QtBot) -> None:
    """A success callback that raises is reported to `failure`, never to sys.excepthook."""
    receiver = Receiver()

    def success(_result: object) -> None:
        raise ValueError("bad row")

    with qtbot.waitSignal(receiver.failed, timeout=WAIT_MS) as blocker:
        Op(receiver, lambda _p: 1, success, unexpected="Oops (%1).").failure(
            receiver.on_failure
        ).run_in_background()
    assert blocker.args == ["Oops (bad row)."]


def test_progress_arrives_in_order_on_the_gui_thread(qtbot: QtBot) -> None:
    """Each value the work reports reaches the progress callback, in order, before success."""
    receiver = Receiver()

    def work(progress: Progress) -> str:
        for step in range(5):
            progress.report(step)
        return "done"

    with qtbot.waitSignal(receiver.succeeded, timeout=WAIT_MS):
        Op(receiver, work, receiver.on_success).with_progress(
            receiver.on_progress
        ).run_in_background()
    assert receiver.progress == [0, 1, 2, 3, 4]
    assert set(receiver.threads) == {threading.main_thread()}


def test_cancel_stops_the_work_at_its_next_progress_call(qtbot: QtBot) -> None:
    """Once cancelled, the work's next report raises; the op says cancelled, not success."""
    receiver = Receiver()
    started, cancelled = threading.Event(), threading.Event()
    seen_after_cancel: list[bool] = []

    def work(progress: Progress) -> str:
        started.set()
        assert cancelled.wait(WAIT_MS / 1000)
        seen_after_cancel.append(progress("late"))  # answers False, shows nothing
        progress.report("never shown")
        return "finished"

    with qtbot.waitSignal(receiver.cancelled, timeout=WAIT_MS):
        op = (
            Op(receiver, work, receiver.on_success)
            .with_progress(receiver.on_progress)
            .on_cancel(receiver.on_cancel)
            .run_in_background()
        )
        assert started.wait(WAIT_MS / 1000)
        op.cancel()
        cancelled.set()
    assert seen_after_cancel == [False]
    assert receiver.progress == [] and receiver.threads == []
    assert op.cancelled and not op.running


def test_a_service_cancel_exception_counts_as_cancel(qtbot: QtBot) -> None:
    """An exception named in `cancelled_by` (a service's own) means cancelled, not failed."""

    class StoppedError(ServiceError):
        pass

    receiver = Receiver()

    def work(_progress: Progress) -> None:
        raise StoppedError("stopped")

    with qtbot.waitSignal(receiver.cancelled, timeout=WAIT_MS):
        Op(receiver, work, receiver.on_success, cancelled_by=(StoppedError,)).failure(
            receiver.on_failure
        ).on_cancel(receiver.on_cancel).run_in_background()


def test_a_destroyed_receiver_gets_nothing_and_the_work_is_told_to_stop(qtbot: QtBot) -> None:
    """The receiver goes before the result: no callback runs, the work sees the cancel."""
    receiver = Receiver()
    calls: list[object] = []
    started, release = threading.Event(), threading.Event()
    saw_cancel: list[bool] = []

    def work(progress: Progress) -> str:
        started.set()
        assert release.wait(WAIT_MS / 1000)
        saw_cancel.append(progress.cancelled)
        return "result"

    Op(receiver, work, calls.append).failure(calls.append).run_in_background()
    assert started.wait(WAIT_MS / 1000)
    shiboken6.delete(receiver)
    release.set()
    pool().waitForDone(WAIT_MS)
    qtbot.waitUntil(lambda: running_ops() == 0, timeout=WAIT_MS)
    assert saw_cancel == [True]
    assert calls == []


def test_running_ops_are_held_until_delivered(qtbot: QtBot) -> None:
    """An op nobody keeps a reference to still delivers its result."""
    receiver = Receiver()
    release = threading.Event()

    def work(_progress: Progress) -> str:
        assert release.wait(WAIT_MS / 1000)
        return "kept"

    with qtbot.waitSignal(receiver.succeeded, timeout=WAIT_MS) as blocker:
        Op(receiver, work, receiver.on_success).run_in_background()
        assert running_ops() >= 1
        gc.collect()
        release.set()
    assert blocker.args == ["kept"]
