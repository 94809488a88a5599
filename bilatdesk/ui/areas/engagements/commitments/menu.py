"""Tools ▸ Open commitments…, added to the main window once a database is attached."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from bilatdesk.ui.kit.menu_host import MenuHost


def install(host: MenuHost) -> None:
    window = host.widget
    action = QAction(window.tr("Open &commitments…"), window)
    action.setObjectName("open_commitments_action")
    action.setShortcut(QKeySequence("Ctrl+Shift+M"))
    action.setStatusTip(window.tr("Every commitment by due date, to close or reopen"))

    def run() -> None:
        from bilatdesk.ui.areas.engagements.commitments.list_dialog import CommitmentsDialog

        if CommitmentsDialog.ask(window, host.services, host.scope()):
            # Today and the record pages show commitments too: let them re-read.
            from bilatdesk.ui.kit.changes import Kind, changes

            host.refresh_for(changes(Kind.COMMITMENTS))

    action.triggered.connect(run)
    host.tools_menu.addAction(action)
