"""Calendar (ICS) import and export dialogs: preview off the GUI thread, import, cancel, menu."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDate
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.exchange.records import Outcome
from bilatdesk.services.calendar_io.importing import IcsImportReport, IcsReportLine
from bilatdesk.services.catalog import Services
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.calendar_io.export_dialog import ExportCalendarDialog
from bilatdesk.ui.areas.calendar_io.files import CalendarFiles
from bilatdesk.ui.areas.calendar_io.import_dialog import ImportCalendarDialog
from bilatdesk.ui.areas.calendar_io.models import COL_DETAILS, COL_START, PreviewModel
from bilatdesk.ui.shell.main_window import MainWindow
from tests.exchange.ics.samples import DATA, write_big_calendar

WAIT_MS = 60_000


def titles(services: Services) -> list[str]:
    return sorted(row.title for row in services.engagements.list(ListQuery(limit=1000)).rows)


def open_dialog(
    qtbot: QtBot, services: Services, path: Path, country_id: int | None = None
) -> ImportCalendarDialog:
    """The dialog on the first quarter of 2026, where the sample files have their events."""
    dialog = ImportCalendarDialog(None, services, path, country_id)
    qtbot.addWidget(dialog)
    dialog.from_edit.setDate(QDate(2026, 1, 1))
    dialog.to_edit.setDate(QDate(2026, 3, 31))
    dialog.show()
    return dialog


def run_preview(qtbot: QtBot, dialog: ImportCalendarDialog) -> IcsImportReport:
    """Start the dry run and wait until it stopped; it must have finished, not failed."""
    failures: list[str] = []
    dialog.run.failed.connect(failures.append)
    with qtbot.waitSignal(dialog.run.finished, timeout=WAIT_MS):
        assert dialog.preview()
    dialog.run.failed.disconnect(failures.append)
    assert failures == []
    report = dialog.preview_model.report
    assert report.dry_run
    return report


def test_preview_model_passes_the_model_tester_and_filters(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    """The preview table is a well-behaved model; local start in the zone; filters work."""
    moment = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    model = PreviewModel()
    model.set_report(
        IcsImportReport(
            [
                IcsReportLine(Outcome.CREATE, "Talk", moment, "Europe/Vienna", "", 12),
                IcsReportLine(Outcome.REFUSE, "Lost", None, "UTC", "Unknown zone.", 30),
                IcsReportLine(Outcome.SKIP, "Off", moment, "UTC", "It is cancelled.", 40),
            ]
        )
    )
    qtmodeltester.check(model)
    assert model.index(0, COL_START).data() == "2026-03-10 10:00 Europe/Vienna"
    assert model.index(1, COL_DETAILS).data() == "Unknown zone."
    assert "Line 30" in model.index(1, COL_DETAILS).data(3)  # the tooltip
    model.set_filter("refused")
    assert [model.line(r).title for r in range(model.rowCount())] == ["Lost"]
    qtmodeltester.check(model)


def test_preview_runs_off_the_gui_thread_and_writes_nothing(
    qtbot: QtBot, populated: Services
) -> None:
    """The Outlook file previewed: counts and lines shown, the database unchanged."""
    before = titles(populated)
    dialog = open_dialog(qtbot, populated, DATA / "outlook.ics")
    report = run_preview(qtbot, dialog)
    assert report.created == 14 and report.refused == 0
    assert "14 new, 0 to update, 0 to skip, 0 refused" in dialog.summary.text()
    assert "1 events outside the chosen days were left out" in dialog.summary.text()
    assert dialog.preview_model.rowCount() == 14
    assert titles(populated) == before
    assert dialog.import_button.isEnabled()


def test_import_assigns_the_country_and_cannot_run_twice(qtbot: QtBot, populated: Services) -> None:
    """Import writes the preview's events to the chosen country, then the dialog is done."""
    jordan = next(c.id for c in populated.countries.choices() if c.name == "Jordan")
    dialog = open_dialog(qtbot, populated, DATA / "google.ics", jordan)
    assert dialog.country_combo.value() == jordan
    run_preview(qtbot, dialog)
    with qtbot.waitSignal(dialog.run.finished, timeout=WAIT_MS):
        dialog.import_button.click()
    assert dialog.imported is not None and not dialog.imported.dry_run
    assert "Imported: 6 created, 0 updated, 1 skipped, 0 refused" in dialog.summary.text()
    rows = populated.engagements.list(ListQuery(country_id=jordan, limit=100)).rows
    assert {r.title for r in rows} >= {"Working lunch: Jordan", "Economic forum"}
    assert not dialog.import_button.isEnabled() and not dialog.start_import()


def test_changing_the_days_makes_the_preview_stale_and_reads_again(
    qtbot: QtBot, services: Services
) -> None:
    """A narrower window after the preview: said stale; the import uses the new days."""
    dialog = open_dialog(qtbot, services, DATA / "outlook.ics")
    run_preview(qtbot, dialog)
    dialog.to_edit.setDate(QDate(2026, 1, 31))
    assert "preview again" in dialog.summary.text()
    with qtbot.waitSignal(dialog.run.finished, timeout=WAIT_MS):
        dialog.start_import()
    assert dialog.imported is not None
    starts = [
        services.engagements.get(r.id).data.starts_at
        for r in services.engagements.list(ListQuery(limit=100)).rows
    ]
    assert starts and max(starts) < datetime(2026, 2, 1, tzinfo=UTC)


