"""The engagement form: when and where (in the local zone there), who, and what came of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from bilatdesk.domain.enums import EngagementKind, Formality, MissionFunction, Side
from bilatdesk.services.catalog import Services
from bilatdesk.services.engagements.service import EngagementInput, ParticipantInput
from bilatdesk.services.kernel.errors import ValidationError
from bilatdesk.services.kernel.validation import known_time_zones
from bilatdesk.ui.areas.engagements.commitments.editor import CommitmentsEditor
from bilatdesk.ui.areas.engagements.prefill import EngagementPrefill
from bilatdesk.ui.areas.people.picker import PersonPicker
from bilatdesk.ui.areas.tags.picker import TagPicker
from bilatdesk.ui.kit.base_form import RecordForm
from bilatdesk.ui.kit.date_edits import DateTimeEdit
from bilatdesk.ui.kit.formatting import local_zone_name
from bilatdesk.ui.kit.widgets import (
    ChoiceCombo,
    ClassificationCombo,
    EnumCombo,
    RowEditor,
    long_text_edit,
)


def to_qdatetime(moment: datetime, zone: ZoneInfo) -> QDateTime:
    """The wall-clock time of a moment in a zone, as the editor shows it."""
    local = moment.astimezone(zone)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime, zone: ZoneInfo) -> datetime:
    """The UTC moment of a wall-clock time read in a zone."""
    d, t = value.date(), value.time()
    local = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone)
    return local.astimezone(UTC)


def moment_edit() -> DateTimeEdit:
    return DateTimeEdit()


def _zone_combo() -> QComboBox:
    """An editable list of the IANA zones, on the local one, matching typed text anywhere."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(known_time_zones())
    combo.setCurrentText(local_zone_name())
    completer = combo.completer()  # an editable combo box always has one
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return combo


