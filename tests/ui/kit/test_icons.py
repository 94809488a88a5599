"""Icons held while the window's first page is built are drawn later, on what is still there."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.ui.kit.icons import HELD, draw_icons, has_icon, icons_held, set_icon
from bilatdesk.ui.kit.list_page import ListPageController, ListPageView
from bilatdesk.ui.shell import areas


def test_held_icons_are_drawn_later_on_the_buttons_still_alive(qtbot: QtBot) -> None:
    """Inside `icons_held` a button gets no icon yet but counts as having one; `draw_icons`
    draws it, skips a button deleted meanwhile, and icons set outside are drawn at once."""
    kept, gone = QPushButton("New"), QPushButton("Edit")
    qtbot.addWidget(kept)
    with icons_held() as held:
        set_icon(kept, "new")
        set_icon(gone, "edit")
    assert kept.icon().isNull() and has_icon(kept)
    assert [name for _target, name in held] == ["new", "edit"]
    shiboken6.delete(gone)
    later = QPushButton("Find")
    qtbot.addWidget(later)
    set_icon(later, "find")
    assert not later.icon().isNull()
    draw_icons(held)
    assert not kept.icon().isNull() and kept.property(HELD) is None
    assert held == []


def test_a_list_built_with_its_icons_held_leaves_them_room(
    qtbot: QtBot, populated: Services
) -> None:
    """A list page built with its icons held narrows its buttons no further than one built
    with them: each button's least width counts the icon to come."""

    def least_widths(view: ListPageView) -> list[int]:
        qtbot.addWidget(view)
        buttons = [view.new_button, view.edit_button, view.delete_button]
        assert all(not button.icon().isNull() for button in buttons)
        return [button.minimumWidth() for button in buttons]

    with icons_held() as pending:
        held = ListPageView()
        ListPageController(held, areas.engagement_area(populated))
    assert held.new_button.icon().isNull()
    draw_icons(pending)
    drawn = ListPageView()
    ListPageController(drawn, areas.engagement_area(populated))
    assert least_widths(held) == least_widths(drawn)
