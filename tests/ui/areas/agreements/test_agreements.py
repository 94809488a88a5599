"""Agreements: the register page, the form with its duration, status and files, and Today."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.domain import AgreementStatus, PeriodUnit
from bilatdesk.domain.agreement_rules import current_expiry, notice_deadline
from bilatdesk.services.agreements.records import AgreementInput, PartyInput
from bilatdesk.services.catalog import Services
from bilatdesk.ui.areas.agreements.columns import COL_AGR_NOTICE
from bilatdesk.ui.areas.agreements.dialogs import (
    AttachmentFileDialog,
    ChangeStatusDialog,
    ConfirmRemoveDialog,
    CountryChoiceDialog,
    ExportFolderDialog,
    StatusChange,
)
from bilatdesk.ui.areas.agreements.form import AgreementForm
from bilatdesk.ui.areas.agreements.page import AgreementsPageController, AgreementsPageView
from bilatdesk.ui.areas.agreements.panels import COL_ATT_SIZE
from bilatdesk.ui.areas.today.model import COL_REM_DETAIL
from bilatdesk.ui.areas.today.page import TodayController, TodayView
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.pdf_pages import SavePdfDialog

Y, M = PeriodUnit.YEARS, PeriodUnit.MONTHS


def country(services: Services, name: str) -> int:
    return next(c.id for c in services.countries.choices() if c.name == name)


def add_agreement(
    services: Services,
    title: str,
    country_id: int,
    status: AgreementStatus = AgreementStatus.PROPOSED,
    **fields: object,
) -> int:
    data = AgreementInput(
        title,
        country_id=country_id,
        parties=(PartyInput("Our state"), PartyInput("Other")),
        **fields,
    )
    return services.agreements.create(data, status).id  # type: ignore[arg-type]


def expiring_soon(services: Services, country_id: int) -> int:
    """In force for a year with yearly renewal and a month's notice, ending in ~65 days."""
    return add_agreement(
        services,
        "Air services agreement",
        country_id,
        AgreementStatus.IN_FORCE,
        entry_into_force=date.today() - timedelta(days=300),
        fixed_term=True,
        term=(1, Y),
        renewal=(1, Y),
        notice=(1, M),
    )


def page(qtbot: QtBot, services: Services) -> AgreementsPageController:
    view = AgreementsPageView()
    qtbot.addWidget(view)
    return AgreementsPageController(view, services)


def form(
    qtbot: QtBot, services: Services, record_id: int | None = None, scope: int | None = None
) -> AgreementForm:
    made = AgreementForm(None, services, record_id, scope)
    qtbot.addWidget(made)
    made.show()
    return made


def test_register_model_passes_the_model_tester(
    qtbot: QtBot, populated: Services, qtmodeltester: ModelTester
) -> None:
    """The register's model keeps Qt's model contract, with a highlighted notice deadline."""
    expiring_soon(populated, country(populated, "Austria"))
    add_agreement(populated, "Cultural cooperation", country(populated, "Jordan"))
    controller = page(qtbot, populated)
    assert controller.model.rowCount() == 2
    qtmodeltester.check(controller.model)
    row = controller.model.row_of_id(populated.agreements.choices()[0].id)
    notice = controller.model.index(row, COL_AGR_NOTICE)
    assert notice.data(Qt.ItemDataRole.FontRole).bold()


def test_agreement_made_in_the_form_shows_expiry_and_notice_deadline(
    qtbot: QtBot, populated: Services
) -> None:
    """A fixed term of 5 years renewing yearly with 6 months' notice gets its computed dates."""
    austria = country(populated, "Austria")
    made = form(qtbot, populated, scope=austria)
    assert made.country.value() == austria
    assert made.parties.row_count() == 2
    qtbot.keyClicks(made.title, "Agreement on the promotion of investments")
    made.fixed_term.fixed.setChecked(True)
    made.term.set_value((5, Y))
    made.renewal.set_value((1, Y))
    made.notice.set_value((6, M))
    start = date(2022, 3, 1)
    made.entry_into_force.set_value(start)
    qtbot.mouseClick(made.apply_button, Qt.MouseButton.LeftButton)
    assert made.record_id is not None, made.banner.text()
    expiry = current_expiry(start, (5, Y), (1, Y), date.today())
    assert made.expiry_label.text() == format_date(expiry)
    assert made.notice_deadline_label.text() == format_date(notice_deadline(expiry, (6, M)))
    stored = populated.agreements.get(made.record_id)
    assert stored.data.parties[1].name == "Austria"  # the country's party follows the country
    assert stored.status is AgreementStatus.PROPOSED


