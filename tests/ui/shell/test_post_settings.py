"""Post settings: the dialog edits who "we" are, on cables and on a brief's cover."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.kernel.settings import PostSettings
from bilatdesk.services.visits.service import VisitInput
from bilatdesk.ui.shell.post_settings import PostSettingsDialog


def test_the_state_and_ministry_on_a_briefs_cover_are_edited_here(
    qtbot: QtBot, services: Services
) -> None:
    """Our state and ministry show as stored, and what is typed and saved is what the next
    brief's cover names."""
    services.settings.save_post(
        PostSettings("VIE", "EMBASSY VIENNA", state_name="Veloria", ministry="Foreign Office")
    )
    dialog = PostSettingsDialog(None, services)
    qtbot.addWidget(dialog)
    assert (dialog.state_name.text(), dialog.ministry.text()) == ("Veloria", "Foreign Office")
    dialog.state_name.setText("the Republic of Veloria")
    dialog.ministry.setText("Ministry of Foreign and European Affairs")
    with qtbot.waitSignal(dialog.accepted):
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    country = services.countries.create(CountryInput("GR", "Greece")).id
    visit = services.visits.create(
        VisitInput("the Minister of Foreign Affairs", country, date(2030, 3, 10), date(2030, 3, 11))
    ).id
    cover = services.briefs.data(visit)
    assert (cover.state, cover.ministry) == (
        "the Republic of Veloria",
        "Ministry of Foreign and European Affairs",
    )


def test_saving_other_settings_keeps_the_ministry(qtbot: QtBot, services: Services) -> None:
    """Saving the dialog for another field leaves the ministry as it was set."""
    services.settings.save_post(PostSettings("VIE", "EMBASSY VIENNA", ministry="Foreign Office"))
    dialog = PostSettingsDialog(None, services)
    qtbot.addWidget(dialog)
    dialog.capital_desk.setText("MFA Europe Desk")
    assert dialog.save()
    assert services.settings.post().ministry == "Foreign Office"


def test_an_over_long_ministry_is_refused_at_its_field(qtbot: QtBot, services: Services) -> None:
    """A ministry name past 200 characters is refused with a sentence at the field."""
    dialog = PostSettingsDialog(None, services)
    qtbot.addWidget(dialog)
    dialog.ministry.setText("M" * 201)
    assert not dialog.save()
    assert dialog.errors.message("ministry")
