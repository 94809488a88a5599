"""File ▸ Backups, a damaged file's backup at start-up, viewing mode, and a full disk at save."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.kernel.errors import WriteFailedError
from bilatdesk.store.backups import VERIFIED_IN_FULL, list_backups, take_backup
from bilatdesk.store.database import Database
from bilatdesk.store.errors import DamagedDatabaseError
from bilatdesk.ui.areas.countries.form import CountryForm
from bilatdesk.ui.kit.background import pool
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.kit.messages import Confirm, Notice
from bilatdesk.ui.shell import opening
from bilatdesk.ui.shell.app import GuiSession
from bilatdesk.ui.shell.backups import BackupsDialog
from tests.disks import small_disk


@pytest.fixture
def plain_file(tmp_path: Path, _sqlite_template: Path) -> Path:
    target = tmp_path / "embassy.sqlite"
    shutil.copyfile(_sqlite_template, target)
    return target


@pytest.fixture
def sessions() -> Iterator[list[GuiSession]]:
    made: list[GuiSession] = []
    yield made
    pool().waitForDone(30_000)
    for session in made:
        session.window.close()
        session.close()


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(Notice, "show", classmethod(lambda cls, p, title, text: said.append(text)))
    return said


def test_backups_dialog_backs_up_lists_and_restores(
    qtbot: QtBot,
    plain_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
    sessions: list[GuiSession],
) -> None:
    """Back up now adds a verified row; Restore puts it back and says where the file went."""
    session = GuiSession(Database.open(plain_file))
    sessions.append(session)
    dialog = BackupsDialog(session.window, session.protection)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and dialog.status.text() == "No backup yet."
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20_000)
    assert dialog.model.index(0, 2).data() == "verified (full check when idle)"
    assert dialog.status.text().startswith("Backed up and verified")
    assert session.window.services is not None
    session.window.services.countries.create(CountryInput("AT", "Austria"))  # after the backup
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: True))
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert "kept aside as embassy.sqlite.before-restore-" in told[0]
    assert session.window.attached and session.window.services is not None
    assert session.window.services.countries.choices() == []  # the backup's state


def test_idle_backup_runs_once_it_is_due(
    qtbot: QtBot, plain_file: Path, sessions: list[GuiSession]
) -> None:
    """Two quiet minutes take an automatic backup in the background, at most daily."""
    session = GuiSession(Database.open(plain_file))
    sessions.append(session)
    now = [1000.0]
    protection = session.protection
    protection.idle.clock = lambda: now[0]
    protection.idle.touch()
    now[0] += 121
    protection.check_idle()
    assert protection.backup_op is not None
    qtbot.waitUntil(lambda: not protection.backup_op.running, timeout=20_000)  # type: ignore[union-attr]
    assert len(list_backups(plain_file)) == 1
    # Still idle: the full integrity check follows, in the background too.
    assert protection.check_op is not None
    qtbot.waitUntil(lambda: not protection.check_op.running, timeout=20_000)  # type: ignore[union-attr]
    assert list_backups(plain_file)[0].verdict == VERIFIED_IN_FULL
    protection.idle.touch()
    now[0] += 121
    protection.check_idle()  # not due again today
    assert len(list_backups(plain_file)) == 1


def test_locking_leaves_no_full_check_running(
    qtbot: QtBot, tmp_path: Path, sessions: list[GuiSession]
) -> None:
    """The full check holds the key: once the window is locked, no check is running."""
    path = tmp_path / "secret.sqlite"
    db = Database.open(path, passphrase="correct horse")
    session = GuiSession(db)
    sessions.append(session)
    take_backup(path, connect=db.connect_file)
    protection = session.protection
    protection.check_backup_in_full()
    assert protection.check_op is not None
    protection.lock()
    assert protection.locked and pool().activeThreadCount() == 0


def test_a_damaged_file_at_start_up_offers_the_newest_good_backup(
    qtbot: QtBot, plain_file: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    """The offer names the backup's date and what is lost; accepting restores and opens."""
    take_backup(plain_file)
    with plain_file.open("r+b") as handle:  # pages after the first written over, as `dd` would
        handle.seek(4096)
        handle.write(b"\xa5" * (plain_file.stat().st_size - 4096))
    asked: list[str] = []

    def confirm(cls: type[Confirm], parent: object, title: str, text: str, action: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(Confirm, "ask", classmethod(confirm))
    try:
        db = opening.open_database(None, plain_file)
    except DamagedDatabaseError:
        pytest.fail("the backup was not offered")
    assert db is not None
    db.close()
    assert asked and "Changes made since then are lost" in asked[0]
    assert "kept aside as" in told[0]


def test_viewing_mode_disables_every_edit(
    qtbot: QtBot, plain_file: Path, monkeypatch: pytest.MonkeyPatch, sessions: list[GuiSession]
) -> None:
    """A read-only file opens for viewing: title and banner say so, edits are off."""
    with Database.open(plain_file) as db:
        Services.over(db).countries.create(CountryInput("AT", "Austria"))
    monkeypatch.setattr(opening.os, "access", lambda path, mode: False)  # a read-only medium
    assert opening.viewing_only(plain_file)
    db = opening.open_database(None, plain_file)
    assert db is not None and db.read_only
    session = GuiSession(db)
    sessions.append(session)
    window = session.window
    assert window.windowTitle().endswith("Viewing only")
    assert not window.viewing_banner.isHidden()
    window.show_area("countries")
    assert not window.new_action.isEnabled() and not window.delete_action.isEnabled()
    assert not window.import_menu.isEnabled()
    assert window.find_action.isEnabled()
    controller = window.controllers["countries"]
    assert isinstance(controller, ListPageController)
    assert not controller.view.new_button.isEnabled()
    assert window.services is not None
    form = CountryForm(window, window.services, controller.model.row_id(0))
    qtbot.addWidget(form)
    assert not form.save_button.isEnabled() and "Viewing only" in form.banner.text()
    assert not session.protection.encrypt_action.isEnabled()


def test_a_full_disk_at_save_is_told_at_the_form(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WriteFailedError from the service shows its sentence in the form; values stay."""
    sentence = "The disk is full, so this was not saved."

    def full(*_args: object) -> object:
        raise WriteFailedError(sentence)

    monkeypatch.setattr(services.countries, "create", full)
    form = CountryForm(None, services)
    qtbot.addWidget(form)
    form.iso_code.setText("AT")
    form.name.setText("Austria")
    assert not form.save()
    assert form.banner.text() == sentence and not form.banner.isHidden()
    assert form.name.text() == "Austria"


def test_a_real_full_disk_at_save_is_told_at_the_form(qtbot: QtBot, _sqlite_template: Path) -> None:
    """On a small tmpfs filled up, Save ends in the store's sentence, not a traceback."""
    from tests.disks import fill

    with small_disk("8m") as disk:
        target = disk / "t.sqlite"
        shutil.copyfile(_sqlite_template, target)
        with Database.open(target) as db:
            services = Services.over(db)
            fill(disk)
            form = CountryForm(None, services)
            qtbot.addWidget(form)
            form.iso_code.setText("AT")
            form.name.setText("Austria")
            form.official_name.setText("Republic of Austria")
            assert not form.save(), "the full disk took the save"
            assert "disk" in form.banner.text().lower(), form.errors.show  # not a field error


def test_viewing_mode_covers_the_cable_register_its_editor_and_the_calendar(
    qtbot: QtBot, plain_file: Path, monkeypatch: pytest.MonkeyPatch, sessions: list[GuiSession]
) -> None:
    """Viewing only: no new cable from a template, a draft opens read-only, no new meeting."""
    from bilatdesk.domain import CableKind
    from bilatdesk.services.cables.records import CableInput, ParagraphInput
    from bilatdesk.ui.areas.cables.editor import CableEditor
    from bilatdesk.ui.areas.cables.page import CablesPageController
    from bilatdesk.ui.areas.calendar.page import CalendarController

    with Database.open(plain_file) as db:
        draft = Services.over(db).cables.create(
            CableInput(
                subject="A DRAFT",
                to_addressees=("MFA",),
                paragraphs=(ParagraphInput("Words.", "U"),),
            ),
            drafter="A. Drafter",
        )
    monkeypatch.setattr(opening.os, "access", lambda path, mode: False)
    db = opening.open_database(None, plain_file)
    assert db is not None and db.read_only
    session = GuiSession(db)
    sessions.append(session)
    window = session.window
    services = window.services
    assert services is not None
    window.show_area("cables")
    cables = window.controllers["cables"]
    assert isinstance(cables, CablesPageController)
    import bilatdesk.ui.areas.cables.page as cables_page

    monkeypatch.setattr(cables_page, "user_name", lambda parent: "A. Drafter")
    assert cables.create_from_template(CableKind.GENERAL) is None
    editor = CableEditor.show_for(None, services, draft.id)
    qtbot.addWidget(editor)
    assert not editor.header.subject.isEnabled() or editor.header.subject.isReadOnly()
    calendar = window.controllers["calendar"]
    assert isinstance(calendar, CalendarController)
    assert calendar.new_at() is None
