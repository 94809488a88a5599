"""What the editor's buttons do: the clearance workflow, corrections, Save PDF and Print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from bilatdesk.domain.cable_workflow import STEPS, allows
from bilatdesk.services.cables.records import CableDetail, CableInput, ParagraphInput
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.ui.areas.cables.clear_dialog import ClearDialog
from bilatdesk.ui.areas.cables.dialogs import (
    ClearersDialog,
    ConfirmDispatchDialog,
    user_name,
)
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.pdf_pages import PrintDialog, SavePdfDialog, print_in_background, save_pdf

if TYPE_CHECKING:
    from bilatdesk.ui.areas.cables.editor import CableEditor


class CableActions(QObject):
    """The controller of the editor's workflow bar; every step re-reads the cable after."""

    pdf_saved = Signal(str)
    """The path a Save PDF… wrote, once the file is whole."""

    def __init__(self, editor: CableEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        # The clearers last ticked, offered again when a submit was refused (issue 19).
        self.clearer_ids: list[int] = []
        buttons = editor.buttons
        buttons["submit"].clicked.connect(self._on_submit_clicked)
        buttons["clear"].clicked.connect(self._on_clear_clicked)
        buttons["approve"].clicked.connect(self._on_approve_clicked)
        buttons["return"].clicked.connect(self._on_return_clicked)
        buttons["dispatch"].clicked.connect(self._on_dispatch_clicked)
        buttons["pdf"].clicked.connect(self._on_pdf_clicked)
        buttons["print"].clicked.connect(self._on_print_clicked)
        editor.correction_button.clicked.connect(self._on_correction_clicked)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), editor, self._on_print_clicked)

    def update_buttons(self) -> None:
        """A workflow button is enabled exactly when the domain's table allows its step."""
        detail = self.editor.detail
        for step in STEPS:
            self.editor.buttons[step].setEnabled(detail is not None and allows(detail.status, step))

    # -- the workflow ---------------------------------------------------------------------
    def _step(
        self, act: Callable[[CableDetail, str], CableDetail], *, needs_name: bool = True
    ) -> bool:
        """Save, then run one workflow step and show the cable as it now stands."""
        editor = self.editor
        if not editor.save_now() or editor.detail is None:
            return False
        name = user_name(editor) if needs_name else ""
        if name is None:
            return False
        try:
            detail = act(editor.detail, name)
        except ValidationError as exc:
            editor.header.errors.show(exc.errors)
            editor.show_banner(self.tr("Not ready to send: %1").replace("%1", str(exc)), error=True)
            return False
        except ServiceError as exc:
            editor.show_banner(str(exc), error=True)
            return False
        editor.show_detail(detail)
        editor.request_preview()
        editor.moved.emit(editor.cable_id)
        return True

    def _on_submit_clicked(self) -> None:
        flow = self.editor.services.cable_workflow
        chosen = ClearersDialog.ask(self.editor, flow.clearers(), self.clearer_ids)
        if chosen is None:
            return
        self.clearer_ids = chosen
        if self._step(lambda d, name: flow.submit(d.id, d.version, clearer_ids=chosen, actor=name)):
            self.clearer_ids = []

    def _on_clear_clicked(self) -> None:
        editor = self.editor
        detail, me = editor.detail, user_name(editor)
        if detail is None or me is None:
            return
        pending = [c.name for c in detail.clearances if c.cleared_at is None]
        if not pending:
            editor.show_banner(self.tr("No clearance is pending; the cable can be approved."))
            return
        choice = ClearDialog.ask(editor, pending, me)
        if choice is None:
            return
        flow = editor.services.cable_workflow
        self._step(
            lambda d, name: flow.clear(
                d.id,
                d.version,
                actor=name,
                clearer=choice.clearer,
                manner=choice.manner,
                comment=choice.comment,
            )
        )

    def _on_approve_clicked(self) -> None:
        flow = self.editor.services.cable_workflow
        self._step(lambda d, name: flow.approve(d.id, d.version, actor=name))

    def _on_return_clicked(self) -> None:
        flow = self.editor.services.cable_workflow
        self._step(lambda d, _name: flow.return_to_draft(d.id, d.version), needs_name=False)

    def _on_dispatch_clicked(self) -> None:
        editor = self.editor
        if editor.detail is None or not ConfirmDispatchDialog.ask(
            editor, editor.detail.data.subject
        ):
            return
        flow = editor.services.cable_workflow
        self._step(lambda d, _name: flow.dispatch(d.id, d.version), needs_name=False)

    def _on_correction_clicked(self) -> None:
        """A new draft citing this dispatched cable, addressed and marked as it was."""
        editor = self.editor
        detail = editor.detail
        name = user_name(editor)
        if detail is None or name is None:
            return
        data = detail.data
        draft = CableInput(
            subject=f"CORRECTION TO {detail.serial}: {data.subject}"[:300],
            kind=data.kind,
            country_id=data.country_id,
            precedence=data.precedence,
            to_addressees=data.to_addressees,
            info_addressees=data.info_addressees,
            classification=data.classification,
            caveats=data.caveats,
            classified_by=data.classified_by,
            classification_reason=data.classification_reason,
            declassify_on=data.declassify_on,
            signature=data.signature,
            paragraphs=(ParagraphInput(f"This cable corrects REF A ({detail.serial}).", "U"),),
            references=(detail.id,),
            tag_ids=data.tag_ids,
            person_ids=data.person_ids,
            engagement_id=data.engagement_id,
        )
        try:
            created = editor.services.cables.create(draft, drafter=name)
        except ServiceError as exc:
            ErrorBox.show(editor, self.tr("Cannot write the correction"), str(exc))
            return
        editor.moved.emit(created.id)
        editor.show_for(editor.parentWidget(), editor.services, created.id)  # beside this one

    # -- documents ------------------------------------------------------------------------
    def _render(self) -> Callable[[], bytes]:
        """Save what is typed (here), and return the render to run in the pool."""
        editor = self.editor
        editor.save_now()
        documents, cable_id = editor.services.cable_documents, editor.cable_id
        return lambda: documents.pdf(cable_id)

    def _on_pdf_clicked(self) -> None:
        detail = self.editor.detail
        stem = (
            detail.serial.replace(" ", "_").replace("/", "-")
            if detail and detail.serial
            else f"draft-{self.editor.cable_id}"
        )
        path = SavePdfDialog.ask(self.editor, f"{stem}.pdf")
        if path is None:
            return

        def saved(_pdf: bytes) -> None:
            self.editor.save_state.setText(self.tr("PDF saved to %1").replace("%1", path))
            self.pdf_saved.emit(path)

        save_pdf(self.editor, Path(path), self._render(), saved)

    def _on_print_clicked(self) -> None:
        printer = PrintDialog.ask(self.editor)
        if printer is None:
            return

        def printed(pages: int) -> None:
            self.editor.save_state.setText(self.tr("%n page(s) sent to the printer", "", pages))

        print_in_background(self.editor, self._render(), printer, printed)
