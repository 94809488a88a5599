"""The cable editor window: header and paragraphs on the left, live preview on the right.

Drafts save themselves: 0.8 s after typing stops the draft is saved and the preview redrawn
from the saved record, and a 2 s timer catches what the preview did not; closing saves too.
So a crash loses at most the last couple of seconds of typing.
"""

from __future__ import annotations

from typing import ClassVar

import shiboken6
from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.cable import CableStatus
from bilatdesk.domain.cable_workflow import STEPS, CableAction, allows
from bilatdesk.services.cables.records import CableDetail, CableInput
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.ui.areas.cables.actions import CableActions
from bilatdesk.ui.areas.cables.clear_dialog import manner_text
from bilatdesk.ui.areas.cables.events import cable_events
from bilatdesk.ui.areas.cables.header_panel import HeaderPanel
from bilatdesk.ui.areas.cables.paragraphs import ParagraphsEditor
from bilatdesk.ui.kit.background import pool
from bilatdesk.ui.kit.field_errors import error_colour
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.formatting import format_moment
from bilatdesk.ui.kit.history import HistoryTable
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import UnsavedChangesDialog
from bilatdesk.ui.kit.pdf_pages import PreviewRenderer
from bilatdesk.ui.kit.preview_panel import PreviewPanel
from bilatdesk.ui.kit.texts import classification_text, enum_text

AUTOSAVE_MS = 2000
PREVIEW_MS = 800


