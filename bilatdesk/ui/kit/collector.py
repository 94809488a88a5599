"""Cyclic garbage is collected on the GUI thread only, so no Qt object dies on a worker.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. A background render allocating SQLAlchemy cache keys once collected a cycle holding a
Qt object that lives on the GUI thread, and destroyed it there: the suite died of a segmentation
fault in `test_history.py` (CI, 2026-12-06). Calibre and other PyQt applications answer this the
same way: automatic collection off, and a timer on the GUI thread collects each generation when
its count passes the threshold the collector would have used. Reference counting, which frees
almost everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class GuiCollector(QObject):
    """Switches automatic collection off and collects from a timer on the GUI thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.collect_all)

    def collect_all(self) -> int:
        """Collect every generation now, while the application and its objects still live.

        Cycles left for the interpreter's last collection at exit, after the application is
        gone, crashed it (a segmentation fault "Garbage-collecting"): quitting within half a
        second of building pages left their garbage uncollected.
        """
        return gc.collect()

    def collect_due(self) -> int:
        """Collect the generations whose counts passed their thresholds; returns how many
        unreachable objects were found."""
        found = 0
        first, second, third = gc.get_count()
        if first > self.thresholds[0]:
            found += gc.collect(0)
            if second > self.thresholds[1]:
                found += gc.collect(1)
                if third > self.thresholds[2]:
                    found += gc.collect(2)
        return found


_COLLECTOR: list[GuiCollector] = []


def install_collector(app: QCoreApplication) -> GuiCollector:
    """Install the collector once for the application; later calls return the same one."""
    if not _COLLECTOR:
        _COLLECTOR.append(GuiCollector(app))
    return _COLLECTOR[0]


def pause_collection() -> None:
    """No collection until `resume_collection` (nothing to do when no collector is installed).

    Start-up holds collection off until its first rows are painted: a first full pass over the
    libraries it has just imported takes 30 to 90 ms here, and the timer would run it then.
    """
    if _COLLECTOR:
        _COLLECTOR[0].timer.stop()


def resume_collection() -> None:
    if _COLLECTOR:
        _COLLECTOR[0].timer.start()
