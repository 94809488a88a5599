"""File ▸ New (encrypted), opening with a passphrase, Change / Encrypt / Decrypt, and the lock."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.store.cipher import encrypt_file
from bilatdesk.store.database import Database
from bilatdesk.store.sqlite_file import SQLITE_HEADER
from bilatdesk.ui.areas.countries.form import CountryForm
from bilatdesk.ui.kit.messages import Confirm, Notice
from bilatdesk.ui.kit.passphrase import NewPassphraseDialog, PassphraseChoice, PassphraseDialog
from bilatdesk.ui.shell import opening
from bilatdesk.ui.shell.app import GuiSession
from bilatdesk.ui.shell.database_files import DatabaseFileDialog
from bilatdesk.ui.shell.locking import LockScreen

KEY = "seven tulips under the Danube bridge"
NEW_KEY = "a heron waits by the Amman citadel"


@pytest.fixture
def plain_file(tmp_path: Path, _sqlite_template: Path) -> Path:
    target = tmp_path / "embassy.sqlite"
    shutil.copyfile(_sqlite_template, target)
    return target


@pytest.fixture
def encrypted_file(plain_file: Path) -> Path:
    with Database.open(plain_file) as db:
        from bilatdesk.services.catalog import Services

        Services.over(db).countries.create(CountryInput("AT", "Austria"))
    encrypt_file(plain_file, KEY)
    return plain_file


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What Notice boxes said (never shown)."""
    said: list[str] = []
    monkeypatch.setattr(Notice, "show", classmethod(lambda cls, p, title, text: said.append(text)))
    return said


def _session(db: Database, sessions: list[GuiSession]) -> GuiSession:
    session = GuiSession(db)
    sessions.append(session)
    return session


@pytest.fixture
def sessions() -> Iterator[list[GuiSession]]:
    made: list[GuiSession] = []
    yield made
    from bilatdesk.ui.kit.background import pool

    pool().waitForDone(30_000)
    for session in made:
        session.window.close()
        session.close()


def test_new_database_is_encrypted_by_default(
    qtbot: QtBot,
    plain_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sessions: list[GuiSession],
) -> None:
    """File ▸ New database… with a passphrase creates an encrypted file and opens it."""
    session = _session(Database.open(plain_file), sessions)
    target = tmp_path / "new.sqlite"
    monkeypatch.setattr(DatabaseFileDialog, "ask", classmethod(lambda cls, p, new: str(target)))
    monkeypatch.setattr(
        NewPassphraseDialog, "ask", classmethod(lambda cls, *a, **k: PassphraseChoice(KEY))
    )
    session.window._on_new_db_triggered()
    assert session.db is not None and session.db.encrypted
    assert session.db.display_location == str(target)
    assert not target.read_bytes().startswith(SQLITE_HEADER)


def test_a_wrong_passphrase_is_refused_then_the_right_one_opens(
    qtbot: QtBot, encrypted_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening an encrypted file asks; a wrong passphrase shows the sentence and asks again."""
    monkeypatch.delenv(opening.ENVIRONMENT, raising=False)
    seen: list[str] = []

    def drive(cls: type[PassphraseDialog], parent: object, title: str, prompt: str, attempt):  # type: ignore[no-untyped-def]
        dialog = cls(None, title, prompt, attempt)
        qtbot.addWidget(dialog)
        assert not dialog.panel.try_passphrase("not the passphrase at all")
        seen.append(dialog.panel.message.text())
        assert dialog.panel.try_passphrase(KEY)
        return dialog.result_value

    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(drive))
    db = opening.open_database(None, encrypted_file)
    assert db is not None
    with db:
        assert db.encrypted
    assert seen and "does not open" in seen[0]


def test_the_environment_passphrase_opens_without_asking(
    encrypted_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BILATDESK_PASSPHRASE (automation) opens the file; no dialog is shown."""
    monkeypatch.setenv(opening.ENVIRONMENT, KEY)
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(lambda cls, *a: pytest.fail("asked")))
    db = opening.open_database(None, encrypted_file)
    assert db is not None
    db.close()


def test_encrypt_change_and_decrypt_through_the_file_menu(
    qtbot: QtBot,
    plain_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
    sessions: list[GuiSession],
) -> None:
    """Each closes the file, works in the background, reopens it, and says what was done."""
    session = _session(Database.open(plain_file), sessions)
    protection = session.protection
    assert protection.encrypt_action.isEnabled() and not protection.decrypt_action.isEnabled()
    choices = iter([PassphraseChoice(KEY), PassphraseChoice(NEW_KEY, KEY)])
    monkeypatch.setattr(NewPassphraseDialog, "ask", classmethod(lambda cls, *a, **k: next(choices)))
    protection.encrypt_action.trigger()
    qtbot.waitUntil(lambda: session.db is not None and session.db.encrypted, timeout=20_000)
    assert "overwritten with zeros and removed" in told[-1]
    assert not plain_file.read_bytes().startswith(SQLITE_HEADER)
    assert session.window.attached and protection.change_action.isEnabled()

    protection.change_action.trigger()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=20_000)
    assert session.db is not None and str(session.db.url.password) == NEW_KEY

    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *a: True))
    protection.decrypt_action.trigger()
    qtbot.waitUntil(lambda: len(told) == 3, timeout=20_000)
    assert session.db is not None and not session.db.encrypted
    assert plain_file.read_bytes().startswith(SQLITE_HEADER)


