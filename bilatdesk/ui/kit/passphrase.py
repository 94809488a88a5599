"""Asking for a passphrase: a new one twice with its strength, or one to open a file with.

The passphrase is never stored: no setting, no log. It passes from the field to the caller's
`attempt` (which opens the database and keeps it in the open `Database` only) and the field is
cleared at once. After five wrong tries each further try waits longer (1 s, 2 s, 4 s …), shown
as a countdown, so guessing at the keyboard gets slow while a typo costs nothing.

For automation, the shell first tries the passphrase in the environment variable
`BILATDESK_PASSPHRASE` (ui/shell/opening.py) and asks here only when it is unset or wrong.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.passphrase import Strength, passphrase_strength
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.kit.field_errors import FieldErrors, error_colour

Clock = Callable[[], float]

FREE_TRIES = 5


class Backoff:
    """Counts wrong tries; from the fifth on, the next try waits 1 s, then 2 s, 4 s …"""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self.failures = 0
        self.not_before = 0.0

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= FREE_TRIES:
            self.not_before = self.clock() + 2.0 ** (self.failures - FREE_TRIES)

    def wait_left(self) -> float:
        return max(0.0, self.not_before - self.clock())


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class PassphrasePanel(QWidget):
    """A passphrase field and a button; `attempt(passphrase)` opens, or raises a refusal.

    A refusal (`ServiceError`, e.g. a wrong passphrase) is shown under the field and counted;
    `opened` carries what `attempt` returned.
    """

    opened = Signal(object)

    def __init__(
        self,
        prompt: str,
        attempt: Callable[[str], object],
        *,
        button: str = "",
        clock: Clock = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.attempt = attempt
        self.backoff = Backoff(clock)
        self._sentence = ""
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.field = password_field()
        self.field.setObjectName("passphrase")
        self.button = QPushButton(button or self.tr("Open"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("passphrase_message")
        self.message.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._on_timer_timeout)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.button.clicked.connect(self._on_button_clicked)
        self.field.returnPressed.connect(self._on_button_clicked)

    def try_passphrase(self, passphrase: str) -> bool:
        """Try `passphrase` now (unless the backoff still waits); True when it opened."""
        if self.backoff.wait_left() > 0:
            return False
        self.field.clear()
        try:
            result = self.attempt(passphrase)
        except ServiceError as exc:
            self.backoff.failed()
            self._tell(str(exc))
            self._on_timer_timeout()
            return False
        self.message.hide()
        self.opened.emit(result)
        return True

    def countdown(self) -> str:
        """The wait shown while the backoff holds ("" when another try is allowed)."""
        left = self.backoff.wait_left()
        if left <= 0:
            return ""
        return self.tr("Too many wrong tries: wait %1 s before the next one.").replace(
            "%1", str(int(left + 0.999))
        )

    def _tell(self, sentence: str) -> None:
        self._sentence = sentence
        self.message.setText(sentence)
        self.message.setStyleSheet(f"color: {error_colour(self)};")
        self.message.show()

    def _on_button_clicked(self) -> None:
        self.try_passphrase(self.field.text())

    def _on_timer_timeout(self) -> None:
        waiting = self.countdown()
        self.field.setEnabled(not waiting)
        self.button.setEnabled(not waiting)
        if waiting:
            self.message.setText(f"{self._sentence} {waiting}".strip())
            self.timer.start()
        else:
            self.timer.stop()
            self.message.setText(self._sentence)
            self.field.setFocus()


class PassphraseDialog(QDialog):
    """Asks for the passphrase of a file until `attempt` opens it or the user cancels."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        prompt: str,
        attempt: Callable[[str], object],
        *,
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: object = None
        self.panel = PassphrasePanel(prompt, attempt, clock=clock)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)
        self.panel.opened.connect(self._on_panel_opened)
        self.resize(440, self.sizeHint().height())

    def _on_panel_opened(self, result: object) -> None:
        self.result_value = result
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, title: str, prompt: str, attempt: Callable[[str], object]
    ) -> object | None:
        """What `attempt` returned for the right passphrase, or None when the user cancelled."""
        dialog = cls(parent, title, prompt, attempt)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class PassphraseChoice:
    """A new passphrase (None: the user chose no protection) and, when asked, the old one."""

    passphrase: str | None
    old: str = ""


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice, with its strength under the field as it is typed."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        *,
        explanation: str = "",
        optional: bool = False,
        ask_old: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.errors = FieldErrors()
        self.protect = QCheckBox(self.tr("Protect with a passphrase"))
        self.protect.setChecked(True)
        self.protect.setVisible(optional)
        self.old = password_field()
        self.new = password_field()
        self.repeat = password_field()
        self.strength = QLabel()
        self.strength.setObjectName("strength")
        self.strength.setWordWrap(True)
        note = QLabel(
            explanation
            or self.tr(
                "The passphrase is asked for each time the database is opened and is kept "
                "nowhere: if it is lost, the records cannot be read."
            )
        )
        note.setWordWrap(True)
        form = QFormLayout()
        if ask_old:
            form.addRow(self.tr("Current passphrase"), self.errors.wrap("old", self.old))
        form.addRow(self.tr("Passphrase"), self.errors.wrap("new", self.new))
        form.addRow("", self.strength)
        form.addRow(self.tr("Again"), self.errors.wrap("repeat", self.repeat))
        self.ask_old = ask_old
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.protect)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.new.textChanged.connect(self._on_new_textChanged)
        self.protect.toggled.connect(self._on_protect_toggled)
        self._on_new_textChanged("")
        self.resize(480, self.sizeHint().height())

    def choice(self) -> PassphraseChoice | None:
        """The choice, or None (with the reason shown at its field) when it cannot be taken."""
        if not self.protect.isChecked():
            return PassphraseChoice(None)
        errors: dict[str, str] = {}
        hint = passphrase_strength(self.new.text())
        if self.ask_old and not self.old.text():
            errors["old"] = self.tr("Type the current passphrase.")
        if not hint.acceptable:
            errors["new"] = hint.text
        elif self.repeat.text() != self.new.text():
            errors["repeat"] = self.tr("The two passphrases differ: type the same one twice.")
        if errors:
            self.errors.show(errors)
            return None
        self.errors.clear()
        return PassphraseChoice(self.new.text(), self.old.text())

    def _on_new_textChanged(self, text: str) -> None:
        hint = passphrase_strength(text)
        self.strength.setText(hint.text if text else "")
        colour = error_colour(self) if hint.strength <= Strength.WEAK else ""
        self.strength.setStyleSheet(f"color: {colour};" if colour else "")

    def _on_protect_toggled(self, on: bool) -> None:
        for widget in (self.old, self.new, self.repeat, self.strength):
            widget.setEnabled(on)

    def _on_buttons_accepted(self) -> None:
        if self.choice() is not None:
            self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        *,
        explanation: str = "",
        optional: bool = False,
        ask_old: bool = False,
    ) -> PassphraseChoice | None:
        """The choice made, or None when the user cancelled."""
        dialog = cls(parent, title, explanation=explanation, optional=optional, ask_old=ask_old)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
