"""The country form: accreditation, priority, national day and the relationship timeline.

Tabs: Details; Timeline (the status entries above the painted timeline of periods,
engagements, visits and agreements; clicking an event opens its record); Commitments (the open
ones from engagements there: those closed here are saved with the country's Save). The
timeline's bands follow the status entries as they are edited, before anything is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.enums import Accreditation, RelationStatus
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput, StatusEntry, iso_name
from bilatdesk.services.countries.timeline import (
    Timeline,
    default_window,
    periods_of,
)
from bilatdesk.ui.areas.countries.timeline.view import TimelineView
from bilatdesk.ui.kit.base_form import RecordForm
from bilatdesk.ui.kit.date_edits import DateEdit
from bilatdesk.ui.kit.texts import enum_text
from bilatdesk.ui.kit.widgets import (
    EnumCombo,
    OptionalDateEdit,
    RowEditor,
    from_qdate,
    long_text_edit,
    to_qdate,
)

RecordOpener = Callable[[QWidget, Services, int, int | None], int | None]
"""Opens a record's form modally; the id when something was saved."""


def _open_engagement(
    parent: QWidget, services: Services, rid: int, scope: int | None
) -> int | None:
    from bilatdesk.ui.areas.engagements.form import EngagementForm

    return EngagementForm.ask(parent, services, rid, scope)


def _open_visit(parent: QWidget, services: Services, rid: int, scope: int | None) -> int | None:
    from bilatdesk.ui.areas.visits.form import VisitForm

    return VisitForm.ask(parent, services, rid, scope)


def _open_agreement(parent: QWidget, services: Services, rid: int, scope: int | None) -> int | None:
    from bilatdesk.ui.areas.agreements.form import AgreementForm

    return AgreementForm.ask(parent, services, rid, scope)


OPENERS: dict[str, RecordOpener] = {
    "engagement": _open_engagement,
    "visit": _open_visit,
    "agreement": _open_agreement,
}


