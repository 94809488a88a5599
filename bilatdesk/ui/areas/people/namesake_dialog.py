"""Before a new person is saved: the people on record they may be, to open or merge instead."""

from __future__ import annotations

from enum import Enum
from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget

from bilatdesk.services.people.duplicates import DuplicatePair
from bilatdesk.ui.kit.texts import tr


class NamesakeAnswer(Enum):
    OPEN = "open"  # open the record on file instead (the new one is not saved)
    MERGE = "merge"  # save, then merge the two
    SAVE = "save"  # save as a different person
    CANCEL = "cancel"  # back to the form


class NamesakeDialog:
    """Shows the likely matches with their reasons and asks what to do."""

    @classmethod
    def ask(cls, parent: QWidget | None, matches: list[DuplicatePair]) -> NamesakeAnswer:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Already on record?"))
        first = matches[0]
        box.setText(
            tr("%1 may already be on record as <b>%2</b> (%3).")
            .replace("%1", escape(first.first_name))
            .replace("%2", escape(first.second_name))
            .replace("%3", escape(", ".join(first.reasons)))
        )
        others = [f"{m.second_name} ({', '.join(m.reasons)})" for m in matches[1:6]]
        if others:
            box.setInformativeText(tr("Also: %1").replace("%1", "; ".join(others)))
        buttons: dict[object, NamesakeAnswer] = {
            box.addButton(tr("Open that record"), QMessageBox.ButtonRole.AcceptRole): (
                NamesakeAnswer.OPEN
            ),
            box.addButton(tr("Save and merge…"), QMessageBox.ButtonRole.ActionRole): (
                NamesakeAnswer.MERGE
            ),
            box.addButton(tr("Save as a different person"), QMessageBox.ButtonRole.YesRole): (
                NamesakeAnswer.SAVE
            ),
        }
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return buttons.get(box.clickedButton(), NamesakeAnswer.CANCEL)
