"""A name field that completes from the people on record, or keeps a free-text name."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from bilatdesk.services.kernel.listing import Choice


class PersonPicker(QLineEdit):
    """Typing proposes people on record; a picked name links the record, else it stays a name."""

    def __init__(
        self, search: Callable[[str], list[Choice]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._ids: dict[str, int] = {}
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The service already matched accents and scripts; show all it found.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompleter(completer)
        self.setPlaceholderText(self.tr("A person on record, or any name"))
        self.textEdited.connect(self._on_self_textEdited)

    def _on_self_textEdited(self, text: str) -> None:
        if len(text.strip()) < 2:
            return
        found = self._search(text)
        for choice in found:
            self._ids.setdefault(choice.name, choice.id)
        self._names.setStringList([choice.name for choice in found])

    def set_person(self, person_id: int | None, name: str) -> None:
        if person_id is not None:
            self._ids[name] = person_id
        self.setText(name)

    def person(self) -> tuple[int | None, str]:
        """(person id, "") when the text names a person on record, else (None, the text)."""
        text = self.text().strip()
        person_id = self._ids.get(text)
        return (person_id, "") if person_id is not None else (None, text)