def test_a_refused_file_is_a_sentence(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    """Not a calendar: the reason in red, nothing written, Preview still possible."""
    path = tmp_path / "letter.ics"
    path.write_text("Dear colleague,\n")
    dialog = open_dialog(qtbot, services, path)
    with qtbot.waitSignal(dialog.run.failed, timeout=WAIT_MS) as blocker:
        dialog.preview()
    assert "is not an iCalendar file" in blocker.args[0]
    assert "is not an iCalendar file" in dialog.summary.text()
    assert titles(services) == []
    assert dialog.preview_button.isEnabled()


def test_cancel_writes_nothing(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    """Cancelling while the file is read or written leaves the database as it was."""
    path = write_big_calendar(tmp_path / "big.ics", 3_000, first=date(2026, 1, 5), per_day=40)
    dialog = open_dialog(qtbot, services, path)
    with qtbot.waitSignal(dialog.run.cancelled, timeout=WAIT_MS):
        assert dialog.start_import()
        assert dialog.cancel_button.isVisible()
        dialog.cancel_button.click()
    assert "Nothing was written" in dialog.summary.text()
    assert dialog.imported is None and titles(services) == []
    assert dialog.import_button.isEnabled()


def test_closing_while_running_cancels_first(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    """Esc during an import cancels it; the dialog closes once it stopped, writing nothing."""
    path = write_big_calendar(tmp_path / "big.ics", 3_000, first=date(2026, 1, 5), per_day=40)
    dialog = open_dialog(qtbot, services, path)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        dialog.start_import()
        dialog.reject()
        assert dialog.isVisible()
    assert titles(services) == []


def test_ask_without_a_file_does_nothing(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelling the file chooser opens no dialog and imports nothing."""
    monkeypatch.setattr(CalendarFiles, "open_path", classmethod(lambda cls, parent: None))
    assert ImportCalendarDialog.ask(None, services) is None


def test_export_dialog_keeps_the_ceiling_and_counts_what_was_left_out(
    qtbot: QtBot, populated: Services, tmp_path: Path
) -> None:
    """Scope preselected, UNCLASSIFIED by default; a RESTRICTED meeting is counted, not written."""
    austria = next(c.id for c in populated.countries.choices() if c.name == "Austria")
    populated.engagements.create(
        EngagementInput(
            "Restricted talk",
            datetime.now(UTC),
            time_zone="Europe/Vienna",
            country_id=austria,
            classification="R",
        )
    )
    dialog = ExportCalendarDialog(None, populated, austria)
    qtbot.addWidget(dialog)
    assert dialog.country_combo.value() == austria
    assert dialog.ceiling_combo.value() == "U"
    assert dialog.path_edit.text().endswith("engagements-Austria.ics")
    target = tmp_path / "at.ics"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.written, timeout=WAIT_MS):
        assert dialog.export()
    assert dialog.exported is not None
    assert (dialog.exported.engagements, dialog.exported.withheld) == (1, 1)
    assert "1 engagement marked above UNCLASSIFIED was left out" in dialog.result_label.text()
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
    assert "Restricted talk" not in summaries and "Meeting 0" in summaries


def test_export_dialog_refuses_a_missing_folder_and_reversed_days(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    """A folder that does not exist, or days the wrong way round: a sentence, nothing starts."""
    dialog = ExportCalendarDialog(None, services)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "no" / "such" / "c.ics"))
    assert not dialog.export()
    assert "does not exist" in dialog.result_label.text()
    dialog.path_edit.setText(str(tmp_path / "c.ics"))
    dialog.to_edit.setDate(QDate(2000, 1, 1))
    assert not dialog.export()
    assert "before the first" in dialog.result_label.text()
    assert not (tmp_path / "c.ics").exists()


def test_menu_entries_import_and_refresh_the_engagements(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """File ▸ Import/Export ▸ Calendar (ICS)…; after an import the engagements re-read."""
    window = MainWindow(db)
    qtbot.addWidget(window)
    importing = window.findChild(type(window.import_menu.actions()[0]), "import_calendar_action")
    exporting = window.findChild(type(window.export_menu.actions()[0]), "export_calendar_action")
    assert importing in window.import_menu.actions()
    assert exporting in window.export_menu.actions()
    assert importing.text() == "Ca&lendar (ICS)…"

    def fake_ask(cls: type, parent: object, services: Services, scope: int | None = None):  # type: ignore[no-untyped-def]
        from bilatdesk.services.calendar_io.importing import read_ics

        read = read_ics(
            DATA / "google.ics", window_start=date(2026, 1, 1), window_end=date(2026, 3, 31)
        )
        return services.calendar_io.import_events(read.events, dry_run=False, country_id=scope)

    monkeypatch.setattr(ImportCalendarDialog, "ask", classmethod(fake_ask))
    engagements = window.controllers["engagements"]
    before = engagements.model.rowCount()  # type: ignore[attr-defined]
    importing.trigger()
    assert engagements.model.rowCount() == before + 6  # type: ignore[attr-defined]
    scopes: list[int | None] = []
    monkeypatch.setattr(
        ExportCalendarDialog,
        "ask",
        classmethod(lambda cls, parent, services, scope: scopes.append(scope)),
    )
    exporting.trigger()
    assert scopes == [window.scope()]
