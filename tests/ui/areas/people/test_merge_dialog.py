"""Merging people on screen: radios per field, the live preview, conflicts, the duplicates list."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.service import EngagementInput, ParticipantInput
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.people import duplicates_dialog, merge_dialog, merge_partner_dialog
from bilatdesk.ui.areas.people.duplicates_dialog import DuplicatesDialog, DuplicatesModel
from bilatdesk.ui.areas.people.merge_dialog import MergeDialog
from bilatdesk.ui.areas.people.merge_partner_dialog import MergePartnerDialog
from bilatdesk.ui.shell.main_window import MainWindow


def _twins(services: Services) -> tuple[int, int]:
    """Two records of one person with differing fields and one shared meeting."""
    at = services.countries.create(CountryInput("AT", "Austria")).id
    keep = services.people.create(
        PersonInput(
            given_name="Anna",
            family_name="Berger",
            country_id=at,
            emails=("anna@bmeia.example",),
            classification="U",
        )
    ).id
    other = services.people.create(
        PersonInput(
            given_name="Anna Maria",
            family_name="Berger",
            birth_date=date(1975, 4, 15),
            emails=("ANNA@bmeia.example",),
            biography="R&D <b>adviser</b>",
            classification="C",
        )
    ).id
    services.engagements.create(
        EngagementInput(
            "Consultations",
            datetime(2026, 3, 2, 9, tzinfo=UTC),
            participants=(ParticipantInput(keep, role="Director"), ParticipantInput(other)),
        )
    )
    return keep, other


def _dialog(qtbot: QtBot, services: Services, first: int, second: int) -> MergeDialog:
    dialog = MergeDialog(None, services, first, second)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_fields_differ_by_radio_and_same_ones_show_once(qtbot: QtBot, services: Services) -> None:
    """Only differing fields get radios; the proposed side is checked; hostile text is literal."""
    keep, other = _twins(services)
    dialog = _dialog(qtbot, services, keep, other)
    assert "family_name" not in dialog.radios  # Berger on both: shown once, greyed
    assert {"given_name", "birth_date", "country", "biography", "classification"} <= set(
        dialog.radios
    )
    keep_radio, other_radio = dialog.radios["birth_date"]
    assert other_radio.isChecked() and not keep_radio.isChecked()
    assert dialog.radios["biography"][1].text().startswith("R&&D <b>adviser</b>")
    lower, higher = dialog.radios["classification"]
    assert higher.isChecked() and not lower.isEnabled()


def test_clicking_a_radio_updates_the_preview(qtbot: QtBot, services: Services) -> None:
    """Taking the other given name renames the merged record in the preview at once."""
    keep, other = _twins(services)
    dialog = _dialog(qtbot, services, keep, other)
    assert "The merged record: <b>Anna Berger</b>" in dialog.preview_text()
    assert "1 participation in engagements moves to Anna Berger" in dialog.preview_text()
    radio = dialog.radios["given_name"][1]
    # On the indicator: a radio's blank space to the right of its text does not take clicks.
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(6, radio.height() // 2))
    assert dialog.choices["given_name"] == "other"
    assert "The merged record: <b>Anna Maria Berger</b>" in dialog.preview_text()
    assert "The record of Anna Maria Berger is deleted" in dialog.preview_text()
    assert dialog.merge_button.isEnabled()


def test_merge_asks_then_merges(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merge asks a last question naming who is deleted, then merges and closes."""
    keep, other = _twins(services)
    asked: list[tuple[str, str]] = []
    answers = iter([False, True])

    def confirm(_parent: object, kept: str, deleted: str) -> bool:
        asked.append((kept, deleted))
        return next(answers)

    monkeypatch.setattr(
        merge_dialog.ConfirmMergeDialog,
        "ask",
        classmethod(lambda cls, parent, kept, deleted: confirm(parent, kept, deleted)),
    )
    dialog = _dialog(qtbot, services, keep, other)
    dialog.choose("given_name", "other")
    dialog.merge_button.click()  # answered No: nothing happens
    assert dialog.merged_id is None
    assert services.people.get(other).display_name == "Anna Maria Berger"
    dialog.merge_button.click()
    assert asked == [("Anna Maria Berger", "Anna Maria Berger")] * 2
    assert dialog.merged_id == keep
    assert dialog.result() == MergeDialog.DialogCode.Accepted
    with pytest.raises(NotFoundError):
        services.people.get(other)
    merged = services.people.get(keep)
    assert merged.display_name == "Anna Maria Berger"
    assert merged.data.birth_date == date(1975, 4, 15)
    assert merged.data.classification == "C"


def test_swap_keeps_the_other_record(qtbot: QtBot, services: Services) -> None:
    """The swap button makes the second record the one kept."""
    keep, other = _twins(services)
    dialog = _dialog(qtbot, services, keep, other)
    qtbot.mouseClick(dialog.swap_button, Qt.MouseButton.LeftButton)
    assert (dialog.keep_id, dialog.other_id) == (other, keep)
    assert dialog.radios["given_name"][0].text() == "Anna Maria"
    assert "The record of Anna Berger is deleted" in dialog.preview_text()


