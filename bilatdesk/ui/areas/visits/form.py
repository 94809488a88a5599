"""The visit form: who goes where and when, the brief's own words, and the programme.

An existing visit saves itself 2 s after typing stops (at the version it last read, so a
change made elsewhere is caught, not overwritten), and again on closing: the free text of a
brief is long and written over days, and none of it may be lost to a crash.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTime, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain import STEERING_PARTS
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.services.visits.service import VisitDetail, VisitInput
from bilatdesk.ui.areas.visits.programme import Meeting, ProgrammePanel
from bilatdesk.ui.kit.base_form import RecordForm
from bilatdesk.ui.kit.date_edits import DateEdit
from bilatdesk.ui.kit.field_errors import error_colour
from bilatdesk.ui.kit.messages import UnsavedChangesDialog
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.kit.widgets import (
    ChoiceCombo,
    ClassificationCombo,
    from_qdate,
    long_text_edit,
    to_qdate,
)

AUTOSAVE_MS = 2000


def date_edit() -> QDateEdit:
    edit = DateEdit()
    edit.setDate(QDate.currentDate())
    return edit


class VisitForm(RecordForm):
    """Create or edit a visit; Apply saves and stays, after which typing saves itself."""

    HISTORY = "visit"

    KIND = "visit"

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> None:
        super().__init__(parent, services, record_id, scope)
        self.setWindowTitle(self.tr("New visit") if record_id is None else self.tr("Visit"))
        self.window_place.prefer(960, 640)
        self._programme_key: tuple[int, date, date] | None = None
        self.apply_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Apply)
        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, self.save_state)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._build_fields()
        self._lay_out()
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        self.starts_on.dateChanged.connect(self._on_starts_on_dateChanged)
        if record_id is None:
            self.country.set_value(scope)
        self.finish()

    def _build_fields(self) -> None:
        self.principal = QLineEdit()
        self.principal.setPlaceholderText(self.tr("e.g. the Minister of Foreign Affairs"))
        self.country = ChoiceCombo(self.tr("Choose a country"))
        self.country.set_choices(self.services.countries.choices())
        self.starts_on = date_edit()
        self.ends_on = date_edit()
        self.delegation = long_text_edit(4)
        self.delegation.setPlaceholderText(self.tr("One member per line, with their title"))
        self.classification = ClassificationCombo()
        self.parts: dict[str, QPlainTextEdit] = {
            name: long_text_edit(3) for name, _label in STEERING_PARTS
        }
        self.protocol_notes = long_text_edit(3)
        self.protocol_notes.setPlaceholderText(
            self.tr("Precedence, forms of address, gifts, flags, dietary notes")
        )
        self.programme = ProgrammePanel()

    def _lay_out(self) -> None:
        self.add_section(self.tr("The visit"))
        self.add_field("principal", self.tr("Principal"), self.principal)
        self.add_field("country_id", self.tr("Country"), self.country)
        self.add_field("starts_on", self.tr("Arrives"), self.starts_on)
        self.add_field("ends_on", self.tr("Leaves"), self.ends_on)
        self.add_field("delegation", self.tr("Delegation"), self.delegation)
        self.add_field("classification", self.tr("Classification"), self.classification)
        self.add_section(self.tr("Steering brief"))
        for name, label in STEERING_PARTS:
            self.add_field(name, tr(label), self.parts[name])
        self.add_section(self.tr("Programme and call notes"))
        self.add_field("call_notes", "", self.programme)
        self.add_section(self.tr("Protocol"))
        self.add_field("protocol_notes", self.tr("Protocol notes"), self.protocol_notes)

    # -- the record -----------------------------------------------------------------------
    def load(self) -> None:
        assert self.record_id is not None
        detail = self.services.visits.get(self.record_id)
        d = detail.data
        self.principal.setText(d.principal)
        self.country.set_value(d.country_id)
        self.starts_on.setDate(to_qdate(d.starts_on))
        self.ends_on.setDate(to_qdate(d.ends_on))
        self.delegation.setPlainText(d.delegation)
        self.classification.set_value(d.classification)
        for name, edit in self.parts.items():
            edit.setPlainText(getattr(d, name))
        self.protocol_notes.setPlainText(d.protocol_notes)
        self.programme.set_notes(d.call_notes)
        self._show_detail(detail)

    def _show_detail(self, detail: VisitDetail) -> None:
        self.record_id = detail.id
        self.version = detail.version
        self.setWindowTitle(self.tr("Visit of %1").replace("%1", detail.data.principal))
        key = (detail.data.country_id, detail.data.starts_on, detail.data.ends_on)
        if key != self._programme_key:
            self._programme_key = key
            self.refresh_programme()

    def refresh_programme(self) -> None:
        """Re-read the engagements inside the visit (after its country or dates change)."""
        if self.record_id is None:
            self.programme.show_unsaved()
            return
        try:
            meetings = [
                Meeting.of(self.services.engagements.get(i))
                for i in self.services.visits.programme_ids(self.record_id)
            ]
        except ServiceError as exc:
            self.programme.set_meetings([], str(exc))
            return
        self.programme.set_meetings(
            meetings,
            self.tr(
                "No engagements are logged in %1 between these dates. Log the meetings under "
                "Engagements and they appear here."
            ).replace("%1", self.country.currentText()),
        )

    def collect(self) -> VisitInput:
        country_id = self.country.value()
        if country_id is None:
            raise ValidationError({"country_id": self.tr("Choose the country visited.")})
        texts = {name: edit.toPlainText() for name, edit in self.parts.items()}
        return VisitInput(
            principal=self.principal.text(),
            country_id=country_id,
            starts_on=from_qdate(self.starts_on.date()),
            ends_on=from_qdate(self.ends_on.date()),
            delegation=self.delegation.toPlainText(),
            classification=self.classification.value(),
            protocol_notes=self.protocol_notes.toPlainText(),
            call_notes=self.programme.values(),
            **texts,
        )

    def store(self, data: VisitInput) -> int:
        self._autosave.stop()
        visits = self.services.visits
        detail = (
            visits.create(data)
            if self.record_id is None
            else visits.update(self.record_id, data, self.version or 0)
        )
        self._show_detail(detail)
        self._say_saved()
        return detail.id

    # -- autosave -------------------------------------------------------------------------
    def save_now(self) -> bool:
        """Save an existing visit if it changed, quietly; False (and why, below) if refused."""
        self._autosave.stop()
        if not self.dirty or self.record_id is None:
            return True
        try:
            self.saved_id = self.store(self.collect())
        except ValidationError as exc:
            # Shown at the fields without moving the focus away from what is being typed.
            unplaced = self.errors.show(exc.errors)
            if unplaced:
                self.show_banner(" ".join(unplaced))
            self._say_not_saved(str(exc))
            return False
        except ServiceError as exc:
            self.show_banner(str(exc))
            self._say_not_saved(str(exc))
            return False
        self.clear_errors()
        self.dirty = False
        return True

    def _say_saved(self) -> None:
        self.save_state.setText(
            self.tr("Saved %1").replace("%1", QTime.currentTime().toString("HH:mm:ss"))
        )
        self.save_state.setStyleSheet("")

    def _say_not_saved(self, sentence: str) -> None:
        self.save_state.setText(self.tr("Not saved: %1").replace("%1", sentence))
        self.save_state.setStyleSheet(f"color: {error_colour(self)};")

    # -- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc and Cancel: a saved visit keeps what was typed; refused input asks first."""
        if self.record_id is not None and self.dirty and not self.save_now():
            if UnsavedChangesDialog.ask(self) != UnsavedChangesDialog.DISCARD:
                return
            self.dirty = False
        super().reject()

    def done(self, result: int) -> None:
        self._autosave.stop()
        super().done(result)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        record_id: int | None = None,
        scope: int | None = None,
    ) -> int | None:
        """Open the form modally; the visit's id when anything was saved (Apply, autosave),
        even if the form was then closed with Cancel."""
        form = cls(parent, services, record_id, scope)
        form.exec()
        return form.saved_id

    # -- slots ----------------------------------------------------------------------------
    def _on_field_changed(self, *_args: object) -> None:
        super()._on_field_changed()
        if self.record_id is not None:
            self.save_state.setText(self.tr("Editing…"))
            self.save_state.setStyleSheet("")
            self._autosave.start()

    def _on_autosave_timeout(self) -> None:
        self.save_now()

    def _on_apply_button_clicked(self) -> None:
        self.save()

    def _on_starts_on_dateChanged(self, day: QDate) -> None:
        # Most visits last a few days: the end follows a start moved past it.
        if self.ends_on.date() < day:
            self.ends_on.setDate(day)
