"""A calm page for an area this version does not have yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """Names the area and says it is not available yet; nothing else."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(f"<h2>{title}</h2>")
        note = QLabel(self.tr("Not yet available in this version."))
        for label in (heading, note):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setEnabled(False)  # the palette's disabled text: quiet in light and dark
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(2)
