"""The organisation form's Structure: ancestry, the subtree with posts and holders, opening a
unit; plus its tags and organisation relationships."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.domain.enums import OrganisationKind
from bilatdesk.services.catalog import Services
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.services.people.service import MembershipInput, PersonInput
from bilatdesk.ui.areas.organisations.form import OrganisationForm
from bilatdesk.ui.areas.organisations.structure import COL_TREE_HELD_BY, COL_TREE_NAME
from bilatdesk.ui.areas.people.relationship_dialog import RelationshipDialog, TieEntry
from bilatdesk.ui.kit.messages import UnsavedChangesDialog
from bilatdesk.ui.kit.widgets import ChoiceCombo


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forms left with edits at the end of a test close without asking."""
    monkeypatch.setattr(
        UnsavedChangesDialog, "ask", classmethod(lambda cls, parent: UnsavedChangesDialog.DISCARD)
    )


def chart(services: Services) -> dict[str, int]:
    """Ministry ▸ Directorate ▸ Unit, with a minister, a director (acting) and a vacant head."""
    austria = services.countries.choices()[0].id
    ministry = next(r.id for r in services.organisations.list().rows if r.abbreviation == "BMEIA")
    organisations = services.organisations
    directorate = organisations.create(
        OrganisationInput(
            "Directorate for Europe",
            OrganisationKind.DIRECTORATE,
            country_id=austria,
            parent_id=ministry,
        )
    ).id
    unit = organisations.create(
        OrganisationInput(
            "Unit <b>Balkans</b>", OrganisationKind.UNIT, country_id=austria, parent_id=directorate
        )
    ).id
    services.people.create(
        PersonInput(
            given_name="Eva",
            family_name="Lind",
            memberships=(
                MembershipInput("Director for Europe", directorate, date(2020, 1, 1), acting=True),
                MembershipInput(
                    "Head of Unit", unit, date(2015, 1, 1), date.today() - timedelta(1)
                ),
            ),
        )
    )
    return {"ministry": ministry, "directorate": directorate, "unit": unit}


def open_form(qtbot: QtBot, services: Services, record_id: int | None) -> OrganisationForm:
    form = OrganisationForm(None, services, record_id)
    qtbot.addWidget(form)
    form.show()
    return form


def rows(form: OrganisationForm) -> list[tuple[int, str, str]]:
    """(depth, name, held by) of every row, top first."""
    found: list[tuple[int, str, str]] = []

    def walk(item: object, depth: int) -> None:
        found.append((depth, item.text(COL_TREE_NAME), item.text(COL_TREE_HELD_BY)))  # type: ignore[attr-defined]
        for i in range(item.childCount()):  # type: ignore[attr-defined]
            walk(item.child(i), depth + 1)  # type: ignore[attr-defined]

    tree = form.structure.tree
    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i), 0)
    return found


def test_structure_shows_ancestry_units_posts_and_holders(
    qtbot: QtBot, populated: Services
) -> None:
    """The directorate's form: its parent as a link, its subtree with today's holders."""
    ids = chart(populated)
    form = open_form(qtbot, populated, ids["directorate"])
    crumb = form.structure.breadcrumb.text()
    assert f"org:{ids['ministry']}" in crumb
    assert "Federal Ministry for European and International Affairs" in crumb
    assert "<b>Directorate for Europe</b>" in crumb
    assert rows(form) == [
        (0, "Directorate for Europe", ""),
        (1, "Director for Europe", "Eva Lind (acting)"),
        (1, "Unit <b>Balkans</b>", ""),  # user text, shown literally
        (2, "Head of Unit", "vacant"),
    ]
    assert form.structure.units() == [
        (ids["directorate"], "Directorate for Europe"),
        (ids["unit"], "Unit <b>Balkans</b>"),
    ]
    top = open_form(qtbot, populated, ids["ministry"])
    assert top.structure.breadcrumb.text() == (
        "<b>Federal Ministry for European and International Affairs</b>"
    )
    assert [name for depth, name, _held in rows(top) if depth == 1] == [
        "Director",
        "Directorate for Europe",
    ]
    assert ("Director", "Lukas Hofstätter; Anna Berger") in [
        (name, held) for _depth, name, held in rows(top)
    ]


