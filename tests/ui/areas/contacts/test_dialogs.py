"""Contacts import and export dialogs: mapping, preview off the GUI thread, import, cancel."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.exchange.csv.read import read_csv_cards
from bilatdesk.exchange.records import ImportReport, Outcome, ReportLine
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.contacts.export_dialog import ExportPeopleDialog
from bilatdesk.ui.areas.contacts.files import ContactFiles
from bilatdesk.ui.areas.contacts.import_dialog import ImportContactsDialog
from bilatdesk.ui.areas.contacts.models import COL_MAP_FIELD, MappingModel, ReportModel
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.shell.main_window import MainWindow
from tests import paths

DATA = paths.DATA / "csv"
WAIT_MS = 30_000


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
    return path


def sample(tmp_path: Path) -> Path:
    """Three good rows (one matching Anna Berger by e-mail), two refused."""
    return write_rows(
        tmp_path / "contacts.csv",
        [
            ["First Name", "Last Name", "E-mail Address", "Mobile Phone", "Birthday", "Spouse"],
            ["Anna", "Berger", "anna@example.at", "+43 1 234", "", ""],
            ["Sofia", "Konstantinou", "sofia@example.gr", "", "1970-01-31", "Nikos"],
            ["Wei", "Wang", "wang@example.cn", "", "", ""],
            ["", "", "nobody@example.org", "", "", ""],
            ["Too", "Many", "", "", "", "", "cells"],
        ],
    )


def people_names(services: Services) -> set[str]:
    return {row.name for row in services.people.list(ListQuery(limit=1000)).rows}


def open_dialog(qtbot: QtBot, services: Services, path: Path) -> ImportContactsDialog:
    dialog = ImportContactsDialog(None, services, path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def run_preview(qtbot: QtBot, dialog: ImportContactsDialog) -> ImportReport:
    """Start the dry run and wait until it stopped; it must have finished, not failed."""
    failures: list[str] = []
    dialog.run.failed.connect(failures.append)
    assert dialog.preview()
    qtbot.waitUntil(lambda: not dialog.run.running, timeout=WAIT_MS)
    dialog.run.failed.disconnect(failures.append)
    assert failures == []
    report = dialog.report_model.report
    assert report.dry_run
    return report


# -- models -------------------------------------------------------------------------------------
def test_mapping_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    """The mapping of Outlook's 92 columns is a well-behaved Qt model."""
    read = read_csv_cards(DATA / "outlook.csv")
    model = MappingModel(read.headers, read.mapping, read.unmapped, read.samples)
    qtmodeltester.check(model)
    assert model.rowCount() == 92
    assert "Web Page" in model.unresolved()


def test_mapping_model_edits_resolve_unknown_columns(qtbot: QtBot) -> None:
    """Choosing a field (or "not imported") clears the highlight and signals the change."""
    read = read_csv_cards(DATA / "custom_headers.csv")
    model = MappingModel(read.headers, read.mapping, read.unmapped, read.samples)
    assert len(model.unresolved()) == 6
    assert model.index(0, 1).data() == "Maria"  # the example value
    with qtbot.waitSignal(model.mapping_changed):
        assert model.setData(model.index(0, COL_MAP_FIELD), "given_name")
    assert not model.setData(model.index(0, COL_MAP_FIELD), "shoe_size")
    assert not model.setData(model.index(0, 0), "given_name")  # the header is not editable
    model.set_field(5, "")
    assert model.unresolved() == ["Surname", "Mail", "Handy", "Remarks"]
    assert model.mapping()["Kontakt Vorname"] == "given_name"
    assert model.index(0, COL_MAP_FIELD).data() == "Given name"


def test_report_model_passes_the_model_tester_and_filters(qtmodeltester: ModelTester) -> None:
    """The report table is a well-behaved model; its filter shows refused rows or updates."""
    model = ReportModel()
    model.set_report(
        ImportReport(
            [
                ReportLine(2, Outcome.CREATE, "Anna Berger"),
                ReportLine(3, Outcome.UPDATE, "Omar", "matches Omar (same e-mail)", 7),
                ReportLine(4, Outcome.SKIP, "Dina", "already up to date"),
                ReportLine(5, Outcome.REFUSE, "", "It has no name."),
                ReportLine(6, Outcome.CREATE, "Wei", problems=("The photo was left out.",)),
            ]
        )
    )
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.index(4, 3).data() == "The photo was left out."
    assert model.index(3, 2).data() == "(no name)"
    model.set_filter("refused")
    assert [model.line(r).line for r in range(model.rowCount())] == [5]
    model.set_filter("updates")
    assert [model.line(r).name for r in range(model.rowCount())] == ["Omar"]
    qtmodeltester.check(model)


