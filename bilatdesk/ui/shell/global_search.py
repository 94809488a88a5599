"""The window's way into global search: the toolbar box, Ctrl+K, and opening what was chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QLineEdit, QWidget

if TYPE_CHECKING:
    from bilatdesk.services.catalog import Services
    from bilatdesk.ui.shell.search_dialog import Chosen

# This module is imported with the window, before its first paint: the dialog (and with it
# the domain and SQLAlchemy) is imported when it is first asked for.

AREA_OF_KIND = {
    "person": "people",
    "organisation": "organisations",
    "engagement": "engagements",
    "commitment": "engagements",
    "cable": "cables",
    "agreement": "agreements",
    "visit": "visits",
    "attachment": "agreements",
}
"""The page each kind of record lives on (a commitment on its meeting's, a file on its
agreement's)."""


class SearchHost(Protocol):
    """What global search needs of the window."""

    services: Services | None

    def scope(self) -> int | None: ...
    def show_area(self, key: str) -> None: ...
    def current_controller(self) -> object: ...


def search_box(parent: QWidget) -> QLineEdit:
    """The toolbar's box: typing in it opens the dialog with what was typed."""
    box = QLineEdit(parent)
    box.setObjectName("global_search_box")
    box.setPlaceholderText(parent.tr("Find anything (Ctrl+K)"))
    box.setClearButtonEnabled(True)
    box.setMaximumWidth(280)
    return box


def run_search(window: QWidget, host: SearchHost, text: str = "") -> Chosen | None:
    """Ask, then open the record chosen: its form (Enter) or its row in its page (Ctrl+Enter)."""
    from bilatdesk.ui.shell.search_dialog import SearchDialog

    if host.services is None:
        return None
    chosen = SearchDialog.ask(window, host.services, host.scope(), text)
    if chosen is not None:
        open_chosen(host, chosen)
    return chosen


def open_chosen(host: SearchHost, chosen: Chosen) -> None:
    hit = chosen.hit
    host.show_area(AREA_OF_KIND[hit.kind])
    controller = host.current_controller()
    record_id = hit.id
    if hit.kind == "attachment":
        if hit.owner is None or hit.owner[0] != "agreement":
            return
        record_id = hit.owner[1]
    if hit.kind == "commitment":
        return  # shown on its meeting's page; the meeting is not in the hit
    method = "reveal" if chosen.in_page else "open_record"
    action = getattr(controller, method, None)
    if callable(action):
        action(record_id)
