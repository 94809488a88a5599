"""The organisation form: names, kind, country, where it sits, its structure, tags and ties.

Save writes the fields and the relationships added, changed or removed in one transaction;
Cancel forgets them all, asking first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from bilatdesk.domain.enums import OrganisationKind, RelationshipScope
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.ui.areas.organisations.structure import OrganisationStructure
from bilatdesk.ui.areas.people.relationship_editor import RelationshipEditor
from bilatdesk.ui.areas.tags.picker import TagPicker
from bilatdesk.ui.kit.base_form import RecordForm
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.widgets import ChoiceCombo, EnumCombo, long_text_edit


class OrganisationForm(RecordForm):
    """Create or edit an organisation."""

    HISTORY = "organisation"

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
        self.window_place.prefer(760, 640)
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
        # A mission's sending state names it on the diplomatic list; other kinds have none.
        self.sending_state = QLineEdit()
        self.sending_state.setPlaceholderText(self.tr("The state the mission represents"))
        self.add_field("sending_state", self.tr("Sending state"), self.sending_state)
        self.kind.currentIndexChanged.connect(self._on_kind_currentIndexChanged)
        self._on_kind_currentIndexChanged(self.kind.currentIndex())
        self.add_field("country_id", self.tr("Country"), self.country)
        self.add_field("parent_id", self.tr("Part of"), self.parent_organisation)
        self.add_field("other_names", self.tr("Other names"), self.other_names)
        self.add_field("notes", self.tr("Notes"), self.notes)
        self._add_structure_tags_and_ties()
        if record_id is None and scope is not None:
            self.country.set_value(scope)
        self.finish()
        if record_id is None:
            self.structure.set_record(None)
            self.relationships.set_record(None, "")
        self.name.textChanged.connect(self.relationships.set_name)

    def _add_structure_tags_and_ties(self) -> None:
        self.tags = TagPicker(self.services.tags.create)
        self.tags.set_choices(self.services.tags.choices())
        self.add_field("tag_ids", self.tr("Tags"), self.tags)
        self.add_section(self.tr("Structure"))
        self.structure = OrganisationStructure(self.services.posts)
        self.structure.open_requested.connect(self._on_structure_open_requested)
        self.form.addRow(self.structure)
        self.add_section(self.tr("Relationships"))
        self.relationships = RelationshipEditor(self.services, RelationshipScope.ORGANISATIONS)
        self.relationships.table.setMinimumHeight(120)
        self.add_field("relationships", "", self.relationships)

    def load(self) -> None:
        assert self.record_id is not None  # finish() loads only a saved record
        detail = self.services.organisations.get(self.record_id)
        self.version = detail.version
        d = detail.data
        self.setWindowTitle(d.name)
        self.name.setText(d.name)
        self.abbreviation.setText(d.abbreviation)
        self.kind.set_value(d.kind)
        self.sending_state.setText(d.sending_state)
        self.country.set_value(d.country_id)
        self.parent_organisation.set_value(d.parent_id)
        self.other_names.setPlainText(d.other_names)
        self.notes.setPlainText(d.notes)
        self.tags.set_choices(self.services.tags.choices())
        self.tags.set_selected(d.tag_ids or ())
        self.structure.set_record(detail.id)
        self.relationships.set_record(detail.id, d.name)

    def collect(self) -> OrganisationInput:
        return OrganisationInput(
            name=self.name.text(),
            kind=self.kind.value(),
            sending_state=self.sending_state.text(),
            abbreviation=self.abbreviation.text(),
            other_names=self.other_names.toPlainText(),
            country_id=self.country.value(),
            parent_id=self.parent_organisation.value(),
            notes=self.notes.toPlainText(),
            tag_ids=self.tags.selected(),
        )

    def store(self, data: OrganisationInput) -> int:
        organisations = self.services.organisations
        ties = self.relationships.values()
        if self.record_id is None:
            detail = organisations.create(data, ties=ties)
        else:
            detail = organisations.update(self.record_id, data, self.version or 0, ties=ties)
        self.record_id, self.version = detail.id, detail.version
        return detail.id

    def _on_structure_open_requested(self, organisation_id: int) -> None:
        try:
            OrganisationForm.ask(self, self.services, organisation_id)
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot open the organisation"), str(exc))
        self.structure.set_record(self.record_id)

    def _on_kind_currentIndexChanged(self, _index: int) -> None:
        mission = self.kind.value() == OrganisationKind.MISSION
        holder = self.sending_state.parentWidget()  # the row is the field's error holder
        if holder is not None:
            self.form.setRowVisible(holder, mission)