class StatusCombo(QComboBox):
    """The built-in relationship statuses, then those the post configured."""

    def __init__(self, configured: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for member in RelationStatus:
            self.addItem(enum_text(member), member.value)
        for value in configured:
            self.addItem(value, value)

    def value(self) -> str:
        return str(self.currentData())

    def set_value(self, status: str) -> None:
        index = self.findData(status)
        if index < 0:
            # A status no longer in the post's list still shows, so saving keeps it.
            self.addItem(status, status)
            index = self.count() - 1
        self.setCurrentIndex(index)


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

    HISTORY = "country"

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> None:
        super().__init__(parent, services, record_id, scope)
        self.setWindowTitle(self.tr("New country") if record_id is None else self.tr("Country"))
        self.configured = services.settings.post().relation_statuses
        self.openers: dict[str, RecordOpener] = dict(OPENERS)
        self._fit_screen()
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
        self.notes.setMaximumHeight(16_777_215)  # the notes take what the details leave
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
        self._add_accreditation()
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
        self.add_field("notes", self.tr("Notes"), self.notes)
        self.timeline = TimelineView()
        self.timeline.set_configured(self.configured)
        self._build_tabs()
        self.iso_code.textEdited.connect(self._on_iso_code_textEdited)
        self.statuses.changed.connect(self._on_statuses_changed)
        self.timeline.open_requested.connect(self._on_timeline_open_requested)
        self.finish()
        self._start_timeline()

    # -- layout ---------------------------------------------------------------------------
    def _fit_screen(self) -> None:
        """Wide enough for a readable stretch of timeline, inside the screen it opens on."""
        self.window_place.prefer(1180, 640)

    def _add_accreditation(self) -> None:
        self.add_field("accredited", "", self.accredited)
        self.add_field("accreditation", self.tr("Accreditation"), self.accreditation)
        # Resident or not applies only where we are accredited, as the scope selector has it.
        self.accredited.toggled.connect(self.accreditation.setEnabled)

    def _build_tabs(self) -> None:
        """Details in the form's own scrolled body; Timeline: the entries above the view."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        body = self.findChild(QScrollArea, options=Qt.FindChildOption.FindDirectChildrenOnly)
        assert body is not None
        index = layout.indexOf(body)
        layout.removeWidget(body)
        self.tabs = QTabWidget()
        self.tabs.addTab(body, self.tr("Details"))
        page = QWidget()
        column = QVBoxLayout(page)
        hint = QLabel(
            self.tr(
                "Each status holds from its date until the next one. Statuses beyond normal, "
                "slowdown and deep freeze are added under Edit › Post settings."
            )
        )
        hint.setWordWrap(True)
        entries = QScrollArea()
        entries.setWidgetResizable(True)
        entries.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.errors.wrap("statuses", self.statuses))
        holder_layout.addStretch(1)
        entries.setWidget(holder)
        # At least three entries show before their list scrolls.
        entries.setMinimumHeight(3 * 34 + 40)
        column.addWidget(hint)
        column.addWidget(entries, 1)
        column.addWidget(self.timeline, 2)
        self.tabs.addTab(page, self.tr("Timeline"))
        # Open follow-ups from engagements there, and quick entry of a new one.
        # Imported here: the panel opens engagement forms, which open person forms.
        from bilatdesk.ui.areas.engagements.commitments.panel import OpenCommitmentsPanel

        self.follow_up = OpenCommitmentsPanel(self.services, self)
        self.follow_up.saved.connect(self.timeline.reload)
        # A field: closings held there mark the form changed, and their refusals show there.
        self.tabs.addTab(self.errors.wrap("commitments", self.follow_up), self.tr("Commitments"))
        layout.insertWidget(index, self.tabs, 1)

    # -- the timeline ---------------------------------------------------------------------
    def _start_timeline(self) -> None:
        today = self.timeline.canvas.today
        if self.record_id is not None and self.save_button.isEnabled():
            country_id = self.record_id
            reader = self.services.timeline
            self.timeline.set_loader(
                lambda first, last: reader.build(country_id, first, last, today=today)
            )
            self.timeline.show_timeline(reader.build(country_id, today=today))
        else:
            self.follow_up.setEnabled(False)
            first, last = default_window(today)
            self.timeline.show_timeline(Timeline(0, first, last, (), ()))
        self._on_statuses_changed()

    def _on_statuses_changed(self) -> None:
        self.timeline.set_periods(periods_of(self._status_entries()))

    def _status_entries(self) -> list[StatusEntry]:
        return self.statuses.values()

    def _on_timeline_open_requested(self, kind: str, record_id: int) -> None:
        opener = self.openers.get(kind)
        if opener is not None and opener(self, self.services, record_id, self.scope) is not None:
            self.timeline.reload()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Errors of the status entries or of the closings bring their tab forward."""
        super().show_errors(errors)
        first = next((name for name in errors if name in self.errors), None)
        tabs = {"statuses": 1, "commitments": 2}
        self.tabs.setCurrentIndex(tabs.get(first or "", 0))

    def _on_iso_code_textEdited(self, text: str) -> None:
        """Propose the ISO short name, unless the clerk already typed a name of their own."""
        name = iso_name(text) if len(text) == 2 else None
        if name and self.name.text() in ("", self._proposed_name):
            self.name.setText(name)
            self._proposed_name = name

    def _status_row(
        self, initial: StatusEntry | None
    ) -> tuple[list[QWidget], Callable[[], StatusEntry]]:
        status = StatusCombo(self.configured)
        start = DateEdit()
        start.setDate(to_qdate(initial.from_date) if initial else QDate.currentDate())
        reason = QLineEdit(initial.reason if initial else "")
        if initial is not None:
            status.set_value(initial.status)

        def read() -> StatusEntry:
            return StatusEntry(status.value(), from_qdate(start.date()), reason.text())

        return [status, start, reason], read

    def load(self) -> None:
        assert self.record_id is not None  # finish() loads only a saved record
        detail = self.services.countries.get(self.record_id)
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
        self.follow_up.show_country(detail.id)

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
        return countries.update(
            self.record_id, data, self.version or 0, closings=self.follow_up.closings()
        ).id
