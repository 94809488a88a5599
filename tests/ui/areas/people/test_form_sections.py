"""The person form's tabs: identity and birthday, posts and timeline, successions, protocol
defaults with their live letter preview, relationships, tags, and the photo beside Save."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.domain.enums import Gender, MissionClass, RelationshipScope
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.listing import DeleteImpact
from bilatdesk.services.people.posts import PostHolder
from bilatdesk.services.people.relationships import RelationshipInput
from bilatdesk.services.people.service import MembershipInput, MembershipView, PersonInput
from bilatdesk.ui.areas.people.birth_field import BirthField
from bilatdesk.ui.areas.people.form import PersonForm
from bilatdesk.ui.areas.people.form_tabs import TAB_CONTACTS, TAB_IDENTITY, TAB_POSTS, TAB_PROTOCOL
from bilatdesk.ui.areas.people.picker import PersonPicker
from bilatdesk.ui.areas.people.post_timeline import title_text
from bilatdesk.ui.areas.people.relationship_dialog import RelationshipDialog, TieEntry
from bilatdesk.ui.areas.people.successor_dialog import SuccessorDialog
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog, UnsavedChangesDialog
from bilatdesk.ui.kit.widgets import OptionalDateEdit

TODAY = date.today()


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forms left with edits at the end of a test close without asking."""
    monkeypatch.setattr(
        UnsavedChangesDialog, "ask", classmethod(lambda cls, parent: UnsavedChangesDialog.DISCARD)
    )


def open_form(qtbot: QtBot, services: Services, record_id: int | None = None) -> PersonForm:
    form = PersonForm(None, services, record_id)
    qtbot.addWidget(form)
    form.show()
    return form


def save(qtbot: QtBot, form: PersonForm) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is not None, form.banner.text() or form.field_error("memberships")


def person(services: Services, family: str) -> int:
    return next(r.id for r in services.people.list().rows if r.name.endswith(family))


def minister(services: Services) -> int:
    """A man who is Minister of Foreign Affairs today, Secretary-General before that."""
    organisation = services.organisations.list().rows[0].id
    return services.people.create(
        PersonInput(
            given_name="Jürgen",
            family_name="Grünwald",
            gender=Gender.MALE,
            languages="de, en",
            memberships=(
                MembershipInput(
                    "Secretary-General", organisation, date(2019, 1, 1), date(2023, 5, 31)
                ),
                MembershipInput("Minister of Foreign Affairs", organisation, date(2023, 6, 1)),
                MembershipInput("Chair of the board", None, date(2024, 1, 1), acting=True),
            ),
        )
    ).id


def test_the_form_fits_a_laptop_screen_in_nine_tabs(qtbot: QtBot, populated: Services) -> None:
    """Identity … Commitments, History as tabs; the form opens within 1366x768 and needs no more."""
    form = open_form(qtbot, populated, person(populated, "Berger"))
    assert [form.tabs.tabText(i) for i in range(form.tabs.count())] == [
        "Identity",
        "Contacts",
        "Posts",
        "Protocol",
        "Relationships",
        "Tags",
        "Biography",
        "Commitments",
        "History",
    ]
    assert form.width() <= 1366 and form.height() <= 740
    hint = form.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740
    assert form.tabs.currentIndex() == TAB_IDENTITY


def test_an_error_on_another_tab_brings_that_tab_forward(qtbot: QtBot, populated: Services) -> None:
    """A bad e-mail (Contacts tab) is shown at its field, its tab comes forward in red."""
    form = open_form(qtbot, populated, person(populated, "Berger"))
    form.emails.setText("not-an-address")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "does not look like an e-mail address" in form.field_error("emails")
    assert form.tabs.currentIndex() == TAB_CONTACTS
    assert form.tabs.tabBar().tabTextColor(TAB_CONTACTS).name() in ("#c62828", "#ff8a80")
    form.emails.setText("anna@example.org")
    save(qtbot, form)
    assert form.tabs.tabBar().tabTextColor(TAB_CONTACTS) == QColor()


