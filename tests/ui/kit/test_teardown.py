"""A filter whose attributes the collector already emptied passes events on untouched."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bilatdesk.ui.kit.fit import WindowPlace


def test_a_window_place_being_collected_lets_the_hide_event_pass(qtbot: QtBot) -> None:
    """WindowPlace reads its window; with its attributes gone it neither raises nor filters."""
    window = QWidget()
    qtbot.addWidget(window)
    place = WindowPlace(window, "teardown-test", 400, 300)
    hide = QEvent(QEvent.Type.Hide)
    assert place.eventFilter(window, hide) is False
    place.__dict__.clear()  # what the collector's clearing of a cycle leaves
    assert place.eventFilter(window, hide) is False
