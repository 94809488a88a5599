"""The areas' pages, each built the first time it is needed.

Building a page imports its area (forms, dialogs, the services it reads) and runs its first
query. The window builds the page it opens on when the database is attached, shows its rows,
and builds the others afterwards, one per turn of the event loop (ui/shell/main_window.py);
a page the user goes to before its turn is built at once. Until then an empty stand-in holds
its place in the window's stack, so a page's index stays its area's row in the sidebar.
"""

from __future__ import annotations

from importlib import import_module
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


# The areas with a page of their own: its module, view and controller, imported when built.
_OWN_PAGES = {
    "today": ("bilatdesk.ui.areas.today.page", "TodayView", "TodayController"),
    "cables": ("bilatdesk.ui.areas.cables.page", "CablesPageView", "CablesPageController"),
    "agreements": (
        "bilatdesk.ui.areas.agreements.page",
        "AgreementsPageView",
        "AgreementsPageController",
    ),
    "calendar": ("bilatdesk.ui.areas.calendar.page", "CalendarView", "CalendarController"),
    "visits": ("bilatdesk.ui.areas.visits.page", "VisitsPageView", "VisitsPageController"),
}
# The areas shown as a list page, by the name of their spec in ui/shell/areas.py.
_LIST_PAGES = {
    "countries": "country_area",
    "people": "person_area",
    "organisations": "organisation_area",
    "engagements": "engagement_area",
}


def build_page(
    area: Area, services: Services, parent: QObject
) -> tuple[QWidget, PageController | None]:
    """The page of `area` and its controller (None for an area without records yet)."""
    page: QWidget
    controller: PageController | None
    if area.key in _OWN_PAGES:
        module_name, view, controller_name = _OWN_PAGES[area.key]
        module = import_module(module_name)
        page = getattr(module, view)()
        controller = getattr(module, controller_name)(page, services, parent)
    elif area.key in _LIST_PAGES:
        from bilatdesk.ui.kit.list_page import ListPageController, ListPageView
        from bilatdesk.ui.shell import areas

        page = ListPageView()
        spec = getattr(areas, _LIST_PAGES[area.key])(services)
        controller = ListPageController(page, spec, parent)
    else:
        from bilatdesk.ui.kit.placeholder import PlaceholderPage

        page = PlaceholderPage(area.title)
        controller = None
    page.setObjectName(f"page_{area.key}")
    return page, controller
