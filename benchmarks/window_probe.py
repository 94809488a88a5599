"""Start a window and print the monotonic clock at its first paint, then quit.

`--bare` shows an empty QMainWindow (the floor); otherwise bilatdesk's own main window opens
on `--db` exactly as `bilatdesk --db` would. CLOCK_MONOTONIC is system-wide on Linux, so the
parent subtracts the moment it spawned this process.
"""

from __future__ import annotations

import sys
import time


def main() -> int:
    bare = "--bare" in sys.argv
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
                self.seen = True
                QTimer.singleShot(0, lambda: _report_and_quit(app))
            return False

    spy = FirstPaint()
    if bare:
        window = QMainWindow()
        window.resize(1200, 800)
    else:
        from bilatdesk.app import resolve_gui_target
        from bilatdesk.services.settings import is_demo
        from bilatdesk.store.database import Database
        from bilatdesk.ui.app import GuiSession

        db = Database.open(resolve_gui_target(sys.argv[sys.argv.index("--db") + 1]))
        session = GuiSession(db, demo=is_demo(db))
        window = session.window
    window.installEventFilter(spy)
    window.show()
    code = app.exec()
    if not bare:
        session.close()
    return code


def _report_and_quit(app: object) -> None:
    print(f"painted {time.monotonic():.6f}", flush=True)
    app.quit()  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
