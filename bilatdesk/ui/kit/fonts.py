"""Fonts shipped in resources/fonts, registered so every script shows as letters, not boxes."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from bilatdesk.config import resources_dir

FONT_SUFFIXES = {".ttf", ".ttc", ".otf"}
_registered: list[str] = []


def register_shipped_fonts() -> list[str]:
    """Add the shipped fonts to the application once; returns the families they provide.

    A laptop without a CJK font (and the offscreen platform) would draw Chinese names as
    boxes; registered application fonts take part in Qt's glyph fallback.
    """
    if _registered:
        return list(_registered)
    folder = resources_dir() / "fonts"
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_registered)
