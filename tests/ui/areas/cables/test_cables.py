"""Cables in the UI: the register, the editor (marking rule, autosave, workflow), readouts."""

from __future__ import annotations

import dataclasses
import errno
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QStandardItemModel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.domain import CableKind, CableStatus, ParagraphSection
from bilatdesk.domain.cable_workflow import STEPS, allows
from bilatdesk.services.cables.records import CableInput, ParagraphInput
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel import files
from bilatdesk.services.kernel.settings import PostSettings
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.cables.dialogs import (
    IDENTITY_KEY,
    ClearersDialog,
    ConfirmDispatchDialog,
    IdentityDialog,
)
from bilatdesk.ui.areas.cables.editor import CableEditor
from bilatdesk.ui.areas.cables.page import CablesPageController
from bilatdesk.ui.areas.today.model import COL_REM_DETAIL
from bilatdesk.ui.areas.today.page import TodayController
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.pdf_pages import SavePdfDialog
from bilatdesk.ui.shell.main_window import MainWindow
from bilatdesk.ui.shell.post_settings import PostSettingsDialog

DRAFTER = "Marta Şahin"


@pytest.fixture
def cables(populated: Services) -> Services:
    """The populated database with a post, and a user name already given on this machine."""
    populated.settings.save_post(
        PostSettings("VIE", "EMBASSY VIENNA", "KOVAČEVIĆ-BRANDT", "MFA CAPITAL / EUROPE DESK"),
    )
    QSettings("bilatdesk", "bilatdesk").setValue(IDENTITY_KEY, DRAFTER)
    return populated


def ready_draft(services: Services, **changes: object) -> int:
    base = CableInput(
        subject="AUSTRIA: NEW FOREIGN MINISTER",
        to_addressees=("MFA CAPITAL / EUROPE DESK",),
        paragraphs=(ParagraphInput("Sworn in today.", "U"),),
    )
    return services.cables.create(CableInput(**{**base.__dict__, **changes}), drafter=DRAFTER).id


def open_window(qtbot: QtBot, db: Database, area: str) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.show_area(area)
    return window


def editor_for(qtbot: QtBot, services: Services, cable_id: int) -> CableEditor:
    editor = CableEditor.show_for(None, services, cable_id)
    qtbot.addWidget(editor)
    return editor


def test_register_model_passes_the_model_tester(
    qtbot: QtBot, cables: Services, qtmodeltester: ModelTester, db: Database
) -> None:
    """The cable register's lazy model is a well-behaved Qt model, filtered by status."""
    for _ in range(3):
        ready_draft(cables)
    window = open_window(qtbot, db, "cables")
    page = window.controllers["cables"]
    assert isinstance(page, CablesPageController)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 3
    assert page.model.index(0, 0).data() == "Draft"
    combo = page.cables_view.status_filter
    combo.setCurrentIndex(combo.findData(CableStatus.DISPATCHED.value))
    assert page.model.rowCount() == 0


def test_new_cable_from_a_template_saves_what_is_typed(
    qtbot: QtBot, cables: Services, db: Database
) -> None:
    """New cable › Situation report opens a draft; a typed paragraph is autosaved."""
    window = open_window(qtbot, db, "cables")
    page = window.controllers["cables"]
    assert isinstance(page, CablesPageController)
    action = next(a for a in page.cables_view.new_menu.actions() if a.text() == "Situation report")
    action.trigger()
    assert page.model.rowCount() == 1
    editor = CableEditor._open_editors[page.model.row_id(0) or 0]
    qtbot.addWidget(editor)
    text = editor.paragraphs.rows[1].text
    text.clear()
    qtbot.keyClicks(text, "The government fell tonight.")
    qtbot.waitUntil(lambda: editor.save_state.text().startswith("Saved"), timeout=5000)
    stored = cables.cables.get(editor.cable_id)
    assert stored.data.kind is CableKind.SITUATION_REPORT
    assert stored.data.paragraphs[1].text == "The government fell tonight."
    assert stored.drafter == DRAFTER


def test_raising_a_portion_lifts_the_overall_marking(qtbot: QtBot, cables: Services) -> None:
    """A paragraph marked (C) lifts the cable to CONFIDENTIAL; lower levels cannot be chosen."""
    editor = editor_for(qtbot, cables, ready_draft(cables, classification="U"))
    editor.paragraphs.rows[0].portion.set_value("C")
    combo = editor.header.classification
    assert combo.value() == "C"
    assert "paragraph 1" in editor.header.marking_note.text()
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    enabled = {combo.itemData(r): model.item(r).isEnabled() for r in range(combo.count())}
    assert enabled == {"U": False, "R": False, "C": True, "S": True, "TS": True}
    assert editor.save_now()
    assert cables.cables.get(editor.cable_id).data.classification == "C"


