"""Pages as they will print, one image under the other: the live and document previews."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

PAGE_WIDTH = 560
"""Pages are shown this wide (device-independent pixels), sharp on high-DPI screens."""


class PreviewPanel(QWidget):
    """A scrolling column of page images with a one-line state above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = QLabel(self.tr("Preparing the preview…"))
        self.state.setEnabled(False)  # the palette's quiet colour
        self.state.setWordWrap(True)
        self.pages: list[QLabel] = []
        self._column = QVBoxLayout()
        self._column.setSpacing(12)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        sheet = QWidget()
        sheet.setBackgroundRole(QPalette.ColorRole.Dark)
        sheet.setAutoFillBackground(True)
        sheet.setLayout(self._column)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(sheet)
        self.scroll_area.setMinimumWidth(PAGE_WIDTH + 40)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.scroll_area, 1)

    def show_pages(self, images: list[QImage]) -> None:
        """Replace the shown pages; the scroll position stays where the reader was."""
        while len(self.pages) > len(images):
            self.pages.pop().deleteLater()
        while len(self.pages) < len(images):
            label = QLabel()
            label.setObjectName(f"preview_page_{len(self.pages) + 1}")
            self.pages.append(label)
            self._column.addWidget(label)
        ratio = self.devicePixelRatioF()
        for label, image in zip(self.pages, images, strict=True):
            pixmap = QPixmap.fromImage(
                image.scaledToWidth(
                    int(PAGE_WIDTH * ratio), Qt.TransformationMode.SmoothTransformation
                )
            )
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
        self.state.setText(self.tr("%n page(s), as printed", "", len(images)))

    def show_failure(self, message: str) -> None:
        self.state.setText(self.tr("The preview could not be drawn: %1").replace("%1", message))
