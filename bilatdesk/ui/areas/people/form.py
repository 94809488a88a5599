"""The person form: identity and photo, contacts, posts over time, protocol, ties, tags, biography.

Tabs keep it within a 1366x768 laptop screen. Save (Ctrl+S) writes everything the tabs hold
in one transaction and one undo step: the fields, the photo, the relationships and the
commitments closed on the Commitments tab; Cancel forgets them all, asking first. Only a
succession (its own dialog) and an engagement opened from the Commitments tab are saved
through their own dialogs, and those need a saved person. The tabs' layout is in
form_tabs.py; this module makes the widgets, loads, collects and saves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from bilatdesk.domain.enums import Gender, MissionClass, NameOrder, RelationshipScope
from bilatdesk.domain.names import display_name, infer_name_order
from bilatdesk.domain.protocol import (
    RANKS,
    ProtocolBlock,
    ProtocolFacts,
    effective_protocol,
    is_accredited_ambassador,
    propose_protocol,
)
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.services.people.service import MembershipInput, PersonDetail, PersonInput
from bilatdesk.ui.areas.engagements.commitments.panel import OpenCommitmentsPanel
from bilatdesk.ui.areas.people.birth_field import BirthField
from bilatdesk.ui.areas.people.form_tabs import (
    PROTOCOL_FIELDS,
    TAB_IDENTITY,
    lay_out_tabs,
    quiet,
)
from bilatdesk.ui.areas.people.merge_dialog import MergeDialog
from bilatdesk.ui.areas.people.namesake_dialog import NamesakeAnswer, NamesakeDialog
from bilatdesk.ui.areas.people.photo_field import PhotoField
from bilatdesk.ui.areas.people.post_timeline import PostTimeline, mission_class_text
from bilatdesk.ui.areas.people.protocol_panel import DefaultField, LetterPreview, rank_combo
from bilatdesk.ui.areas.people.relationship_editor import RelationshipEditor
from bilatdesk.ui.areas.people.successor_dialog import SuccessorDialog
from bilatdesk.ui.areas.tags.picker import TagPicker
from bilatdesk.ui.kit.base_form import RecordForm
from bilatdesk.ui.kit.field_errors import error_colour
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.widgets import (
    ChoiceCombo,
    ClassificationCombo,
    EnumCombo,
    OptionalDateEdit,
    RowEditor,
    long_text_edit,
)

_SEPARATORS = re.compile(r"[,;\n]")


def split_list(text: str) -> tuple[str, ...]:
    """Comma-, semicolon- or line-separated entries, blanks dropped."""
    return tuple(part.strip() for part in _SEPARATORS.split(text) if part.strip())


def held_on(m: MembershipInput, day: date) -> bool:
    started = m.start_date is None or m.start_date <= day
    return started and (m.end_date is None or m.end_date >= day)


class PersonForm(RecordForm):
    """Create or edit a person, their posts, protocol block, relationships and tags."""

    HISTORY = "person"

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> None:
        super().__init__(parent, services, record_id, scope)
        self.setWindowTitle(self.tr("New person") if record_id is None else self.tr("Person"))
        self.window_place.prefer(1040, 640)
        self._organisations = services.organisations.choices()
        self._detail: PersonDetail | None = None
        self._tab_of: dict[str, int] = {}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._replace_body(self.tabs)
        self._make_identity()
        self._make_contacts()
        self._make_posts()
        self._make_protocol()
        self.relationships = RelationshipEditor(services, RelationshipScope.PEOPLE)
        self.tags = TagPicker(services.tags.create)
        self.tags.set_choices(services.tags.choices())
        self.biography = long_text_edit(14)
        self.biography_source = QLineEdit()
        self.biography_as_of = OptionalDateEdit()
        # Open follow-ups and quick entry of a meeting with this person (saved on their own).
        self.follow_up = OpenCommitmentsPanel(services, self)
        self.keep_open_button = self.buttons.addButton(
            self.tr("Save and keep open"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.keep_open_button.setToolTip(
            self.tr("Save now and keep the form open, to appoint successors or add engagements")
        )
        self.keep_open_button.clicked.connect(self.save_keep_open)
        lay_out_tabs(self)
        if record_id is None and scope is not None:
            self.country.set_value(scope)
        self.finish()
        self._saved_parts()
        self._refresh_protocol()
        self.tabs.setCurrentIndex(TAB_IDENTITY)

    # -- building -------------------------------------------------------------------------
    def _replace_body(self, tabs: QTabWidget) -> None:
        """RecordForm's single scrolling page gives way to the tabs."""
        outer = self.findChild(QScrollArea)
        layout = self.layout()
        if outer is not None and layout is not None:
            layout.replaceWidget(outer, tabs)
            outer.hide()

    def tab_field(
        self, form: QFormLayout, tab: int, name: str, label: str, widget: QWidget
    ) -> None:
        """A row whose error shows beneath it; errors bring their tab to the front."""
        holder = self.errors.wrap(name, widget)
        self._tab_of[name] = tab
        if label:
            form.addRow(label, holder)
        else:
            form.addRow(holder)

    def tab_part(self, tab: int, name: str, widget: QWidget) -> QWidget:
        """The holder of a part saved with the form (photo, relationships, commitments): its
        changes mark the form changed, and its errors show beneath it on its tab."""
        self._tab_of[name] = tab
        return self.errors.wrap(name, widget)

    def _make_identity(self) -> None:
        self.honorific = QLineEdit()
        self.honorific.setPlaceholderText(self.tr("H.E., Dr, The Hon."))
        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.name_original = QLineEdit()
        self.other_names = QLineEdit()
        # The order follows the name's script until the clerk picks one (or one is stored).
        self.name_order = EnumCombo(NameOrder)
        self.name_order.setToolTip(
            self.tr("How the name is written out: family name first for Chinese, Japanese, ")
            + self.tr("Korean, Hungarian and Vietnamese names")
        )
        self._order_chosen = False
        self._shown = ("", "", "")  # the card's display form, with the parts it was kept for
        self.name_order.activated.connect(self._on_name_order_activated)
        self.pronunciation = QLineEdit()
        self.gender = EnumCombo(Gender)
        self.birth = BirthField()
        self.languages = QLineEdit()
        self.languages.setPlaceholderText(self.tr("e.g. de, en, fr (first: the one for letters)"))
        self.country = ChoiceCombo(self.tr("No country"))
        self.country.set_choices(self.services.countries.choices(accredited_only=False))
        self.classification = ClassificationCombo()
        self.photo = PhotoField(self.services.people)

    def _make_contacts(self) -> None:
        self.emails = QLineEdit()
        self.emails.setPlaceholderText(self.tr("Separate several with commas"))
        self.phones = QLineEdit()
        self.phones.setPlaceholderText(self.tr("Separate several with commas"))
        # Said as soon as the clerk leaves the field (or changes the country it is read in).
        self.phones_note = QLabel()
        self.phones_note.setWordWrap(True)
        self.phones_note.hide()
        self.phones.editingFinished.connect(self._check_phones)
        self.country.currentIndexChanged.connect(self._on_country_index_changed)
        self.address = long_text_edit(4)

    def _make_posts(self) -> None:
        self.memberships: RowEditor[MembershipInput] = RowEditor(
            [
                self.tr("Post"),
                self.tr("Organisation"),
                self.tr("From"),
                self.tr("To"),
                self.tr("Acting"),
                self.tr("Head of mission"),
                self.tr("Credentials"),
            ],
            self._membership_row,
            stretch=(3, 3),
        )
        self.timeline = PostTimeline()
        self.timeline.setMinimumHeight(170)
        self.appoint_button = QPushButton(self.tr("Appoint successor…"))
        self.appoint_button.setToolTip(
            self.tr("Hand the selected current post to a successor (saves this form first)")
        )
        self.posts_status = quiet()
        self.appoint_button.clicked.connect(self.appoint_successor)
        self.timeline.itemSelectionChanged.connect(self._on_timeline_selection)

    def _make_protocol(self) -> None:
        self.protocol: dict[str, DefaultField] = {}
        for name, _label in PROTOCOL_FIELDS:
            if name == "rank":
                editor: QLineEdit | QPlainTextEdit | QComboBox = rank_combo(RANKS)
            elif name == "addressee_line":
                editor = QPlainTextEdit()
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 12)
            else:
                editor = QLineEdit()
            self.protocol[name] = DefaultField(editor)
        self.letter = LetterPreview()

    def _membership_row(
        self, initial: MembershipInput | None
    ) -> tuple[list[QWidget], Callable[[], MembershipInput]]:
        title = QLineEdit(initial.post_title if initial else "")
        title.setPlaceholderText(self.tr("Minister of Foreign Affairs"))
        organisation = ChoiceCombo(self.tr("No organisation"), searchable=True)
        organisation.setMinimumContentsLength(12)
        # The person's own country's organisations first; a repeated name shows its country.
        organisation.set_choices(self.services.organisations.choices(first=self.country.value()))
        organisation.set_value(initial.organisation_id if initial else None)
        start, end = OptionalDateEdit(), OptionalDateEdit()
        start.set_value(initial.start_date if initial else None)
        end.set_value(initial.end_date if initial else None)
        acting = QCheckBox()
        acting.setToolTip(self.tr("Acting (ad interim)"))
        acting.setChecked(initial.acting if initial else False)
        mission = QComboBox()
        mission.setToolTip(self.tr("Class of head of mission (Vienna Convention, art. 14)"))
        for member in MissionClass:
            mission.addItem(
                "—" if member is MissionClass.NONE else mission_class_text(member), member.value
            )
        mission.setCurrentIndex(
            max(mission.findData(initial.mission_class.value if initial else ""), 0)
        )
        credentials = OptionalDateEdit()
        credentials.setToolTip(self.tr("The day credentials were presented"))
        credentials.set_value(initial.credentials_on if initial else None)
        note = initial.note if initial else ""
        membership_id = initial.id if initial else None

        def read() -> MembershipInput:
            return MembershipInput(
                title.text(),
                organisation.value(),
                start.value(),
                end.value(),
                acting.isChecked(),
                note,
                MissionClass(mission.currentData()),
                credentials.value(),
                membership_id,
            )

        return [title, organisation, start, end, acting, mission, credentials], read

    # -- RecordForm -----------------------------------------------------------------------
    def load(self) -> None:
        assert self.record_id is not None  # finish() loads only a saved record
        detail = self.services.people.get(self.record_id)
        self._detail = detail
        self.version = detail.version
        self.setWindowTitle(detail.display_name)
        d = detail.data
        self.honorific.setText(d.honorific)
        self.given_name.setText(d.given_name)
        self.family_name.setText(d.family_name)
        self.name_original.setText(d.name_original)
        self.other_names.setText(d.other_names)
        self.name_order.set_value(d.name_order or NameOrder.GIVEN_FIRST)
        self._order_chosen = True
        self._shown = (d.name_shown, d.given_name, d.family_name)
        self.pronunciation.setText(d.pronunciation)
        self.gender.set_value(d.gender)
        self.birth.set_value(d.birth_date, d.birthday)
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
        for name, field in self.protocol.items():
            field.set_value(getattr(d, name))
        self.tags.set_choices(self.services.tags.choices())
        self.tags.set_selected(d.tag_ids)
        self.photo.set_record(detail.id, detail.display_name, has_photo=detail.has_photo)
        self.relationships.set_record(detail.id, detail.display_name)
        self.follow_up.show_person(detail.id)
        self.timeline.set_entries(self.services.posts.timeline(detail.id))
        self._on_timeline_selection()

    def collect(self) -> PersonInput:
        return PersonInput(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            honorific=self.honorific.text(),
            other_names=self.other_names.text(),
            name_original=self.name_original.text(),
            pronunciation=self.pronunciation.text(),
            gender=self.gender.value(),
            birth_date=self.birth.birth_date(),
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
            rank=self.protocol["rank"].value(),
            addressee_line=self.protocol["addressee_line"].value(),
            salutation=self.protocol["salutation"].value(),
            complimentary_close=self.protocol["complimentary_close"].value(),
            form_of_address=self.protocol["form_of_address"].value(),
            correspondence_language=self.protocol["correspondence_language"].value(),
            birthday=self.birth.birthday(),
            name_order=self.name_order.value() if self._order_chosen else None,
            name_shown=self._kept_shown(),
            tag_ids=self.tags.selected(),
        )

    def store(self, data: PersonInput) -> int:
        people = self.services.people
        photo, ties = self.photo.change(), self.relationships.values()
        if self.record_id is None:
            detail = people.create(data, photo=photo, ties=ties)
            # A form kept open after its first save edits the record it made.
            self.record_id = detail.id
        else:
            detail = people.update(
                self.record_id,
                data,
                self.version or 0,
                photo=photo,
                ties=ties,
                closings=self.follow_up.closings(),
            )
        self.version = detail.version
        return detail.id

    def show_errors(self, errors: dict[str, str]) -> None:
        errors = dict(errors)
        if "birthday" in errors:  # one field shows both kinds of birth date
            errors.setdefault("birth_date", errors.pop("birthday"))
        first = next((name for name in errors if name in self._tab_of), None)
        if first is not None:
            self.tabs.setCurrentIndex(self._tab_of[first])
        super().show_errors(errors)
        wrong = {self._tab_of[name] for name in errors if name in self._tab_of}
        colour = QColor(error_colour(self))
        for tab in range(self.tabs.count()):
            self.tabs.tabBar().setTabTextColor(tab, colour if tab in wrong else QColor())

    def clear_errors(self) -> None:
        super().clear_errors()
        for tab in range(self.tabs.count()):
            self.tabs.tabBar().setTabTextColor(tab, QColor())

    def save(self) -> bool:
        """A new person who may already be on record is shown the match first, to open it,
        save and merge, or save as someone else."""
        if self.record_id is not None:
            return super().save()
        try:
            data = self.collect()
        except ValidationError:
            return super().save()  # which shows what is wrong
        matches = self.services.duplicates.matches_for(
            data.given_name, data.family_name, data.name_original, data.emails, data.phones
        )
        answer = NamesakeDialog.ask(self, matches) if matches else NamesakeAnswer.SAVE
        if answer is NamesakeAnswer.CANCEL:
            return False
        if answer is NamesakeAnswer.OPEN:
            self.dirty = False
            self.reject()
            type(self).ask(self.parentWidget(), self.services, matches[0].second_id)
            return False
        if not super().save():
            return False
        if answer is NamesakeAnswer.MERGE and self.record_id is not None:
            MergeDialog.ask(self, self.services, matches[0].second_id, self.record_id)
        return True

    # -- actions --------------------------------------------------------------------------
    def save_keep_open(self) -> bool:
        """Save without closing; successions and quick entry of engagements then open up."""
        if not self.save():
            return False
        self._reload_saved()
        return True

    def appoint_successor(self) -> bool:
        """Hand the selected current post to a successor chosen in a dialog."""
        entry = self.timeline.current_entry()
        if entry is None or not entry.current or self.record_id is None:
            return False
        if self.dirty and not self.save_keep_open():
            return False
        holder = SuccessorDialog.ask(self, self.services, entry, self.display_name())
        if holder is None:
            return False
        self._reload_saved()
        self.timeline.select_entry(entry.id)
        self.posts_status.setText(
            self.tr("%1 holds %2 from %3; this post ended the day before.")
            .replace("%1", holder.name)
            .replace("%2", holder.post_title)
            .replace("%3", format_date(holder.start_date))
        )
        return True

    def display_name(self) -> str:
        # Blank-only fields count as empty here: the record is saved stripped.
        given, family = self.given_name.text(), self.family_name.text()
        return display_name(
            given if given.strip() else "",
            family if family.strip() else "",
            self.name_original.text(),
            self.other_names.text(),
            order=self.name_order.value(),
            shown=self._kept_shown(),
        )

    def _kept_shown(self) -> str:
        """The card's display form, kept while the name parts it was kept for stand."""
        shown, given, family = self._shown
        same = (self.given_name.text().strip(), self.family_name.text().strip()) == (
            given,
            family,
        )
        return shown if same else ""

    def proposed(self) -> ProtocolBlock:
        """The protocol defaults for what the form says now (unsaved edits included)."""
        return propose_protocol(self._facts())

    def effective(self) -> ProtocolBlock:
        stored = ProtocolBlock(
            honorific=self.honorific.text(),
            **{name: field.value() for name, field in self.protocol.items()},
        )
        return effective_protocol(stored, self.proposed())

    # -- inside ---------------------------------------------------------------------------
    def _facts(self) -> ProtocolFacts:
        """The service's facts (services.people.protocol_facts), read from the widgets so the
        preview follows typing; the accreditation rule itself is the domain's."""
        today = date.today()
        current = [m for m in self.memberships.values() if held_on(m, today)]
        accredited = is_accredited_ambassador(
            ((m.mission_class, m.credentials_on) for m in current), today
        )
        return ProtocolFacts(
            gender=self.gender.value(),
            rank=self.protocol["rank"].value(),
            honorific=self.honorific.text(),
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            name_order=self.name_order.value(),
            accredited_ambassador=accredited,
            current_posts=tuple(m.post_title for m in current),
            languages=self.languages.text(),
        )

    def _refresh_protocol(self) -> None:
        proposed = self.proposed()
        for name, field in self.protocol.items():
            field.set_proposed(getattr(proposed, name))
        self.honorific.setPlaceholderText(proposed.honorific or self.tr("H.E., Dr, The Hon."))
        today = date.today()
        names = {c.id: c.name for c in self._organisations}
        organisation = next(
            (
                names.get(m.organisation_id, "")
                for m in self.memberships.values()
                if held_on(m, today) and m.organisation_id is not None
            ),
            "",
        )
        self.letter.show_block(
            self.effective(), organisation=organisation, address=self.address.toPlainText()
        )
        self.photo.set_name(self.display_name())
        self.relationships.set_name(self.display_name())

    def _saved_parts(self) -> None:
        """What needs a saved record: successions and the commitments tab."""
        saved = self.record_id is not None
        self.keep_open_button.setVisible(not saved)
        if not saved:
            self.photo.set_record(None, self.display_name(), has_photo=False)
            self.relationships.set_record(None, self.display_name())
            self.posts_status.setText(self.tr("Save the person to see the timeline."))
        self.follow_up.setEnabled(saved)
        self._on_timeline_selection()

    def _reload_saved(self) -> None:
        try:
            self.load()
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot reload"), str(exc))
        self.dirty = False
        self._saved_parts()
        self._refresh_protocol()

    def _on_field_changed(self, *_args: object) -> None:
        super()._on_field_changed()
        if not self._order_chosen:
            inferred = infer_name_order(
                self.given_name.text(), self.family_name.text(), "", self.name_original.text()
            )
            if inferred != self.name_order.value():
                self.name_order.set_value(inferred)
        self._refresh_protocol()

    def _on_country_index_changed(self, _index: int) -> None:
        if self.phones.text().strip():
            self._check_phones()

    def _check_phones(self) -> None:
        """Name the numbers that cannot be read; they will be kept exactly as typed."""
        unread = self.services.people.unreadable_phones(
            split_list(self.phones.text()), self.country.value()
        )
        if not unread:
            self.phones_note.hide()
            return
        self.phones_note.setText(
            self.tr(
                "Not a number that can be read: %1. It is kept as typed; add the country code "
                "(+30 …) or choose the person's country to store it in international form."
            ).replace("%1", ", ".join(unread))
        )
        self.phones_note.setStyleSheet(f"color: {error_colour(self)};")
        self.phones_note.show()

    def _on_name_order_activated(self, _index: int) -> None:
        self._order_chosen = True
        self._on_field_changed()

    def _on_timeline_selection(self) -> None:
        entry = self.timeline.current_entry()
        self.appoint_button.setEnabled(
            self.record_id is not None and entry is not None and entry.current
        )
