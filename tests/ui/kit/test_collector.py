"""Cyclic garbage is collected on the GUI thread only, never on a worker thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bilatdesk.ui.kit.collector import INTERVAL_MS, install_collector

FREED_ON: list[str] = []


class _Cycle:
    """Records the thread that freed it; refers to itself so only the collector frees it."""

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        FREED_ON.append(threading.current_thread().name)


def test_collection_is_off_and_runs_on_the_gui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    """A worker allocating heavily frees no cycle; the GUI thread's timer does."""
    collector = install_collector(qapp)
    assert install_collector(qapp) is collector
    collector.timer.setInterval(INTERVAL_MS)  # the suite's fixture collects between tests only
    assert not gc.isenabled()
    FREED_ON.clear()
    for _ in range(50):
        _Cycle()

    kept: list[list[int]] = []

    def allocate() -> None:
        # Far past the first threshold: automatic collection would have run on this thread.
        kept.extend([index] for index in range(10 * gc.get_threshold()[0]))

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert FREED_ON == []
    qtbot.waitUntil(lambda: len(FREED_ON) == 50, timeout=5_000)
    assert set(FREED_ON) == {threading.main_thread().name}
