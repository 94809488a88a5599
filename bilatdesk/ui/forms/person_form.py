"""The person form: names, contacts, biography, classification and posts held."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from bilatdesk.domain.enums import Gender
from bilatdesk.services.people import MembershipInput, PersonInput
from bilatdesk.ui.context import Services
from bilatdesk.ui.forms.base_form import RecordForm
from bilatdesk.ui.forms.widgets import (
    ChoiceCombo,
    ClassificationCombo,
    EnumCombo,
    OptionalDateEdit,
    RowEditor,
)

_SEPARATORS = re.compile(r"[,;\n]")


def split_list(text: str) -> tuple[str, ...]:
    """Comma-, semicolon- or line-separated entries, blanks dropped."""
    return tuple(part.strip() for part in _SEPARATORS.split(text) if part.strip())


def long_text_edit(lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class PersonForm(RecordForm):
    """Create or edit a person and the posts they hold."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> None:
        super().__init__(parent, services, record_id, scope)
        self.setWindowTitle(self.tr("New person") if record_id is None else self.tr("Person"))
        self.resize(860, 860)
        self._organisations = services.organisations.choices()
        self.honorific = QLineEdit()
        self.honorific.setPlaceholderText(self.tr("H.E., Dr, The Hon."))
        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.name_original = QLineEdit()
        self.other_names = QLineEdit()
        self.pronunciation = QLineEdit()
        self.gender = EnumCombo(Gender)
        self.birth_date = OptionalDateEdit()
        self.languages = QLineEdit()
        self.country = ChoiceCombo(self.tr("No country"))
        self.country.set_choices(services.countries.choices(accredited_only=False))
        self.emails = QLineEdit()
        self.emails.setPlaceholderText(self.tr("Separate several with commas"))
        self.phones = QLineEdit()
        self.phones.setPlaceholderText(self.tr("Separate several with commas"))
        self.address = long_text_edit(3)
        self.biography = long_text_edit(6)
        self.biography_source = QLineEdit()
        self.biography_as_of = OptionalDateEdit()
        self.classification = ClassificationCombo()
        self.memberships: RowEditor[MembershipInput] = RowEditor(
            [
                self.tr("Post"),
                self.tr("Organisation"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Acting"),
            ],
            self._membership_row,
            stretch=(3, 3),
        )
        self._lay_out()
        if record_id is None and scope is not None:
            self.country.set_value(scope)
        self.finish()

    def _lay_out(self) -> None:
        self.add_section(self.tr("Name"))
        self.add_field("honorific", self.tr("Honorific"), self.honorific)
        self.add_field("given_name", self.tr("Given name"), self.given_name)
        self.add_field("family_name", self.tr("Family name"), self.family_name)
        self.add_field("name_original", self.tr("Original script"), self.name_original)
        self.add_field("other_names", self.tr("Other names"), self.other_names)
        self.add_field("pronunciation", self.tr("Pronunciation"), self.pronunciation)
        self.add_section(self.tr("About"))
        self.add_field("gender", self.tr("Gender"), self.gender)
        self.add_field("birth_date", self.tr("Date of birth"), self.birth_date)
        self.add_field("languages", self.tr("Languages"), self.languages)
        self.add_field("country_id", self.tr("Country"), self.country)
        self.add_field("classification", self.tr("Classification"), self.classification)
        self.add_section(self.tr("Contact"))
        self.add_field("emails", self.tr("E-mails"), self.emails)
        self.add_field("phones", self.tr("Phones"), self.phones)
        self.add_field("address", self.tr("Address"), self.address)
        self.add_section(self.tr("Biography"))
        self.add_field("biography", self.tr("Biography"), self.biography)
        self.add_field("biography_source", self.tr("Source"), self.biography_source)
        self.add_field("biography_as_of", self.tr("As of"), self.biography_as_of)
        self.add_section(self.tr("Posts held"))
        self.add_field("memberships", "", self.memberships)

    def _membership_row(
        self, initial: MembershipInput | None
    ) -> tuple[list[QWidget], Callable[[], MembershipInput]]:
        title = QLineEdit(initial.post_title if initial else "")
        title.setPlaceholderText(self.tr("Minister of Foreign Affairs"))
        organisation = ChoiceCombo(self.tr("No organisation"))
        organisation.set_choices(self._organisations)
        organisation.set_value(initial.organisation_id if initial else None)
        start, end = OptionalDateEdit(), OptionalDateEdit()
        start.set_value(initial.start_date if initial else None)
        end.set_value(initial.end_date if initial else None)
        acting = QCheckBox()
        acting.setChecked(initial.acting if initial else False)
        note = initial.note if initial else ""

        def read() -> MembershipInput:
            return MembershipInput(
                title.text(),
                organisation.value(),
                start.value(),
                end.value(),
                acting.isChecked(),
                note,
            )

        return [title, organisation, start, end, acting], read

    def load(self) -> None:
        detail = self.services.people.get(self.record_id)  # type: ignore[arg-type]
        self.version = detail.version
        self.setWindowTitle(detail.display_name)
        d = detail.data
        self.honorific.setText(d.honorific)
        self.given_name.setText(d.given_name)
        self.family_name.setText(d.family_name)
        self.name_original.setText(d.name_original)
        self.other_names.setText(d.other_names)
        self.pronunciation.setText(d.pronunciation)
        self.gender.set_value(d.gender)
        self.birth_date.set_value(d.birth_date)
        self.languages.setText(d.languages)
        self.country.set_value(d.country_id)
        self.emails.setText(", ".join(d.emails))
        self.phones.setText(", ".join(d.phones))
        self.address.setPlainText(d.address)
        self.biography.setPlainText(d.biography)
        self.biography_source.setText(d.biography_source)
        self.biography_as_of.set_value(d.biography_as_of)
        self.classification.set_value(d.classification)
        self.memberships.set_values(d.memberships)

    def collect(self) -> PersonInput:
        return PersonInput(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            honorific=self.honorific.text(),
            other_names=self.other_names.text(),
            name_original=self.name_original.text(),
            pronunciation=self.pronunciation.text(),
            gender=self.gender.value(),
            birth_date=self.birth_date.value(),
            languages=self.languages.text(),
            country_id=self.country.value(),
            emails=split_list(self.emails.text()),
            phones=split_list(self.phones.text()),
            address=self.address.toPlainText(),
            biography=self.biography.toPlainText(),
            biography_source=self.biography_source.text(),
            biography_as_of=self.biography_as_of.value(),
            classification=self.classification.value(),
            memberships=tuple(self.memberships.values()),
        )

    def store(self, data: PersonInput) -> int:
        people = self.services.people
        if self.record_id is None:
            return people.create(data).id
        return people.update(self.record_id, data, self.version or 0).id
