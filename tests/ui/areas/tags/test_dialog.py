"""The tag vocabulary dialog: use counts, add, rename, delete naming what loses the tag, and
Ctrl+Z bringing a deleted tag back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.listing import DeleteImpact
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.tags import dialog as tags_dialog
from bilatdesk.ui.areas.tags.dialog import COL_TAG_USES, TagNameDialog, TagsDialog
from bilatdesk.ui.kit.changes import Kind, changes
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog, ErrorBox
from bilatdesk.ui.shell.main_window import MainWindow


def dialog(qtbot: QtBot, services: Services) -> TagsDialog:
    made = TagsDialog(None, services.tags)
    qtbot.addWidget(made)
    made.show()
    return made


def answer(monkeypatch: pytest.MonkeyPatch, text: str | None) -> list[str]:
    asked: list[str] = []

    def ask(cls: type, parent: object, title: str, initial: str = "") -> str | None:
        asked.append(initial)
        return text

    monkeypatch.setattr(TagNameDialog, "ask", classmethod(ask))
    return asked


def select(made: TagsDialog, name: str) -> None:
    row = next(r for r in range(made.model.rowCount()) if made.model.index(r, 0).data() == name)
    made.table.selectRow(row)


def test_the_vocabulary_shows_use_counts(
    qtbot: QtBot, populated: Services, qtmodeltester: ModelTester
) -> None:
    """Each tag is listed with how many records carry it, across record kinds."""
    energy = populated.tags.create("Energy").id
    populated.tags.create("Unused")
    for row in populated.people.list().rows[:2]:
        populated.tags.set_tags("person", row.id, [energy])
    populated.tags.set_tags("organisation", populated.organisations.list().rows[0].id, [energy])
    made = dialog(qtbot, populated)
    qtmodeltester.check(made.model)
    counts = {
        made.model.index(r, 0).data(): made.model.index(r, COL_TAG_USES).data()
        for r in range(made.model.rowCount())
    }
    assert counts == {"Energy": "3", "Unused": "0"}
    assert not made.rename_button.isEnabled()
    select(made, "Energy")
    assert made.rename_button.isEnabled() and made.delete_button.isEnabled()


def test_add_and_rename(qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """Add… stores a new tag and selects it; Rename… offers the old name and keeps the id."""
    made = dialog(qtbot, services)
    answer(monkeypatch, "Water")
    made.add_button.click()
    assert [c.name for c in services.tags.choices()] == ["Water"]
    assert made.current() is not None and made.current().name == "Water"  # type: ignore[union-attr]
    asked = answer(monkeypatch, "Water security")
    made.rename_button.click()
    assert asked == ["Water"]
    assert [c.name for c in services.tags.choices()] == ["Water security"]
    assert made.changed


def test_a_duplicate_name_is_refused_with_a_sentence(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a name that exists (other case and accents) says so and adds nothing."""
    services.tags.create("Énergie")
    shown: list[str] = []
    monkeypatch.setattr(ErrorBox, "show", classmethod(lambda cls, p, t, m: shown.append(m)))
    made = dialog(qtbot, services)
    answer(monkeypatch, "energie")
    made.add_button.click()
    assert shown == ["The tag 'Énergie' already exists."]
    assert len(services.tags.choices()) == 1


def test_delete_names_how_many_records_lose_the_tag(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Delete asks first, naming the count; cancelling keeps it, confirming removes it."""
    energy = populated.tags.create("Energy").id
    person = populated.people.list().rows[0].id
    populated.tags.set_tags("person", person, [energy])
    populated.tags.set_tags("engagement", populated.engagements.list().rows[0].id, [energy])
    impacts: list[DeleteImpact] = []
    confirm = [False]
    monkeypatch.setattr(
        ConfirmDeleteDialog,
        "ask",
        classmethod(lambda cls, parent, impact: impacts.append(impact) or confirm[0]),
    )
    made = dialog(qtbot, populated)
    select(made, "Energy")
    made.delete_button.click()
    assert impacts == [DeleteImpact("Energy", ("2 records lose this tag.",), undoable=True)]
    assert len(populated.tags.choices()) == 1
    confirm[0] = True
    made.delete_button.click()
    assert populated.tags.choices() == []
    assert populated.tags.tags_of("person", person) == []
    assert made.model.rowCount() == 0


def test_tools_menu_opens_the_dialog_and_pages_refresh(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """Tools ▸ Tags… is installed on attach; a change there refreshes the pages."""
    opened: list[bool] = []
    monkeypatch.setattr(
        tags_dialog.TagsDialog,
        "ask",
        classmethod(lambda cls, parent, tags: opened.append(True) or changes(Kind.TAGS)),
    )
    window = MainWindow(db)
    qtbot.addWidget(window)
    action = next(a for a in window.tools_menu.actions() if a.objectName() == "tools_tags")
    assert window.tools_menu.isEnabled()
    refreshed: list[str] = []
    for key, controller in window.controllers.items():
        monkeypatch.setattr(controller, "refresh", lambda key=key: refreshed.append(key))
    action.trigger()
    assert opened == [True]
    assert "people" in refreshed and "cables" in refreshed


def test_ctrl_z_in_the_dialog_brings_a_deleted_tag_back_on_its_records(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog is modal, so it takes Ctrl+Z itself: the tag is back in its list with its
    use count and on its records; Ctrl+Shift+Z deletes it again; the window's pages learn
    which kinds changed."""
    energy = populated.tags.create("Energy").id
    person = populated.people.list().rows[0].id
    populated.tags.set_tags("person", person, [energy])
    populated.tags.set_tags("engagement", populated.engagements.list().rows[0].id, [energy])
    monkeypatch.setattr(ConfirmDeleteDialog, "ask", classmethod(lambda cls, parent, i: True))
    made = dialog(qtbot, populated)
    select(made, "Energy")
    made.delete_button.click()
    assert made.model.rowCount() == 0
    assert "Ctrl+Z" in made.said.text()
    with qtbot.waitActive(made):
        made.activateWindow()  # shortcuts go to the active window
    made.table.setFocus()
    qtbot.keyClick(made.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [made.model.index(r, COL_TAG_USES).data() for r in range(made.model.rowCount())] == ["2"]
    assert made.said.text() == "Undone: delete the tag 'Energy'."
    assert [c.name for c in populated.tags.tags_of("person", person)] == ["Energy"]
    assert {Kind.TAGS, Kind.PEOPLE, Kind.ENGAGEMENTS} <= made.changes()
    qtbot.keyClick(
        made.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert made.model.rowCount() == 0
    assert populated.tags.tags_of("person", person) == []