def test_birthday_without_a_year_is_kept_as_month_and_day(
    qtbot: QtBot, populated: Services
) -> None:
    """ "Birthday, year unknown" stores MMDD and no date; reopening shows day and month."""
    form = open_form(qtbot, populated, person(populated, "Berger"))
    form.birth.mode.setCurrentIndex(BirthField.DAY_AND_MONTH)
    form.birth.month.setCurrentIndex(1)  # February
    assert form.birth.day.maximum() == 29
    form.birth.day.setValue(29)
    save(qtbot, form)
    detail = populated.people.get(form.saved_id or 0)
    assert detail.data.birth_date is None and detail.birthday == 229
    again = open_form(qtbot, populated, detail.id)
    assert again.birth.mode.currentIndex() == BirthField.DAY_AND_MONTH
    assert (again.birth.birthday(), again.birth.birth_date()) == (229, None)
    again.birth.mode.setCurrentIndex(BirthField.FULL_DATE)
    again.birth.date_edit.setDate(
        again.birth.date_edit.date().fromString("1970-03-08", "yyyy-MM-dd")
    )
    save(qtbot, again)
    detail = populated.people.get(detail.id)
    assert detail.data.birth_date == date(1970, 3, 8) and detail.birthday == 308


def test_head_of_mission_class_and_credentials_are_saved(qtbot: QtBot, populated: Services) -> None:
    """The posts table carries class and credentials date; membership ids survive a save."""
    person_id = person(populated, "Berger")
    before = populated.people.get(person_id).memberships[0].id
    form = open_form(qtbot, populated, person_id)
    widgets = form.memberships.row_widgets(0)
    title, mission, credentials = widgets[0], widgets[5], widgets[6]
    assert isinstance(title, QLineEdit) and isinstance(mission, QComboBox)
    assert isinstance(credentials, OptionalDateEdit)
    title.setText("Ambassador")
    mission.setCurrentIndex(mission.findData(MissionClass.AMBASSADOR.value))
    credentials.set_value(date(2020, 2, 3))
    save(qtbot, form)
    held = populated.people.get(person_id).memberships[0]
    assert (held.mission_class, held.credentials_on, held.id) == (
        MissionClass.AMBASSADOR,
        date(2020, 2, 3),
        before,
    )


def test_timeline_is_newest_first_with_current_and_acting_marked(
    qtbot: QtBot, populated: Services
) -> None:
    """The read-only timeline lists the saved posts newest first; current ones flagged."""
    form = open_form(qtbot, populated, minister(populated))
    entries = form.timeline.entries()
    assert [e.post_title for e in entries] == [
        "Chair of the board",
        "Minister of Foreign Affairs",
        "Secretary-General",
    ]
    assert [e.current for e in entries] == [True, True, False]
    assert title_text(entries[0]) == "Chair of the board (acting)"
    assert form.timeline.item(2).toolTip().startswith("Secretary-General\n")
    assert not form.appoint_button.isEnabled()
    form.timeline.setCurrentRow(2)  # a past post has no successor to appoint
    assert not form.appoint_button.isEnabled()
    form.timeline.setCurrentRow(1)
    assert form.appoint_button.isEnabled()


