"""Contradictions between an agreement's dates, shown in amber under the fields concerned.

Not errors: the record still saves (the clerk may be halfway through correcting it), but the
line under "In force since" or the parties says which two dates cannot both be true.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from bilatdesk.domain.agreement_rules import Contradiction
from bilatdesk.ui.models.paged_model import attention_colour


class FieldWarnings:
    """One amber line under each field that can show a contradiction."""

    def __init__(self, fields: Iterable[tuple[str, QWidget]]) -> None:
        self.labels: dict[str, QLabel] = {}
        for name, widget in fields:
            label = QLabel()
            label.setWordWrap(True)
            label.setObjectName(f"warning_{name}")
            label.hide()
            holder = widget.parentWidget()
            layout = holder.layout() if holder is not None else None
            if isinstance(layout, QVBoxLayout):
                layout.addWidget(label)
            self.labels[name] = label

    def show(self, found: Sequence[Contradiction]) -> None:
        colour = attention_colour().name()
        for name, label in self.labels.items():
            sentences = [c.sentence for c in found if c.field == name]
            label.setText("\n".join(f"⚠ {s}" for s in sentences))
            label.setStyleSheet(f"color: {colour};")
            label.setVisible(bool(sentences))

    def message(self, name: str) -> str:
        """The warning shown at a field, or "" (for tests and accessibility)."""
        label = self.labels[name]
        return label.text() if not label.isHidden() else ""