def test_paragraphs_are_numbered_as_printed(qtbot: QtBot, cables: Services) -> None:
    """A lone paragraph has no number; added ones are numbered and can be moved up."""
    editor = editor_for(qtbot, cables, ready_draft(cables))
    assert editor.paragraphs.rows[0].number.text() == ""
    qtbot.mouseClick(editor.paragraphs.add_button, Qt.MouseButton.LeftButton)
    second = editor.paragraphs.rows[1]
    qtbot.keyClicks(second.text, "Second")
    second.section.set_value(ParagraphSection.COMMENT)
    assert [r.number.text() for r in editor.paragraphs.rows] == ["1.", "2."]
    qtbot.mouseClick(second.up_button, Qt.MouseButton.LeftButton)
    assert editor.paragraphs.values()[0] == ParagraphInput("Second", "U", ParagraphSection.COMMENT)
    assert editor.save_now()
    assert cables.cables.get(editor.cable_id).data.paragraphs[0].text == "Second"


def test_workflow_buttons_dispatch_and_freeze_the_cable(
    qtbot: QtBot, cables: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Submit (no clearers) → Approve → Dispatch shows the serial and makes the editor read-only."""
    one_person_post = dataclasses.replace(cables.settings.post(), drafter_may_approve=True)
    cables.settings.save_post(one_person_post)  # the drafter approves here
    monkeypatch.setattr(ClearersDialog, "ask", classmethod(lambda cls, *_: []))
    monkeypatch.setattr(
        ConfirmDispatchDialog, "ask", classmethod(lambda cls, parent, subject: True)
    )
    editor = editor_for(qtbot, cables, ready_draft(cables))
    buttons = editor.buttons
    assert buttons["submit"].isEnabled() and not buttons["dispatch"].isEnabled()
    qtbot.mouseClick(buttons["submit"], Qt.MouseButton.LeftButton)
    assert editor.detail is not None and editor.detail.status is CableStatus.FOR_CLEARANCE
    assert editor.header.subject.isReadOnly()
    qtbot.mouseClick(buttons["approve"], Qt.MouseButton.LeftButton)
    assert "Approved by Marta Şahin" in editor.people.text()
    qtbot.mouseClick(buttons["dispatch"], Qt.MouseButton.LeftButton)
    detail = cables.cables.get(editor.cable_id)
    assert detail.status is CableStatus.DISPATCHED and detail.serial.startswith("VIE ")
    assert detail.serial in editor.banner.text() and detail.serial in editor.windowTitle()
    assert "a correction is a new cable" in editor.banner.text()
    assert not editor.correction_button.isHidden()
    assert editor.header.subject.isReadOnly()
    assert not editor.paragraphs.rows[0].portion.isEnabled()
    assert not any(buttons[k].isEnabled() for k in ("submit", "approve", "dispatch", "return"))


def test_workflow_buttons_follow_the_domain_table(qtbot: QtBot, cables: Services) -> None:
    """For every status the editor enables exactly the steps the domain's table allows."""
    editor = editor_for(qtbot, cables, ready_draft(cables))
    assert editor.detail is not None
    for status in CableStatus:
        editor.detail = dataclasses.replace(editor.detail, status=status)
        editor.workflow.update_buttons()
        enabled = {step for step in STEPS if editor.buttons[step].isEnabled()}
        assert enabled == {step for step in STEPS if allows(status, step)}


def test_submitting_an_incomplete_cable_says_what_is_missing(
    qtbot: QtBot, cables: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft without TO addressees stays a draft and the reason shows at the TO field."""
    monkeypatch.setattr(ClearersDialog, "ask", classmethod(lambda cls, *_: []))
    editor = editor_for(qtbot, cables, ready_draft(cables, to_addressees=()))
    qtbot.mouseClick(editor.buttons["submit"], Qt.MouseButton.LeftButton)
    assert "action addressee" in editor.header.errors.message("to_addressees")
    assert cables.cables.get(editor.cable_id).status is CableStatus.DRAFT


def test_report_this_meeting_opens_the_readout(
    qtbot: QtBot, cables: Services, db: Database
) -> None:
    """The Engagements page's "Report this meeting" drafts a readout and opens its editor."""
    window = open_window(qtbot, db, "engagements")
    page = window.controllers["engagements"]
    assert isinstance(page, ListPageController)
    button = page.action_buttons[0]
    assert button.text() == "Report this meeting" and not button.isEnabled()
    page.view.table.selectRow(0)
    engagement_id = page.current_id()
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    editor = next(iter(CableEditor._open_editors.values()))
    assert editor.detail is not None
    assert editor.detail.data.kind is CableKind.READOUT
    assert editor.detail.data.engagement_id == engagement_id
    assert "MEETING WITH" in editor.header.subject.text()
    assert len(editor.paragraphs.rows) >= 3


def test_preview_shows_the_pages(qtbot: QtBot, cables: Services) -> None:
    """The preview panel shows at least one rendered page image."""
    editor = editor_for(qtbot, cables, ready_draft(cables))
    with qtbot.waitSignal(editor.renderer.rendered, timeout=20_000):
        editor.request_preview()
    page = editor.preview.pages[0].pixmap()
    assert not page.isNull() and page.width() > 100


def test_today_lists_a_cable_awaiting_dispatch(
    qtbot: QtBot, cables: Services, db: Database
) -> None:
    """An approved cable appears in Today's cable section."""
    draft = cables.cables.get(ready_draft(cables))
    flow = cables.cable_workflow
    sent = flow.submit(draft.id, draft.version, clearers=[], actor=DRAFTER)
    flow.approve(sent.id, sent.version, actor="Ambassador")
    window = open_window(qtbot, db, "today")
    today = window.controllers["today"]
    assert isinstance(today, TodayController)
    panel = today.section("cables")
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, COL_REM_DETAIL).data() == "Approved, awaiting dispatch"
    assert panel.empty.isHidden()


def test_save_pdf_writes_the_document(
    qtbot: QtBot, cables: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Save PDF… writes the cable's PDF to the chosen file."""
    target = tmp_path / "cable.pdf"
    monkeypatch.setattr(
        SavePdfDialog, "ask", classmethod(lambda cls, parent, suggested: str(target))
    )
    editor = editor_for(qtbot, cables, ready_draft(cables))
    with qtbot.waitSignal(editor.workflow.pdf_saved, timeout=30_000):
        qtbot.mouseClick(editor.buttons["pdf"], Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")


def test_a_failing_save_keeps_the_old_pdf_and_says_why(
    qtbot: QtBot, cables: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A write that fails half-way leaves the old file whole and shows a sentence, no traceback."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "cable.pdf"
    target.write_bytes(b"%PDF-1.4 old")
    shown: list[str] = []
    monkeypatch.setattr(SavePdfDialog, "ask", classmethod(lambda cls, parent, s: str(target)))
    monkeypatch.setattr(ErrorBox, "show", classmethod(lambda cls, p, t, m: shown.append(m)))

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    editor = editor_for(qtbot, cables, ready_draft(cables))
    qtbot.mouseClick(editor.buttons["pdf"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert shown == [
        f"{target} could not be written (No space left on device). Choose another folder."
    ]
    assert target.read_bytes() == b"%PDF-1.4 old"
    assert [p.name for p in folder.iterdir()] == ["cable.pdf"]


def test_the_name_is_asked_once(
    qtbot: QtBot, cables: Services, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """Without a stored name the first new cable asks for it; the second does not."""
    QSettings("bilatdesk", "bilatdesk").remove(IDENTITY_KEY)
    asked: list[bool] = []
    monkeypatch.setattr(
        IdentityDialog, "ask", classmethod(lambda cls, parent: asked.append(True) or "Omar Haddad")
    )
    window = open_window(qtbot, db, "cables")
    page = window.controllers["cables"]
    assert isinstance(page, CablesPageController)
    for _ in range(2):
        editor = page.create_from_template(CableKind.GENERAL)
        assert editor is not None
        qtbot.addWidget(editor)
    assert asked == [True]
    assert cables.cables.get(editor.cable_id).drafter == "Omar Haddad"


def test_post_settings_errors_show_at_the_field(qtbot: QtBot, cables: Services) -> None:
    """An empty post code is refused at its field; a valid one is saved."""
    dialog = PostSettingsDialog(None, cables)
    qtbot.addWidget(dialog)
    dialog.code.setText("")
    assert not dialog.save()
    assert dialog.errors.message("code") != ""
    dialog.code.setText("amm")
    assert dialog.save()
    assert cables.settings.post().code == "AMM"


def test_lowering_a_portion_mark_asks_once_and_cancel_keeps_it(
    qtbot: QtBot, cables: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choosing a lower portion mark by hand asks; Cancel puts the old mark back, unsaved."""
    from bilatdesk.ui.kit.messages import Confirm

    cable_id = ready_draft(
        cables, paragraphs=(ParagraphInput("Sensitive.", "C"),), classification="C"
    )
    editor = editor_for(qtbot, cables, cable_id)
    asked: list[str] = []
    answer = {"value": False}

    def ask(cls: object, parent: object, title: str, text: str, action: str) -> bool:
        asked.append(text)
        return answer["value"]

    monkeypatch.setattr(Confirm, "ask", classmethod(ask))
    combo = editor.paragraphs.rows[0].portion
    combo.setCurrentIndex(combo.findData("U"))
    combo.activated.emit(combo.currentIndex())
    assert len(asked) == 1 and "CONFIDENTIAL to UNCLASSIFIED" in asked[0]
    assert combo.value() == "C"
    answer["value"] = True
    combo.setCurrentIndex(combo.findData("R"))
    combo.activated.emit(combo.currentIndex())
    assert len(asked) == 2 and combo.value() == "R"
    combo.setCurrentIndex(combo.findData("S"))
    combo.activated.emit(combo.currentIndex())
    assert len(asked) == 2  # raising never asks


def test_the_title_follows_the_marking_as_it_changes(qtbot: QtBot, cables: Services) -> None:
    """The editor's title shows the marking chosen now, before any save."""
    cable_id = ready_draft(cables)
    editor = editor_for(qtbot, cables, cable_id)
    assert "UNCLASSIFIED" in editor.windowTitle().upper()
    editor.header.classification.set_value("S")
    editor.header.changed.emit()
    assert "SECRET" in editor.windowTitle().upper()
