"""Windows open inside their screen and come back where they were left, on each screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from bilatdesk.ui.kit import fit
from bilatdesk.ui.kit.settings import settings


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """A 1280x720 screen whose task bar takes 40 pixels."""
    area = QRect(0, 0, 1280, 680)
    monkeypatch.setattr(fit, "room", lambda _widget: QRect(area))
    return area


def test_a_large_preferred_size_is_cut_to_the_screen(qtbot: QtBot, laptop: QRect) -> None:
    """A window that would like 1360x900 opens inside the laptop's 1280x680."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fit.keep_place(dialog, 1360, 900)
    dialog.show()
    assert laptop.contains(dialog.frameGeometry())
    assert dialog.height() <= 680 - 24 and dialog.width() <= 1280 - 24


def test_the_place_is_remembered_per_screen(qtbot: QtBot, laptop: QRect) -> None:
    """Closed at a size and position, a window reopens there on the same screen."""
    first = QDialog()
    qtbot.addWidget(first)
    fit.keep_place(first, 600, 400, name="probe")
    first.show()
    first.setGeometry(100, 120, 700, 450)
    first.close()
    again = QDialog()
    qtbot.addWidget(again)
    fit.keep_place(again, 600, 400, name="probe")
    again.show()
    assert again.geometry() == QRect(100, 120, 700, 450)
    keys = [key for key in settings().allKeys() if key.startswith("places/probe/")]
    assert len(keys) == 1 and fit.screen_key(again.screen()) in keys[0]


def test_a_place_off_this_screen_is_not_used(qtbot: QtBot, laptop: QRect) -> None:
    """A place remembered larger than this screen allows is ignored: the window fits."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    place = fit.keep_place(dialog, 600, 400, name="probe")
    settings().setValue(place.key(), [1500, 900, 1400, 1000])
    dialog.show()
    assert laptop.contains(dialog.frameGeometry())


def test_screen_key_names_the_screen_and_its_geometry(qtbot: QtBot) -> None:
    """The key holds the screen's name and geometry, without a settings group separator."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    key = fit.screen_key(dialog.screen())
    geometry = dialog.screen().geometry()
    assert f"{geometry.width()}x{geometry.height()}" in key and "/" not in key
