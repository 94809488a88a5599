"""The diplomatic list dialog: the table in precedence, the dean marked, gaps said, print/save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bilatdesk.domain.enums import MissionClass, OrganisationKind
from bilatdesk.domain.person import Membership
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.services.people.service import MembershipInput, PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.corps.diplomatic_list_dialog import (
    COL_HEAD,
    COL_MISSION,
    DiplomaticListDialog,
    DiplomaticListModel,
)
from bilatdesk.ui.kit.background import pool
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.pdf_pages import PrintDialog, SavePdfDialog
from tests.reports import pdfread

ON = date(2026, 11, 22)


def _head(
    services: Services,
    mission: int,
    name: tuple[str, str],
    cls: MissionClass,
    credentials: date | None,
    *,
    db: Database,
    original: str = "",
    acting: bool = False,
) -> None:
    person = services.people.create(
        PersonInput(
            given_name=name[0],
            family_name=name[1],
            name_original=original,
            memberships=(MembershipInput("Ambassador", mission, date(2015, 1, 1), acting=acting),),
        )
    )
    with db.session() as session:
        membership = session.scalars(
            select(Membership).where(Membership.person_id == person.id)
        ).one()
        membership.mission_class = cls
        membership.credentials_on = credentials


@pytest.fixture
def corps(services: Services, db: Database) -> tuple[Services, int, int]:
    """Austria with four heads (one chargé a.i.) and one mission without a head; and Jordan."""
    austria = services.countries.create(CountryInput("AT", "Austria", capital="Vienna")).id
    jordan = services.countries.create(CountryInput("JO", "Jordan", capital="Amman")).id

    def mission(state: str, country: int = austria) -> int:
        data = OrganisationInput(
            f"Embassy of {state}", OrganisationKind.MISSION, country_id=country, sending_state=state
        )
        return services.organisations.create(data).id

    a = MissionClass.AMBASSADOR
    _head(services, mission("France"), ("Claire", "Martin"), a, date(2021, 6, 3), db=db)
    _head(
        services, mission("China"), ("Lixin", "Wang"), a, date(2016, 2, 1), original="王立新", db=db
    )
    _head(
        services, mission("Egypt"), ("Ahmed", "Farouk"), MissionClass.ENVOY, date(2010, 1, 1), db=db
    )
    _head(
        services,
        mission("Canada"),
        ("Jean", "Tremblay"),
        MissionClass.CHARGE_D_AFFAIRES,
        None,
        acting=True,
        db=db,
    )
    mission("Malta")
    _head(services, mission("Italy", jordan), ("Giulia", "Ferrante"), a, date(2019, 1, 1), db=db)
    return services, austria, jordan


@pytest.fixture
def dialog(qtbot: QtBot, corps: tuple[Services, int, int]) -> DiplomaticListDialog:
    services, austria, _ = corps
    shown = DiplomaticListDialog(None, services, austria, ON)
    qtbot.addWidget(shown)
    return shown


def _column(model: DiplomaticListModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_table_in_precedence_with_gaps_above(dialog: DiplomaticListDialog) -> None:
    """Rows run ambassadors, envoy, chargé; the mission without a head is said above."""
    assert _column(dialog.model, COL_MISSION) == ["China", "France", "Egypt", "Canada"]
    assert _column(dialog.model, COL_HEAD)[0] == "H.E. Wang Lixin (\u2068王立新\u2069)"
    assert dialog.heading.text() == "Diplomatic list — Vienna, as of 22 November 2026"
    assert dialog.missing.text() == (
        "• The Embassy of Malta has no head of mission recorded on 22 November 2026."
    )
    assert dialog.dean.text().startswith("Dean of the Diplomatic Corps: H.E. Wang Lixin (China)")
    assert dialog.country.currentText() == "Austria"
    assert dialog.model.index(3, 4).data() == "a.i. since 1 Jan 2015"


def test_dean_row_is_bold_with_an_icon(dialog: DiplomaticListDialog) -> None:
    """Only the dean's row is bold; only the dean's name carries the icon and the tooltip."""
    model = dialog.model
    for row in range(model.rowCount()):
        font = model.index(row, 1).data(Qt.ItemDataRole.FontRole)
        decoration = model.index(row, COL_HEAD).data(Qt.ItemDataRole.DecorationRole)
        tooltip = model.index(row, COL_HEAD).data(Qt.ItemDataRole.ToolTipRole)
        dean = row == 0
        assert isinstance(font, QFont) and font.bold() if dean else font is None
        assert isinstance(decoration, QIcon) if dean else decoration is None
        assert ("Dean of the Diplomatic Corps" in tooltip) is dean


def test_model_passes_the_model_tester(qtmodeltester, dialog: DiplomaticListDialog) -> None:  # type: ignore[no-untyped-def]
    """The list model keeps Qt's model contract, filled and empty."""
    qtmodeltester.check(dialog.model)
    dialog.model.set_entries(())
    qtmodeltester.check(dialog.model)