def test_appoint_successor_through_the_dialog(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog names the successor and the day; the post passes on in one write."""
    holder = minister(populated)
    successor = person(populated, "Al-Khatib")
    form = open_form(qtbot, populated, holder)
    form.tabs.setCurrentIndex(TAB_POSTS)
    form.timeline.setCurrentRow(1)
    start = TODAY - timedelta(days=3)
    shown: list[SuccessorDialog] = []

    def fill(
        cls: type[SuccessorDialog],
        parent: QWidget,
        services: Services,
        membership: MembershipView,
        holder_name: str,
    ) -> PostHolder | None:
        dialog = cls(parent, services, membership, holder_name)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        dialog.successor.setText("Nobody On Record")
        assert not dialog.appoint()  # a free name is not a person on record
        assert "people on record" in dialog.error.text()
        dialog.successor.clear()
        qtbot.keyClicks(dialog.successor, "Omar")
        dialog.successor.setText("Omar Al-Khatib")
        dialog.start.setDate(dialog.start.date().addDays(-3))
        assert dialog.appoint(), dialog.error.text()
        return dialog.appointed

    monkeypatch.setattr(SuccessorDialog, "ask", classmethod(fill))
    qtbot.mouseClick(form.appoint_button, Qt.MouseButton.LeftButton)
    assert shown and "from Jürgen Grünwald" in shown[0].intro.text()
    ended = next(
        m
        for m in populated.people.get(holder).memberships
        if m.post_title == "Minister of Foreign Affairs"
    )
    assert ended.end_date == start - timedelta(days=1) and not ended.current
    taken = next(
        m
        for m in populated.people.get(successor).memberships
        if m.post_title == "Minister of Foreign Affairs"
    )
    assert taken.start_date == start and taken.current
    assert [e.current for e in form.timeline.entries()] == [True, False, False]
    assert "Omar Al-Khatib holds Minister of Foreign Affairs" in form.posts_status.text()
    # The form reloaded: saving again does not put the ended post back.
    form.pronunciation.setText("YUR-gen")
    save(qtbot, form)
    again = next(
        m
        for m in populated.people.get(holder).memberships
        if m.post_title == "Minister of Foreign Affairs"
    )
    assert again.end_date == start - timedelta(days=1)


def test_appointing_saves_pending_edits_first(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unsaved edits are saved before the handover, so neither overwrites the other."""
    holder = minister(populated)
    form = open_form(qtbot, populated, holder)
    form.pronunciation.setText("YUR-gen")
    form.timeline.setCurrentRow(1)
    monkeypatch.setattr(SuccessorDialog, "ask", classmethod(lambda cls, *args: None))
    form.appoint_successor()
    assert populated.people.get(holder).data.pronunciation == "YUR-gen"
    assert not form.dirty and form.isVisible()


def test_protocol_placeholders_show_the_proposed_defaults(
    qtbot: QtBot, populated: Services
) -> None:
    """Each empty protocol field shows the service's proposal; the preview uses it."""
    person_id = minister(populated)
    detail = populated.people.get(person_id)
    form = open_form(qtbot, populated, person_id)
    form.tabs.setCurrentIndex(TAB_PROTOCOL)
    proposed = detail.proposed
    assert proposed.salutation == "Dear Minister,"
    for name, field in form.protocol.items():
        expected = getattr(proposed, name) or "(no default)"
        if name != "addressee_line":  # one-line editors show the lines joined
            expected = expected.replace("\n", " / ")
        assert (field.value(), field.placeholder()) == ("", expected), name
        assert not field.default_button.isEnabled()
    assert form.protocol["addressee_line"].placeholder() == (
        "Minister of Foreign Affairs\nMr Jürgen Grünwald"
    )
    assert form.protocol["correspondence_language"].placeholder() == "de"
    assert form.proposed() == proposed
    preview = form.letter.plain_text()
    assert "Dear Minister," in preview and "Yours sincerely," in preview
    assert "Minister of Foreign Affairs" in preview


def test_preview_follows_unsaved_edits(qtbot: QtBot, populated: Services) -> None:
    """An ambassador with credentials becomes "Excellency" as soon as the form says so."""
    form = open_form(qtbot, populated, person(populated, "Berger"))
    form.gender.set_value(Gender.FEMALE)
    widgets = form.memberships.row_widgets(0)
    title, start, mission, credentials = widgets[0], widgets[2], widgets[5], widgets[6]
    assert isinstance(title, QLineEdit) and isinstance(mission, QComboBox)
    assert isinstance(start, OptionalDateEdit) and isinstance(credentials, OptionalDateEdit)
    title.setText("Ambassador")
    mission.setCurrentIndex(mission.findData(MissionClass.AMBASSADOR.value))
    credentials.set_value(TODAY - timedelta(days=10))
    assert form.protocol["salutation"].placeholder() == "Excellency,"
    assert form.protocol["form_of_address"].placeholder() == "Your Excellency"
    assert form.honorific.placeholderText() == "H.E."
    assert "Her Excellency Ms Anna Berger" in form.letter.plain_text()


def test_an_override_then_use_default_returns_to_the_default(
    qtbot: QtBot, populated: Services
) -> None:
    """A typed salutation is stored and used; "Use default" empties it and the default returns."""
    person_id = minister(populated)
    form = open_form(qtbot, populated, person_id)
    salutation = form.protocol["salutation"]
    qtbot.keyClicks(salutation.editor, "Dear Colleague,")
    assert salutation.default_button.isEnabled()
    assert "Dear Colleague," in form.letter.plain_text()
    form.protocol["rank"].set_value("Counsellor")
    save(qtbot, form)
    detail = populated.people.get(person_id)
    assert detail.data.salutation == detail.protocol.salutation == "Dear Colleague,"
    assert detail.data.rank == "Counsellor"
    form = open_form(qtbot, populated, person_id)
    salutation = form.protocol["salutation"]
    assert salutation.value() == "Dear Colleague,"
    qtbot.mouseClick(salutation.default_button, Qt.MouseButton.LeftButton)
    assert salutation.value() == "" and form.dirty
    assert salutation.placeholder() == "Dear Minister,"
    save(qtbot, form)
    detail = populated.people.get(person_id)
    assert detail.data.salutation == ""
    assert detail.protocol.salutation == detail.proposed.salutation == "Dear Minister,"


def test_hostile_text_in_protocol_fields_is_shown_literally(
    qtbot: QtBot, populated: Services
) -> None:
    """Markup typed as an addressee shows as typed in the preview, and is stored as typed."""
    person_id = person(populated, "Berger")
    form = open_form(qtbot, populated, person_id)
    hostile = "<b>=cmd|' /C calc'!A0</b>\n\u200fRTL ../../x"
    form.protocol["addressee_line"].set_value(hostile)
    assert "<b>=cmd|' /C calc'!A0</b>" in form.letter.plain_text()
    save(qtbot, form)
    assert populated.people.get(person_id).data.addressee_line == hostile


def test_tags_are_saved_with_the_form(qtbot: QtBot, populated: Services) -> None:
    """Tags picked (and one added to the vocabulary) are stored on Save."""
    energy = populated.tags.create("Energy").id
    person_id = person(populated, "Berger")
    form = open_form(qtbot, populated, person_id)
    qtbot.keyClicks(form.tags.line, "energy")
    qtbot.keyClick(form.tags.line, Qt.Key.Key_Return)
    qtbot.keyClicks(form.tags.line, "Water")
    qtbot.mouseClick(form.tags.offer, Qt.MouseButton.LeftButton)
    assert form.dirty
    save(qtbot, form)
    tags = populated.people.get(person_id).tags
    assert [t.name for t in tags] == ["Energy", "Water"] and tags[0].id == energy


def relationship_filler(qtbot: QtBot, kind: str, other: str, note: str = "") -> object:
    def fill(
        cls: type[RelationshipDialog], *args: object, initial: TieEntry | None = None
    ) -> TieEntry | None:
        dialog = cls(*args, initial=initial)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.choose_kind(kind)
        assert isinstance(dialog.other, PersonPicker)
        if other:
            qtbot.keyClicks(dialog.other, other.split(maxsplit=1)[0])
            dialog.other.setText(other)
        dialog.note.setText(note)
        assert dialog.save(), dialog.error.text()
        return dialog.answer

    return classmethod(fill)


def cancel(qtbot: QtBot, form: PersonForm) -> None:
    qtbot.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )


