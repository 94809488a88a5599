"""The searchable record picker: typing narrows the list, folded, in any script."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bilatdesk.services.kernel.listing import Choice
from bilatdesk.ui.kit.widgets import ChoiceCombo

CHOICES = [
    Choice(1, "Ministry of Culture — Greece"),
    Choice(2, "Ministry of Culture — Bulgaria"),
    Choice(3, "Υπουργείο Πολιτισμού"),
    Choice(4, "Bundesministerium für Kunst"),
]


def test_typing_narrows_folded_in_any_script(qtbot: QtBot) -> None:
    """ "culture" finds both ministries, "FUR KUNST" the German one, "πολιτισ" the Greek."""
    combo = ChoiceCombo("None", searchable=True)
    qtbot.addWidget(combo)
    combo.set_choices(CHOICES)
    assert combo.matches("culture") == [CHOICES[0].name, CHOICES[1].name]
    assert combo.matches("FUR KUNST") == [CHOICES[3].name]
    assert combo.matches("πολιτισ") == [CHOICES[2].name]
    assert combo.matches("bulgaria") == [CHOICES[1].name]


def test_picking_a_match_sets_the_record_and_stray_text_gives_way(qtbot: QtBot) -> None:
    """A picked entry is the value; text naming no entry reverts to the entry chosen."""
    combo = ChoiceCombo("None", searchable=True)
    qtbot.addWidget(combo)
    combo.set_choices(CHOICES)
    combo._on_completer_activated(CHOICES[1].name)
    assert combo.value() == 2
    combo.setEditText("no such ministry")
    combo.lineEdit().editingFinished.emit()
    assert combo.currentText() == CHOICES[1].name and combo.value() == 2


def test_a_plain_combo_stays_a_plain_list(qtbot: QtBot) -> None:
    """Without `searchable` the picker is the read-only list it always was."""
    combo = ChoiceCombo("None")
    qtbot.addWidget(combo)
    combo.set_choices(CHOICES)
    assert not combo.isEditable() and combo.value() is None
