"""Visits and briefs: the list, the form (autosave, programme, call notes), building a brief."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from bilatdesk.domain import GeneratedDocument
from bilatdesk.domain.enums import EngagementKind, OrganisationKind, Side
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.service import EngagementInput, ParticipantInput
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.services.people.service import MembershipInput, PersonInput
from bilatdesk.services.visits.service import VisitInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.visits.form import VisitForm
from bilatdesk.ui.areas.visits.page import VisitsPageController, VisitsPageView
from bilatdesk.ui.kit.pdf_pages import PrintDialog, SavePdfDialog
from bilatdesk.ui.kit.widgets import to_qdate

START, END = date(2030, 3, 10), date(2030, 3, 12)


@dataclass(frozen=True)
class Trip:
    """A country with a minister and two meetings inside the visit's dates, one after it."""

    services: Services
    country_id: int
    meetings: tuple[int, int]
    visit_id: int
    minister: int


@pytest.fixture
def trip(services: Services) -> Trip:
    greece = services.countries.create(CountryInput("GR", "Greece")).id
    ministry = services.organisations.create(
        OrganisationInput(
            "Ministry of Foreign Affairs", OrganisationKind.MINISTRY, country_id=greece
        )
    ).id
    minister = services.people.create(
        PersonInput(
            given_name="Eleni",
            family_name="Papadopoulou",
            country_id=greece,
            memberships=(
                MembershipInput("Minister of Foreign Affairs", ministry, date(2024, 1, 1)),
            ),
        )
    ).id
    deputy = services.people.create(
        PersonInput(given_name="Nikos", family_name="Georgiou", country_id=greece)
    ).id

    def meeting(title: str, at: datetime, person: int) -> int:
        return services.engagements.create(
            EngagementInput(
                title,
                at,
                kind=EngagementKind.BILATERAL_MEETING,
                time_zone="Europe/Athens",
                place="Athens",
                country_id=greece,
                participants=(ParticipantInput(person, side=Side.THEIRS, role="host"),),
            )
        ).id

    first = meeting(
        "Talks with the Foreign Minister", datetime(2030, 3, 10, 8, tzinfo=UTC), minister
    )
    second = meeting("Working lunch", datetime(2030, 3, 11, 10, tzinfo=UTC), deputy)
    meeting("Later call", datetime(2030, 3, 20, 8, tzinfo=UTC), deputy)
    visit = services.visits.create(
        VisitInput("the Minister of Foreign Affairs", greece, START, END, purpose="First visit.")
    )
    return Trip(services, greece, (first, second), visit.id, minister)


def page(qtbot: QtBot, services: Services) -> VisitsPageController:
    view = VisitsPageView()
    qtbot.addWidget(view)
    view.show()
    return VisitsPageController(view, services)


def form(
    qtbot: QtBot, services: Services, record_id: int | None = None, scope: int | None = None
) -> VisitForm:
    made = VisitForm(None, services, record_id, scope)
    qtbot.addWidget(made)
    made.show()
    return made


def kept_briefs(db: Database) -> int:
    with db.read() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(GeneratedDocument)
                .where(GeneratedDocument.kind == "brief")
            )
            or 0
        )


def test_visits_model_passes_the_model_tester(
    qtbot: QtBot, trip: Trip, qtmodeltester: ModelTester
) -> None:
    """The visits list keeps Qt's model contract and shows principal, country and badge."""
    trip.services.visits.create(
        VisitInput("the State Secretary", trip.country_id, date(2030, 6, 1), date(2030, 6, 1))
    )
    controller = page(qtbot, trip.services)
    assert controller.model.rowCount() == 2
    qtmodeltester.check(controller.model)
    first = controller.model.record(0)
    assert (first.principal, first.country) == ("the State Secretary", "Greece")
    controller.set_scope(trip.country_id + 100)
    assert controller.model.rowCount() == 0


def test_visit_made_in_the_form_is_stored(qtbot: QtBot, trip: Trip) -> None:
    """Typing a principal and dates into a new visit's form and saving creates the visit."""
    made = form(qtbot, trip.services, scope=trip.country_id)
    assert made.country.value() == trip.country_id
    qtbot.keyClicks(made.principal, "the Prime Minister")
    made.starts_on.setDate(to_qdate(date(2030, 9, 1)))
    made.ends_on.setDate(to_qdate(date(2030, 9, 3)))
    made.delegation.setPlainText("Ms A, Chief of Staff\nMr B, Adviser")
    made.classification.set_value("C")
    qtbot.mouseClick(made.save_button, Qt.MouseButton.LeftButton)
    assert made.saved_id is not None, made.banner.text()
    stored = trip.services.visits.get(made.saved_id).data
    assert (stored.principal, stored.starts_on, stored.ends_on) == (
        "the Prime Minister",
        date(2030, 9, 1),
        date(2030, 9, 3),
    )
    assert stored.classification == "C"
    assert stored.delegation.splitlines() == ["Ms A, Chief of Staff", "Mr B, Adviser"]


def test_visit_ending_before_it_starts_shows_the_error_at_the_field(
    qtbot: QtBot, trip: Trip
) -> None:
    """An end before the start is refused, with the reason under "Leaves"."""
    made = form(qtbot, trip.services, scope=trip.country_id)
    qtbot.keyClicks(made.principal, "the Minister")
    made.starts_on.setDate(to_qdate(date(2030, 9, 3)))
    made.ends_on.setDate(to_qdate(date(2030, 9, 1)))
    qtbot.mouseClick(made.apply_button, Qt.MouseButton.LeftButton)
    assert made.saved_id is None
    assert "ends before it starts" in made.field_error("ends_on")
    made.dirty = False  # closing at teardown would ask about the refused input