class EngagementForm(RecordForm):
    """Create or edit an engagement, its participants on both sides and its commitments.

    The commitments are saved with the engagement's Save, in the same transaction.
    """

    HISTORY = "engagement"

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
        *,
        prefill: EngagementPrefill | None = None,
    ) -> None:
        super().__init__(parent, services, record_id, scope)
        self._zone_chosen = False
        self.setWindowTitle(
            self.tr("New engagement") if record_id is None else self.tr("Engagement")
        )
        self.window_place.prefer(800, 640)
        self.title = QLineEdit()
        self.kind = EnumCombo(EngagementKind)
        self.kind.set_value(EngagementKind.BILATERAL_MEETING)
        self.time_zone = _zone_combo()
        # A zone the clerk picked or typed stays; otherwise it follows the chosen country.
        self.time_zone.textActivated.connect(self._on_time_zone_chosen)
        line = self.time_zone.lineEdit()
        if line is not None:
            line.textEdited.connect(self._on_time_zone_chosen)
        self.starts_at = moment_edit()
        start = datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        self.starts_at.setDateTime(
            QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, 0))
        )
        self.has_end = QCheckBox(self.tr("Ends at"))
        self.ends_at = moment_edit()
        self.ends_at.setDateTime(self.starts_at.dateTime().addSecs(3600))
        self.ends_at.setEnabled(False)
        self.has_end.toggled.connect(self.ends_at.setEnabled)
        self.place = QLineEdit()
        self.country = ChoiceCombo(self.tr("No country"))
        self.country.set_choices(services.countries.choices(accredited_only=False))
        self.formality = EnumCombo(Formality)
        self.function = EnumCombo(MissionFunction)
        self.sector = QLineEdit()
        self.sector.setPlaceholderText(self.tr("Trade, culture, defence…"))
        self.lead_organisation = ChoiceCombo(self.tr("No lead ministry"))
        self.lead_organisation.set_choices(services.organisations.choices())
        self.lead_organisation.setToolTip(
            self.tr("The ministry or agency leading on our side: trade, culture, defence…")
        )
        self.classification = ClassificationCombo()
        self.tags = TagPicker(services.tags.create)
        self.tags.set_choices(services.tags.choices())
        self.agenda = long_text_edit(5)
        self.outcome = long_text_edit(5)
        self.participants: RowEditor[ParticipantInput] = RowEditor(
            [self.tr("Side"), self.tr("Person or name"), self.tr("Role")],
            self._participant_row,
            stretch=(0, 3, 2),
        )
        self.commitments = CommitmentsEditor(services.people.search_choices, self._made_on)
        self._lay_out()
        if record_id is None and scope is not None:
            self.country.set_value(scope)
            self._follow_country()
        if record_id is None and prefill is not None:
            self.apply_prefill(prefill)
        self.country.currentIndexChanged.connect(lambda _i: self._follow_country())
        self._last_start = self.starts_at.dateTime()
        self.starts_at.dateTimeChanged.connect(self._on_starts_at_dateTimeChanged)
        self.finish()

    def _lay_out(self) -> None:
        self.add_section(self.tr("What and when"))
        self.add_field("title", self.tr("Title"), self.title)
        self.add_field("kind", self.tr("Kind"), self.kind)
        self.add_field("starts_at", self.tr("Starts at"), self.starts_at)
        self.add_field("ends_at", self.tr("End"), self._end_row())
        self.add_field("time_zone", self.tr("Time zone"), self.time_zone)
        self.add_section(self.tr("Where and in what frame"))
        self.add_field("place", self.tr("Place"), self.place)
        self.add_field("country_id", self.tr("Country"), self.country)
        self.add_field("formality", self.tr("Formality"), self.formality)
        self.add_field("function", self.tr("Mission function"), self.function)
        self.add_field("sector", self.tr("Sector"), self.sector)
        self.add_field("lead_organisation_id", self.tr("Lead ministry"), self.lead_organisation)
        self.add_field("classification", self.tr("Classification"), self.classification)
        self.add_field("tag_ids", self.tr("Tags"), self.tags)
        self.add_section(self.tr("Participants"))
        self.add_field("participants", "", self.participants)
        self.add_section(self.tr("Record"))
        self.add_field("agenda", self.tr("Agenda"), self.agenda)
        self.add_field("outcome", self.tr("Outcome"), self.outcome)
        self.add_section(self.tr("Commitments"))
        self.add_field("commitments", "", self.commitments)

    def _end_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.has_end)
        layout.addWidget(self.ends_at)
        layout.addStretch(1)
        # Both parts count as edits of the one field.
        self.has_end.toggled.connect(lambda _on: self._on_field_changed())
        self.ends_at.dateTimeChanged.connect(lambda _v: self._on_field_changed())
        return row

    def _participant_row(
        self, initial: ParticipantInput | None
    ) -> tuple[list[QWidget], Callable[[], ParticipantInput]]:
        side = EnumCombo(Side)
        side.set_value(initial.side if initial else Side.THEIRS)
        person = PersonPicker(self.services.people.search_choices)
        if initial is not None:
            person.set_person(initial.person_id, initial.name)
        role = QLineEdit(initial.role if initial else "")
        role.setPlaceholderText(self.tr("Head of delegation, note-taker…"))

        def read() -> ParticipantInput:
            person_id, name = person.person()
            return ParticipantInput(person_id, name, side.value(), role.text())

        return [side, person, role], read

    def apply_prefill(self, prefill: EngagementPrefill) -> None:
        """Fill a new form from a quick-entry starting point (a person's or country's page)."""
        if prefill.title:
            self.title.setText(prefill.title)
        if prefill.kind is not None:
            self.kind.set_value(prefill.kind)
        if prefill.country_id is not None:
            self.country.set_value(prefill.country_id)
        if prefill.place:
            self.place.setText(prefill.place)
        if prefill.time_zone:
            self.time_zone.setCurrentText(prefill.time_zone)
        if prefill.starts_at is not None:
            start = to_qdatetime(prefill.starts_at, self._zone_or_utc())
            self.starts_at.setDateTime(start)
            self.ends_at.setDateTime(start.addSecs(3600))
        if prefill.participants:
            self.participants.set_values(list(prefill.participants))

    def _on_starts_at_dateTimeChanged(self, start: QDateTime) -> None:
        """The end moves with the start, so the meeting keeps its length."""
        moved = self._last_start.secsTo(start)
        self._last_start = start
        if moved:
            self.ends_at.setDateTime(self.ends_at.dateTime().addSecs(moved))

    def _follow_country(self) -> None:
        """A new engagement keeps time where it happens: the country's usual zone."""
        if self.record_id is not None or self._zone_chosen:
            return
        country_id = self.country.value()
        if country_id is None:
            return
        zone = self.services.engagements.usual_time_zone(country_id)
        if zone:
            self.time_zone.setCurrentText(zone)

    def _on_time_zone_chosen(self, _text: str) -> None:
        self._zone_chosen = True

    def _zone_or_utc(self) -> ZoneInfo:
        try:
            return self._zone()
        except ValidationError:
            return ZoneInfo("UTC")

    def _made_on(self) -> date | None:
        """The engagement's day where it happens: the wall-clock day the editor shows."""
        day = self.starts_at.date()
        return date(day.year(), day.month(), day.day())

    def _zone(self) -> ZoneInfo:
        name = self.time_zone.currentText().strip() or "UTC"
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                {
                    "time_zone": self.tr(
                        "'%1' is not a known time zone (for example Europe/Vienna)."
                    ).replace("%1", name)
                }
            ) from None

    def load(self) -> None:
        assert self.record_id is not None  # finish() loads only a saved record
        detail = self.services.engagements.get(self.record_id)
        self.version = detail.version
        d = detail.data
        self.setWindowTitle(d.title)
        zone = ZoneInfo(d.time_zone)
        self.title.setText(d.title)
        self.kind.set_value(d.kind)
        self.time_zone.setCurrentText(d.time_zone)
        self.starts_at.setDateTime(to_qdatetime(d.starts_at, zone))
        self.has_end.setChecked(d.ends_at is not None)
        if d.ends_at is not None:
            self.ends_at.setDateTime(to_qdatetime(d.ends_at, zone))
        self.place.setText(d.place)
        self.country.set_value(d.country_id)
        self.formality.set_value(d.formality)
        self.function.set_value(d.function)
        self.sector.setText(d.sector)
        self.lead_organisation.set_value(d.lead_organisation_id)
        self.classification.set_value(d.classification)
        self.agenda.setPlainText(d.agenda)
        self.outcome.setPlainText(d.outcome)
        # The views carry a linked person's current name, where the stored input has none.
        self.participants.set_values(
            [ParticipantInput(v.person_id, v.name, v.side, v.role) for v in detail.participants]
        )
        self.tags.set_selected(detail.tag_ids)
        # Rows and drafts come in the same order; a row's owner is the linked person's name.
        drafts = list(detail.commitment_drafts)
        self.commitments.set_values(
            drafts,
            [
                row.owner if draft.owner_person_id is not None else ""
                for draft, row in zip(drafts, detail.commitments, strict=True)
            ],
        )

    def collect(self) -> EngagementInput:
        zone = self._zone()
        return EngagementInput(
            title=self.title.text(),
            starts_at=from_qdatetime(self.starts_at.dateTime(), zone),
            ends_at=from_qdatetime(self.ends_at.dateTime(), zone)
            if self.has_end.isChecked()
            else None,
            kind=self.kind.value(),
            time_zone=self.time_zone.currentText().strip(),
            place=self.place.text(),
            country_id=self.country.value(),
            formality=self.formality.value(),
            function=self.function.value(),
            sector=self.sector.text(),
            lead_organisation_id=self.lead_organisation.value(),
            classification=self.classification.value(),
            agenda=self.agenda.toPlainText(),
            outcome=self.outcome.toPlainText(),
            participants=tuple(self.participants.values()),
            commitments=self.commitments.values(),
            tag_ids=self.tags.selected(),
        )

    def store(self, data: EngagementInput) -> int:
        engagements = self.services.engagements
        if self.record_id is None:
            return engagements.create(data).id
        return engagements.update(self.record_id, data, self.version or 0).id

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
        *,
        prefill: EngagementPrefill | None = None,
    ) -> int | None:
        """Open the form modally (a new one filled from `prefill`); the saved id, or None."""
        form = cls(parent, services, record_id, scope, prefill=prefill)
        return form.saved_id if form.exec() == QDialog.DialogCode.Accepted else None
