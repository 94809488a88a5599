"""The passphrase dialogs: a new one twice with its strength, retries, and the backoff."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.kit.passphrase import (
    NewPassphraseDialog,
    PassphraseChoice,
    PassphraseDialog,
    PassphrasePanel,
)

GOOD = "seven tulips under the Danube bridge"


def test_new_passphrase_refuses_a_mismatch_at_its_field(qtbot: QtBot) -> None:
    """Two different passphrases are refused under the second field; the same twice is taken."""
    dialog = NewPassphraseDialog(None, "New database", optional=True)
    qtbot.addWidget(dialog)
    dialog.new.setText(GOOD)
    dialog.repeat.setText(GOOD + "!")
    assert dialog.choice() is None
    assert "differ" in dialog.errors.message("repeat")
    dialog.repeat.setText(GOOD)
    assert dialog.choice() == PassphraseChoice(GOOD)
    assert dialog.errors.message("repeat") == ""


def test_new_passphrase_shows_its_strength_while_typed(qtbot: QtBot) -> None:
    """The hint under the field follows the typing; a too short one is refused at its field."""
    dialog = NewPassphraseDialog(None, "New database")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.new, "short")
    assert dialog.strength.text().startswith("Too short")
    dialog.repeat.setText("short")
    assert dialog.choice() is None
    assert dialog.errors.message("new").startswith("Too short")
    dialog.new.setText(GOOD)
    assert dialog.strength.text() == "Strong."


def test_new_database_may_go_unprotected(qtbot: QtBot) -> None:
    """Unticking "Protect with a passphrase" gives a choice without a passphrase."""
    dialog = NewPassphraseDialog(None, "New database", optional=True)
    qtbot.addWidget(dialog)
    assert dialog.protect.isChecked()  # protected unless the user says otherwise
    dialog.protect.setChecked(False)
    assert dialog.choice() == PassphraseChoice(None)


def test_change_asks_for_the_old_passphrase(qtbot: QtBot) -> None:
    """With ask_old, the current passphrase is required and returned with the new one."""
    dialog = NewPassphraseDialog(None, "Change passphrase", ask_old=True)
    qtbot.addWidget(dialog)
    dialog.new.setText(GOOD)
    dialog.repeat.setText(GOOD)
    assert dialog.choice() is None and dialog.errors.message("old")
    dialog.old.setText("the old one here")
    assert dialog.choice() == PassphraseChoice(GOOD, "the old one here")


def _attempt(passphrase: str) -> str:
    if passphrase != GOOD:
        raise ServiceError("The passphrase does not open t.sqlite. Check it and try again.")
    return "opened"


def test_a_wrong_passphrase_is_told_then_the_right_one_opens(qtbot: QtBot) -> None:
    """A refusal shows its sentence under the field, which is cleared; the right one accepts."""
    dialog = PassphraseDialog(None, "Passphrase", "t.sqlite is encrypted.", _attempt)
    qtbot.addWidget(dialog)
    assert not dialog.panel.try_passphrase("wrong")
    assert "does not open" in dialog.panel.message.text()
    assert dialog.panel.field.text() == ""
    assert dialog.panel.try_passphrase(GOOD)
    assert dialog.result_value == "opened"
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted


def test_after_five_wrong_tries_each_try_waits_longer(qtbot: QtBot) -> None:
    """Tries 1-5 are free; then 1 s, 2 s, 4 s must pass, counted down, before the next."""
    now = [1000.0]
    panel = PassphrasePanel("Locked.", _attempt, clock=lambda: now[0])
    qtbot.addWidget(panel)
    for _ in range(5):
        assert not panel.try_passphrase("wrong")
    assert panel.countdown() == "Too many wrong tries: wait 1 s before the next one."
    assert not panel.button.isEnabled() and not panel.field.isEnabled()
    assert not panel.try_passphrase(GOOD)  # even the right one waits
    now[0] += 1.0
    panel._on_timer_timeout()
    assert panel.countdown() == "" and panel.button.isEnabled()
    assert not panel.try_passphrase("wrong again")
    assert panel.countdown().startswith("Too many wrong tries: wait 2 s")
    now[0] += 2.0
    assert not panel.try_passphrase("and again")
    assert "wait 4 s" in panel.countdown()
    now[0] += 4.0
    opened: list[object] = []
    panel.opened.connect(opened.append)
    assert panel.try_passphrase(GOOD) and opened == ["opened"]
