"""Starting a cable from elsewhere: "Report this meeting" on an engagement."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.areas.cables.dialogs import user_name
from bilatdesk.ui.areas.cables.editor import CableEditor
from bilatdesk.ui.areas.cables.events import cable_events
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.texts import tr


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
    CableEditor.show_for(parent.window(), services, detail.id)
    cable_events().moved.emit(detail.id)
    return True