# -- the import dialog -------------------------------------------------------------------------
def test_dry_run_shows_the_right_counts_and_writes_nothing(
    qtbot: QtBot, populated: Services, tmp_path: Path
) -> None:
    """The preview runs off the GUI thread: 2 new, 1 update, 2 refused; no one is added."""
    populated.people.create(
        PersonInput(given_name="Anna", family_name="Berger", emails=("anna@example.at",))
    )
    before = people_names(populated)
    dialog = open_dialog(qtbot, populated, sample(tmp_path))
    assert "UTF-8 (with BOM), comma-separated" in dialog.file_label.text()
    assert dialog.mapping_view.isVisibleTo(dialog)  # "Spouse" is unknown: the table shows
    report = run_preview(qtbot, dialog)
    assert report.dry_run
    counts = [report.count(o) for o in (Outcome.CREATE, Outcome.UPDATE, Outcome.REFUSE)]
    assert counts == [2, 1, 2]
    assert "2 new, 1 to update, 0 to skip, 2 refused" in dialog.summary.text()
    assert "1 of 6 columns are not known (highlighted: “Spouse”)" in dialog.mapping_hint.text()
    assert dialog.report_model.rowCount() == 5
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("refused"))
    assert dialog.report_model.rowCount() == 2
    assert people_names(populated) == before
    assert dialog.import_button.isEnabled()


