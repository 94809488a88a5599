"""The brief's preview window: its pages as they will print, with Print… and Save PDF….

The PDF shown is the one just built; saving or printing it keeps it once as a generated
document (its hash is what a later reader checks a printed copy against). Above the pages,
the build report says what the pages do not: a photo too small to print sharply, a character
no font has.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.kit.document_preview import DocumentPreview
from bilatdesk.ui.kit.messages import ErrorBox


class BriefPreview(DocumentPreview):
    """One built brief: the pages, their count, and what can be done with them."""

    kept = Signal(str)
    """The SHA-256 under which the brief was kept (on the first save or print)."""

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
        self.services = services
        self.visit_id = visit_id
        self.pdf = pdf
        self.title = title
        self.sha256: str | None = None
        self.notices = QLabel()
        stem = "brief-" + ("-".join(title.lower().split()[:6]) or str(visit_id))
        super().__init__(
            parent,
            title,
            lambda: pdf,
            "".join(c for c in stem if c.isalnum() or c in "-_"),
            above_pages=self.notices,
        )
        self.setWindowTitle(self.tr("Brief — %1").replace("%1", title))
        # Above the pages, the build report says what they do not: a photo too small to
        # print sharply, a character no font has.
        self.notices.setObjectName("notices")
        self.notices.setWordWrap(True)
        self.notices.setTextFormat(Qt.TextFormat.RichText)
        self.notices.setText(
            f"<b>{escape(self.tr('Before printing:'))}</b>"
            + "".join(f"<br>• {escape(notice)}" for notice in notices)
        )
        self.notices.setVisible(bool(notices))

    def may_release(self) -> bool:
        """Keep the brief as a generated document, once, before it leaves; False (and why)
        when refused. Its hash is what a later reader checks a printed copy against."""
        if self.sha256 is not None:
            return True
        try:
            self.sha256 = self.services.briefs.keep(self.visit_id, self.pdf)
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot keep the brief"), str(exc))
            return False
        self.kept.emit(self.sha256)
        return True
