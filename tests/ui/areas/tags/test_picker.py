"""The tag picker: chips for chosen tags, completion over the vocabulary, adding a new tag."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.ui.areas.tags.picker import TagChip, TagPicker


def picker(qtbot: QtBot, services: Services) -> TagPicker:
    made = TagPicker(services.tags.create)
    made.set_choices(services.tags.choices())
    qtbot.addWidget(made)
    made.show()
    return made


def chips(widget: TagPicker) -> list[str]:
    return [chip.choice.name for chip in widget.chips.findChildren(TagChip) if chip.isVisible()]


def test_chosen_tags_show_as_chips_and_can_be_removed(qtbot: QtBot, services: Services) -> None:
    """set_selected shows one chip per tag; the chip's × removes it and says changed."""
    energy = services.tags.create("Energy").id
    water = services.tags.create("Water").id
    widget = picker(qtbot, services)
    widget.set_selected([water, energy, 9999])  # an unknown id is ignored
    assert widget.selected() == (water, energy)
    assert chips(widget) == ["Water", "Energy"]
    chip = next(c for c in widget.chips.findChildren(TagChip) if c.choice.id == water)
    with qtbot.waitSignal(widget.changed):
        qtbot.mouseClick(chip.remove_button, Qt.MouseButton.LeftButton)
    assert widget.selected() == (energy,)
    qtbot.waitUntil(lambda: chips(widget) == ["Energy"])


def test_typing_a_known_name_chooses_it_accent_and_case_blind(
    qtbot: QtBot, services: Services
) -> None:
    """ "energie" + Return chooses "Énergie"; the completer offers only tags not yet chosen."""
    energy = services.tags.create("Énergie").id
    services.tags.create("Water")
    widget = picker(qtbot, services)
    qtbot.keyClicks(widget.line, "energie")
    assert not widget.offer.isVisible()  # it exists: nothing to add
    qtbot.keyClick(widget.line, Qt.Key.Key_Return)
    assert widget.selected() == (energy,)
    assert widget.line.text() == ""
    model = widget.line.completer().model()
    offered = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert offered == ["Water"]


def test_a_new_name_is_offered_and_added_to_the_vocabulary(
    qtbot: QtBot, services: Services
) -> None:
    """Typing a name the vocabulary lacks offers to add it; accepting stores and chooses it."""
    widget = picker(qtbot, services)
    qtbot.keyClicks(widget.line, "  Water   security ")
    assert widget.offer.isVisible()
    assert widget.offer.text() == "Add tag 'Water security' to the vocabulary"
    with qtbot.waitSignal(widget.changed):
        qtbot.mouseClick(widget.offer, Qt.MouseButton.LeftButton)
    made = services.tags.choices()
    assert [c.name for c in made] == ["Water security"]
    assert widget.selected() == (made[0].id,)
    assert not widget.offer.isVisible()


def test_hostile_tag_names_show_literally(qtbot: QtBot, services: Services) -> None:
    """Markup and formula-looking names are shown as typed, never interpreted."""
    widget = picker(qtbot, services)
    for name in ("<b>bold</b>", "=cmd|' /C calc'!A0"):
        qtbot.keyClicks(widget.line, name)
        qtbot.keyClick(widget.line, Qt.Key.Key_Return)
    assert chips(widget) == ["<b>bold</b>", "=cmd|' /C calc'!A0"]
    assert sorted(c.name for c in services.tags.choices()) == sorted(chips(widget))


def test_a_refused_name_says_why_under_the_line(qtbot: QtBot, services: Services) -> None:
    """A tag name over the length limit is refused with a sentence; nothing is added."""
    widget = picker(qtbot, services)
    widget.line.setText("x" * 300)
    qtbot.mouseClick(widget.offer, Qt.MouseButton.LeftButton)
    assert "too long" in widget.error.text()
    assert widget.error.isVisible()
    assert widget.selected() == () and services.tags.choices() == []


def test_return_in_the_line_never_presses_the_dialog_default_button(
    qtbot: QtBot, services: Services
) -> None:
    """Return adds the tag; the form around it is not saved or closed by that key."""
    services.tags.create("Energy")
    dialog = QDialog()
    qtbot.addWidget(dialog)
    widget = TagPicker(services.tags.create)
    widget.set_choices(services.tags.choices())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(widget)
    layout.addWidget(buttons)
    dialog.show()
    qtbot.keyClicks(widget.line, "Energy")
    qtbot.keyClick(widget.line, Qt.Key.Key_Return)
    qtbot.keyClick(widget.line, Qt.Key.Key_Return)  # empty line: still not a Save
    assert dialog.isVisible() and dialog.result() == 0
    assert len(widget.selected()) == 1


def test_removing_a_tag_from_the_vocabulary_drops_the_chip(
    qtbot: QtBot, services: Services
) -> None:
    """set_choices without a chosen tag drops it and says changed."""
    energy = services.tags.create("Energy").id
    widget = picker(qtbot, services)
    widget.set_selected([energy])
    with qtbot.waitSignal(widget.changed):
        widget.set_choices([])
    assert widget.selected() == ()
