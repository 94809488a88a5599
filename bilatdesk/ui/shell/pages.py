"""The areas' pages, each built the first time it is needed.

Building a page imports its area (forms, dialogs, the services it reads) and runs its first
query. The window builds the page it opens on when the database is attached, shows its rows,
and builds the others afterwards, one per turn of the event loop (ui/shell/main_window.py);
a page the user goes to before its turn is built at once. Until then an empty stand-in holds
its place in the window's stack, so a page's index stays its area's row in the sidebar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStackedWidget, QWidget

if TYPE_CHECKING:
    from bilatdesk.services.catalog import Services
    from bilatdesk.ui.shell.frame import Area, PageController

PENDING = "pending_"
"""The object name of a stand-in starts with this, followed by its area's key."""


def stand_in(area: Area) -> QWidget:
    """The empty widget that holds a page's place until the page is built."""
    widget = QWidget()
    widget.setObjectName(f"{PENDING}{area.key}")
    return widget


def is_stand_in(widget: QWidget | None) -> bool:
    return widget is not None and widget.objectName().startswith(PENDING)


def replace_stand_in(stack: QStackedWidget, row: int, page: QWidget) -> None:
    """Put `page` at `row` of `stack`, where its stand-in was; the stack keeps its current page."""
    held = stack.widget(row)
    stack.insertWidget(row, page)
    if held is not None:
        stack.removeWidget(held)
        held.deleteLater()


def build_page(
    area: Area, services: Services, parent: QObject
) -> tuple[QWidget, PageController | None]:
    """The page of `area` and its controller (None for an area without records yet)."""
    page: QWidget
    controller: PageController
    if area.key == "today":
        from bilatdesk.ui.areas.today.page import TodayController, TodayView

        page = TodayView()
        controller = TodayController(page, services, parent)
    elif area.key == "cables":
        from bilatdesk.ui.areas.cables.page import CablesPageController, CablesPageView

        page = CablesPageView()
        controller = CablesPageController(page, services, parent)
    elif area.key == "agreements":
        from bilatdesk.ui.areas.agreements.page import (
            AgreementsPageController,
            AgreementsPageView,
        )

        page = AgreementsPageView()
        controller = AgreementsPageController(page, services, parent)
    elif area.key == "calendar":
        from bilatdesk.ui.areas.calendar.page import CalendarController, CalendarView

        page = CalendarView()
        controller = CalendarController(page, services, parent)
    elif area.key == "visits":
        from bilatdesk.ui.areas.visits.page import VisitsPageController, VisitsPageView

        page = VisitsPageView()
        controller = VisitsPageController(page, services, parent)
    elif area.key in ("countries", "people", "organisations", "engagements"):
        from bilatdesk.ui.kit.list_page import ListPageController, ListPageView
        from bilatdesk.ui.shell import areas

        specs = {
            "countries": areas.country_area,
            "people": areas.person_area,
            "organisations": areas.organisation_area,
            "engagements": areas.engagement_area,
        }
        page = ListPageView()
        controller = ListPageController(page, specs[area.key](services), parent)
    else:
        from bilatdesk.ui.kit.placeholder import PlaceholderPage

        page = PlaceholderPage(area.title)
        page.setObjectName(f"page_{area.key}")
        return page, None
    page.setObjectName(f"page_{area.key}")
    return page, controller