class CableEditor(QDialog):
    """One cable: editable while a draft, read-only (with the reason) once it has moved on."""

    saved = Signal(int)
    """The draft was saved as typed (the register re-reads its rows)."""
    moved = Signal(int)
    """A cable changed status or was created from here (every page may want to know)."""

    _open_editors: ClassVar[dict[int, CableEditor]] = {}

    def __init__(self, parent: QWidget | None, services: Services, cable_id: int) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.services = services
        self.cable_id = cable_id
        self.detail: CableDetail | None = None
        self.dirty = False
        # The version of a draft just made from a template: closed at that version, no one
        # typed in it, and it is not kept (issue 19). None once anything was saved.
        self.untouched_version: int | None = None
        self._loading = False
        self._overall_chosen = False
        self._build()
        self._autosave = self._timer(AUTOSAVE_MS, self._on_autosave_timeout)
        self._preview_timer = self._timer(PREVIEW_MS, self._on_preview_timer_timeout)
        self.renderer = PreviewRenderer(self)
        self.renderer.rendered.connect(self.preview.show_pages)
        self.renderer.failed.connect(self.preview.show_failure)
        self.workflow = CableActions(self)
        self.saved.connect(cable_events().saved)
        self.moved.connect(cable_events().moved)
        self.header.changed.connect(self._on_content_changed)
        self.paragraphs.changed.connect(self._on_content_changed)
        self.paragraphs.portions_changed.connect(self._on_paragraphs_portions_changed)
        self.header.classification.activated.connect(self._on_classification_activated)
        self.header.references_filter.textChanged.connect(self._on_references_filter_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._on_save_shortcut)
        keep_place(self, 1240, 640)
        self.reload()

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.correction_button = QPushButton(icon("correct"), self.tr("Write a correction"))
        self.correction_button.hide()
        self.buttons: dict[str, QPushButton] = {
            "submit": QPushButton(icon("submit"), self.tr("Submit for clearance")),
            "clear": QPushButton(icon("clear"), self.tr("Clear")),
            "approve": QPushButton(icon("approve"), self.tr("Approve")),
            "return": QPushButton(icon("return"), self.tr("Return to draft")),
            "dispatch": QPushButton(icon("dispatch"), self.tr("Dispatch")),
            "pdf": QPushButton(icon("pdf"), self.tr("Save PDF…")),
            "print": QPushButton(icon("print"), self.tr("Print…")),
        }
        self.people = QLabel()
        self.people.setWordWrap(True)
        self.people.setTextFormat(Qt.TextFormat.PlainText)
        self.header = HeaderPanel()
        self.header.set_precedences(self.services.settings.post().precedences)
        self.paragraphs = ParagraphsEditor()
        self.preview = PreviewPanel()
        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        bar = QHBoxLayout()
        for step in STEPS:
            bar.addWidget(self.buttons[step])
        bar.addStretch(1)
        bar.addWidget(self.buttons["pdf"])
        bar.addWidget(self.buttons["print"])
        notice = QHBoxLayout()
        notice.addWidget(self.banner, 1)
        notice.addWidget(self.correction_button)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.header)
        self.history = HistoryTable()
        for heading, widget in (
            (self.tr("Text"), self.paragraphs),
            (self.tr("History"), self.history),
        ):
            label = QLabel(f"<b>{heading}</b>")
            label.setContentsMargins(0, 8, 0, 0)
            column.addWidget(label)
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(notice)
        layout.addWidget(self.people)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.save_state)

    def _timer(self, interval: int, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    # -- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the cable back from the database and show it as stored."""
        try:
            detail = self.services.cables.get(self.cable_id)
        except ServiceError as exc:
            self.show_banner(str(exc), error=True)
            self.header.set_read_only(True)
            self.paragraphs.set_read_only(True)
            return
        self.show_detail(detail)
        self.request_preview()

    def show_detail(self, detail: CableDetail) -> None:
        self.detail = detail
        self._show_history()
        data = detail.data
        self._loading = True
        self.header.country.set_choices(self.services.countries.choices(accredited_only=False))
        self.header.tags.set_choices(self.services.cables.tag_choices())
        self._fill_references(data)
        self.header.set_values(data)
        self.paragraphs.set_values(data.paragraphs)
        highest = self._highest(data.paragraphs)
        self._overall_chosen = data.classification != highest
        self.header.apply_floor(self.paragraphs.portions(), follow=False)
        self.header.marking_note.hide()
        self._loading = False
        self.dirty = False
        editable = detail.editable and not self.services.read_only
        self.header.set_read_only(not editable)
        self.paragraphs.set_read_only(not editable)
        self.workflow.update_buttons()
        self._show_status_banner(detail)
        self._show_people(detail)
        self._show_title(data.subject, data.classification)

    def _fill_references(self, data: CableInput) -> None:
        choices = self.services.cables.reference_choices(self.header.references_filter.text())
        cited = (
            [c for c in self.services.cables.reference_choices() if c.id in data.references]
            if data.references
            else []
        )
        self.header.references.set_choices(choices, keep=cited)
        self.header.references.set_values(data.references)

    @staticmethod
    def _highest(paragraphs: tuple[object, ...]) -> str:
        from bilatdesk.domain import DEFAULT_SCHEME

        return DEFAULT_SCHEME.highest(getattr(p, "portion", "U") for p in paragraphs).code

    def _show_status_banner(self, detail: CableDetail) -> None:
        self.correction_button.setVisible(allows(detail.status, CableAction.CORRECT))
        if detail.status is CableStatus.DISPATCHED:
            message = self.tr(
                "Dispatched as %1 on %2; a correction is a new cable that references it."
            ).replace("%1", detail.serial)
            when = format_moment(detail.dispatched_at) if detail.dispatched_at else detail.dtg
            self.show_banner(message.replace("%2", f"{when} ({detail.dtg})"))
        elif detail.status is CableStatus.APPROVED:
            self.show_banner(
                self.tr("Approved and waiting for dispatch. Return it to draft to change it.")
            )
        elif detail.status is CableStatus.FOR_CLEARANCE:
            self.show_banner(self.tr("Out for clearance. Return it to draft to change it."))
        else:
            self.banner.hide()

    def _show_people(self, detail: CableDetail) -> None:
        from bilatdesk.ui.kit.formatting import format_moment

        parts = [
            self.tr("Status: %1").replace("%1", enum_text(detail.status)),
            self.tr("Drafted by %1").replace("%1", detail.drafter or "—"),
        ]
        for clearance in detail.clearances:
            when = (
                self.tr("cleared %1").replace("%1", format_moment(clearance.cleared_at))
                if clearance.cleared_at
                else self.tr("waiting")
            )
            given = manner_text(clearance.manner)
            if clearance.cleared_at and given:
                # Told to someone else: say how, and who wrote it down.
                when += (
                    self.tr(" (given %1, recorded by %2)")
                    .replace("%1", self.tr(given))
                    .replace("%2", clearance.recorded_by)
                )
            parts.append(
                self.tr("Clearance: %1, %2").replace("%1", clearance.name).replace("%2", when)
            )
        if detail.approved_by:
            parts.append(
                self.tr("Approved by %1, %2")
                .replace("%1", detail.approved_by)
                .replace("%2", format_moment(detail.approved_at))
            )
        self.people.setText(" · ".join(parts))

    def show_banner(self, message: str, *, error: bool = False) -> None:
        self.banner.setText(message)
        self.banner.setStyleSheet(f"color: {error_colour(self)};" if error else "")
        self.banner.show()

    # -- saving ---------------------------------------------------------------------------
    def collect(self) -> CableInput:
        assert self.detail is not None
        data = self.header.values(self.detail.data)
        return CableInput(**{**data.__dict__, "paragraphs": self.paragraphs.values()})

    def save_now(self) -> bool:
        """Save the draft if it changed; False when it could not be saved (and why is shown)."""
        self._autosave.stop()
        if not self.dirty or self.detail is None or not self.detail.editable:
            return True
        try:
            detail = self.services.cables.update(self.cable_id, self.collect(), self.detail.version)
        except ValidationError as exc:
            unplaced = self.header.errors.show(exc.errors)
            self._not_saved(str(exc), unplaced)
            return False
        except ServiceError as exc:
            self._not_saved(str(exc), [str(exc)])
            return False
        self.detail = detail
        self.dirty = False
        self.header.errors.clear()
        if self.banner.styleSheet():  # an error shown earlier is resolved now
            self.banner.hide()
        self.save_state.setText(
            self.tr("Saved %1").replace("%1", QTime.currentTime().toString("HH:mm:ss"))
        )
        self.save_state.setStyleSheet("")
        self._show_history()
        self.saved.emit(self.cable_id)
        return True

    def _show_history(self) -> None:
        """The cable's audit entries, newest first (refreshed on every load and save)."""
        try:
            self.history.set_rows(self.services.audit.history("cable", self.cable_id))
        except ServiceError as exc:
            self.show_banner(str(exc), error=True)

    def _not_saved(self, sentence: str, unplaced: list[str]) -> None:
        self.save_state.setText(self.tr("Not saved: %1").replace("%1", sentence))
        self.save_state.setStyleSheet(f"color: {error_colour(self)};")
        if unplaced:
            self.show_banner(" ".join(unplaced), error=True)

    def request_preview(self) -> None:
        documents, cable_id = self.services.cable_documents, self.cable_id
        self.renderer.request(lambda: documents.pdf(cable_id))

    # -- slots ----------------------------------------------------------------------------
    def _show_title(self, subject: str, classification: str) -> None:
        """The title names the status or serial, the subject and the marking as they stand."""
        detail = self.detail
        status = detail.serial if detail is not None and detail.serial else self.tr("Draft")
        if detail is not None and not detail.serial:
            status = enum_text(detail.status)
        self.setWindowTitle(
            f"{status} — {subject or self.tr('Untitled cable')} "
            f"[{classification_text(classification)}]"
        )

    def _on_content_changed(self) -> None:
        if self._loading or self.detail is None or not self.detail.editable:
            return
        # The title follows the marking and subject as they are typed, before any save.
        self._show_title(self.header.subject.text(), self.header.classification.value())
        self.dirty = True
        self.save_state.setText(self.tr("Editing…"))
        self.save_state.setStyleSheet("")
        self._autosave.start()
        self._preview_timer.start()

    def _on_paragraphs_portions_changed(self) -> None:
        if self._loading:
            return
        self.header.apply_floor(self.paragraphs.portions(), follow=not self._overall_chosen)

    def _on_classification_activated(self, _index: int) -> None:
        self._overall_chosen = True  # the drafter's own choice: no longer follows the portions
        self.header.marking_note.hide()

    def _on_references_filter_changed(self, _text: str) -> None:
        if self.detail is not None:
            self._loading = True
            self._fill_references(self.header.values(self.detail.data))
            self._loading = False

    def _on_autosave_timeout(self) -> None:
        self.save_now()

    def _on_preview_timer_timeout(self) -> None:
        self.save_now()
        self.request_preview()

    def _on_save_shortcut(self) -> None:
        self.save_now()

    # -- closing --------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc and the close button: a draft saves itself; refused input asks what to do."""
        self._preview_timer.stop()
        if not self.save_now():
            answer = UnsavedChangesDialog.ask(self)
            if answer != UnsavedChangesDialog.DISCARD:
                return
        self.dirty = False
        self._discard_if_untouched()
        super().reject()

    def _discard_if_untouched(self) -> None:
        """Delete a template's draft that was opened and closed with nothing typed in it."""
        detail = self.detail
        if detail is None or self.untouched_version is None:
            return
        if detail.version != self.untouched_version or detail.status is not CableStatus.DRAFT:
            return
        try:
            self.services.cables.discard(self.cable_id, detail.version)
        except ServiceError:
            return  # changed elsewhere meanwhile: someone wants it, so it stays
        self.untouched_version = None
        self.moved.emit(self.cable_id)  # the register drops it

    def done(self, result: int) -> None:
        self._autosave.stop()
        self._preview_timer.stop()
        CableEditor._open_editors.pop(self.cable_id, None)
        pool().waitForDone(10_000)  # no render left reading a database that may close next
        super().done(result)

    # -- the seam -------------------------------------------------------------------------
    @classmethod
    def show_for(
        cls, parent: QWidget | None, services: Services, cable_id: int, *, fresh: bool = False
    ) -> CableEditor:
        """Show the editor of a cable (raising the one already open); not modal.

        `fresh`: the cable is a draft just made from a template, not kept if closed untouched.
        """
        editor = cls._open_editors.get(cable_id)
        if editor is None or not shiboken6.isValid(editor) or editor.services is not services:
            editor = cls(parent, services, cable_id)
            cls._open_editors[cable_id] = editor
            if fresh and editor.detail is not None:
                editor.untouched_version = editor.detail.version
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor
