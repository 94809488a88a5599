"""The register's own check: the agreements whose dates contradict each other, and how."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from bilatdesk.services.agreements.records import AgreementCheck
from bilatdesk.ui.kit.texts import enum_text


def check_html(found: Sequence[AgreementCheck]) -> str:
    """Each agreement with its country and status, then its sentences."""
    parts = []
    for check in found:
        where = ", ".join(x for x in (check.country, enum_text(check.status)) if x)
        items = "".join(f"<li>{escape(s)}</li>" for s in check.sentences)
        parts.append(f"<p><b>{escape(check.title)}</b> ({escape(where)})</p><ul>{items}</ul>")
    return "".join(parts)


class CheckRegisterDialog(QDialog):
    """Lists what the check found, or says that every agreement agrees with itself."""

    def __init__(self, parent: QWidget | None, found: Sequence[AgreementCheck]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check register"))
        self.text = QTextBrowser()
        self.text.setHtml(
            check_html(found)
            or self.tr(
                "The history, the dates of entry into force and the parties' dates of "
                "every agreement agree."
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    @classmethod
    def ask(cls, parent: QWidget | None, found: Sequence[AgreementCheck]) -> None:
        cls(parent, found).exec()