def asked_to_discard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each "unsaved changes" question, answering Discard."""
    asked: list[str] = []

    def discard(cls: type, parent: QWidget | None) -> str:
        asked.append(parent.windowTitle() if parent is not None else "")
        return UnsavedChangesDialog.DISCARD

    monkeypatch.setattr(UnsavedChangesDialog, "ask", classmethod(discard))
    return asked


def navy_on_clipboard() -> None:
    image = QImage(120, 150, QImage.Format.Format_RGB32)
    image.fill(QColor("navy"))
    QGuiApplication.clipboard().setImage(image)


def test_relationships_are_held_until_save(
    qtbot: QtBot,
    populated: Services,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    """Add ("advised by" from this side), edit and remove change only the form, which counts
    as changed; removal asks; Save writes them all with the person."""
    person_id = person(populated, "Berger")
    adviser = person(populated, "Al-Khatib")
    colleague = person(populated, "Hofstätter")
    colleague_type = next(
        t.id
        for t in populated.relationships.types(RelationshipScope.PEOPLE)
        if t.name == "colleague"
    )
    populated.relationships.create(RelationshipInput(colleague_type, person_id, colleague))
    form = open_form(qtbot, populated, person_id)
    editor = form.relationships
    assert editor.row_count() == 1 and "saved with the person" in editor.note.text()
    kinds = RelationshipDialog(None, populated, RelationshipScope.PEOPLE, person_id, "Anna")
    qtbot.addWidget(kinds)
    labels = [kinds.kind.itemText(i) for i in range(kinds.kind.count())]
    assert "adviser to" in labels and "advised by" in labels
    assert labels.count("spouse of") == 1  # the same both ways: offered once
    monkeypatch.setattr(
        RelationshipDialog,
        "ask",
        relationship_filler(qtbot, "advised by", "Omar Al-Khatib", "EU file"),
    )
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.model.rowCount() == 2 and form.dirty
    qtmodeltester.check(editor.model)
    assert [editor.model.index(1, c).data() for c in (0, 1, 4)] == [
        "advised by",
        "Omar Al-Khatib",
        "EU file",
    ]
    assert populated.relationships.for_person(adviser) == []
    assert "Not saved yet" in editor.note.text()
    monkeypatch.setattr(
        RelationshipDialog, "ask", relationship_filler(qtbot, "spouse of", "", "married 2001")
    )
    editor.table.selectRow(1)
    qtbot.mouseClick(editor.edit_button, Qt.MouseButton.LeftButton)
    assert [editor.model.index(1, c).data() for c in (0, 1, 4)] == [
        "spouse of",
        "Omar Al-Khatib",
        "married 2001",
    ]
    asked: list[DeleteImpact] = []
    answer = [False]
    monkeypatch.setattr(
        ConfirmDeleteDialog,
        "ask",
        classmethod(lambda cls, parent, impact: asked.append(impact) or answer[0]),
    )
    editor.table.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert asked[0].name == "Anna Berger — former colleague of — Lukas Hofstätter"
    assert "when you save the person" in asked[0].consequences[0]
    assert editor.model.rowCount() == 2
    answer[0] = True
    editor.table.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.model.rowCount() == 1
    assert [v.other_id for v in populated.relationships.for_person(person_id)] == [colleague]
    save(qtbot, form)
    seen = populated.relationships.for_person(person_id)
    assert [(v.label, v.other_id, v.note) for v in seen] == [("spouse of", adviser, "married 2001")]


def test_relationships_cancelled_ask_first_and_write_nothing(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel with a tie held asks about the unsaved changes; Discard leaves the database
    as it was."""
    person_id = person(populated, "Berger")
    asked = asked_to_discard(monkeypatch)
    monkeypatch.setattr(
        RelationshipDialog, "ask", relationship_filler(qtbot, "adviser to", "Omar Al-Khatib")
    )
    form = open_form(qtbot, populated, person_id)
    qtbot.mouseClick(form.relationships.add_button, Qt.MouseButton.LeftButton)
    cancel(qtbot, form)
    assert asked == ["Anna Berger"] and not form.isVisible()
    assert populated.relationships.for_person(person_id) == []


