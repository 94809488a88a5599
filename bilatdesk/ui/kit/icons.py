"""One place to get an icon: qtawesome glyphs, sharp on high-DPI and coloured by the palette.

qtawesome is imported on the first icon, not with this module: importing it (qtpy's star
imports of every Qt class) and loading its fonts costs 0.1 to 0.25 s, which neither the main
window's first paint nor its first rows wait for. The window draws its own icons once the first
rows are shown, and a page built for those rows holds its icons (`icons_held`, `set_icon`)
until the window draws them with its own (`draw_icons`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtGui import QAction, QIcon, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication

IconTarget = QAbstractButton | QAction
HELD = "held_icon"
"""The property naming the icon a target holds until `draw_icons` (for layout, see `has_icon`)."""
_holding: list[list[tuple[IconTarget, str]]] = []

# Names the UI uses, mapped to Font Awesome 5 glyphs; one table so a glyph change is one line.
_GLYPHS = {
    "today": "fa5s.calendar-day",
    "countries": "fa5s.globe-europe",
    "people": "fa5s.user-tie",
    "organisations": "fa5s.sitemap",
    "engagements": "fa5s.handshake",
    "cables": "fa5s.paper-plane",
    "agreements": "fa5s.file-signature",
    "visits": "fa5s.suitcase",
    "new": "fa5s.plus",
    "edit": "fa5s.pen",
    "delete": "fa5s.trash-alt",
    "find": "fa5s.search",
    "save": "fa5s.save",
    "open": "fa5s.folder-open",
    "scope": "fa5s.flag",
    "add_row": "fa5s.plus-circle",
    "remove_row": "fa5s.minus-circle",
    "up": "fa5s.arrow-up",
    "down": "fa5s.arrow-down",
    "print": "fa5s.print",
    "pdf": "fa5s.file-pdf",
    "submit": "fa5s.share-square",
    "clear": "fa5s.check",
    "approve": "fa5s.stamp",
    "return": "fa5s.undo",
    "dispatch": "fa5s.paper-plane",
    "report": "fa5s.file-alt",
    "settings": "fa5s.cog",
    "correct": "fa5s.reply",
    "attach": "fa5s.paperclip",
    "export": "fa5s.download",
    "status": "fa5s.exchange-alt",
    "contradiction": "fa5s.exclamation-triangle",
    "calendar": "fa5s.calendar-alt",
    "zoom_in": "fa5s.search-plus",
    "zoom_out": "fa5s.search-minus",
    "previous": "fa5s.chevron-left",
    "next": "fa5s.chevron-right",
}


def icon(name: str) -> QIcon:
    """The icon for a UI name, drawn in the palette's text colour so dark mode stays readable."""
    app = QApplication.instance()
    colour = (
        app.palette().color(QPalette.ColorRole.WindowText)
        if isinstance(app, QApplication)
        else None
    )
    options = {"color": colour} if colour is not None else {}
    import qtawesome

    drawn: QIcon = qtawesome.icon(_GLYPHS[name], **options)  # qtawesome ships no types
    return drawn


def set_icon(target: IconTarget, name: str) -> None:
    """Give `target` the icon `name`: now, or, inside `icons_held`, when it is drawn."""
    if _holding:
        _holding[-1].append((target, name))
        target.setProperty(HELD, name)
    else:
        target.setIcon(icon(name))


@contextmanager
def icons_held() -> Iterator[list[tuple[IconTarget, str]]]:
    """Inside, `set_icon` notes the icon instead of drawing it (qtawesome stays unloaded);
    the list it yields is for `draw_icons`."""
    held: list[tuple[IconTarget, str]] = []
    _holding.append(held)
    try:
        yield held
    finally:
        _holding.remove(held)


def draw_icons(held: list[tuple[IconTarget, str]]) -> None:
    """Draw the icons noted in `held` on their targets still alive, and forget them."""
    for target, name in held:
        if shiboken6.isValid(target):
            target.setIcon(icon(name))
            target.setProperty(HELD, None)
    held.clear()


def has_icon(button: QAbstractButton) -> bool:
    """Whether the button shows an icon, or will once its held icon is drawn."""
    return not button.icon().isNull() or bool(button.property(HELD))
