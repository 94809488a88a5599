"""Ctrl+P in the main window: the page shown printed after a preview.

A page with a list prints the list as a table (its rows as far as loaded, under the area's
name and the country chosen); any other page prints as it looks. Pages that print a
document of their own on Ctrl+P (Visits builds the brief) keep their key: the window's action
is off there, so the two never compete for it.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QTableView, QWidget

Paint = Callable[[QPrinter], None]


class PrintPreview:
    """The preview the clerk prints from (the seam tests replace)."""

    @classmethod
    def ask(cls, parent: QWidget | None, paint: Paint) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.paintRequested.connect(paint)
        return dialog.exec() == QDialog.DialogCode.Accepted


def list_html(title: str, table: QTableView) -> str:
    """The rows of a list as an HTML table under a heading, columns as shown."""
    model = table.model()
    header = table.horizontalHeader()
    columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    head = "".join(
        f"<th align='left'>{escape(str(model.headerData(c, Qt.Orientation.Horizontal)))}</th>"
        for c in columns
    )
    rows = []
    for row in range(model.rowCount()):
        cells = "".join(
            f"<td>{escape(str(model.index(row, c).data() or ''))}</td>" for c in columns
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        f"<h2>{escape(title)}</h2>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def list_painter(title: str, table: QTableView) -> Paint:
    document = QTextDocument()
    document.setHtml(list_html(title, table))
    return document.print_


def widget_painter(widget: QWidget) -> Paint:
    """The page as it looks, scaled to the paper's width."""
    picture = widget.grab()

    def paint(printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            page = printer.pageRect(QPrinter.Unit.DevicePixel)
            scale = min(page.width() / max(picture.width(), 1), 1e3)
            height = min(picture.height() * scale, page.height())
            painter.drawPixmap(QRectF(0, 0, page.width(), height), picture, QRectF(picture.rect()))
        finally:
            painter.end()

    return paint


def painter_for(page: QWidget, controller: object | None, title: str) -> Paint:
    """How the page prints: its list, else its look."""
    view = getattr(controller, "view", None)
    table = getattr(view, "table", None)
    if isinstance(table, QTableView) and table.model() is not None:
        return list_painter(title, table)
    return widget_painter(page)


def print_page(
    parent: QWidget, page: QWidget | None, controller: object | None, title: str
) -> bool:
    """Preview the page's print-out; True when the clerk printed it."""
    if page is None:
        return False
    return PrintPreview.ask(parent, painter_for(page, controller, title))