def test_a_refused_save_writes_neither_photo_nor_ties(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Save refused for a field keeps the photo and the tie in the form, and writes none of
    them; once the field is put right, Save writes all."""
    person_id = person(populated, "Berger")
    before = populated.people.get(person_id)
    monkeypatch.setattr(
        RelationshipDialog, "ask", relationship_filler(qtbot, "adviser to", "Omar Al-Khatib")
    )
    form = open_form(qtbot, populated, person_id)
    navy_on_clipboard()
    assert form.photo.paste()
    qtbot.mouseClick(form.relationships.add_button, Qt.MouseButton.LeftButton)
    form.given_name.setText("")
    form.family_name.setText("")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is None and form.isVisible()
    assert populated.people.get(person_id) == before
    assert populated.people.photo(person_id) is None
    assert populated.relationships.for_person(person_id) == []
    assert form.photo.change() is not None and form.relationships.values()
    form.family_name.setText("Berger")
    save(qtbot, form)
    assert populated.people.photo(person_id) is not None
    assert [v.label for v in populated.relationships.for_person(person_id)] == ["adviser to"]


def test_a_new_person_is_saved_with_their_photo_and_ties(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Photo and relationships are open before the first save and written with the person;
    Save and keep open stays for what needs a saved person (successions)."""
    monkeypatch.setattr(
        RelationshipDialog, "ask", relationship_filler(qtbot, "deputy to", "Anna Berger")
    )
    form = open_form(qtbot, populated)
    assert form.relationships.add_button.isEnabled() and form.photo.paste_button.isEnabled()
    assert form.keep_open_button.isVisible()
    form.given_name.setText("Amira")
    form.family_name.setText("Nasser")
    navy_on_clipboard()
    assert form.photo.paste()
    qtbot.mouseClick(form.relationships.add_button, Qt.MouseButton.LeftButton)
    assert form.save_keep_open()
    assert form.isVisible() and form.record_id is not None and not form.dirty
    assert not form.keep_open_button.isVisible()
    assert populated.people.photo(form.record_id) is not None
    assert [
        (v.label, v.other_name) for v in populated.relationships.for_person(form.record_id)
    ] == [("deputy to", "Anna Berger")]
    assert form.photo.change() is None and form.relationships.values() == ()
    form.pronunciation.setText("a-MEE-ra")
    save(qtbot, form)
    assert [r.name for r in populated.people.list().rows].count("Amira Nasser") == 1


def test_a_pasted_photo_is_saved_with_the_form_or_forgotten(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pasted photo changes the form only: Cancel asks and writes nothing; Save writes it
    with the fields."""
    person_id = person(populated, "Berger")
    asked = asked_to_discard(monkeypatch)
    form = open_form(qtbot, populated, person_id)
    navy_on_clipboard()
    assert form.photo.paste()
    assert form.dirty and populated.people.photo(person_id) is None
    cancel(qtbot, form)
    assert asked == ["Anna Berger"]
    assert populated.people.photo(person_id) is None
    form = open_form(qtbot, populated, person_id)
    form.family_name.setText("Berger-Lind")
    assert form.photo.paste()
    save(qtbot, form)
    detail = populated.people.get(person_id)
    assert detail.data.family_name == "Berger-Lind" and detail.has_photo
    assert populated.undo.undo_label == "edit Anna Berger-Lind"


def test_acting_box_and_dates_remain_in_the_posts_table(qtbot: QtBot, services: Services) -> None:
    """The posts table keeps its first five columns where other screens expect them."""
    form = open_form(qtbot, services)
    qtbot.mouseClick(form.memberships.add_button, Qt.MouseButton.LeftButton)
    widgets = form.memberships.row_widgets(0)
    assert isinstance(widgets[0], QLineEdit) and isinstance(widgets[4], QCheckBox)
    assert isinstance(widgets[2], OptionalDateEdit) and isinstance(widgets[3], OptionalDateEdit)


def test_editing_from_the_reverse_side_keeps_the_direction(
    qtbot: QtBot, populated: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tie seen as "advised by" reopens as "advised by" and saves unchanged in direction."""
    anna, omar = person(populated, "Berger"), person(populated, "Al-Khatib")
    adviser = next(
        t
        for t in populated.relationships.types(RelationshipScope.PEOPLE)
        if t.forward_label == "adviser to"
    )
    populated.relationships.create(RelationshipInput(adviser.id, omar, anna))
    seen: list[RelationshipDialog] = []

    def note(
        cls: type[RelationshipDialog], *args: object, initial: TieEntry | None = None
    ) -> TieEntry | None:
        dialog = cls(*args, initial=initial)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        seen.append(dialog)
        dialog.note.setText("since the summit")
        assert dialog.save(), dialog.error.text()
        return dialog.answer

    monkeypatch.setattr(RelationshipDialog, "ask", classmethod(note))
    form = open_form(qtbot, populated, anna)
    assert form.relationships.entry(0).view.label == "advised by"
    form.relationships.select_row(0)
    qtbot.mouseClick(form.relationships.edit_button, Qt.MouseButton.LeftButton)
    assert seen[0].kind.currentText() == "advised by"
    assert seen[0].other.text() == "Omar Al-Khatib"
    save(qtbot, form)
    again = populated.relationships.for_person(omar)[0]
    assert (again.label, again.other_id, again.note) == ("adviser to", anna, "since the summit")


def test_a_number_that_cannot_be_read_is_said_at_the_field(
    qtbot: QtBot, populated: Services
) -> None:
    """Leaving the phones field names a number kept as typed; the person's country reads it."""
    form = open_form(qtbot, populated, person(populated, "Berger"))
    form.country.set_value(None)
    form.phones.setText("+43 1 531 15-0, 0664 123 4567")
    form.phones.editingFinished.emit()
    assert not form.phones_note.isHidden()
    assert "0664 123 4567" in form.phones_note.text() and "+43" not in form.phones_note.text()
    austria = populated.countries.by_code("AT")
    assert austria is not None
    form.country.set_value(austria.id)  # read in Austria, the mobile number is a number
    assert form.phones_note.isHidden()
    save(qtbot, form)
    stored = populated.people.get(form.record_id or 0).data.phones
    assert "+43 664 1234567" in stored  # stored in E.164, shown internationally