def test_free_text_saves_itself(qtbot: QtBot, trip: Trip) -> None:
    """Typing into a steering part of a saved visit is saved within seconds, unasked."""
    made = form(qtbot, trip.services, trip.visit_id)
    qtbot.keyClicks(made.parts["key_messages"], "We value the partnership.")
    assert made.save_state.text() == "Editing…"
    qtbot.waitUntil(lambda: made.save_state.text().startswith("Saved"), timeout=6000)
    stored = trip.services.visits.get(trip.visit_id)
    assert stored.data.key_messages == "We value the partnership."
    assert stored.data.purpose == "First visit."
    assert made.saved_id == trip.visit_id and not made.dirty


def test_programme_lists_meetings_inside_the_dates_and_call_notes_save(
    qtbot: QtBot, trip: Trip, qtmodeltester: ModelTester
) -> None:
    """The programme shows the two meetings inside the visit; notes typed for one are saved."""
    made = form(qtbot, trip.services, trip.visit_id)
    model = made.programme.model
    qtmodeltester.check(model)
    assert [m.id for m in model.meetings] == list(trip.meetings)
    assert model.meetings[0].theirs == "Eleni Papadopoulou (host)"
    made.programme.table.selectRow(1)
    qtbot.keyClicks(made.programme.edits["objectives"], "Agree a date for the next round.")
    qtbot.keyClicks(made.programme.edits["points_to_make"], "Thank them for lunch.")
    qtbot.mouseClick(made.apply_button, Qt.MouseButton.LeftButton)
    notes = trip.services.visits.get(trip.visit_id).data.call_notes
    assert [(n.engagement_id, n.objectives, n.points_to_make) for n in notes] == [
        (trip.meetings[1], "Agree a date for the next round.", "Thank them for lunch.")
    ]
    made.programme.table.selectRow(0)
    assert made.programme.edits["objectives"].toPlainText() == ""
    made.programme.table.selectRow(1)
    assert made.programme.edits["objectives"].toPlainText() == "Agree a date for the next round."


def test_brief_is_built_previewed_and_saved_once(
    qtbot: QtBot, trip: Trip, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """Brief… builds in the background, previews its pages; Save PDF writes and keeps it."""
    target = tmp_path / "brief.pdf"
    monkeypatch.setattr(SavePdfDialog, "ask", classmethod(lambda cls, parent, name: str(target)))
    controller = page(qtbot, trip.services)
    controller.select_id(trip.visit_id)
    with qtbot.waitSignal(controller.builder.built, timeout=60_000):
        assert controller.build_brief()
    preview = controller.preview
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: len(preview.panel.pages) >= 1, timeout=30_000)
    assert preview.page_count.text() == f"{len(preview.panel.pages)} page(s)"
    with qtbot.waitSignal(preview.pdf_saved, timeout=30_000):
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert preview.sha256 is not None
    with qtbot.waitSignal(preview.pdf_saved, timeout=30_000):
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert kept_briefs(db) == 1


def test_the_preview_shows_the_build_reports_photo_warning(qtbot: QtBot, trip: Trip) -> None:
    """Nothing to report shows no warning; once the minister's photo is too small to print
    sharply, the next build's preview names her and the photo's size above the pages."""
    controller = page(qtbot, trip.services)
    controller.select_id(trip.visit_id)
    with qtbot.waitSignal(controller.builder.built, timeout=60_000):
        assert controller.build_brief()
    assert controller.preview is not None
    qtbot.addWidget(controller.preview)
    assert controller.preview.notices.isHidden()
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), "grey").save(buffer, "PNG")
    people = trip.services.people
    people.set_photo(trip.minister, buffer.getvalue(), people.get(trip.minister).version)
    with qtbot.waitSignal(controller.builder.built, timeout=60_000):
        assert controller.build_brief()
    preview = controller.preview
    assert preview is not None
    qtbot.addWidget(preview)
    assert preview.notices.isVisible()
    shown = preview.notices.text()
    assert "Eleni Papadopoulou" in shown and "120 × 90 pixels" in shown


def test_printing_the_brief_keeps_it(
    qtbot: QtBot, trip: Trip, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """Printing the chosen visit (the window's Ctrl+P) builds the brief; Print… prints every
    page and keeps it once."""
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(PrintDialog, "ask", classmethod(lambda cls, parent: printer))
    controller = page(qtbot, trip.services)
    controller.select_id(trip.visit_id)
    with qtbot.waitSignal(controller.builder.built, timeout=60_000):
        assert controller.print_record()
    preview = controller.preview
    assert preview is not None
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.printed, timeout=60_000):
        assert preview.print_document()
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    assert kept_briefs(db) == 1


def test_cancelling_the_build_stops_it_and_keeps_nothing(
    qtbot: QtBot, trip: Trip, db: Database
) -> None:
    """Cancel in the progress dialog ends the build: no preview opens and nothing is kept."""
    controller = page(qtbot, trip.services)
    controller.select_id(trip.visit_id)
    built: list[object] = []
    controller.builder.built.connect(built.append)
    with qtbot.waitSignal(controller.builder.cancelled, timeout=60_000):
        assert controller.build_brief()
        dialog = controller.builder.dialog
        assert dialog is not None
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert controller.builder.dialog is None
    assert controller.preview is None and not built
    assert kept_briefs(db) == 0