def test_ctrl_l_hides_every_record_and_unlocking_returns_to_the_page(
    qtbot: QtBot, encrypted_file: Path, sessions: list[GuiSession]
) -> None:
    """Locked: a lock screen, no sidebar, no database, no key; unlocked: the same page."""
    session = _session(Database.open(encrypted_file, passphrase=KEY), sessions)
    window = session.window
    window.show()
    window.show_area("countries")
    session.protection.lock_action.trigger()
    assert isinstance(window.cover, LockScreen)
    assert window.stack.currentWidget() is window.cover and window.stack.count() == 1
    assert window.sidebar.isHidden() and not window.attached
    assert session.db is None  # closed, and the key with it
    screen = window.cover
    assert not screen.panel.try_passphrase("wrong passphrase here")
    assert screen.panel.try_passphrase(KEY)
    assert window.attached and window.current_area() == "countries"
    assert window.stack.currentWidget().objectName() == "page_countries"
    assert not window.sidebar.isHidden()


def test_lock_of_a_plain_database_suggests_encrypting(
    qtbot: QtBot, plain_file: Path, told: list[str], sessions: list[GuiSession]
) -> None:
    """A plain file has no key to drop: View ▸ Lock says so and points at File ▸ Encrypt."""
    session = _session(Database.open(plain_file), sessions)
    session.protection.lock_action.trigger()
    assert "Encrypt this database" in told[0]
    assert session.window.attached


def test_idle_time_on_the_wall_clock_locks(
    qtbot: QtBot, encrypted_file: Path, sessions: list[GuiSession]
) -> None:
    """Ten minutes without input (by the wall clock, so sleep counts) lock the window."""
    session = _session(Database.open(encrypted_file, passphrase=KEY), sessions)
    now = [5000.0]
    idle = session.protection.idle
    idle.clock = lambda: now[0]
    idle.touch()
    now[0] += 9 * 60
    session.protection.check_idle()
    assert session.window.attached
    now[0] += 60
    session.protection.check_idle()
    assert session.protection.locked and session.db is None


def test_a_draft_survives_the_lock(
    qtbot: QtBot, encrypted_file: Path, sessions: list[GuiSession]
) -> None:
    """A valid changed form is saved before the lock; an invalid one comes back after it."""
    session = _session(Database.open(encrypted_file, passphrase=KEY), sessions)
    window = session.window
    assert window.services is not None
    saved = CountryForm(window, window.services)
    saved.iso_code.setText("JO")
    saved.name.setText("Jordan")
    saved.open()
    kept = CountryForm(window, window.services)
    kept.name.setText("Half typed, no code")
    kept.open()
    assert saved.dirty and kept.dirty
    session.protection.lock()
    assert not saved.isVisible() and not kept.isVisible()
    assert len(session.protection.drafts) == 1
    assert window.cover.panel.try_passphrase(KEY)  # type: ignore[attr-defined]
    assert window.services is not None
    names = [c.name for c in window.services.countries.choices()]
    assert "Jordan" in names
    back = [f for f in window.findChildren(CountryForm) if f.isVisible()]
    assert len(back) == 1 and back[0].name.text() == "Half typed, no code" and back[0].dirty
    back[0].done(0)


def test_the_idle_time_is_a_setting(qtbot: QtBot, services: Services) -> None:
    """Post settings keep the lock's idle minutes on this computer (10 unless changed)."""
    from bilatdesk.ui.shell.locking import idle_minutes
    from bilatdesk.ui.shell.post_settings import PostSettingsDialog

    assert idle_minutes() == 10
    dialog = PostSettingsDialog(None, services)
    qtbot.addWidget(dialog)
    dialog.lock_minutes.setValue(3)
    assert dialog.save()
    assert idle_minutes() == 3


def test_locking_puts_away_an_open_cable_editor_after_saving_its_draft(
    qtbot: QtBot, encrypted_file: Path, sessions: list[GuiSession]
) -> None:
    """A cable editor in its own window is saved and closed by the lock: nothing stays shown."""
    from bilatdesk.services.cables.records import CableInput, ParagraphInput
    from bilatdesk.ui.areas.cables.editor import CableEditor

    session = _session(Database.open(encrypted_file, passphrase=KEY), sessions)
    services = session.window.services
    assert services is not None
    cable_id = services.cables.create(
        CableInput(
            subject="AUSTRIA: A DRAFT",
            to_addressees=("MFA CAPITAL",),
            paragraphs=(ParagraphInput("First words.", "U"),),
        ),
        drafter="A. Drafter",
    ).id
    session.window.show()
    editor = CableEditor.show_for(None, services, cable_id)
    qtbot.addWidget(editor)
    editor.header.subject.setText("AUSTRIA: TYPED BEFORE THE LOCK")
    session.protection.lock_action.trigger()
    assert not editor.isVisible()
    assert session.window.cover is not None
    assert session.window.cover.panel.try_passphrase(KEY)
    reopened = session.window.services
    assert reopened is not None
    assert reopened.cables.get(cable_id).data.subject == "AUSTRIA: TYPED BEFORE THE LOCK"
