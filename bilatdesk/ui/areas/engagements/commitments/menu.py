"""Tools ▸ Open commitments…, added to the main window once a database is attached."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from bilatdesk.ui.shell.context import Services
    from bilatdesk.ui.shell.main_window import MainWindow


def install(window: MainWindow, services: Services) -> None:
    action = QAction(window.tr("Open &commitments…"), window)
    action.setObjectName("open_commitments_action")
    action.setShortcut(QKeySequence("Ctrl+Shift+M"))
    action.setStatusTip(window.tr("Every commitment by due date, to close or reopen"))

    def run() -> None:
        from bilatdesk.ui.areas.engagements.commitments.list_dialog import CommitmentsDialog

        if CommitmentsDialog.ask(window, services, window.scope()):
            # Today and the record pages show commitments too: let them re-read.
            from bilatdesk.ui.kit.changes import Kind, changes

            window.refresh_for(changes(Kind.COMMITMENTS))

    action.triggered.connect(run)
    window.tools_menu.addAction(action)
