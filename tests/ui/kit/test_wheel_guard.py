"""The mouse wheel never changes an unfocused combo box, spin box or date field."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QSpinBox
from pytestqt.qtbot import QtBot

from bilatdesk.services.cables.records import ParagraphInput
from bilatdesk.ui.areas.cables.paragraphs import ParagraphsEditor
from bilatdesk.ui.kit.wheel_guard import install_wheel_guard


def _wheel(widget: object, notches: int = -1) -> None:
    """One wheel notch (down by default) over the middle of `widget`."""
    assert hasattr(widget, "rect")
    centre = QPointF(widget.rect().center())  # type: ignore[attr-defined]
    event = QWheelEvent(
        centre,
        centre,
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def test_wheel_over_an_unfocused_portion_mark_changes_nothing(qtbot: QtBot) -> None:
    """In the cable editor a notch over a paragraph's (U) leaves it (U) and saves nothing."""
    install_wheel_guard(QApplication.instance())  # type: ignore[arg-type]
    editor = ParagraphsEditor()
    area = QScrollArea()
    area.setWidget(editor)
    area.setWidgetResizable(True)
    qtbot.addWidget(area)
    editor.set_values((ParagraphInput("First.", "U"), ParagraphInput("Second.", "U")))
    area.show()
    edits: list[str] = []
    editor.changed.connect(lambda: edits.append("changed"))
    combo = editor.rows[0].portion
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert not combo.hasFocus()
    for notches in (-1, -1, 1):
        _wheel(combo, notches)
    assert combo.value() == "U"
    assert edits == []


def test_every_spin_box_gets_strong_focus(qtbot: QtBot) -> None:
    """A spin box made after the guard takes focus by click or Tab, never by the wheel."""
    install_wheel_guard(QApplication.instance())  # type: ignore[arg-type]
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.show()
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
    spin.setValue(5)
    _wheel(spin, 1)
    assert spin.value() == 5
