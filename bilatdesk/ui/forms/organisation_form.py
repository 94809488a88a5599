"""The organisation form: names, kind, country and where it sits (its parent)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from bilatdesk.domain.enums import OrganisationKind
from bilatdesk.services.organisations import OrganisationInput
from bilatdesk.ui.context import Services
from bilatdesk.ui.forms.base_form import RecordForm
from bilatdesk.ui.forms.person_form import long_text_edit
from bilatdesk.ui.forms.widgets import ChoiceCombo, EnumCombo


class OrganisationForm(RecordForm):
    """Create or edit an organisation."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> None:
        super().__init__(parent, services, record_id, scope)
        self.setWindowTitle(
            self.tr("New organisation") if record_id is None else self.tr("Organisation")
        )
        self.resize(620, 560)
        self.name = QLineEdit()
        self.abbreviation = QLineEdit()
        self.kind = EnumCombo(OrganisationKind)
        self.country = ChoiceCombo(self.tr("No country"))
        self.country.set_choices(services.countries.choices(accredited_only=False))
        self.parent_organisation = ChoiceCombo(self.tr("None (top level)"))
        # An organisation cannot be its own parent; the service refuses deeper loops.
        self.parent_organisation.set_choices(
            [c for c in services.organisations.choices() if c.id != record_id]
        )
        self.other_names = long_text_edit(3)
        self.notes = long_text_edit(5)
        self.add_field("name", self.tr("Name"), self.name)
        self.add_field("abbreviation", self.tr("Abbreviation"), self.abbreviation)
        self.add_field("kind", self.tr("Kind"), self.kind)
        self.add_field("country_id", self.tr("Country"), self.country)
        self.add_field("parent_id", self.tr("Part of"), self.parent_organisation)
        self.add_field("other_names", self.tr("Other names"), self.other_names)
        self.add_field("notes", self.tr("Notes"), self.notes)
        if record_id is None and scope is not None:
            self.country.set_value(scope)
        self.finish()

    def load(self) -> None:
        detail = self.services.organisations.get(self.record_id)  # type: ignore[arg-type]
        self.version = detail.version
        d = detail.data
        self.setWindowTitle(d.name)
        self.name.setText(d.name)
        self.abbreviation.setText(d.abbreviation)
        self.kind.set_value(d.kind)
        self.country.set_value(d.country_id)
        self.parent_organisation.set_value(d.parent_id)
        self.other_names.setPlainText(d.other_names)
        self.notes.setPlainText(d.notes)

    def collect(self) -> OrganisationInput:
        return OrganisationInput(
            name=self.name.text(),
            kind=self.kind.value(),
            abbreviation=self.abbreviation.text(),
            other_names=self.other_names.toPlainText(),
            country_id=self.country.value(),
            parent_id=self.parent_organisation.value(),
            notes=self.notes.toPlainText(),
        )

    def store(self, data: OrganisationInput) -> int:
        organisations = self.services.organisations
        if self.record_id is None:
            return organisations.create(data).id
        return organisations.update(self.record_id, data, self.version or 0).id