def test_group_filter_narrows_the_register(qtbot: QtBot, populated: Services) -> None:
    """Choosing "In force" leaves only agreements in force; All shows every one again."""
    expiring_soon(populated, country(populated, "Austria"))
    add_agreement(populated, "Cultural cooperation", country(populated, "Austria"))
    controller = page(qtbot, populated)
    assert controller.model.rowCount() == 2
    controller.set_group("In force")
    assert [controller.model.record(r).title for r in range(controller.model.rowCount())] == [
        "Air services agreement"
    ]
    controller.set_group(None)
    assert controller.model.rowCount() == 2


def test_status_change_records_history_and_an_illegal_jump_is_explained(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Change status… adds a history line; a jump the lifecycle forbids shows its sentence."""
    agreement = add_agreement(populated, "Cultural cooperation", country(populated, "Jordan"))
    made = form(qtbot, populated, agreement)
    offered: list[tuple[AgreementStatus, ...]] = []
    wanted = [
        StatusChange(AgreementStatus.UNDER_NEGOTIATION, date.today(), "First round"),
        StatusChange(AgreementStatus.SIGNED, date.today(), ""),
    ]

    def choose(
        cls: type, parent: QWidget, current: AgreementStatus, allowed: tuple[AgreementStatus, ...]
    ) -> StatusChange:
        offered.append(tuple(allowed))
        return wanted.pop(0)

    monkeypatch.setattr(ChangeStatusDialog, "ask", classmethod(choose))
    qtbot.mouseClick(made.status.change_button, Qt.MouseButton.LeftButton)
    assert AgreementStatus.UNDER_NEGOTIATION in offered[0]
    assert made.status.history_model.rowCount() == 2
    assert made.status.history_model.index(0, 2).data() == "First round"
    qtbot.mouseClick(made.status.change_button, Qt.MouseButton.LeftButton)
    assert made.field_error("status") == (
        "An agreement is signed only once its text has been initialled."
    )
    assert populated.agreements.get(agreement).status is AgreementStatus.UNDER_NEGOTIATION


def test_attachment_is_listed_with_its_size_saved_and_removed(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A file added through the seam is listed with its size, saved elsewhere, then removed."""
    agreement = add_agreement(populated, "Cultural cooperation", country(populated, "Jordan"))
    text = tmp_path / "signed text.pdf"
    text.write_bytes(b"%PDF-1.4\n" + b"x" * 2039)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(AttachmentFileDialog, "ask", classmethod(lambda cls, parent: text))
    monkeypatch.setattr(ExportFolderDialog, "ask", classmethod(lambda cls, parent: out))
    monkeypatch.setattr(ConfirmRemoveDialog, "ask", classmethod(lambda cls, parent, name: True))
    made = form(qtbot, populated, agreement)
    panel = made.attachments
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, COL_ATT_SIZE).data() == "2.0 KB"
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert [p.read_bytes() for p in out.iterdir()] == [text.read_bytes()]
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 0
    assert populated.attachments.list("agreement", agreement) == []


def test_today_lists_a_deadline_within_180_days(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today shows the notice deadline and expiry coming up; double-click opens the form."""
    agreement = expiring_soon(populated, country(populated, "Austria"))
    view = TodayView()
    qtbot.addWidget(view)
    today = TodayController(view, populated)
    panel = today.section("agreements")
    model = panel.model
    assert [model.index(r, COL_REM_DETAIL).data() for r in range(model.rowCount())] == [
        "Last day to give notice",
        "Expires",
    ]
    opened: list[int | None] = []
    monkeypatch.setattr(
        AgreementForm,
        "ask",
        classmethod(lambda cls, parent, services, rid, scope: opened.append(rid)),
    )
    panel.table.doubleClicked.emit(model.index(0, 0))
    assert opened == [agreement]
    today.set_scope(country(populated, "Jordan"))
    assert model.rowCount() == 0


def test_print_register_asks_the_country_and_saves_the_pdf(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With no country in scope, Print register… asks which one, previews the register, and
    its Save PDF… writes the PDF."""
    austria = country(populated, "Austria")
    expiring_soon(populated, austria)
    target = tmp_path / "register.pdf"
    monkeypatch.setattr(CountryChoiceDialog, "ask", classmethod(lambda cls, p, c: austria))
    monkeypatch.setattr(SavePdfDialog, "ask", classmethod(lambda cls, p, s: str(target)))
    controller = page(qtbot, populated)
    qtbot.mouseClick(controller.agreements_view.print_button, Qt.MouseButton.LeftButton)
    preview = controller.preview
    assert preview is not None and preview.isVisible()
    qtbot.waitUntil(lambda: len(preview.panel.pages) >= 1, timeout=30_000)
    assert not target.exists()  # previewed, not yet written anywhere
    with qtbot.waitSignal(controller.register_saved, timeout=30_000):
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    preview.close()
