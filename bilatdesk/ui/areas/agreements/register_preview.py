"""The printed register's preview: its pages as they will print, with Print… and Save PDF…."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from bilatdesk.ui.kit.document_preview import DocumentPreview


class RegisterPreview(DocumentPreview):
    """One country's register: the pages, their count, Print… and Save PDF…."""

    def __init__(
        self, parent: QWidget | None, make_pdf: Callable[[], bytes], title: str, stem: str
    ) -> None:
        super().__init__(parent, title, make_pdf, stem)
        self.setWindowTitle(self.tr("Register — %1").replace("%1", title))
