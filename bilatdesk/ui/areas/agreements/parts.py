"""Composite fields of the agreement form: a period, a party, the duration, negotiation rounds."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from bilatdesk.domain import ConsentMethod, PeriodUnit
from bilatdesk.services.agreements.records import PartyInput
from bilatdesk.services.kernel.listing import Choice
from bilatdesk.ui.kit.widgets import EnumCombo, OptionalDateEdit, watch_widget


class PeriodEdit(QWidget):
    """A period such as "5 years"; optional ones have a checkbox that switches them on."""

    changed = Signal()

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled_box = QCheckBox() if optional else None
        self.amount = QSpinBox()
        self.amount.setRange(1, 1200)
        self.unit: EnumCombo[PeriodUnit] = EnumCombo(PeriodUnit)
        self.unit.set_value(PeriodUnit.YEARS)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.enabled_box is not None:
            self.enabled_box.setToolTip(self.tr("Give a period"))
            layout.addWidget(self.enabled_box)
            self.enabled_box.toggled.connect(self._on_enabled_box_toggled)
        layout.addWidget(self.amount)
        layout.addWidget(self.unit)
        layout.addStretch(1)
        self.setFocusProxy(self.amount)
        self.amount.valueChanged.connect(self.changed)
        self.unit.currentIndexChanged.connect(self.changed)
        self._sync()

    def _sync(self) -> None:
        on = self.enabled_box is None or self.enabled_box.isChecked()
        self.amount.setEnabled(on)
        self.unit.setEnabled(on)

    def _on_enabled_box_toggled(self, _on: bool) -> None:
        self._sync()
        self.changed.emit()

    def value(self) -> tuple[int, PeriodUnit] | None:
        if self.enabled_box is not None and not self.enabled_box.isChecked():
            return None
        return self.amount.value(), self.unit.value()

    def set_value(self, value: tuple[int, PeriodUnit] | None) -> None:
        if self.enabled_box is not None:
            self.enabled_box.setChecked(value is not None)
        if value is not None:
            self.amount.setValue(value[0])
            self.unit.set_value(value[1])
        self._sync()


class DurationChoice(QWidget):
    """Indefinite, or a fixed term."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indefinite = QRadioButton(self.tr("Indefinite"))
        self.fixed = QRadioButton(self.tr("Fixed term"))
        self.indefinite.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.indefinite)
        group.addButton(self.fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.indefinite)
        layout.addWidget(self.fixed)
        layout.addStretch(1)
        self.setFocusProxy(self.indefinite)
        self.fixed.toggled.connect(lambda _on: self.changed.emit())

    def value(self) -> bool:
        """True for a fixed term."""
        return self.fixed.isChecked()

    def set_value(self, fixed_term: bool) -> None:
        (self.fixed if fixed_term else self.indefinite).setChecked(True)


class PartyCard(QFrame):
    """One party to the agreement: who, signature, consent to be bound, entry into force."""

    changed = Signal()

    def __init__(self, initial: PartyInput | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        p = initial or PartyInput("")
        self.name = QLineEdit(p.name)
        self.name.setPlaceholderText(self.tr("State or organisation"))
        self.signatory = QLineEdit(p.signatory)
        self.signatory.setPlaceholderText(self.tr("Name and function"))
        self.signature_date = OptionalDateEdit()
        self.signature_date.set_value(p.signature_date)
        self.signature_place = QLineEdit(p.signature_place)
        self.signature_place.setPlaceholderText(self.tr("Place"))
        self.consent_method: EnumCombo[ConsentMethod] = EnumCombo(ConsentMethod)
        self.consent_method.set_value(p.consent_method)
        self.consent_date = OptionalDateEdit()
        self.consent_date.set_value(p.consent_date)
        self.entry_into_force = OptionalDateEdit()
        self.entry_into_force.set_value(p.entry_into_force)
        self.reservations = QLineEdit(p.reservations)
        self.reservations.setPlaceholderText(self.tr("Reservations or declarations, if any"))
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setVerticalSpacing(4)
        cells: Sequence[tuple[str, QWidget, int, int, int]] = (
            (self.tr("Party"), self.name, 0, 0, 1),
            (self.tr("Signatory"), self.signatory, 0, 2, 3),
            (self.tr("Signed on"), self.signature_date, 1, 0, 1),
            (self.tr("at"), self.signature_place, 1, 2, 3),
            (self.tr("Consent"), self.consent_method, 2, 0, 1),
            (self.tr("on"), self.consent_date, 2, 2, 1),
            (self.tr("In force for it"), self.entry_into_force, 2, 4, 1),
            (self.tr("Reservations"), self.reservations, 3, 0, 5),
        )
        for text, widget, row, column, span in cells:
            label = QLabel(text)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row, column + 1, 1, span)
            watch_widget(widget, self.changed.emit)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        self.setFocusProxy(self.name)

    def value(self) -> PartyInput:
        return PartyInput(
            name=self.name.text(),
            signature_date=self.signature_date.value(),
            signature_place=self.signature_place.text(),
            signatory=self.signatory.text(),
            consent_method=self.consent_method.value(),
            consent_date=self.consent_date.value(),
            entry_into_force=self.entry_into_force.value(),
            reservations=self.reservations.text(),
        )


class RoundsPicker(QListWidget):
    """The engagements of the agreement's country, ticked when they were negotiation rounds."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_choices(self, choices: Sequence[Choice], ticked: Sequence[int] | None = None) -> None:
        """Offer these engagements, ticking `ticked` (by default those ticked now)."""
        keep = set(self.value() if ticked is None else ticked)
        self.blockSignals(True)
        self.clear()
        # The rounds ticked come first, so a long list of engagements never hides them.
        for choice in sorted(choices, key=lambda c: c.id not in keep):
            item = QListWidgetItem(choice.name, self)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if choice.id in keep else Qt.CheckState.Unchecked
            )
        self.blockSignals(False)

    def value(self) -> tuple[int, ...]:
        items = (self.item(row) for row in range(self.count()))
        return tuple(
            int(i.data(Qt.ItemDataRole.UserRole))
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        )
