"""Saving a new person who may already be on record shows the match first."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.people.duplicates import DuplicatePair
from bilatdesk.services.people.service import PersonInput
from bilatdesk.ui.areas.people import form as form_module
from bilatdesk.ui.areas.people.form import PersonForm
from bilatdesk.ui.areas.people.namesake_dialog import NamesakeAnswer, NamesakeDialog


def _new_form(qtbot: QtBot, services: Services) -> PersonForm:
    form = PersonForm(None, services, None)
    qtbot.addWidget(form)
    form.given_name.setText("Nadezhda")
    form.family_name.setText("Ilieva")
    return form


def test_a_namesake_is_shown_and_cancel_saves_nothing(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second Nadezhda Ilieva: the dialog names the one on record and why; Cancel keeps
    the form open with nothing saved."""
    services.people.create(PersonInput(given_name="Nadezhda", family_name="Ilieva"))
    seen: list[list[DuplicatePair]] = []

    def answer(_parent: object, matches: list[DuplicatePair]) -> NamesakeAnswer:
        seen.append(matches)
        return NamesakeAnswer.CANCEL

    monkeypatch.setattr(NamesakeDialog, "ask", answer)
    form = _new_form(qtbot, services)
    assert not form.save()
    assert [(m.second_name, m.reasons) for m in seen[0]] == [("Nadezhda Ilieva", ("same name",))]
    assert len(services.people.list().rows) == 1


def test_save_as_a_different_person_and_no_question_without_a_match(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Save as a different person" saves; a name nobody has is saved without a question."""
    services.people.create(PersonInput(given_name="Nadezhda", family_name="Ilieva"))
    monkeypatch.setattr(NamesakeDialog, "ask", lambda *_: NamesakeAnswer.SAVE)
    assert _new_form(qtbot, services).save()
    assert len(services.people.list().rows) == 2
    monkeypatch.setattr(NamesakeDialog, "ask", lambda *_: pytest.fail("asked without a match"))
    other = PersonForm(None, services, None)
    qtbot.addWidget(other)
    other.family_name.setText("Unique-Name")
    assert other.save()


def test_save_and_merge_opens_the_merge(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Save and merge" saves the new record, then opens the merge of the two."""
    first = services.people.create(PersonInput(given_name="Nadezhda", family_name="Ilieva")).id
    monkeypatch.setattr(NamesakeDialog, "ask", lambda *_: NamesakeAnswer.MERGE)
    merged: list[tuple[int, int]] = []
    monkeypatch.setattr(
        form_module.MergeDialog, "ask", lambda _p, _s, a, b: merged.append((a, b)) or a
    )
    form = _new_form(qtbot, services)
    assert form.save()
    assert merged == [(first, form.record_id)]
