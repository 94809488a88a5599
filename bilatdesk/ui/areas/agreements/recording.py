"""Recording an agreement already at its present status: one dialog with each step's day.

An agreement in force since 2019 was initialled, signed and consented to before: each of
those days goes in one row here, and the service fills the history and the parties' dates
from them together (instead of a Change status dialog per step, each dated today).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain import AgreementStatus
from bilatdesk.domain.agreement_rules import path_to
from bilatdesk.services.agreements.records import Recording, StatusStep
from bilatdesk.ui.kit.texts import enum_text
from bilatdesk.ui.kit.widgets import OptionalDateEdit

S = AgreementStatus
CONSENT_AFTER = frozenset({S.IN_FORCE, S.SUSPENDED, S.TERMINATED, S.DENOUNCED, S.EXPIRED})
"""Statuses reached only once the parties consented to be bound: the dialog asks the day."""


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class RecordStepsDialog(QDialog):
    """Each step from the proposal to `status` with its day; the present status needs one."""

    def __init__(
        self,
        parent: QWidget | None,
        status: AgreementStatus,
        known: Mapping[AgreementStatus, date],
        signed_at: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record as %1").replace("%1", enum_text(status).lower()))
        self.status = status
        self.days: dict[AgreementStatus, OptionalDateEdit] = {}
        steps = path_to(status)
        form = QFormLayout()
        for step in steps[:-1]:
            edit = OptionalDateEdit()
            edit.set_value(known.get(step))
            self.days[step] = edit
            form.addRow(enum_text(step), self._with_place(step, edit, signed_at))
        self.present = QDateEdit(_qdate(known.get(status, date.today())))
        self.present.setCalendarPopup(True)
        self.present.setDisplayFormat("yyyy-MM-dd")
        form.addRow(
            f"<b>{enum_text(status)}</b>", self._with_place(status, self.present, signed_at)
        )
        self.consent = OptionalDateEdit()
        self.consent.setToolTip(
            self.tr("The day of the last ratification, approval or notification")
        )
        if status in CONSENT_AFTER:
            form.addRow(self.tr("Consent to be bound"), self.consent)
        intro = QLabel(
            self.tr(
                "The day of each step, as far as known. They fill the history and the "
                "parties' dates together; leave a step empty when it is not known."
            )
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _with_place(self, step: AgreementStatus, edit: QWidget, signed_at: str) -> QWidget:
        """The signature's row also says where: "signed on 21 May 2022 at Vienna"."""
        if step is not S.SIGNED:
            return edit
        self.place = QLineEdit(signed_at)
        self.place.setPlaceholderText(self.tr("Place of signature"))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(edit)
        line.addWidget(QLabel(self.tr("at")))
        line.addWidget(self.place, 1)
        return row

    def recording(self) -> Recording:
        steps = [
            StatusStep(step, on, "")
            for step, edit in self.days.items()
            if (on := edit.value()) is not None
        ]
        d = self.present.date()
        steps.append(StatusStep(self.status, date(d.year(), d.month(), d.day()), "Recorded"))
        place = getattr(self, "place", None)
        return Recording(
            tuple(steps),
            place.text().strip() if isinstance(place, QLineEdit) else "",
            self.consent.value() if self.status in CONSENT_AFTER else None,
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        status: AgreementStatus,
        known: Mapping[AgreementStatus, date],
        signed_at: str = "",
    ) -> Recording | None:
        """The steps recorded, or None when the clerk cancelled."""
        dialog = cls(parent, status, known, signed_at)
        return dialog.recording() if dialog.exec() == QDialog.DialogCode.Accepted else None
