"""The cable's header fields, in the order they print: marking, precedence, addressees, subject…"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain import DEFAULT_SCHEME
from bilatdesk.domain.cable import PRECEDENCES, CableNature
from bilatdesk.services.cables.records import CableInput
from bilatdesk.services.kernel.listing import Choice
from bilatdesk.ui.kit.date_edits import DateTimeEdit
from bilatdesk.ui.kit.field_errors import FieldErrors
from bilatdesk.ui.kit.widgets import (
    ChoiceCombo,
    ClassificationCombo,
    EnumCombo,
    OptionalDateEdit,
    watch_widget,
)


class CheckList(QListWidget):
    """A short list of records to tick (tags, referenced cables); keeps ticks across refills."""

    changed = Signal()

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self.setMaximumHeight(84)
        self.itemChanged.connect(self._on_self_itemChanged)

    def set_choices(self, choices: Sequence[Choice], keep: Iterable[Choice] = ()) -> None:
        ticked = set(self.values())
        self.blockSignals(True)
        self.clear()
        seen: set[int] = set()
        for choice in [*[c for c in keep if c.id in ticked], *choices]:
            if choice.id in seen:
                continue
            seen.add(choice.id)
            item = QListWidgetItem(choice.name, self)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if choice.id in ticked else Qt.CheckState.Unchecked
            )
        if not seen:
            item = QListWidgetItem(self._empty_text, self)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.blockSignals(False)

    def values(self) -> tuple[int, ...]:
        return tuple(
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.item(i) for i in range(self.count()))
            if item.checkState() == Qt.CheckState.Checked
        )

    def ticked_choices(self) -> list[Choice]:
        return [
            Choice(int(item.data(Qt.ItemDataRole.UserRole)), item.text())
            for item in (self.item(i) for i in range(self.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_values(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        self.blockSignals(True)
        for item in (self.item(i) for i in range(self.count())):
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.data(Qt.ItemDataRole.UserRole) in wanted
                    else Qt.CheckState.Unchecked
                )
        self.blockSignals(False)

    def _on_self_itemChanged(self, _item: QListWidgetItem) -> None:
        self.changed.emit()


def lines_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
    return edit


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class HeaderPanel(QWidget):
    """Header fields with their errors beneath; the overall marking obeys the portions' floor."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self.classification = ClassificationCombo(what=self.tr("the cable's overall marking"))
        self.marking_note = QLabel()
        self.marking_note.setWordWrap(True)
        self.marking_note.setEnabled(False)  # the palette's quiet colour
        self.marking_note.hide()
        self.caveats = QLineEdit()
        self.caveats.setPlaceholderText(self.tr("e.g. NATIONAL EYES ONLY"))
        self.precedence = QComboBox()
        self.precedence.addItems(PRECEDENCES)  # until the post's own list is set
        self.has_deskby = QCheckBox(self.tr("DESKBY"))
        self.deskby = DateTimeEdit()
        self.deskby.setDateTime(QDateTime.currentDateTime().addDays(1))
        self.deskby.setEnabled(False)
        self.night_action = QLineEdit()
        self.night_action.setPlaceholderText(self.tr("Night action: why it cannot wait"))
        self.to_addressees = lines_edit(self.tr("Action addressees, one per line"))
        self.info_addressees = lines_edit(self.tr("Information addressees, one per line"))
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("COUNTRY: HEADLINE"))
        self.country = ChoiceCombo(self.tr("No country"))
        self.references_filter = QLineEdit()
        self.references_filter.setPlaceholderText(self.tr("Find a dispatched cable…"))
        self.references_filter.setClearButtonEnabled(True)
        self.references = CheckList(self.tr("No dispatched cables to cite yet."))
        self.tags = CheckList(self.tr("No subject tags defined yet."))
        self.classified_by = QLineEdit()
        self.classified_by.setPlaceholderText(self.tr("Name, title"))
        self.classification_reason = QLineEdit()
        self.declassify_on = OptionalDateEdit()
        self.nature = EnumCombo(CableNature)
        self.instructions_by = OptionalDateEdit()
        self.signature = QLineEdit()
        self._lay_out()
        self.has_deskby.toggled.connect(self._on_has_deskby_toggled)
        self.nature.currentIndexChanged.connect(self._on_nature_currentIndexChanged)
        self._on_nature_currentIndexChanged(0)
        for widget in (
            self.classification,
            self.caveats,
            self.precedence,
            self.has_deskby,
            self.deskby,
            self.night_action,
            self.to_addressees,
            self.info_addressees,
            self.subject,
            self.country,
            self.references,
            self.tags,
            self.classified_by,
            self.classification_reason,
            self.declassify_on,
            self.nature,
            self.instructions_by,
            self.signature,
        ):
            watch_widget(widget, self.changed.emit)

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        wrap = self.errors.wrap
        marking = QVBoxLayout()
        marking.setSpacing(2)
        marking_row = QHBoxLayout()
        marking_row.addWidget(wrap("classification", self.classification), 1)
        marking_row.addWidget(wrap("caveats", self.caveats), 1)
        marking.addLayout(marking_row)
        marking.addWidget(self.marking_note)
        form.addRow(self.tr("Classification"), marking)
        precedence = QHBoxLayout()
        precedence.addWidget(wrap("precedence", self.precedence))
        precedence.addWidget(self.has_deskby)
        precedence.addWidget(wrap("deskby_at", self.deskby))
        precedence.addWidget(wrap("night_action", self.night_action), 1)
        form.addRow(self.tr("Precedence"), precedence)
        addressees = QHBoxLayout()
        addressees.addWidget(wrap("to_addressees", self.to_addressees), 1)
        addressees.addWidget(QLabel(self.tr("INFO")))
        addressees.addWidget(wrap("info_addressees", self.info_addressees), 1)
        form.addRow(self.tr("TO"), addressees)
        form.addRow(self.tr("Subject"), wrap("subject", self.subject))
        form.addRow(self.tr("Country"), wrap("country_id", self.country))
        references = QVBoxLayout()
        references.setSpacing(2)
        references.addWidget(self.references_filter)
        references.addWidget(wrap("references", self.references))
        tags = QVBoxLayout()
        tags.setSpacing(2)
        tags.addWidget(QLabel(self.tr("Tags")))
        tags.addWidget(wrap("tags", self.tags))
        links = QHBoxLayout()
        links.addLayout(references, 3)
        links.addLayout(tags, 2)
        form.addRow(self.tr("REF"), links)
        classified = QHBoxLayout()
        classified.addWidget(wrap("classified_by", self.classified_by), 2)
        classified.addWidget(wrap("classification_reason", self.classification_reason), 2)
        form.addRow(self.tr("Classified by, reason"), classified)
        form.addRow(self.tr("Declassify on"), wrap("declassify_on", self.declassify_on))
        nature = QHBoxLayout()
        nature.addWidget(wrap("nature", self.nature))
        nature.addWidget(QLabel(self.tr("by")))
        nature.addWidget(wrap("instructions_by", self.instructions_by), 1)
        form.addRow(self.tr("Nature"), nature)
        form.addRow(self.tr("Signature"), wrap("signature", self.signature))

    # -- the marking rule -------------------------------------------------------------------
    def apply_floor(self, codes: Sequence[str], follow: bool) -> bool:
        """Disable overall levels below the highest portion; lift the overall to it if needed.

        With `follow`, the overall marking also comes down with the portions (it is only a
        proposal until the drafter picks a level). True when the marking was raised.
        """
        floor = DEFAULT_SCHEME.highest(codes)
        rank = DEFAULT_SCHEME.rank(floor.code)
        model = self.classification.model()
        assert isinstance(model, QStandardItemModel)
        for row in range(self.classification.count()):
            model.item(row).setEnabled(row >= rank)
        current = DEFAULT_SCHEME.rank(self.classification.value())
        if current < rank or (follow and current != rank):
            raised = current < rank
            self.classification.blockSignals(True)
            self.classification.set_value(floor.code)
            self.classification.blockSignals(False)
            if raised:
                where = next(i for i, c in enumerate(codes, 1) if c == floor.code)
                self.marking_note.setText(
                    self.tr("Raised to %1: paragraph %2 is marked %1.")
                    .replace("%1", floor.name)
                    .replace("%2", str(where))
                )
                self.marking_note.show()
            self.changed.emit()
            return raised
        return False

    # -- values ---------------------------------------------------------------------------
    def set_precedences(self, precedences: Sequence[str]) -> None:
        """The post's own list; a cable keeps a precedence that has since left the list."""
        current = self.precedence.currentText()
        blocked = self.precedence.blockSignals(True)
        self.precedence.clear()
        self.precedence.addItems(list(precedences))
        if current and self.precedence.findText(current) < 0:
            self.precedence.addItem(current)
        self.precedence.setCurrentText(current)
        self.precedence.blockSignals(blocked)

    def set_values(self, data: CableInput) -> None:
        if self.precedence.findText(data.precedence) < 0:
            self.precedence.addItem(data.precedence)
        self.classification.set_value(data.classification)
        self.caveats.setText(data.caveats)
        self.precedence.setCurrentText(data.precedence)
        self.has_deskby.setChecked(data.deskby_at is not None)
        if data.deskby_at is not None:
            self.deskby.setDateTime(QDateTime.fromSecsSinceEpoch(int(data.deskby_at.timestamp())))
        self.night_action.setText(data.night_action)
        self.to_addressees.setPlainText("\n".join(data.to_addressees))
        self.info_addressees.setPlainText("\n".join(data.info_addressees))
        self.subject.setText(data.subject)
        self.country.set_value(data.country_id)
        self.references.set_values(data.references)
        self.tags.set_values(data.tag_ids)
        self.classified_by.setText(data.classified_by)
        self.classification_reason.setText(data.classification_reason)
        self.declassify_on.set_value(data.declassify_on)
        self.nature.set_value(data.nature)
        self.instructions_by.set_value(data.instructions_by)
        self.signature.setText(data.signature)

    def values(self, base: CableInput) -> CableInput:
        """`base` (kind, links the panel does not show) with the panel's fields over it."""
        deskby = None
        if self.has_deskby.isChecked():
            deskby = datetime.fromtimestamp(self.deskby.dateTime().toSecsSinceEpoch(), UTC)
        return CableInput(
            **{
                **base.__dict__,
                "subject": self.subject.text(),
                "country_id": self.country.value(),
                "precedence": self.precedence.currentText(),
                "deskby_at": deskby,
                "night_action": self.night_action.text(),
                "to_addressees": _lines(self.to_addressees),
                "info_addressees": _lines(self.info_addressees),
                "classification": self.classification.value(),
                "caveats": self.caveats.text(),
                "classified_by": self.classified_by.text(),
                "classification_reason": self.classification_reason.text(),
                "declassify_on": self.declassify_on.value(),
                "nature": self.nature.value(),
                "instructions_by": self.instructions_by.value()
                if self.nature.value() is CableNature.INSTRUCTIONS_REQUESTED
                else None,
                "references": self.references.values(),
                "tag_ids": self.tags.values(),
                "signature": self.signature.text(),
            }
        )

    def set_read_only(self, read_only: bool) -> None:
        for edit in (
            self.caveats,
            self.night_action,
            self.subject,
            self.classified_by,
            self.classification_reason,
            self.signature,
        ):
            edit.setReadOnly(read_only)
        for text in (self.to_addressees, self.info_addressees):
            text.setReadOnly(read_only)
        for widget in (
            self.classification,
            self.precedence,
            self.has_deskby,
            self.country,
            self.references,
            self.references_filter,
            self.tags,
            self.declassify_on,
            self.nature,
            self.instructions_by,
        ):
            widget.setEnabled(not read_only)
        self.deskby.setEnabled(not read_only and self.has_deskby.isChecked())
        self.night_action.setEnabled(not self.has_deskby.isChecked())
        self.instructions_by.setEnabled(
            not read_only and self.nature.value() is CableNature.INSTRUCTIONS_REQUESTED
        )

    # -- slots ----------------------------------------------------------------------------
    def _on_has_deskby_toggled(self, on: bool) -> None:
        self.deskby.setEnabled(on)
        if on:
            self.night_action.clear()  # the service takes one or the other
        self.night_action.setEnabled(not on)

    def _on_nature_currentIndexChanged(self, _index: int) -> None:
        self.instructions_by.setEnabled(self.nature.value() is CableNature.INSTRUCTIONS_REQUESTED)
