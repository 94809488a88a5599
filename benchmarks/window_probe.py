"""Start a window and print the monotonic clock at its first paint, then quit.

`--bare` shows an empty QMainWindow (the floor) and prints `painted <clock>`. Otherwise the
arguments go to `bilatdesk.app.main`, the very path `python -m bilatdesk --db PATH` takes,
with two hooks that print `painted <clock>` at the first paint of the main window (its
chrome) and `ready <clock>` once the database is attached and the current page's first rows
are painted; then it quits. CLOCK_MONOTONIC is system-wide on Linux, so the parent subtracts
the moment it spawned this process.
"""

from __future__ import annotations

import sys
import time


def _stamp(label: str) -> None:
    print(f"{label} {time.monotonic():.6f}", flush=True)


def bare() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, lambda: (_stamp("painted"), app.quit()))
            return False

    spy = FirstPaint()
    window = QMainWindow()
    window.resize(1200, 800)
    window.installEventFilter(spy)
    window.show()
    return app.exec()


def app_window(argv: list[str]) -> int:
    from bilatdesk.app import main
    from bilatdesk.ui.shell.startup import StartupHooks

    def ready() -> None:
        _stamp("ready")
        from PySide6.QtWidgets import QApplication

        QApplication.quit()  # not close(): the user's saved window settings stay untouched

    return main(argv, hooks=StartupHooks(painted=lambda: _stamp("painted"), ready=ready))


if __name__ == "__main__":
    sys.exit(bare() if "--bare" in sys.argv else app_window(sys.argv[1:]))
