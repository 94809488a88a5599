"""Merge two records of one person: both side by side, a choice per differing field, a preview.

The comparison and the preview come from `MergeService`; the preview is re-read on every
choice (a few small queries), so what the panel says is what the merge will do.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.enums import Gender
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import (
    ConflictError,
    NotFoundError,
    ServiceError,
    ValidationError,
)
from bilatdesk.services.people.merge import (
    Biography,
    FieldComparison,
    FieldValue,
    MergeComparison,
    MergeSide,
)
from bilatdesk.ui.kit.field_errors import error_colour
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.texts import classification_text, enum_text, tr

SHORT = 300
"""Characters of a value kept for a choice's one line; it is then cut to the column's width,
and the tooltip holds all of it."""


def value_text(kind: str, value: FieldValue) -> str:
    """A field's value as one line for a person to read; "" when empty."""
    if value is None or value in ("", Gender.UNSPECIFIED, False):
        return ""
    if isinstance(value, Biography):
        return _biography_text(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Gender):
        return enum_text(value)
    shown = {
        "photo": lambda: tr("Has a photo"),
        "birthday": lambda: _birthday_text(int(value)),
        "classification": lambda: classification_text(str(value)),
    }
    return shown.get(kind, lambda: str(value))()


def _biography_text(value: Biography) -> str:
    about = [value.source] if value.source else []
    if value.as_of is not None:
        about.append(tr("as of %1").replace("%1", format_date(value.as_of)))
    if not value.text:
        return ", ".join(about)
    return f"{value.text} ({', '.join(about)})" if about else value.text


def _birthday_text(value: int) -> str:
    month, day = divmod(value, 100)
    when = QDate(2000, month, day)  # a leap year, so 29 February has a day
    return QLocale().toString(when, "d MMMM") if when.isValid() else str(value)


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHORT else flat[: SHORT - 1] + "…"


def _tooltip(text: str) -> str:
    """Rich text made from plain: markup in a name is shown, never interpreted."""
    return "<p>" + escape(text).replace("\n", "<br>") + "</p>" if text else ""


def _mnemonic_safe(text: str) -> str:
    """A button's "&" starts a shortcut; a value's "&" (R&D) must show as itself."""
    return text.replace("&", "&&")


class ElidedRadio(QRadioButton):
    """A radio whose one-line text is cut with "…" to the width the column gives it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.full_text = text
        # The two columns share the width; a long value is cut, its tooltip has it all.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(120)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        indicator = self.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
        room = max(self.width() - indicator - 12, 40)
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        self.setText(_mnemonic_safe(shown))


class ElidedLabel(QLabel):
    """A plain-text label cut with "…" to its width."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.full_text = text
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = max(self.width() - 4, 40)
        self.setText(
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width)
        )