def test_import_creates_the_people(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    """Import writes the good rows; the dialog then shows the result and cannot import twice."""
    dialog = open_dialog(qtbot, services, sample(tmp_path))
    run_preview(qtbot, dialog)
    with qtbot.waitSignal(dialog.run.finished, timeout=WAIT_MS):
        dialog.import_button.click()
    assert dialog.imported is not None and not dialog.imported.dry_run
    assert people_names(services) == {"Anna Berger", "Sofia Konstantinou", "Wei Wang"}
    assert "Imported: 3 created" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert not dialog.start_import()


def test_mapping_chosen_in_the_dialog_is_used(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    """Unknown columns mapped in the table make the rows importable; skip-on-match applies."""
    dialog = open_dialog(qtbot, services, DATA / "custom_headers.csv")
    model = dialog.mapping_model
    assert model is not None
    assert "6 of 6 columns are not known" in dialog.mapping_hint.text()
    dialog._preview_current = True  # as after a preview: a change must mark it out of date
    for row, field in enumerate(["given_name", "family_name", "email", "phone", "note", ""]):
        model.set_field(row, field)
    assert "preview again" in dialog.summary.text()
    assert "All 6 columns are understood" in dialog.mapping_hint.text()
    dialog.skip_choice.setChecked(True)
    assert dialog.on_match == "skip"
    report = run_preview(qtbot, dialog)
    assert report.count(Outcome.CREATE) == 1
    assert dialog.report_model.index(0, 2).data() == "Maria Gruber"


def test_cancel_writes_nothing(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    """Cancelling the real import part-way leaves the database as it was."""
    rows = [["First Name", "Last Name"]] + [[f"Given{n}", f"Family{n}"] for n in range(3_000)]
    dialog = open_dialog(qtbot, services, write_rows(tmp_path / "big.csv", rows))
    with qtbot.waitSignal(dialog.run.cancelled, timeout=WAIT_MS):
        assert dialog.start_import()
        assert dialog.cancel_button.isVisible()
        dialog.cancel_button.click()
    assert "Nothing was written" in dialog.summary.text()
    assert dialog.imported is None
    assert people_names(services) == set()
    assert dialog.import_button.isEnabled()


def test_closing_while_running_cancels_first(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    """Esc during an import cancels it; the dialog closes once it stopped, writing nothing."""
    rows = [["First Name", "Last Name"]] + [[f"Given{n}", f"Family{n}"] for n in range(3_000)]
    dialog = open_dialog(qtbot, services, write_rows(tmp_path / "big.csv", rows))
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        dialog.start_import()
        dialog.reject()
        assert dialog.isVisible()  # still open until the import has stopped
    assert people_names(services) == set()


def test_a_vcard_file_imports_without_a_mapping(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    """A .vcf goes straight to the preview; importing creates its person."""
    path = tmp_path / "card.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lukas Hofst\xc3\xa4tter\r\nN:Hofst\xc3\xa4tter;Lukas;;;"
        b"\r\nEMAIL:lukas@example.at\r\nEND:VCARD\r\n"
    )
    dialog = open_dialog(qtbot, services, path)
    assert dialog.mapping_model is None and not dialog.mapping_box.isVisibleTo(dialog)
    assert run_preview(qtbot, dialog).count(Outcome.CREATE) == 1
    with qtbot.waitSignal(dialog.run.finished, timeout=WAIT_MS):
        dialog.start_import()
    assert people_names(services) == {"Lukas Hofstätter"}


def test_ask_explains_an_unusable_file(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty CSV is refused with a sentence before any dialog opens."""
    shown: list[str] = []
    monkeypatch.setattr(ErrorBox, "show", classmethod(lambda cls, p, t, m: shown.append(m)))
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert ImportContactsDialog.ask(None, services, path) is None
    assert shown and "empty" in shown[0]
    monkeypatch.setattr(ContactFiles, "open_path", classmethod(lambda cls, parent: None))
    assert ImportContactsDialog.ask(None, services) is None  # the file chooser was cancelled


def test_a_reader_failure_is_a_sentence(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    """A file that vanished before the import shows why, and nothing is written."""
    path = sample(tmp_path)
    dialog = open_dialog(qtbot, services, path)
    path.unlink()
    with qtbot.waitSignal(dialog.run.failed, timeout=WAIT_MS) as blocker:
        dialog.start_import()
    assert "does not exist" in blocker.args[0]
    assert blocker.args[0] in dialog.summary.text()


# -- the export dialog -------------------------------------------------------------------------
def test_export_dialog_writes_csv_and_says_how_many(
    qtbot: QtBot, populated: Services, tmp_path: Path
) -> None:
    """Scope preselected, ceiling UNCLASSIFIED; the CSV is written and the count shown."""
    jordan = next(c.id for c in populated.countries.choices() if c.name == "Jordan")
    dialog = ExportPeopleDialog(None, populated, jordan)
    qtbot.addWidget(dialog)
    assert dialog.country_combo.value() == jordan
    assert dialog.ceiling_combo.value() == "U"
    assert dialog.path_edit.text().endswith("people-Jordan.vcf")
    dialog.csv_choice.setChecked(True)
    assert dialog.path_edit.text().endswith("people-Jordan.csv")
    target = tmp_path / "out.csv"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.written, timeout=WAIT_MS):
        assert dialog.export()
    assert dialog.exported == 3
    assert "3 people" in dialog.result_label.text()
    assert target.read_bytes().startswith(codecs.BOM_UTF8)
    assert dialog.export_button.isEnabled()


def test_export_dialog_writes_vcard(qtbot: QtBot, populated: Services, tmp_path: Path) -> None:
    """The vCard choice writes a .vcf of everyone (no country chosen)."""
    pytest.importorskip("bilatdesk.services.contacts.vcard_export")
    dialog = ExportPeopleDialog(None, populated)
    qtbot.addWidget(dialog)
    target = tmp_path / "all.vcf"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.written, timeout=WAIT_MS):
        dialog.export()
    assert dialog.exported == 5
    assert target.read_bytes().count(b"BEGIN:VCARD") == 5


def test_export_dialog_refuses_a_missing_folder(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    """A file in a folder that does not exist is refused with a sentence; nothing starts."""
    dialog = ExportPeopleDialog(None, services)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "no" / "such" / "people.vcf"))
    assert not dialog.export()
    assert "does not exist" in dialog.result_label.text()


# -- the menu ---------------------------------------------------------------------------------
def test_menu_entries_import_and_refresh_the_people_page(
    qtbot: QtBot, populated: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """File ▸ Import ▸ Contacts… and File ▸ Export ▸ People…; after an import People re-reads."""
    window = MainWindow(db)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.import_menu.actions()]
    assert "&Contacts (vCard, CSV)…" in texts
    assert "&People (vCard, CSV)…" in [a.text() for a in window.export_menu.actions()]
    path = sample(tmp_path)

    def fake_ask(cls: type, parent: object, services: Services, chosen: Path | None = None):  # type: ignore[no-untyped-def]
        return services.contacts.import_cards(read_csv_cards(path).cards, dry_run=False)

    monkeypatch.setattr(ImportContactsDialog, "ask", classmethod(fake_ask))
    people = window.controllers["people"]
    before = people.model.rowCount()  # type: ignore[attr-defined]
    action = next(a for a in window.import_menu.actions() if a.text().startswith("&Contacts"))
    action.trigger()
    # Anna Berger is there already (same name): two new people, one update.
    assert people.model.rowCount() == before + 2  # type: ignore[attr-defined]
    exported: list[int | None] = []
    monkeypatch.setattr(
        ExportPeopleDialog,
        "ask",
        classmethod(lambda cls, parent, services, scope: exported.append(scope)),
    )
    window.set_scope(next(c.id for c in populated.countries.choices() if c.name == "Austria"))
    next(a for a in window.export_menu.actions() if a.text().startswith("&People")).trigger()
    assert exported == [window.scope()] and exported[0] is not None
