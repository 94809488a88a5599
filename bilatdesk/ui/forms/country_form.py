"""The country form: accreditation, priority, national day and the relationship timeline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from bilatdesk.domain.enums import Accreditation, RelationStatus
from bilatdesk.services.countries import CountryInput, StatusEntry, iso_name
from bilatdesk.ui.context import Services
from bilatdesk.ui.forms.base_form import RecordForm
from bilatdesk.ui.forms.person_form import long_text_edit
from bilatdesk.ui.forms.widgets import EnumCombo, OptionalDateEdit, RowEditor, from_qdate, to_qdate


class NationalDayEdit(QWidget):
    """A day of the year without a year: month and day, or none."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled_box = QCheckBox()
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setPrefix(self.tr("month "))
        self.day = QSpinBox()
        self.day.setRange(1, 31)
        self.day.setPrefix(self.tr("day "))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.enabled_box, self.month, self.day):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.enabled_box.toggled.connect(self._on_enabled_box_toggled)
        self.month.valueChanged.connect(self.changed)
        self.day.valueChanged.connect(self.changed)
        self._on_enabled_box_toggled(False)

    def _on_enabled_box_toggled(self, on: bool) -> None:
        self.month.setEnabled(on)
        self.day.setEnabled(on)
        self.changed.emit()

    def value(self) -> tuple[int, int] | None:
        return (self.month.value(), self.day.value()) if self.enabled_box.isChecked() else None

    def set_value(self, value: tuple[int, int] | None) -> None:
        self.enabled_box.setChecked(value is not None)
        if value is not None:
            self.month.setValue(value[0])
            self.day.setValue(value[1])


class CountryForm(RecordForm):
    """Create or edit a country of accreditation."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> None:
        super().__init__(parent, services, record_id, scope)
        self.setWindowTitle(self.tr("New country") if record_id is None else self.tr("Country"))
        self.resize(680, 760)
        self._proposed_name = ""
        self.iso_code = QLineEdit()
        self.iso_code.setMaxLength(2)
        self.iso_code.setPlaceholderText("AT")
        self.name = QLineEdit()
        self.official_name = QLineEdit()
        self.accredited = QCheckBox(self.tr("We are accredited to this country"))
        self.accredited.setChecked(True)
        self.accreditation = EnumCombo(Accreditation)
        self.accreditation.set_value(Accreditation.NON_RESIDENT)
        self.resident_in = QLineEdit()
        self.credentials_presented_on = OptionalDateEdit()
        self.charge_d_affaires = QLineEdit()
        self.relations_since = OptionalDateEdit()
        self.priority_circle = QSpinBox()
        self.priority_circle.setRange(1, 3)
        self.priority_circle.setValue(2)
        self.national_day = NationalDayEdit()
        self.capital = QLineEdit()
        self.notes = long_text_edit(5)
        self.statuses: RowEditor[StatusEntry] = RowEditor(
            [self.tr("Status"), self.tr("From"), self.tr("Reason")],
            self._status_row,
            stretch=(0, 0, 1),
        )
        self.add_field("iso_code", self.tr("ISO code"), self.iso_code)
        self.add_field("name", self.tr("Name"), self.name)
        self.add_field("official_name", self.tr("Official name"), self.official_name)
        self.add_field("capital", self.tr("Capital"), self.capital)
        self.add_section(self.tr("Accreditation"))
        self.add_field("accredited", "", self.accredited)
        self.add_field("accreditation", self.tr("Accreditation"), self.accreditation)
        self.add_field("resident_in", self.tr("Resident in"), self.resident_in)
        self.add_field(
            "credentials_presented_on",
            self.tr("Credentials presented"),
            self.credentials_presented_on,
        )
        self.add_field(
            "charge_d_affaires", self.tr("Chargé d'affaires a.i."), self.charge_d_affaires
        )
        self.add_section(self.tr("Relations"))
        self.add_field("relations_since", self.tr("Relations since"), self.relations_since)
        self.add_field("priority_circle", self.tr("Priority circle"), self.priority_circle)
        self.add_field("national_day", self.tr("National day"), self.national_day)
        self.add_field("statuses", self.tr("Status timeline"), self.statuses)
        self.add_field("notes", self.tr("Notes"), self.notes)
        self.iso_code.textEdited.connect(self._on_iso_code_textEdited)
        self.finish()

    def _on_iso_code_textEdited(self, text: str) -> None:
        """Propose the ISO short name, unless the clerk already typed a name of their own."""
        name = iso_name(text) if len(text) == 2 else None
        if name and self.name.text() in ("", self._proposed_name):
            self.name.setText(name)
            self._proposed_name = name

    def _status_row(
        self, initial: StatusEntry | None
    ) -> tuple[list[QWidget], Callable[[], StatusEntry]]:
        status = EnumCombo(RelationStatus)
        start = QDateEdit()
        start.setCalendarPopup(True)
        start.setDisplayFormat("yyyy-MM-dd")
        start.setDate(to_qdate(initial.from_date) if initial else QDate.currentDate())
        reason = QLineEdit(initial.reason if initial else "")
        if initial is not None:
            status.set_value(initial.status)

        def read() -> StatusEntry:
            return StatusEntry(status.value(), from_qdate(start.date()), reason.text())

        return [status, start, reason], read

    def load(self) -> None:
        detail = self.services.countries.get(self.record_id)  # type: ignore[arg-type]
        self.version = detail.version
        d = detail.data
        self.setWindowTitle(d.name)
        self.iso_code.setText(d.iso_code)
        self.name.setText(d.name)
        self.official_name.setText(d.official_name)
        self.accredited.setChecked(d.accredited)
        self.accreditation.set_value(d.accreditation)
        self.resident_in.setText(d.resident_in)
        self.credentials_presented_on.set_value(d.credentials_presented_on)
        self.charge_d_affaires.setText(d.charge_d_affaires)
        self.relations_since.set_value(d.relations_since)
        self.priority_circle.setValue(d.priority_circle)
        self.national_day.set_value(d.national_day)
        self.capital.setText(d.capital)
        self.notes.setPlainText(d.notes)
        self.statuses.set_values(d.statuses)

    def collect(self) -> CountryInput:
        return CountryInput(
            iso_code=self.iso_code.text(),
            name=self.name.text(),
            official_name=self.official_name.text(),
            accredited=self.accredited.isChecked(),
            accreditation=self.accreditation.value(),
            resident_in=self.resident_in.text(),
            credentials_presented_on=self.credentials_presented_on.value(),
            charge_d_affaires=self.charge_d_affaires.text(),
            relations_since=self.relations_since.value(),
            priority_circle=self.priority_circle.value(),
            national_day=self.national_day.value(),
            capital=self.capital.text(),
            notes=self.notes.toPlainText(),
            statuses=tuple(self.statuses.values()),
        )

    def store(self, data: CountryInput) -> int:
        countries = self.services.countries
        if self.record_id is None:
            return countries.create(data).id
        return countries.update(self.record_id, data, self.version or 0).id
