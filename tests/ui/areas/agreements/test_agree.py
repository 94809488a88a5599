"""Agreements that agree with themselves: one dialog of steps, warnings at fields, the check."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bilatdesk.domain import AgreementStatus
from bilatdesk.services.agreements.records import (
    AgreementCheck,
    AgreementInput,
    PartyInput,
    Recording,
)
from bilatdesk.services.catalog import Services
from bilatdesk.ui.areas.agreements.check import CheckRegisterDialog, check_html
from bilatdesk.ui.areas.agreements.columns import COL_AGR_STATUS
from bilatdesk.ui.areas.agreements.dialogs import OfferStatusChangeDialog
from bilatdesk.ui.areas.agreements.form import AgreementForm
from bilatdesk.ui.areas.agreements.page import AgreementsPageController, AgreementsPageView
from bilatdesk.ui.areas.agreements.recording import RecordStepsDialog

S = AgreementStatus
SIGNED = date(2019, 3, 4)


def austria(services: Services) -> int:
    return next(c.id for c in services.countries.choices() if c.name == "Austria")


def form(qtbot: QtBot, services: Services, record_id: int | None = None) -> AgreementForm:
    made = AgreementForm(None, services, record_id, austria(services))
    qtbot.addWidget(made)
    made.show()
    return made


def in_force_before_signature(services: Services) -> int:
    parties = tuple(PartyInput(n, signature_date=SIGNED) for n in ("Us", "Austria"))
    data = AgreementInput("Air services", country_id=austria(services), parties=parties)
    return services.agreements.create(data, S.IN_FORCE, on=date(2019, 1, 1)).id


def test_steps_dialog_offers_each_step_and_returns_their_days(qtbot: QtBot) -> None:
    """In force: negotiated, initialled, signed (with its place), consent, in force."""
    dialog = RecordStepsDialog(None, S.IN_FORCE, {S.SIGNED: SIGNED}, "Vienna")
    qtbot.addWidget(dialog)
    assert list(dialog.days) == [S.UNDER_NEGOTIATION, S.INITIALLED, S.SIGNED]
    dialog.days[S.INITIALLED].set_value(date(2019, 1, 15))
    dialog.consent.set_value(date(2019, 7, 30))
    recording = dialog.recording()
    assert [(s.status, s.on) for s in recording.steps[:2]] == [
        (S.INITIALLED, date(2019, 1, 15)),
        (S.SIGNED, SIGNED),
    ]
    assert recording.steps[-1].status is S.IN_FORCE
    assert (recording.signed_at, recording.consent_on) == ("Vienna", date(2019, 7, 30))


def test_agreement_in_force_since_2019_is_recorded_in_one_dialog(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving a new agreement at "in force" asks one dialog, filled from the form's dates."""
    asked: list[Mapping[AgreementStatus, date]] = []

    def steps(
        cls: type,
        parent: QWidget,
        status: AgreementStatus,
        known: Mapping[AgreementStatus, date],
        signed_at: str = "",
    ) -> Recording:
        asked.append(dict(known))
        dialog = RecordStepsDialog(parent, status, known, "Vienna")
        dialog.days[S.INITIALLED].set_value(date(2019, 1, 15))
        dialog.days[S.SIGNED].set_value(SIGNED)
        return dialog.recording()

    monkeypatch.setattr(RecordStepsDialog, "ask", classmethod(steps))
    made = form(qtbot, populated)
    qtbot.keyClicks(made.title, "Agreement on Cultural Cooperation")
    made.status.initial.set_value(S.IN_FORCE)
    made.entry_into_force.set_value(date(2019, 9, 1))
    qtbot.mouseClick(made.apply_button, Qt.MouseButton.LeftButton)
    assert made.record_id is not None, made.banner.text()
    assert asked == [{S.IN_FORCE: date(2019, 9, 1)}]
    stored = populated.agreements.get(made.record_id)
    assert [(h.status, h.on) for h in stored.history] == [
        (S.INITIALLED, date(2019, 1, 15)),
        (S.SIGNED, SIGNED),
        (S.IN_FORCE, date(2019, 9, 1)),
    ]
    assert {(p.signature_date, p.signature_place) for p in stored.data.parties} == {
        (SIGNED, "Vienna")
    }
    assert made.warnings.message("entry_into_force") == ""


def test_contradictions_show_at_their_fields(qtbot: QtBot, populated: Services) -> None:
    """In force before signature shows under "In force since"; fixing the date clears it."""
    made = form(qtbot, populated, in_force_before_signature(populated))
    assert "before it was signed (4 March 2019)" in made.warnings.message("entry_into_force")
    assert made.warnings.message("parties") == ""
    made.entry_into_force.set_value(date(2019, 9, 1))
    assert "before it was signed" not in made.warnings.message("entry_into_force")
    made.dirty = False  # closed by the test without the unsaved-changes question


def test_a_typed_signature_offers_the_status_change(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing the parties' signature date on an initialled text offers to record it signed."""
    data = AgreementInput(
        "Transit", country_id=austria(populated), parties=(PartyInput("Us"), PartyInput("AT"))
    )
    agreement = populated.agreements.create(data, S.INITIALLED, on=date(2019, 1, 15)).id
    offered: list[tuple[AgreementStatus, date]] = []
    monkeypatch.setattr(
        OfferStatusChangeDialog,
        "ask",
        classmethod(lambda cls, parent, status, on: offered.append((status, on)) is None),
    )
    made = form(qtbot, populated, agreement)
    card = made.parties.row_widgets(0)[0]
    card.signature_date.set_value(SIGNED)  # type: ignore[attr-defined]
    card.signature_place.setText("Vienna")  # type: ignore[attr-defined]
    assert "still initialled" in made.warnings.message("parties")
    qtbot.mouseClick(made.apply_button, Qt.MouseButton.LeftButton)
    assert offered == [(S.SIGNED, SIGNED)]
    stored = populated.agreements.get(agreement)
    assert stored.status is S.SIGNED
    assert {(p.signature_date, p.signature_place) for p in stored.data.parties} == {
        (SIGNED, "Vienna")
    }
    assert made.warnings.message("parties") == ""


def test_register_marks_and_checks_contradictions(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status cell is stressed with the sentence in its tooltip; Check register… lists it."""
    agreement = in_force_before_signature(populated)
    view = AgreementsPageView()
    qtbot.addWidget(view)
    controller = AgreementsPageController(view, populated)
    cell = controller.model.index(controller.model.row_of_id(agreement), COL_AGR_STATUS)
    assert cell.data(Qt.ItemDataRole.FontRole).bold()
    assert "before it was signed" in cell.data(Qt.ItemDataRole.ToolTipRole)
    shown: list[list[AgreementCheck]] = []
    monkeypatch.setattr(
        CheckRegisterDialog, "ask", classmethod(lambda cls, p, found: shown.append(list(found)))
    )
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    [[check]] = shown
    assert check.agreement_id == agreement
    assert "Air services" in check_html([check])
    dialog = CheckRegisterDialog(None, [])
    qtbot.addWidget(dialog)
    assert "agree" in dialog.text.toPlainText()
