"""One place to get an icon: qtawesome glyphs, sharp on high-DPI and coloured by the palette.

qtawesome is imported on the first icon, not with this module: importing it and loading its
fonts costs about a quarter of a second, which the main window's first paint must not wait for
(the window shows its chrome first and asks for icons once the database is attached).
"""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

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
