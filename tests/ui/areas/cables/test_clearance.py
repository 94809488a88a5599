"""The cable editor: clearers of our side, clearances on behalf, Today's list, empty drafts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from bilatdesk.domain import CableKind, Side
from bilatdesk.domain.cable_workflow import ClearanceManner
from bilatdesk.services.cables.clearers import Clearer
from bilatdesk.services.cables.records import CableInput, ParagraphInput
from bilatdesk.services.catalog import Services
from bilatdesk.services.engagements.service import EngagementInput, ParticipantInput
from bilatdesk.services.kernel.settings import PostSettings
from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.cables.clear_dialog import ClearChoice, ClearDialog
from bilatdesk.ui.areas.cables.dialogs import IDENTITY_KEY, ClearersDialog
from bilatdesk.ui.areas.cables.editor import CableEditor
from bilatdesk.ui.areas.cables.page import CablesPageController
from bilatdesk.ui.areas.today.model import COL_REM_DETAIL
from bilatdesk.ui.areas.today.page import TodayController
from bilatdesk.ui.shell.main_window import MainWindow
from bilatdesk.ui.shell.post_settings import PostSettingsDialog

DRAFTER = "Marta Şahin"
DEPUTY = "Tomás Ó Briain"


@pytest.fixture
def post(populated: Services) -> Services:
    """A post with Tomás on our side of a meeting, and Marta at the keyboard."""
    populated.settings.save_post(PostSettings("VIE", "EMBASSY VIENNA", "KOVAČEVIĆ-BRANDT"))
    tomas = populated.people.create(PersonInput(given_name="Tomás", family_name="Ó Briain"))
    populated.engagements.create(
        EngagementInput(
            title="Staff meeting",
            starts_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
            participants=(ParticipantInput(tomas.id, side=Side.OURS),),
        )
    )
    QSettings("bilatdesk", "bilatdesk").setValue(IDENTITY_KEY, DRAFTER)
    return populated


def _draft(services: Services, **changes: object) -> int:
    base = CableInput(
        subject="AUSTRIA: NEW FOREIGN MINISTER",
        to_addressees=("MFA CAPITAL / EUROPE DESK",),
        paragraphs=(ParagraphInput("Sworn in today.", "U"),),
    )
    data = CableInput(**{**base.__dict__, **changes})
    return services.cables.create(data, drafter=DRAFTER).id


def _editor(qtbot: QtBot, services: Services, cable_id: int) -> CableEditor:
    editor = CableEditor.show_for(None, services, cable_id)
    qtbot.addWidget(editor)
    return editor


def test_the_clearers_dialog_offers_our_side_and_keeps_a_choice(qtbot: QtBot) -> None:
    """The people of our side are ticked as they were chosen before, and read back."""
    people = [Clearer(1, "Ana"), Clearer(2, DEPUTY)]
    dialog = ClearersDialog(None, people, chosen=[2])
    qtbot.addWidget(dialog)
    assert [dialog.people.item(i).text() for i in range(2)] == ["Ana", DEPUTY]
    assert dialog.chosen() == [2]
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen() == [1, 2]


def test_clearers_ticked_survive_a_refused_submit(
    qtbot: QtBot, post: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A submit refused for a missing TO offers the same clearers again next time."""
    offered: list[tuple[list[str], list[int]]] = []
    [tomas] = post.cable_workflow.clearers()

    def ask(cls: type, parent: object, people: list[Clearer], chosen: list[int]) -> list[int]:
        offered.append(([p.name for p in people], list(chosen)))
        return [tomas.person_id]

    monkeypatch.setattr(ClearersDialog, "ask", classmethod(ask))
    editor = _editor(qtbot, post, _draft(post, to_addressees=()))
    qtbot.mouseClick(editor.buttons["submit"], Qt.MouseButton.LeftButton)
    assert "action addressee" in editor.header.errors.message("to_addressees")
    qtbot.mouseClick(editor.buttons["submit"], Qt.MouseButton.LeftButton)
    assert offered == [([DEPUTY], []), ([DEPUTY], [tomas.person_id])]


