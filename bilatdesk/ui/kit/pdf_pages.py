"""PDF bytes to page images (pypdfium2), off the GUI thread; printing them; saving a PDF.

A QImage may be made in any thread (a QPixmap may not), so the worker renders images and the
GUI thread turns them into pixmaps. The worker never touches a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from bilatdesk.ui.kit.background import Op, Progress
from bilatdesk.ui.kit.texts import tr

PREVIEW_SCALE = 1.5
"""Pixels per PDF point on screen: about 108 dpi, sharp enough to read a cable."""

_PDFIUM = threading.Lock()
"""pdfium is not thread-safe: a print on the GUI thread while a preview renders in the pool
crashes the process, so every use of it takes this lock."""


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


class PreviewRenderer(QObject):
    """Renders a cable's pages in the background; only the newest request's result arrives."""

    rendered = Signal(list)
    """list[QImage] of the newest request."""
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._newest: Op[list[QImage]] | None = None

    def request(self, make_pdf: Callable[[], bytes]) -> None:
        op: Op[list[QImage]] = Op(
            self,
            lambda _progress: page_images(make_pdf()),
            lambda images: self._on_op_done(op, images),
            unexpected="%1",
        ).failure(lambda message: self._on_op_failed(op, message))
        self._newest = op.run_in_background()

    def _on_op_done(self, op: Op[list[QImage]], images: list[QImage]) -> None:
        if op is self._newest:
            self.rendered.emit(images)

    def _on_op_failed(self, op: Op[list[QImage]], message: str) -> None:
        if op is self._newest:
            self.failed.emit(message)


class SavePdfDialog:
    """Where to write a document's PDF; one seam for tests."""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            parent,
            parent.tr("Save PDF") if parent else "Save PDF",
            suggested,
            "PDF (*.pdf)",
        )
        return path or None


class PrintDialog:
    """Chooses a printer; one seam for tests."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print each PDF page fitted to the printer's page; returns the pages printed."""
    return paint_pages(page_images(pdf, scale=print_scale(printer)), printer)


def print_scale(printer: QPrinter) -> float:
    """Pixels per PDF point for printing: the printer's resolution, at most 300 dpi."""
    return min(printer.resolution(), 300) / 72


def paint_pages(images: list[QImage], printer: QPrinter) -> int:
    """Paint page images onto the printer, one per sheet, fitted; returns the pages painted."""
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


def print_in_background(
    parent: QWidget, make: Callable[[], bytes], printer: QPrinter, done: Callable[[int], None]
) -> Op[list[QImage]]:
    """Make the PDF and turn its pages into images in the pool, then paint them on the printer.

    Rasterising a long brief at print resolution takes seconds: only the painting, which
    needs the printer, happens on the GUI thread. `done(pages)` follows; failures are a box.
    """
    scale = print_scale(printer)

    def work(_progress: Progress) -> list[QImage]:
        return page_images(make(), scale=scale)

    def paint(images: list[QImage]) -> None:
        from bilatdesk.ui.kit.messages import ErrorBox

        try:
            pages = paint_pages(images, printer)
        except OSError as exc:
            ErrorBox.show(parent, tr("Cannot print"), str(exc))
            return
        done(pages)

    def failed(message: str) -> None:
        from bilatdesk.ui.kit.messages import ErrorBox

        ErrorBox.show(parent, tr("Cannot make the PDF"), message)

    op = Op(parent, work, paint, unexpected=tr("The PDF could not be made (%1)."))
    return op.failure(failed).run_in_background()


def save_pdf(
    parent: QWidget, path: Path, make: Callable[[], bytes], done: Callable[[bytes], None]
) -> Op[bytes]:
    """Make a PDF and issue it to `path` off the GUI thread, whole or not at all.

    `make` runs in the pool (a render, or the bytes already in hand); `done(pdf)` runs on the
    GUI thread once the file is written. A failure (the document refused, a full disk, no
    permission) is a sentence in a box, and any old file at `path` is left as it was.
    """
    from bilatdesk.services.kernel.documents import issue_to_file

    def work(_progress: Progress) -> bytes:
        pdf = make()
        issue_to_file(path, pdf)
        return pdf

    def failed(message: str) -> None:
        from bilatdesk.ui.kit.messages import ErrorBox

        ErrorBox.show(parent, tr("Cannot save the PDF"), message)

    op = Op(parent, work, done, unexpected=tr("The PDF could not be made (%1)."))
    return op.failure(failed).run_in_background()
