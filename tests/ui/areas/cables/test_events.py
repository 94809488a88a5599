"""Pages stop listening to cable events once their widgets are gone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.ui.areas.cables.events import cable_events
from bilatdesk.ui.areas.cables.page import CablesPageController, CablesPageView
from bilatdesk.ui.areas.today.page import TodayController, TodayView


def test_pages_whose_widgets_are_deleted_no_longer_hear_cable_events(
    qtbot: QtBot, populated: Services
) -> None:
    """A cable saved after a page's widgets were deleted touches none of them.

    The relay outlives every window; in a long session (or a test run) a controller can
    outlast its view, and the next event then raised "Internal C++ object already deleted".
    """
    today_view, cables_view = TodayView(), CablesPageView()
    controllers = [
        TodayController(today_view, populated),
        CablesPageController(cables_view, populated),
    ]
    for view in (today_view, cables_view):
        view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # pytest-qt fails the test if a slot raises inside Qt.
    cable_events().moved.emit(1)
    cable_events().saved.emit(1)
    assert len(controllers) == 2