def test_conflict_is_explained_and_reloaded(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record changed meanwhile: a sentence, the comparison reloads, the second try works."""
    keep, other = _twins(services)
    monkeypatch.setattr(merge_dialog.ConfirmMergeDialog, "ask", classmethod(lambda cls, *a: True))
    shown: list[str] = []
    monkeypatch.setattr(
        merge_dialog.ErrorBox, "show", classmethod(lambda cls, p, t, m: shown.append(m))
    )
    dialog = _dialog(qtbot, services, keep, other)
    dialog.choose("given_name", "other")
    changed = services.people.get(other)
    services.people.update(
        other, PersonInput(**{**changed.data.__dict__, "languages": "de, en"}), changed.version
    )
    dialog.merge_button.click()
    assert dialog.merged_id is None
    assert shown and "changed by someone else" in shown[0]
    assert dialog.choices["given_name"] == "other"  # the choice survived the reload
    assert "languages" in dialog.radios
    dialog.merge_button.click()
    assert dialog.merged_id == keep


def _searched(qtbot: QtBot, dialog: DuplicatesDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.searching, timeout=10_000)


def test_duplicates_dialog_lists_pairs_and_refreshes_after_a_merge(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, qtmodeltester
) -> None:
    """The likely pair is listed with its reasons; after a merge the list is searched again."""
    keep, _other = _twins(services)
    dialog = DuplicatesDialog(None, services, None)
    qtbot.addWidget(dialog)
    _searched(qtbot, dialog)
    assert dialog.model.rowCount() == 1
    qtmodeltester.check(dialog.model)
    index = dialog.model.index(0, duplicates_dialog.COL_REASONS)
    assert dialog.model.data(index) == "same e-mail anna@bmeia.example"
    assert dialog.compare_button.isEnabled()

    def merge(_parent: object, s: Services, first: int, second: int) -> int:
        comparison = s.merge.compare(first, second)
        return s.merge.merge(first, second, {}, comparison.keep_version, comparison.other_version)

    monkeypatch.setattr(
        duplicates_dialog.MergeDialog, "ask", classmethod(lambda cls, *a: merge(*a))
    )
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    assert dialog.merged_any
    _searched(qtbot, dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "No likely duplicates found."
    assert not dialog.compare_button.isEnabled()
    assert services.people.get(keep).id == keep


def test_duplicates_dialog_follows_the_scope(qtbot: QtBot, services: Services) -> None:
    """Scoped to a country, only pairs with someone of that country are listed."""
    _twins(services)
    jo = services.countries.create(CountryInput("JO", "Jordan")).id
    dialog = DuplicatesDialog(None, services, jo)
    qtbot.addWidget(dialog)
    _searched(qtbot, dialog)
    assert "Jordan" in dialog.scope_label.text()
    assert dialog.model.rowCount() == 0


def test_duplicates_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    """The pairs model is a well-behaved Qt model, empty or filled."""
    from bilatdesk.services.people.duplicates import DuplicatePair

    model = DuplicatesModel()
    qtmodeltester.check(model)
    model.set_pairs([DuplicatePair(1, 2, "ليلى الحسن", "Layla Al-Hassan", ("same name",))])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "ليلى الحسن"


def test_entry_points(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """Tools ▸ Find duplicate people… uses the window's scope; People offers "Merge with…"."""
    keep, other = _twins(services)
    window = MainWindow(db)
    qtbot.addWidget(window)
    scopes: list[int | None] = []
    monkeypatch.setattr(
        DuplicatesDialog, "ask", classmethod(lambda cls, p, s, scope: scopes.append(scope) or True)
    )
    found = [a for a in window.tools_menu.actions() if a.objectName() == "tools_duplicates"]
    assert len(found) == 1
    action: QAction = found[0]
    window.set_scope(window.services.countries.choices()[0].id)  # type: ignore[union-attr]
    action.trigger()
    assert scopes == [window.scope()] and scopes[0] is not None
    people = window.controllers["people"]
    buttons = [b.text() for b in people.action_buttons]  # type: ignore[attr-defined]
    assert "Merge with…" in buttons
    monkeypatch.setattr(
        merge_partner_dialog.MergePartnerDialog, "ask", classmethod(lambda cls, *a: other)
    )
    opened: list[tuple[int, int]] = []
    monkeypatch.setattr(
        MergeDialog, "ask", classmethod(lambda cls, p, s, a, b: opened.append((a, b)) or a)
    )
    spec_action = people.spec.actions[0]  # type: ignore[attr-defined]
    assert spec_action.run(window, keep, None) is True
    assert opened == [(keep, other)]


def test_partner_dialog_offers_likely_duplicates(qtbot: QtBot, services: Services) -> None:
    """ "Merge with…" lists the likely duplicates; a click picks one, the same record is refused."""
    keep, other = _twins(services)
    dialog = MergePartnerDialog(None, services, keep)
    qtbot.addWidget(dialog)
    assert dialog.likely.count() == 1
    dialog._on_likely_itemClicked(dialog.likely.item(0))
    assert dialog.chosen() == other
    dialog.picker.set_person(keep, "Anna Berger")
    dialog._on_buttons_accepted()
    assert "same record" in dialog.error.text()
    assert dialog.result() != MergePartnerDialog.DialogCode.Accepted