def test_double_clicking_a_unit_opens_its_form_and_the_tree_refreshes(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A unit below opens in its own form; the organisation itself and posts open nothing."""
    ids = chart(populated)
    opened: list[int | None] = []

    def record(
        cls: type[OrganisationForm],
        parent: QWidget,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> int | None:
        opened.append(record_id)
        services.organisations.update(
            record_id or 0,
            OrganisationInput(
                "Unit for the Western Balkans",
                OrganisationKind.UNIT,
                country_id=services.countries.choices()[0].id,
                parent_id=ids["directorate"],
            ),
            services.organisations.get(record_id or 0).version,
        )
        return record_id

    form = open_form(qtbot, populated, ids["directorate"])
    monkeypatch.setattr(OrganisationForm, "ask", classmethod(record))
    tree = form.structure.tree
    root = tree.topLevelItem(0)
    unit_item = form.structure.item_of_unit(ids["unit"])
    assert unit_item is not None
    for item in (root, root.child(0)):  # itself, a post
        tree.itemActivated.emit(item, 0)
    assert opened == []
    tree.scrollToItem(unit_item)
    rect = tree.visualItemRect(unit_item)
    # A real double-click starts with a press (QTest's double-click alone sends none).
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [ids["unit"]]
    assert (ids["unit"], "Unit for the Western Balkans") in form.structure.units()


def test_a_breadcrumb_link_opens_the_parent(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clicking a parent in the breadcrumb opens that organisation."""
    ids = chart(populated)
    opened: list[int | None] = []
    monkeypatch.setattr(
        OrganisationForm,
        "ask",
        classmethod(
            lambda cls, parent, services, record_id=None, scope=None: opened.append(record_id)
        ),
    )
    form = open_form(qtbot, populated, ids["unit"])
    form.structure.breadcrumb.linkActivated.emit(f"org:{ids['ministry']}")
    assert opened == [ids["ministry"]]


def test_a_new_organisation_has_no_structure_yet(qtbot: QtBot, populated: Services) -> None:
    """Before the first save the structure says why it is empty; relationships can be added."""
    form = open_form(qtbot, populated, None)
    assert form.structure.tree.topLevelItemCount() == 0
    assert "Save the organisation" in form.structure.note.text()
    assert form.relationships.add_button.isEnabled()


def test_organisation_tags_are_saved(qtbot: QtBot, populated: Services) -> None:
    """The tag picker on the organisation form stores its tags with Save."""
    energy = populated.tags.create("Energy").id
    ids = chart(populated)
    form = open_form(qtbot, populated, ids["directorate"])
    assert form.tags.selected() == ()
    assert form.tags.add_by_name("ENERGY")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == ids["directorate"]
    assert [c.id for c in populated.tags.tags_of("organisation", ids["directorate"])] == [energy]
    again = open_form(qtbot, populated, ids["directorate"])
    assert again.tags.selected() == (energy,)
    new = open_form(qtbot, populated, None)
    new.name.setText("Energy Agency")
    new.tags.set_selected([energy])
    qtbot.mouseClick(new.save_button, Qt.MouseButton.LeftButton)
    assert [c.id for c in populated.tags.tags_of("organisation", new.saved_id or 0)] == [energy]


def funded_by(qtbot: QtBot, other: int) -> object:
    """The relationship dialog's seam, answering "funded by" `other` as a clerk would."""

    def fill(
        cls: type[RelationshipDialog], *args: object, initial: TieEntry | None = None
    ) -> TieEntry | None:
        dialog = cls(*args, initial=initial)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        labels = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
        assert "funds" in labels and "funded by" in labels and "adviser to" not in labels
        assert isinstance(dialog.other, ChoiceCombo)
        if dialog.record_id is not None:
            assert dialog.other.findData(dialog.record_id) < 0  # not tied to itself
        dialog.choose_kind("funded by")
        dialog.other.set_value(other)
        assert dialog.save(), dialog.error.text()
        return dialog.answer

    return classmethod(fill)


def foreign_ministry(services: Services) -> int:
    return next(
        r.id for r in services.organisations.list().rows if r.name == "Ministry of Foreign Affairs"
    )


def test_organisation_relationships_use_organisation_types(
    qtbot: QtBot,
    populated: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    """The same editor, scope organisations: "funded by" one way is "funds" from the other,
    written when the form is saved."""
    ids = chart(populated)
    other = foreign_ministry(populated)
    monkeypatch.setattr(RelationshipDialog, "ask", funded_by(qtbot, other))
    form = open_form(qtbot, populated, ids["directorate"])
    qtbot.mouseClick(form.relationships.add_button, Qt.MouseButton.LeftButton)
    model = form.relationships.model
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in (0, 1)] == [
        "funded by",
        "Ministry of Foreign Affairs",
    ]
    assert form.dirty and populated.relationships.for_organisation(other) == []
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == ids["directorate"], form.banner.text()
    assert [(v.label, v.other_id) for v in populated.relationships.for_organisation(other)] == [
        ("funds", ids["directorate"])
    ]


def test_organisation_relationships_cancelled_or_refused_write_nothing(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel with a tie held asks first and writes nothing; a Save refused for the name
    writes nothing either; a new organisation is saved with its tie."""
    ids = chart(populated)
    other = foreign_ministry(populated)
    asked: list[str] = []

    def discard(cls: type, parent: QWidget | None) -> str:
        asked.append(parent.windowTitle() if parent is not None else "")
        return UnsavedChangesDialog.DISCARD

    monkeypatch.setattr(UnsavedChangesDialog, "ask", classmethod(discard))
    monkeypatch.setattr(RelationshipDialog, "ask", funded_by(qtbot, other))
    form = open_form(qtbot, populated, ids["directorate"])
    qtbot.mouseClick(form.relationships.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == ["Directorate for Europe"] and not form.isVisible()
    assert populated.relationships.for_organisation(ids["directorate"]) == []
    new = open_form(qtbot, populated, None)
    qtbot.mouseClick(new.relationships.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(new.save_button, Qt.MouseButton.LeftButton)  # no name yet
    assert new.saved_id is None and new.field_error("name")
    assert populated.relationships.for_organisation(other) == []
    new.name.setText("Energy Fund")
    qtbot.mouseClick(new.save_button, Qt.MouseButton.LeftButton)
    assert new.saved_id is not None, new.banner.text()
    assert [(v.label, v.other_id) for v in populated.relationships.for_organisation(other)] == [
        ("funds", new.saved_id)
    ]
