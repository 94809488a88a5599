"""The printed register's preview: its pages as they will print, with Print… and Save PDF….

Like every document of the program, the register is looked at before it goes anywhere; the
pages are laid out and drawn in the background, and saving or printing runs there too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bilatdesk.ui.areas.cables.dialogs import SavePdfDialog
from bilatdesk.ui.areas.cables.preview import PreviewPanel
from bilatdesk.ui.kit.background import pool
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.pdf_pages import PreviewRenderer, PrintDialog, print_in_background, save_pdf


class RegisterPreview(QDialog):
    """One country's register: the pages, their count, Print… and Save PDF…."""

    pdf_saved = Signal(object)
    """The file (a Path) a Save PDF… wrote whole."""
    printed = Signal(int)
    """The pages sent to the printer."""

    def __init__(
        self, parent: QWidget | None, make_pdf: Callable[[], bytes], title: str, stem: str
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowTitle(self.tr("Register — %1").replace("%1", title))
        self.make_pdf = make_pdf
        self.stem = stem
        heading = QLabel(f"<b>{title}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.page_count = QLabel(self.tr("Drawing the pages…"))
        self.page_count.setObjectName("page_count")
        self.print_button = QPushButton(icon("print"), self.tr("Print…"))
        self.save_button = QPushButton(icon("pdf"), self.tr("Save PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.state = QLabel()
        self.panel = PreviewPanel()
        self.panel.state.hide()  # the page count above says it once
        bar = QHBoxLayout()
        bar.addWidget(self.page_count)
        bar.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(bar)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.state)
        self.renderer = PreviewRenderer(self)
        self.renderer.rendered.connect(self._on_renderer_rendered)
        self.renderer.failed.connect(self._on_renderer_failed)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self._on_print_button_clicked)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._on_save_button_clicked)
        self.resize(760, 640)
        self.renderer.request(make_pdf)

    def save_pdf(self) -> Path | None:
        """Ask where, then lay out and write the register there in the background."""
        chosen = SavePdfDialog.ask(self, f"{self.stem}.pdf")
        if chosen is None:
            return None
        path = Path(chosen)

        def saved(_pdf: bytes) -> None:
            self.state.setText(self.tr("Saved to %1").replace("%1", chosen))
            self.pdf_saved.emit(path)

        save_pdf(self, path, self.make_pdf, saved)
        return path

    def print_register(self) -> bool:
        """Choose a printer; the pages are prepared in the background, then printed."""
        printer = PrintDialog.ask(self)
        if printer is None:
            return False

        def printed(pages: int) -> None:
            self.state.setText(self.tr("%n page(s) sent to the printer", "", pages))
            self.printed.emit(pages)

        print_in_background(self, self.make_pdf, printer, printed)
        return True

    # -- slots ----------------------------------------------------------------------------
    def _on_renderer_rendered(self, images: list[QImage]) -> None:
        self.panel.show_pages(images)
        self.page_count.setText(self.tr("%n page(s)", "", len(images)))

    def _on_renderer_failed(self, message: str) -> None:
        self.page_count.setText(self.tr("The pages could not be drawn: %1").replace("%1", message))

    def _on_print_button_clicked(self) -> None:
        self.print_register()

    def _on_save_button_clicked(self) -> None:
        self.save_pdf()

    def done(self, result: int) -> None:
        pool().waitForDone(10_000)  # no render left behind a closed window
        super().done(result)