def test_changing_country_and_day_rebuilds(
    dialog: DiplomaticListDialog, corps: tuple[Services, int, int]
) -> None:
    """Another host country or an earlier day gives its own list."""
    _, _, jordan = corps
    dialog.country.setCurrentIndex(dialog.country.findData(jordan))
    assert _column(dialog.model, COL_MISSION) == ["Italy"]
    assert dialog.heading.text().startswith("Diplomatic list — Amman")
    assert not dialog.missing.isVisibleTo(dialog)
    dialog.day.setDate(QDate(2018, 6, 1))  # before the credentials: a designate, and said
    assert _column(dialog.model, 3) == ["Ambassador-designate"]
    assert "has not presented credentials by 1 June 2018" in dialog.missing.text()
    assert "There is no dean" in dialog.dean.text()


def test_no_country_means_nothing_to_print(qtbot: QtBot, services: Services) -> None:
    """With no country of accreditation, the dialog says so and offers no print or save."""
    shown = DiplomaticListDialog(None, services, None, ON)
    qtbot.addWidget(shown)
    assert shown.model.rowCount() == 0
    assert "no country of accreditation" in shown.missing.text()
    assert not shown.print_button.isEnabled() and not shown.save_button.isEnabled()


def test_save_pdf_writes_the_list(
    qtbot: QtBot, dialog: DiplomaticListDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Save PDF… lays out the list off the GUI thread and writes it where the clerk chose."""
    target = tmp_path / "list.pdf"
    monkeypatch.setattr(SavePdfDialog, "ask", classmethod(lambda cls, p, s: str(target)))
    with qtbot.waitSignal(dialog.finished_output, timeout=30_000):
        assert dialog.save_pdf()
    text = "\n".join(pdfread.page_texts(target.read_bytes()))
    assert "Diplomatic list — Vienna, as of 22 November 2026" in text
    assert text.index("Wang Lixin") < text.index("Claire Martin") < text.index("Tremblay")
    assert dialog.state.text() == f"Saved to {target}"


def test_save_into_a_missing_folder_says_why(
    qtbot: QtBot, dialog: DiplomaticListDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that does not exist is refused with a sentence; nothing is written."""
    target = tmp_path / "gone" / "list.pdf"
    errors: list[str] = []
    monkeypatch.setattr(SavePdfDialog, "ask", classmethod(lambda cls, p, s: str(target)))
    monkeypatch.setattr(ErrorBox, "show", classmethod(lambda cls, p, t, m: errors.append(m)))
    assert dialog.save_pdf()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert "could not be written" in errors[0] and not target.exists()


def test_cancelled_layout_writes_nothing(
    qtbot: QtBot, dialog: DiplomaticListDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel while the PDF is laid out: the result is dropped when it lands."""
    target = tmp_path / "list.pdf"
    monkeypatch.setattr(SavePdfDialog, "ask", classmethod(lambda cls, p, s: str(target)))
    assert dialog.save_pdf()
    dialog.cancel_output()
    pool().waitForDone(30_000)
    qtbot.wait(50)  # the queued result arrives and is ignored
    assert not target.exists() and dialog.state.text() == "Cancelled."


def test_print_sends_the_pages(
    qtbot: QtBot, dialog: DiplomaticListDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Print… prints every page of the list to the chosen printer (here a PDF file)."""
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    monkeypatch.setattr(PrintDialog, "ask", classmethod(lambda cls, p: printer))
    with qtbot.waitSignal(dialog.finished_output, timeout=30_000) as sent:
        assert dialog.print_list()
    assert "sent to the printer" in sent.args[0]
    assert out.exists() and out.stat().st_size > 1000


def test_menu_entry_opens_the_list_for_the_scope(
    qtbot: QtBot, corps: tuple[Services, int, int], db: Database
) -> None:
    """File ▸ Print ▸ Diplomatic list… opens the dialog on the country in scope."""
    from bilatdesk.ui.shell.main_window import MainWindow

    _, austria, _ = corps
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.set_scope(austria)
    action = next(
        a for a in window.print_menu.actions() if a.objectName() == "print_diplomatic_list"
    )
    action.trigger()
    opened = window.findChildren(DiplomaticListDialog)
    assert len(opened) == 1 and opened[0].country.currentData() == austria
    opened[0].close()


def test_organisation_form_asks_a_mission_for_its_sending_state(
    qtbot: QtBot, services: Services
) -> None:
    """The Sending state line shows for kind Mission only, and is saved with the mission."""
    from bilatdesk.ui.areas.organisations.form import OrganisationForm

    form = OrganisationForm(None, services)
    qtbot.addWidget(form)
    form.show()
    assert not form.sending_state.isVisible()  # a new organisation starts as a ministry
    form.kind.set_value(OrganisationKind.MISSION)
    assert form.sending_state.isVisible()
    form.name.setText("Embassy of Chile")
    form.sending_state.setText("Chile")
    assert form.save()
    assert form.saved_id is not None
    assert services.organisations.get(form.saved_id).data.sending_state == "Chile"
    again = OrganisationForm(None, services, form.saved_id)
    qtbot.addWidget(again)
    again.show()
    assert again.sending_state.isVisible() and again.sending_state.text() == "Chile"
    again.sending_state.setText("Ch\x07ile")
    assert not again.save()
    assert "control character" in again.field_error("sending_state")
    again.dirty = False  # closing at teardown must not ask about the refused change
