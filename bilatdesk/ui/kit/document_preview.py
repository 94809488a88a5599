"""A document's preview window: its pages as they will print, with Print… and Save PDF….

Every document of the program is looked at before it goes anywhere (the agreements register,
the visit brief); the pages are drawn in the background, and printing or saving runs there
too. A document that must be kept when it leaves (the brief) says so in `may_release`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bilatdesk.ui.kit.background import pool
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.pdf_pages import (
    PreviewRenderer,
    PrintDialog,
    SavePdfDialog,
    print_in_background,
    save_pdf,
)
from bilatdesk.ui.kit.preview_panel import PreviewPanel


class DocumentPreview(QDialog):
    """One document: a heading, the pages and their count, Print…, Save PDF… and Close.

    The subclass names the window (after this constructor: `tr` needs the object built)."""

    pdf_saved = Signal(object)
    """The file (a Path) a Save PDF… wrote whole."""
    printed = Signal(int)
    """The pages sent to the printer."""

    def __init__(
        self,
        parent: QWidget | None,
        heading: str,
        make_pdf: Callable[[], bytes],
        stem: str,
        *,
        above_pages: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.make_pdf = make_pdf
        self.stem = stem
        self.heading = QLabel(f"<b>{heading}</b>")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.page_count = QLabel(self.tr("Drawing the pages…"))
        self.page_count.setObjectName("page_count")
        self.print_button = QPushButton(icon("print"), self.tr("Print…"))
        self.save_button = QPushButton(icon("pdf"), self.tr("Save PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.state = QLabel()
        self.state.setObjectName("state")
        self.panel = PreviewPanel()
        self.panel.state.hide()  # the page count above says it once
        bar = QHBoxLayout()
        bar.addWidget(self.page_count)
        bar.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        if above_pages is not None:
            layout.addWidget(above_pages)
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
        keep_place(self, 760, 640)
        self.renderer.request(make_pdf)

    # -- what the buttons do --------------------------------------------------------------
    def may_release(self) -> bool:
        """Whether the pages may go out now (printed or saved); the brief keeps itself first."""
        return True

    def print_document(self) -> bool:
        """Choose a printer; the pages are prepared in the background, then printed."""
        printer = PrintDialog.ask(self)
        if printer is None:
            return False

        def printed(pages: int) -> None:
            if self.may_release():
                self.state.setText(self.tr("%n page(s) sent to the printer", "", pages))
                self.printed.emit(pages)

        print_in_background(self, self.make_pdf, printer, printed)
        return True

    def save_pdf(self) -> Path | None:
        """Ask where, then write the document there in the background (whole or not); the
        file chosen, or None. `pdf_saved` says when it is written."""
        chosen = SavePdfDialog.ask(self, f"{self.stem}.pdf")
        if chosen is None:
            return None
        path = Path(chosen)

        def saved(_pdf: bytes) -> None:
            if self.may_release():
                self.state.setText(self.tr("Saved to %1").replace("%1", chosen))
                self.pdf_saved.emit(path)

        save_pdf(self, path, self.make_pdf, saved)
        return path

    # -- slots ----------------------------------------------------------------------------
    def _on_renderer_rendered(self, images: list[QImage]) -> None:
        self.panel.show_pages(images)
        self.page_count.setText(self.tr("%n page(s)", "", len(images)))

    def _on_renderer_failed(self, message: str) -> None:
        self.page_count.setText(self.tr("The pages could not be drawn: %1").replace("%1", message))

    def _on_print_button_clicked(self) -> None:
        self.print_document()

    def _on_save_button_clicked(self) -> None:
        self.save_pdf()

    def done(self, result: int) -> None:
        pool().waitForDone(10_000)  # no render left behind a closed window
        super().done(result)
