"""Post settings: who "we" are on a cable (serial prefix, FM line, signature, usual TO) and on
a brief's cover (our state and ministry)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.services.kernel.settings import PostSettings
from bilatdesk.ui.areas.countries.relation_statuses import StatusListEditor
from bilatdesk.ui.kit.field_errors import FieldErrors
from bilatdesk.ui.kit.settings import settings
from bilatdesk.ui.shell.locking import IDLE_MINUTES_KEY, idle_minutes


class PostSettingsDialog(QDialog):
    """Edits the post's settings; refused input is explained at its field."""

    def __init__(self, parent: QWidget | None, services: Services) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Post settings"))
        self.errors = FieldErrors()
        current = services.settings.post()
        self.code = QLineEdit(current.code)
        self.code.setPlaceholderText(self.tr("Serial prefix, e.g. VIE"))
        self.name = QLineEdit(current.name)
        self.name.setPlaceholderText(self.tr("FM line, e.g. EMBASSY VIENNA"))
        self.head_of_mission = QLineEdit(current.head_of_mission)
        self.head_of_mission.setPlaceholderText(self.tr("Surname that signs cables"))
        self.capital_desk = QLineEdit(current.capital_desk)
        self.capital_desk.setPlaceholderText(self.tr("Usual TO addressee"))
        self.state_name = QLineEdit(current.state_name)
        self.state_name.setPlaceholderText(self.tr("Our state, as documents name it"))
        self.ministry = QLineEdit(current.ministry)
        self.ministry.setPlaceholderText(self.tr("The ministry a brief's cover names"))
        self.precedences = QLineEdit(", ".join(current.precedences))
        self.precedences.setPlaceholderText(self.tr("Lowest first, e.g. ROUTINE, PRIORITY"))
        self.relation_statuses = StatusListEditor()
        self.relation_statuses.setToolTip(
            self.tr("Relationship statuses beyond normal, slowdown and deep freeze")
        )
        self.relation_statuses.set_values(current.relation_statuses)
        self.drafter_may_approve = QCheckBox(self.tr("The drafter may approve their own cable"))
        self.drafter_may_approve.setToolTip(
            self.tr("For a one-person post: otherwise a second person approves every cable")
        )
        self.drafter_may_approve.setChecked(current.drafter_may_approve)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setSpecialValueText(self.tr("never"))
        self.lock_minutes.setValue(idle_minutes())
        self.lock_minutes.setToolTip(
            self.tr("An encrypted database locks after this long without input (this computer)")
        )
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()
        form = self._form()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _form(self) -> QFormLayout:
        """The fields, each wrapped to show its refusal beneath it."""
        form = QFormLayout()
        form.addRow(self.tr("Post code"), self.errors.wrap("code", self.code))
        form.addRow(self.tr("Post name"), self.errors.wrap("name", self.name))
        form.addRow(
            self.tr("Head of mission"), self.errors.wrap("head_of_mission", self.head_of_mission)
        )
        form.addRow(self.tr("Capital desk"), self.errors.wrap("capital_desk", self.capital_desk))
        form.addRow(self.tr("Our state"), self.errors.wrap("state_name", self.state_name))
        form.addRow(self.tr("Our ministry"), self.errors.wrap("ministry", self.ministry))
        form.addRow(self.tr("Precedences"), self.errors.wrap("precedences", self.precedences))
        form.addRow(
            self.tr("Relationship statuses"),
            self.errors.wrap("relation_statuses", self.relation_statuses),
        )
        form.addRow(self.tr("Approval"), self.drafter_may_approve)
        form.addRow(self.tr("Lock when idle after"), self.lock_minutes)
        return form

    def save(self) -> bool:
        try:
            self.services.settings.save_post(
                PostSettings(
                    self.code.text(),
                    self.name.text(),
                    self.head_of_mission.text(),
                    self.capital_desk.text(),
                    state_name=self.state_name.text(),
                    ministry=self.ministry.text(),
                    precedences=tuple(self.precedences.text().replace(";", ",").split(",")),
                    relation_statuses=self.relation_statuses.values(),
                    drafter_may_approve=self.drafter_may_approve.isChecked(),
                ),
            )
        except ValidationError as exc:
            unplaced = self.errors.show(exc.errors)
            self.banner.setText(" ".join(unplaced))
            self.banner.setVisible(bool(unplaced))
            return False
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return False
        settings().setValue(IDLE_MINUTES_KEY, self.lock_minutes.value())  # per computer
        return True

    def _on_buttons_accepted(self) -> None:
        if self.save():
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services) -> bool:
        """True when the settings were saved."""
        return cls(parent, services).exec() == QDialog.DialogCode.Accepted
