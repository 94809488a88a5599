"""The agreement form: the record, its parties and duration, its status history and its files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from bilatdesk.domain import AgreementKind, AgreementStatus, LinkKind
from bilatdesk.domain.agreement_rules import AgreementDates, contradictions, implied_change
from bilatdesk.services.agreements.records import (
    AgreementDetail,
    AgreementInput,
    PartyInput,
    Recording,
)
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.services.kernel.listing import Choice, ListQuery
from bilatdesk.ui.areas.agreements.files import AgreementFiles
from bilatdesk.ui.areas.agreements.panels import AttachmentsPanel, StatusPanel
from bilatdesk.ui.areas.agreements.parts import DurationChoice, PartyCard, PeriodEdit, RoundsPicker
from bilatdesk.ui.areas.agreements.warnings import FieldWarnings
from bilatdesk.ui.areas.tags.picker import TagPicker
from bilatdesk.ui.kit.base_form import RecordForm
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.widgets import (
    ChoiceCombo,
    ClassificationCombo,
    EnumCombo,
    OptionalDateEdit,
    RowEditor,
    long_text_edit,
)

Link = tuple[LinkKind, int]


class AgreementForm(RecordForm):
    """Create or edit an agreement; Apply saves and stays, for the status and the files."""

    HISTORY = "agreement"

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> None:
        super().__init__(parent, services, record_id, scope)
        self.setWindowTitle(self.tr("New agreement") if record_id is None else self.tr("Agreement"))
        self.window_place.prefer(900, 640)
        self.detail: AgreementDetail | None = None
        self._proposed_party = ""
        self.apply_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Apply)
        self._build_fields()
        self._lay_out()
        self.warnings = FieldWarnings(
            (name, self.errors.widget(name))
            for name in ("status", "parties", "entry_into_force", "provisional_application_from")
        )
        self.files = AgreementFiles(self)
        self.country.currentIndexChanged.connect(self._on_country_currentIndexChanged)
        self.fixed_term.changed.connect(self._on_fixed_term_changed)
        self.status.change_button.clicked.connect(self._on_change_button_clicked)
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        if record_id is None:
            self.country.set_value(scope)
            self._fill_rounds()
            ours = self.services.settings.post().state_name
            self.parties.set_values([PartyInput(ours), PartyInput("")])
            self._on_country_currentIndexChanged()
            self._show_detail(None)
        self._on_fixed_term_changed()
        self.finish()
        self.refresh_warnings()

    def _build_fields(self) -> None:
        services = self.services
        self.kind: EnumCombo[AgreementKind] = EnumCombo(AgreementKind)
        self.kind.set_value(AgreementKind.AGREEMENT)
        self.legally_binding = QCheckBox(self.tr("Legally binding (a treaty in law)"))
        self.legally_binding.setChecked(True)
        self.title = QLineEdit()
        self.other_titles = long_text_edit(2)
        self.other_titles.setPlaceholderText(self.tr("One per line, e.g. de: Abkommen über …"))
        self.short_title = QLineEdit()
        self.subjects = QLineEdit()
        self.subjects.setPlaceholderText(self.tr("Investment protection, double taxation…"))
        self.sector = QLineEdit()
        self.country = ChoiceCombo(self.tr("No country"))
        self.country.set_choices(services.countries.choices(accredited_only=False))
        self.lead_organisation = ChoiceCombo(self.tr("No lead organisation"))
        self.lead_organisation.set_choices(services.organisations.choices())
        self.lead_negotiator = QLineEdit()
        self.classification = ClassificationCombo()
        self.status = StatusPanel()
        self.parties: RowEditor[PartyInput] = RowEditor([], self._party_row)
        self.parties.add_button.setText(self.tr("Add party"))
        self.entry_into_force_condition = long_text_edit(2)
        self.entry_into_force_condition.setPlaceholderText(
            self.tr("e.g. on the first day of the second month after the last notification")
        )
        self.entry_into_force = OptionalDateEdit()
        self.provisional_application_from = OptionalDateEdit()
        self.fixed_term = DurationChoice()
        self.term = PeriodEdit()
        self.renewal = PeriodEdit(optional=True)
        self.renewal.setToolTip(self.tr("Tacit renewal for this period unless notice is given"))
        self.notice = PeriodEdit(optional=True)
        self.expiry_label = QLabel()
        self.notice_deadline_label = QLabel()
        self.un_registration_number = QLineEdit()
        self.un_registration_date = OptionalDateEdit()
        self.national_series_number = QLineEdit()
        self.authentic_languages = QLineEdit()
        self.authentic_languages.setPlaceholderText(self.tr("English, German, Arabic"))
        self.notes = long_text_edit(4)
        self.links: RowEditor[Link] = RowEditor(
            [self.tr("Relation"), self.tr("Agreement")], self._link_row, stretch=(0, 1)
        )
        self.links.add_button.setText(self.tr("Add link"))
        self.round_ids = RoundsPicker()
        self.tags = TagPicker(services.tags.create)
        self.tags.set_choices(services.tags.choices())
        self.attachments = AttachmentsPanel()

    def _lay_out(self) -> None:
        self.add_section(self.tr("The agreement"))
        self.add_field("kind", self.tr("Type"), self.kind)
        self.add_field("legally_binding", "", self.legally_binding)
        self.add_field("title", self.tr("Title"), self.title)
        self.add_field("other_titles", self.tr("Other titles"), self.other_titles)
        self.add_field("short_title", self.tr("Short title"), self.short_title)
        self.add_field("subjects", self.tr("Subjects"), self.subjects)
        self.add_field("sector", self.tr("Sector"), self.sector)
        self.add_field("country_id", self.tr("Country"), self.country)
        self.add_field("lead_organisation_id", self.tr("Lead organisation"), self.lead_organisation)
        self.add_field("lead_negotiator", self.tr("Lead negotiator"), self.lead_negotiator)
        self.add_field("classification", self.tr("Classification"), self.classification)
        self.add_section(self.tr("Status"))
        self.add_field("status", self.tr("Lifecycle"), self.status)
        self.add_section(self.tr("Parties"))
        self.add_field("parties", "", self.parties)
        self.add_section(self.tr("Entry into force"))
        self.add_field(
            "entry_into_force_condition", self.tr("Condition"), self.entry_into_force_condition
        )
        self.add_field("entry_into_force", self.tr("In force since"), self.entry_into_force)
        self.add_field(
            "provisional_application_from",
            self.tr("Provisionally applied from"),
            self.provisional_application_from,
        )
        self.add_section(self.tr("Duration"))
        self.add_field("fixed_term", self.tr("Duration"), self.fixed_term)
        self.add_field("term", self.tr("Initial term"), self.term)
        self.add_field("renewal", self.tr("Renews itself for"), self.renewal)
        self.add_field("notice", self.tr("Notice period"), self.notice)
        self.form.addRow(self.tr("Expiry"), self.expiry_label)
        self.form.addRow(self.tr("Notice deadline"), self.notice_deadline_label)
        self.add_section(self.tr("Registration and languages"))
        self.add_field(
            "un_registration_number", self.tr("UN registration no."), self.un_registration_number
        )
        self.add_field(
            "un_registration_date", self.tr("Registered with the UN on"), self.un_registration_date
        )
        self.add_field(
            "national_series_number", self.tr("National treaty series"), self.national_series_number
        )
        self.add_field(
            "authentic_languages", self.tr("Authentic languages"), self.authentic_languages
        )
        self.add_section(self.tr("Relations"))
        self.add_field("links", self.tr("Links"), self.links)
        self.add_field("round_ids", self.tr("Negotiation rounds"), self.round_ids)
        self.add_field("tag_ids", self.tr("Tags"), self.tags)
        self.add_section(self.tr("Texts and notes"))
        self.form.addRow(self.tr("Attachments"), self.attachments)
        self.add_field("notes", self.tr("Notes"), self.notes)

    # -- rows -----------------------------------------------------------------------------
    def _party_row(
        self, initial: PartyInput | None
    ) -> tuple[list[QWidget], Callable[[], PartyInput]]:
        card = PartyCard(initial)
        return [card], card.value

    def _link_row(self, initial: Link | None) -> tuple[list[QWidget], Callable[[], Link]]:
        kind: EnumCombo[LinkKind] = EnumCombo(LinkKind)
        target = ChoiceCombo(self.tr("Choose an agreement"))
        target.set_choices(
            [c for c in self.services.agreements.choices() if c.id != self.record_id]
        )
        if initial is not None:
            kind.set_value(initial[0])
            target.set_value(initial[1])

        def read() -> Link:
            chosen = target.value()
            if chosen is None:
                raise ValidationError(
                    {
                        "links": self.tr(
                            "Choose the agreement each link points to, or remove the link."
                        )
                    }
                )
            return kind.value(), chosen

        return [kind, target], read

    def _fill_rounds(self, keep: tuple[int, ...] | None = None) -> None:
        country = self.country.value()
        rows = (
            self.services.engagements.list(
                ListQuery(country_id=country, sort="starts_at", descending=True, limit=200)
            ).rows
            if country is not None
            else ()
        )
        choices = [Choice(r.id, f"{format_date(r.starts_at.date())} — {r.title}") for r in rows]
        known = {c.id for c in choices}
        for missing in (i for i in keep or () if i not in known):
            try:
                title = self.services.engagements.get(missing).data.title
            except ServiceError:
                continue
            choices.append(Choice(missing, title))
        self.round_ids.set_choices(choices, keep)

    # -- the saved record -----------------------------------------------------------------
    def _show_detail(self, detail: AgreementDetail | None) -> None:
        """Status, history, computed dates and files as the database has them now."""
        self.detail = detail
        if hasattr(self, "warnings"):
            self.refresh_warnings()
        if detail is None:
            self.status.show_new()
            none = self.tr("Computed when saved")
            self.expiry_label.setText(none)
            self.notice_deadline_label.setText(none)
            self.attachments.show_files([], saved=False)
            return
        self.version = detail.version
        self.status.show_saved(detail.status, detail.history, bool(detail.next_statuses))
        indefinite = self.tr("None (indefinite)") if not detail.data.fixed_term else "—"
        self.expiry_label.setText(format_date(detail.expiry_date) or indefinite)
        self.notice_deadline_label.setText(format_date(detail.notice_deadline) or "—")
        self.attachments.show_files(detail.attachments, saved=True)

    def load(self) -> None:
        assert self.record_id is not None  # finish() loads only a saved record
        self._fill(self.services.agreements.get(self.record_id))

    def _fill(self, detail: AgreementDetail) -> None:
        d = detail.data
        self.setWindowTitle(d.short_title or d.title)
        self.kind.set_value(d.kind)
        self.legally_binding.setChecked(d.legally_binding)
        self.title.setText(d.title)
        self.other_titles.setPlainText(d.other_titles)
        self.short_title.setText(d.short_title)
        self.subjects.setText(d.subjects)
        self.sector.setText(d.sector)
        self.country.set_value(d.country_id)
        self.lead_organisation.set_value(d.lead_organisation_id)
        self.lead_negotiator.setText(d.lead_negotiator)
        self.classification.set_value(d.classification)
        self.parties.set_values(d.parties)
        self.entry_into_force_condition.setPlainText(d.entry_into_force_condition)
        self.entry_into_force.set_value(d.entry_into_force)
        self.provisional_application_from.set_value(d.provisional_application_from)
        self.fixed_term.set_value(d.fixed_term)
        self.term.set_value(d.term)
        self.renewal.set_value(d.renewal)
        self.notice.set_value(d.notice)
        self.un_registration_number.setText(d.un_registration_number)
        self.un_registration_date.set_value(d.un_registration_date)
        self.national_series_number.setText(d.national_series_number)
        self.authentic_languages.setText(d.authentic_languages)
        self.notes.setPlainText(d.notes)
        self.links.set_values(d.links)
        self._fill_rounds(d.round_ids)
        self.tags.set_selected(d.tag_ids or ())
        self._on_fixed_term_changed()
        self._show_detail(detail)

    def collect(self) -> AgreementInput:
        fixed = self.fixed_term.value()
        return AgreementInput(
            title=self.title.text(),
            kind=self.kind.value(),
            legally_binding=self.legally_binding.isChecked(),
            other_titles=self.other_titles.toPlainText(),
            short_title=self.short_title.text(),
            subjects=self.subjects.text(),
            sector=self.sector.text(),
            country_id=self.country.value(),
            lead_organisation_id=self.lead_organisation.value(),
            lead_negotiator=self.lead_negotiator.text(),
            entry_into_force_condition=self.entry_into_force_condition.toPlainText(),
            entry_into_force=self.entry_into_force.value(),
            provisional_application_from=self.provisional_application_from.value(),
            fixed_term=fixed,
            term=self.term.value() if fixed else None,
            renewal=self.renewal.value() if fixed else None,
            notice=self.notice.value(),
            un_registration_number=self.un_registration_number.text(),
            un_registration_date=self.un_registration_date.value(),
            national_series_number=self.national_series_number.text(),
            authentic_languages=self.authentic_languages.text(),
            classification=self.classification.value(),
            notes=self.notes.toPlainText(),
            parties=tuple(self.parties.values()),
            links=tuple(self.links.values()),
            round_ids=self.round_ids.value(),
            tag_ids=self.tags.selected(),
        )

    def store(self, data: AgreementInput) -> int:
        agreements = self.services.agreements
        status = self.status.initial.value()
        if self.record_id is None and status is AgreementStatus.PROPOSED:
            on: date | None = self.status.initial_on.value()
            detail = agreements.create(data, status, on)
        elif self.record_id is None:
            detail = agreements.record(data, self._ask_steps(data, status))
        else:
            before = self.detail.data if self.detail is not None else None
            detail = agreements.update(self.record_id, data, self.version or 0)
            if before is not None and _dates_of(before) != _dates_of(detail.data):
                detail = self._offer_status_change(detail)
        self.record_id = detail.id
        self._show_detail(detail)
        return detail.id

    def _ask_steps(self, data: AgreementInput, status: AgreementStatus) -> Recording:
        """One dialog with each step's day, filled from what the form already says."""
        from bilatdesk.ui.areas.agreements.recording import RecordStepsDialog

        known: dict[AgreementStatus, date] = {}
        signed = [p.signature_date for p in data.parties if p.signature_date]
        if signed:
            known[AgreementStatus.SIGNED] = max(signed)
        if data.entry_into_force:
            known[AgreementStatus.IN_FORCE] = data.entry_into_force
        if data.provisional_application_from:
            known[AgreementStatus.PROVISIONALLY_APPLIED] = data.provisional_application_from
        since = self.status.initial_on.value()
        if since is not None:
            known[status] = since
        place = next((p.signature_place for p in data.parties if p.signature_place), "")
        recording = RecordStepsDialog.ask(self, status, known, place)
        if recording is None:
            raise ValidationError(
                {"status": self.tr("Give the day of each step to record the agreement.")}
            )
        return recording

    def _offer_status_change(self, detail: AgreementDetail) -> AgreementDetail:
        """A date typed that means a status change (the parties signed) offers to record it."""
        from bilatdesk.ui.areas.agreements.dialogs import OfferStatusChangeDialog

        d = detail.data
        implied = implied_change(
            detail.status, d.entry_into_force, d.provisional_application_from, d.parties
        )
        if implied is None or not OfferStatusChangeDialog.ask(self, *implied):
            return detail
        status, on = implied
        place = next((p.signature_place for p in d.parties if p.signature_place), "")
        try:
            return self.services.agreements.change_status(
                detail.id, status, on=on, place=place, expected_version=detail.version
            )
        except ServiceError as exc:
            self.show_banner(str(exc))  # the record itself is saved; only the step is not
            return detail

    def refresh_warnings(self) -> None:
        """Where the history, "in force since" and the parties' dates disagree, as typed."""
        detail = self.detail
        status = detail.status if detail is not None else self.status.initial.value()
        history = [(h.status, h.on) for h in detail.history] if detail is not None else []
        dates = AgreementDates(
            status,
            history,
            self.entry_into_force.value(),
            self.provisional_application_from.value(),
            self.parties.values(),
        )
        self.warnings.show(contradictions(dates, date.today()))

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> int | None:
        """Open the form modally; the id of the record when anything was saved (Apply, a
        status change, a file), even if the form was then closed with Cancel."""
        form = cls(parent, services, record_id, scope)
        form.exec()
        return form.saved_id

    # -- slots ----------------------------------------------------------------------------
    def _on_apply_button_clicked(self) -> None:
        if self.save():
            self.setWindowTitle(self.short_title.text() or self.title.text())

    def _on_change_button_clicked(self) -> None:
        from bilatdesk.ui.areas.agreements.dialogs import ChangeStatusDialog

        # A status may need what was just typed (in force needs its date): save that first.
        if self.detail is None or (self.dirty and not self.save()):
            return
        assert self.detail is not None and self.record_id is not None
        change = ChangeStatusDialog.ask(self, self.detail.status, self.detail.next_statuses)
        if change is None:
            return
        try:
            detail = self.services.agreements.change_status(
                self.record_id,
                change.status,
                on=change.on,
                note=change.note,
                place=change.place,
                expected_version=self.version or 0,
            )
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except ServiceError as exc:
            self.show_banner(str(exc))
            return
        self.clear_errors()
        self.saved_id = detail.id
        self._show_detail(detail)
        self._fill_dates(detail.data)

    def _fill_dates(self, data: AgreementInput) -> None:
        """The dates a status change just filled, shown without losing other typing."""
        dirty = self.dirty
        self.entry_into_force.set_value(data.entry_into_force)
        self.provisional_application_from.set_value(data.provisional_application_from)
        self.parties.set_values(data.parties)
        self.dirty = dirty
        self.refresh_warnings()

    def _on_field_changed(self, *_args: object) -> None:
        super()._on_field_changed()
        self.refresh_warnings()

    def _on_country_currentIndexChanged(self, *_args: object) -> None:
        self._fill_rounds()
        if self.record_id is not None or self.parties.row_count() < 2:
            return
        # The second party of a new agreement follows the country until the clerk edits it.
        card = self.parties.row_widgets(1)[0]
        assert isinstance(card, PartyCard)
        name = self.country.currentText() if self.country.value() is not None else ""
        if card.name.text() in ("", self._proposed_party):
            card.name.setText(name)
            self._proposed_party = name

    def _on_fixed_term_changed(self) -> None:
        fixed = self.fixed_term.value()
        self.term.setEnabled(fixed)
        self.renewal.setEnabled(fixed)


def _dates_of(data: AgreementInput) -> tuple[object, ...]:
    """The dates a status change also records: when one of them changes, a change may be due."""
    return (
        data.entry_into_force,
        data.provisional_application_from,
        tuple(p.signature_date for p in data.parties),
    )
