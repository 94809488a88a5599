"""The country form's Timeline tab: configured statuses, live bands, opening events, fit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput, StatusEntry
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.services.kernel.settings import PostSettings
from bilatdesk.ui.areas.countries.form import CountryForm, StatusCombo
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.shell.post_settings import PostSettingsDialog

TODAY = date(2026, 11, 22)


@pytest.fixture
def bulgaria(services: Services) -> int:
    services.settings.save_post(PostSettings(relation_statuses=("Suspended",)))
    return services.countries.create(
        CountryInput(
            "BG",
            statuses=(
                StatusEntry("normal", date(1992, 1, 1), "Established"),
                StatusEntry("slowdown", date(2026, 5, 6), "Transit dispute"),
                StatusEntry("normal", date(2026, 10, 13), "Arrangement"),
            ),
        )
    ).id


def open_form(qtbot: QtBot, services: Services, record_id: int | None) -> CountryForm:
    form = CountryForm(None, services, record_id)
    qtbot.addWidget(form)
    form.show()
    return form


def test_form_has_details_and_timeline_tabs(
    qtbot: QtBot, services: Services, bulgaria: int
) -> None:
    """Details, Timeline, Commitments and History; the timeline's bands are the country's
    periods."""
    form = open_form(qtbot, services, bulgaria)
    assert [form.tabs.tabText(i) for i in range(form.tabs.count())] == [
        "Details",
        "Timeline",
        "Commitments",
        "History",
    ]
    assert [(p.status, p.end) for p in form.timeline.canvas.periods] == [
        ("normal", date(2026, 5, 5)),
        ("slowdown", date(2026, 10, 12)),
        ("normal", None),
    ]
    assert form.timeline.loader is not None


def test_status_choices_include_configured_ones_and_save(
    qtbot: QtBot, services: Services, bulgaria: int
) -> None:
    """The status list offers the three built-in statuses and the post's own; one saves."""
    form = open_form(qtbot, services, bulgaria)
    qtbot.mouseClick(form.statuses.add_button, Qt.MouseButton.LeftButton)
    row = form.statuses.row_widgets(3)
    combo = row[0]
    assert isinstance(combo, StatusCombo)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Normal",
        "Slowdown",
        "Deep freeze",
        "Suspended",
    ]
    combo.set_value("Suspended")
    row[1].setDate(row[1].date().fromString("2026-11-20", "yyyy-MM-dd"))  # type: ignore[attr-defined]
    assert [p.status for p in form.timeline.canvas.periods][-1] == "Suspended"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == bulgaria, form.banner.text()
    statuses = services.countries.get(bulgaria).data.statuses
    assert (statuses[-1].status, statuses[-1].from_date) == ("Suspended", date(2026, 11, 20))


def test_a_status_dropped_from_the_post_list_still_shows(
    qtbot: QtBot, services: Services, bulgaria: int
) -> None:
    """An entry whose status the post no longer lists keeps it in its combo."""
    form = open_form(qtbot, services, bulgaria)
    combo = StatusCombo(())
    combo.set_value("Cordial")
    assert combo.value() == "Cordial"
    assert form.statuses.values()[1].status == "slowdown"


def test_bad_entries_bring_the_timeline_tab_forward(
    qtbot: QtBot, services: Services, bulgaria: int
) -> None:
    """Two entries on one day: the error shows at the entries, on the Timeline tab."""
    form = open_form(qtbot, services, bulgaria)
    assert form.tabs.currentIndex() == 0
    qtbot.mouseClick(form.statuses.add_button, Qt.MouseButton.LeftButton)
    form.statuses.row_widgets(3)[1].setDate(  # type: ignore[attr-defined]
        form.statuses.row_widgets(0)[1].date()  # type: ignore[attr-defined]
    )
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.saved_id is None
    assert "same day" in form.field_error("statuses")
    assert form.tabs.currentIndex() == 1
    form.dirty = False  # closing would ask about the unsaved entry


def test_clicking_an_engagement_opens_it_and_reloads(
    qtbot: QtBot, services: Services, bulgaria: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A marker opens the engagement form; once saved, the timeline reads again."""
    meeting = services.engagements.create(
        EngagementInput(
            "Joint commission", datetime(2026, 9, 10, 9, tzinfo=UTC), country_id=bulgaria
        )
    ).id
    opened: list[int | None] = []

    def ask(
        _cls: type,
        _parent: object,
        _services: Services,
        rid: int | None = None,
        _scope: int | None = None,
        **_kw: object,
    ) -> int | None:
        opened.append(rid)
        return rid

    monkeypatch.setattr(EngagementForm, "ask", classmethod(ask))
    form = open_form(qtbot, services, bulgaria)
    form.tabs.setCurrentIndex(1)
    canvas = form.timeline.canvas
    markers = canvas.markers("engagement", 0, canvas.width())
    assert [m.single.record for m in markers if m.single] == [("engagement", meeting)]
    loads = len(form.timeline.loads)
    form.timeline.area.ensureVisible(round(markers[0].rect.center().x()), 10)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=markers[0].rect.center().toPoint())
    assert opened == [meeting]
    assert len(form.timeline.loads) == loads + 1


def test_new_country_shows_its_entries_without_a_loader(qtbot: QtBot, services: Services) -> None:
    """A country not yet saved draws the bands of its entries and reads nothing."""
    form = open_form(qtbot, services, None)
    assert form.timeline.loader is None
    qtbot.mouseClick(form.statuses.add_button, Qt.MouseButton.LeftButton)
    assert [p.status for p in form.timeline.canvas.periods] == ["normal"]
    form.dirty = False


def test_form_fits_a_small_laptop_screen(qtbot: QtBot, services: Services, bulgaria: int) -> None:
    """The form is no larger than the screen it opens on, and wide where there is room."""
    form = open_form(qtbot, services, bulgaria)
    screen = form.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    assert form.width() <= room.width() and form.height() <= room.height()
    assert form.width() >= min(1180, room.width() - 40)


def test_post_settings_dialog_edits_the_status_list(qtbot: QtBot, services: Services) -> None:
    """Statuses are added in the dialog's list and saved; a clash shows at the list."""
    dialog = PostSettingsDialog(None, services)
    qtbot.addWidget(dialog)
    editor = dialog.relation_statuses
    editor.add("Strategic partnership")
    editor.add("Suspended")
    editor.list.setCurrentRow(1)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert editor.values() == ("Suspended", "Strategic partnership")
    assert dialog.save()
    assert services.settings.post().relation_statuses == ("Suspended", "Strategic partnership")
    editor.add("suspended")
    assert not dialog.save()
    assert "listed twice" in dialog.errors.message("relation_statuses")
    assert editor.values() == ("Suspended", "Strategic partnership", "suspended")  # kept
