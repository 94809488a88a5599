"""Opening a cable from elsewhere: a register's row, a Today reminder, "Report this meeting".

The editor (and with it printing and pypdfium2) is imported on first use, not with the pages
that offer to open one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.areas.cables.dialogs import user_name
from bilatdesk.ui.areas.cables.events import cable_events
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.texts import tr


def open_cable(parent: QWidget | None, services: Services, cable_id: int) -> None:
    """Open a cable's editor; its saves and moves come back through cable_events."""
    from bilatdesk.ui.areas.cables.editor import CableEditor

    CableEditor.show_for(parent, services, cable_id)


def report_meeting(parent: QWidget, services: Services, engagement_id: int) -> bool:
    """Draft the readout of an engagement and open it; True when a draft was made."""
    name = user_name(parent)
    if name is None:
        return False
    try:
        detail = services.cable_drafting.readout(engagement_id, drafter=name)
    except ServiceError as exc:
        ErrorBox.show(parent, tr("Cannot report this meeting"), str(exc))
        return False
    open_cable(parent.window(), services, detail.id)
    cable_events().moved.emit(detail.id)
    return True