class ConfirmMergeDialog:
    """The last question before merging, naming who is deleted."""

    @classmethod
    def ask(cls, parent: QWidget | None, kept: str, deleted: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Merge records"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            tr("Merge into <b>%1</b> and delete the record of <b>%2</b>?")
            .replace("%1", escape(kept))
            .replace("%2", escape(deleted))
        )
        box.setInformativeText(
            tr(
                "Everything linked to the deleted record moves to the kept one. "
                "This cannot be undone."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("Merge"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes


class MergeDialog(QDialog):
    """Two records side by side; a radio per differing field; what will happen, live."""

    def __init__(
        self, parent: QWidget | None, services: Services, first_id: int, second_id: int
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.keep_id, self.other_id = first_id, second_id
        self.comparison: MergeComparison | None = None
        self.choices: dict[str, MergeSide] = {}
        self.radios: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self.merged_id: int | None = None
        self.setWindowTitle(self.tr("Merge two records of one person"))
        self._build_layout()
        keep_place(self, 1040, 620)
        self.reload()

    def _build_layout(self) -> None:
        self.intro = QLabel(
            self.tr(
                "Where the two records differ, choose the value to keep. Everything linked to "
                "either record stays with the merged one."
            )
        )
        self.intro.setWordWrap(True)
        self.swap_button = QPushButton(icon("status"), self.tr("&Swap which record is kept"))
        self.swap_button.setToolTip(self.tr("Keep the other record and delete this one (Alt+S)"))
        self.fields = QWidget()
        self.grid = QGridLayout(self.fields)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.grid.setHorizontalSpacing(16)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.fields)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("merge_preview")
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextFormat(Qt.TextFormat.RichText)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        preview_box = QFrame()
        preview_box.setFrameShape(QFrame.Shape.StyledPanel)
        preview_box.setFixedWidth(340)
        heading = QLabel(self.tr("What the merge will do"))
        heading_font = QFont(heading.font())
        heading_font.setBold(True)
        heading.setFont(heading_font)
        box_layout = QVBoxLayout(preview_box)
        box_layout.addWidget(heading)
        box_layout.addWidget(self.preview_label)
        box_layout.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.merge_button = self.buttons.addButton(
            self.tr("&Merge…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setAutoDefault(False)  # Enter in the dialog must not merge
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.swap_button.clicked.connect(self._on_swap_button_clicked)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.swap_button)
        middle = QHBoxLayout()
        middle.addWidget(scroll, 1)
        middle.addWidget(preview_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(
        cls, parent: QWidget | None, services: Services, first_id: int, second_id: int
    ) -> int | None:
        """The id of the merged record, or None when nothing was merged."""
        dialog = cls(parent, services, first_id, second_id)
        if dialog.comparison is None:
            return None
        dialog.exec()
        return dialog.merged_id

    # -- what tests and the controller call -----------------------------------------------
    def reload(self, *, keep_choices: bool = False) -> None:
        """Read both records again and rebuild the choices (after a swap or a conflict)."""
        try:
            comparison = self.services.merge.compare(self.keep_id, self.other_id)
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot merge"), str(exc))
            self.comparison = None
            self.merge_button.setEnabled(False)
            return
        previous = self.choices if keep_choices else {}
        self.comparison = comparison
        self.choices = comparison.proposed_choices()
        for key, side in previous.items():
            field = comparison.field(key)
            if not field.same and not (field.fixed and side != field.proposed):
                self.choices[key] = side
        self._build_fields(comparison)
        self.update_preview()

    def choose(self, key: str, side: MergeSide) -> None:
        keep, other = self.radios[key]
        (keep if side == "keep" else other).click()

    def update_preview(self) -> None:
        if self.comparison is None:
            return
        try:
            preview = self.services.merge.preview(self.keep_id, self.other_id, self.choices)
        except ValidationError as exc:
            colour = error_colour(self)
            self.preview_label.setText(
                f'<p style="color:{colour}">{escape(" ".join(exc.errors.values()))}</p>'
            )
            self.merge_button.setEnabled(False)
            return
        except ServiceError as exc:
            self.preview_label.setText(f"<p>{escape(str(exc))}</p>")
            self.merge_button.setEnabled(False)
            return
        self.merge_button.setEnabled(True)
        items = "".join(f"<li>{escape(sentence)}.</li>" for sentence in preview.sentences)
        self.preview_label.setText(
            "<p>"
            + escape(self.tr("The merged record:"))
            + f" <b>{escape(preview.name)}</b></p>"
            + f'<ul style="margin-left:-20px">{items}</ul>'
        )

    def preview_text(self) -> str:
        """The preview as plain text (for tests and screen readers)."""
        return self.preview_label.text()

    # -- building -------------------------------------------------------------------------
    def _build_fields(self, comparison: MergeComparison) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self.radios = {}
        for group in self.findChildren(QButtonGroup):
            group.deleteLater()
        bold = QFont(self.font())
        bold.setBold(True)
        headers = (
            self.tr("Field"),
            self.tr("Kept: %1").replace("%1", comparison.keep_name),
            self.tr("Merged in, then deleted: %1").replace("%1", comparison.other_name),
        )
        for column, text in enumerate(headers):
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setFont(bold)
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.grid.addWidget(label, 0, column)
        for row, field in enumerate(comparison.fields, start=1):
            name = QLabel(tr(field.label))
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(name, row, 0)
            if field.same:
                self._add_same(field, row)
            else:
                self._add_choice(field, row)
        self.grid.setRowStretch(len(comparison.fields) + 1, 1)

    def _add_same(self, field: FieldComparison, row: int) -> None:
        text = value_text(field.kind, field.keep)
        label = ElidedLabel(_one_line(text) or self.tr("(empty in both)"))
        label.setToolTip(_tooltip(text))
        label.setEnabled(False)  # the palette's quiet colour: nothing to choose here
        self.grid.addWidget(label, row, 1, 1, 2)

    def _add_choice(self, field: FieldComparison, row: int) -> None:
        group = QButtonGroup(self)
        pair = []
        for column, side in ((1, "keep"), (2, "other")):
            full = value_text(field.kind, field.keep if side == "keep" else field.other)
            radio = ElidedRadio(_one_line(full) or self.tr("(empty)"))
            radio.setObjectName(f"merge_{field.key}_{side}")
            radio.setToolTip(_tooltip(full))
            radio.setChecked(self.choices.get(field.key) == side)
            if field.fixed and side != field.proposed:
                radio.setEnabled(False)
                radio.setToolTip(
                    _tooltip(
                        self.tr(
                            "The merged record holds what both records held, so it keeps the "
                            "higher classification."
                        )
                    )
                )
            group.addButton(radio)
            radio.toggled.connect(
                lambda checked, k=field.key, s=side: self._on_radio_toggled(k, s, checked)
            )
            self.grid.addWidget(radio, row, column)
            pair.append(radio)
        self.radios[field.key] = (pair[0], pair[1])

    # -- slots ----------------------------------------------------------------------------
    def _on_radio_toggled(self, key: str, side: MergeSide, checked: bool) -> None:
        if checked and self.choices.get(key) != side:
            self.choices[key] = side
            self.update_preview()

    def _on_swap_button_clicked(self) -> None:
        self.keep_id, self.other_id = self.other_id, self.keep_id
        self.reload()

    def _on_buttons_accepted(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        try:
            preview = self.services.merge.preview(self.keep_id, self.other_id, self.choices)
            if not ConfirmMergeDialog.ask(self, preview.name, comparison.other_name):
                return
            self.merged_id = self.services.merge.merge(
                self.keep_id,
                self.other_id,
                self.choices,
                comparison.keep_version,
                comparison.other_version,
            )
        except ConflictError:
            ErrorBox.show(
                self,
                self.tr("Records changed"),
                self.tr(
                    "One of the two records was changed by someone else after you opened this "
                    "comparison. It now shows their current values; check your choices and "
                    "merge again."
                ),
            )
            self.reload(keep_choices=True)
            return
        except NotFoundError as exc:
            ErrorBox.show(self, self.tr("Cannot merge"), str(exc))
            self.reject()
            return
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot merge"), str(exc))
            return
        self.accept()
