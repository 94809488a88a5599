"""PDF bytes to page images (pypdfium2), off the GUI thread, and printing them.

A QImage may be made in any thread (a QPixmap may not), so the worker renders images and the
GUI thread turns them into pixmaps. The worker never touches a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QObject, QRect, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

PREVIEW_SCALE = 1.5
"""Pixels per PDF point on screen: about 108 dpi, sharp enough to read a cable."""

_PDFIUM = threading.Lock()
"""pdfium is not thread-safe: a print on the GUI thread while a preview renders in the pool
crashes the process, so every use of it takes this lock."""


@cache
def pool() -> QThreadPool:
    """One small pool for document work, so tests and closing windows can wait for it."""
    threads = QThreadPool()
    threads.setMaxThreadCount(2)
    return threads


def page_images(pdf: bytes, scale: float = PREVIEW_SCALE) -> list[QImage]:
    """Every page of a PDF as an image, white background, at `scale` pixels per point."""
    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            images = []
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
                image = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGBX8888,
                )
                images.append(image.copy())  # own the pixels before pdfium frees its buffer
                bitmap.close()
                page.close()
            return images
        finally:
            document.close()


class _Relay(QObject):
    """Carries a job's result back to the GUI thread by a queued signal."""

    done = Signal(int, object)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, ticket: int, make_pdf: Callable[[], bytes]) -> None:
        super().__init__()
        self.relay = relay
        self.ticket = ticket
        self.make_pdf = make_pdf

    def run(self) -> None:
        try:
            images = page_images(self.make_pdf())
        except Exception as exc:
            self.relay.failed.emit(self.ticket, str(exc) or type(exc).__name__)
            return
        self.relay.done.emit(self.ticket, images)


class PreviewRenderer(QObject):
    """Renders a cable's pages in the background; only the newest request's result arrives."""

    rendered = Signal(list)
    """list[QImage] of the newest request."""
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticket = 0
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_relay_done)
        self._relay.failed.connect(self._on_relay_failed)

    def request(self, make_pdf: Callable[[], bytes]) -> None:
        self._ticket += 1
        pool().start(_Job(self._relay, self._ticket, make_pdf))

    def _on_relay_done(self, ticket: int, images: object) -> None:
        if ticket == self._ticket and isinstance(images, list):
            self.rendered.emit(images)

    def _on_relay_failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self.failed.emit(message)


class PrintDialog:
    """Chooses a printer; one seam for tests."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print each PDF page fitted to the printer's page; returns the pages printed."""
    images = page_images(pdf, scale=min(printer.resolution(), 300) / 72)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
    finally:
        painter.end()
    return len(images)
