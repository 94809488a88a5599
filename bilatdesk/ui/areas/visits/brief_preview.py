"""The brief's preview window: its pages as they will print, with Print… and Save PDF….

The PDF shown is the one just built; saving or printing it keeps it once as a generated
document (its hash is what a later reader checks a printed copy against). Above the pages,
the build report says what the pages do not: a photo too small to print sharply, a character
no font has.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.areas.cables.dialogs import SavePdfDialog
from bilatdesk.ui.areas.cables.preview import PreviewPanel
from bilatdesk.ui.kit.background import pool
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.pdf_pages import PreviewRenderer, PrintDialog, print_in_background, save_pdf


class BriefPreview(QDialog):
    """One built brief: the pages, their count, and what can be done with them."""

    kept = Signal(str)
    """The SHA-256 under which the brief was kept (on the first save or print)."""
    pdf_saved = Signal(object)
    """The file (a Path) a Save PDF… wrote whole, once the brief is kept."""
    printed = Signal(int)
    """The pages sent to the printer, once painted and the brief kept."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        visit_id: int,
        pdf: bytes,
        title: str,
        *,
        notices: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowTitle(self.tr("Brief — %1").replace("%1", title))
        self.services = services
        self.visit_id = visit_id
        self.pdf = pdf
        self.title = title
        self.sha256: str | None = None
        self.heading = QLabel(f"<b>{title}</b>")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.notices = QLabel()
        self.notices.setObjectName("notices")
        self.notices.setWordWrap(True)
        self.notices.setTextFormat(Qt.TextFormat.RichText)
        self.notices.setText(
            f"<b>{escape(self.tr('Before printing:'))}</b>"
            + "".join(f"<br>• {escape(notice)}" for notice in notices)
        )
        self.notices.setVisible(bool(notices))
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
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notices)
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
        self.renderer.request(lambda: pdf)

    # -- what the buttons do --------------------------------------------------------------
    def keep(self) -> bool:
        """Keep the brief as a generated document, once; False (and why) when refused."""
        if self.sha256 is not None:
            return True
        try:
            self.sha256 = self.services.briefs.keep(self.visit_id, self.pdf)
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot keep the brief"), str(exc))
            return False
        self.kept.emit(self.sha256)
        return True

    def save_pdf(self) -> Path | None:
        """Ask where, then write the brief there in the background (whole or not) and keep it;
        the file chosen, or None. `pdf_saved` says when it is written and kept."""
        stem = "brief-" + ("-".join(self.title.lower().split()[:6]) or str(self.visit_id))
        stem = "".join(c for c in stem if c.isalnum() or c in "-_")
        chosen = SavePdfDialog.ask(self, f"{stem}.pdf")
        if chosen is None:
            return None
        path = Path(chosen)

        def saved(_pdf: bytes) -> None:
            if self.keep():
                self.state.setText(self.tr("Saved to %1").replace("%1", chosen))
                self.pdf_saved.emit(path)

        pdf = self.pdf
        save_pdf(self, path, lambda: pdf, saved)
        return path

    def print_brief(self) -> bool:
        """Choose a printer; the pages are prepared in the background, then printed and kept."""
        printer = PrintDialog.ask(self)
        if printer is None:
            return False

        def printed(pages: int) -> None:
            if self.keep():
                self.state.setText(self.tr("%n page(s) sent to the printer", "", pages))
                self.printed.emit(pages)

        pdf = self.pdf
        print_in_background(self, lambda: pdf, printer, printed)
        return True

    # -- slots ----------------------------------------------------------------------------
    def _on_renderer_rendered(self, images: list[QImage]) -> None:
        self.panel.show_pages(images)
        self.page_count.setText(self.tr("%n page(s)", "", len(images)))

    def _on_renderer_failed(self, message: str) -> None:
        self.page_count.setText(self.tr("The pages could not be drawn: %1").replace("%1", message))

    def _on_print_button_clicked(self) -> None:
        self.print_brief()

    def _on_save_button_clicked(self) -> None:
        self.save_pdf()

    def done(self, result: int) -> None:
        pool().waitForDone(10_000)  # no render left behind a closed window
        super().done(result)