def test_clear_dialog_asks_how_only_for_someone_else(qtbot: QtBot) -> None:
    """One's own clearance needs no channel; another's is recorded as given by telephone."""
    dialog = ClearDialog(None, [DEPUTY, DRAFTER], DRAFTER)
    qtbot.addWidget(dialog)
    assert dialog.clearer.currentText() == DRAFTER and not dialog.manner.isEnabled()
    assert dialog.choice() == ClearChoice(DRAFTER, ClearanceManner.SELF, "")
    dialog.clearer.setCurrentIndex(0)
    assert dialog.manner.isEnabled() and "on their behalf" in dialog.note.text()
    assert dialog.choice().manner is ClearanceManner.TELEPHONE


def test_a_clearance_by_telephone_shows_who_recorded_it(
    qtbot: QtBot, post: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clear records Tomás's telephoned clearance on his behalf; the header says so."""
    draft = post.cables.get(_draft(post))
    post.cable_workflow.submit(draft.id, draft.version, clearers=[DEPUTY], actor=DRAFTER)
    choice = ClearChoice(DEPUTY, ClearanceManner.TELEPHONE, "OK by phone")
    monkeypatch.setattr(ClearDialog, "ask", classmethod(lambda cls, *_: choice))
    editor = _editor(qtbot, post, draft.id)
    qtbot.mouseClick(editor.buttons["clear"], Qt.MouseButton.LeftButton)
    assert "given by telephone, recorded by Marta Şahin" in editor.people.text()
    [clearance] = post.cables.get(draft.id).clearances
    assert (clearance.name, clearance.manner, clearance.comment) == (
        DEPUTY,
        "telephone",
        "OK by phone",
    )


def test_post_settings_let_a_one_person_post_approve_its_own(qtbot: QtBot, post: Services) -> None:
    """The checkbox is off by default and, once saved, lets the drafter approve."""
    dialog = PostSettingsDialog(None, post)
    qtbot.addWidget(dialog)
    assert not dialog.drafter_may_approve.isChecked()
    dialog.drafter_may_approve.setChecked(True)
    assert dialog.save()
    assert post.settings.post().drafter_may_approve


def test_today_lists_the_cables_the_command_line_lists(
    qtbot: QtBot, post: Services, db: Database
) -> None:
    """With a user name set, Today still shows a cable waiting for someone else, as
    `bilatdesk today` does, saying whose clearance it waits for."""
    draft = post.cables.get(_draft(post))
    post.cable_workflow.submit(draft.id, draft.version, clearers=[DEPUTY], actor=DRAFTER)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.show_area("today")
    today = window.controllers["today"]
    assert isinstance(today, TodayController)
    model = today.section("cables").model
    day = datetime.now(UTC).date()
    [cli] = [s for s in post.reminders.sections(day, zone=UTC) if s.key == "cables"]
    assert model.rowCount() == len(cli.reminders) == 1
    assert model.index(0, COL_REM_DETAIL).data() == cli.reminders[0].detail
    assert cli.reminders[0].detail == f"Awaiting clearance by {DEPUTY}"


def test_a_template_draft_closed_untouched_is_not_kept(
    qtbot: QtBot, post: Services, db: Database
) -> None:
    """Opening a template and closing it leaves no empty draft; one typed in stays."""
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.show_area("cables")
    page = window.controllers["cables"]
    assert isinstance(page, CablesPageController)
    before = len(post.cables.list().rows)
    editor = page.create_from_template(CableKind.SITUATION_REPORT)
    assert editor is not None and len(post.cables.list().rows) == before + 1
    editor.reject()
    assert len(post.cables.list().rows) == before
    kept = page.create_from_template(CableKind.SITUATION_REPORT)
    assert kept is not None
    kept.header.subject.setText("AUSTRIA: FLOODS IN STYRIA")
    kept.reject()
    assert [r.subject for r in post.cables.list().rows] == ["AUSTRIA: FLOODS IN STYRIA"]
