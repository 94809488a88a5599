"""Start a window and print the monotonic clock at its first paint, then quit.

`--bare` shows an empty QMainWindow (the floor) and prints `painted <clock>`; `--bare-orm`
does the same, then loads SQLAlchemy's ORM with bilatdesk's mapping (the records' classes,
mappers configured) and prints `mapped <clock>`: no rows read through the ORM can be shown
sooner, whatever the window does (the second floor of "first rows"). Otherwise the
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


def _map_records() -> None:
    """Load the ORM and bilatdesk's mapping, as the first query over the records needs them."""
    from sqlalchemy.orm import configure_mappers

    import bilatdesk.domain  # noqa: F401  (every record class, mapped)

    configure_mappers()
    _stamp("mapped")


def bare(*, orm: bool = False) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    def painted() -> None:
        _stamp("painted")
        if orm:
            _map_records()
        app.quit()

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, painted)
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
    if "--bare" in sys.argv or "--bare-orm" in sys.argv:
        sys.exit(bare(orm="--bare-orm" in sys.argv))
    sys.exit(app_window(sys.argv[1:]))
