"""The photo field: paste from the clipboard, choose a file, remove, and refusals as sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.people.service import PersonInput
from bilatdesk.ui.areas.people.photo_field import (
    ConfirmRemovePhoto,
    PhotoField,
    PhotoFileDialog,
    initials,
)


def field_for(qtbot: QtBot, services: Services, name: str = "Rana Al-Abbadi") -> PhotoField:
    given, family = name.split(" ", 1)
    detail = services.people.create(PersonInput(given_name=given, family_name=family))
    field = PhotoField(services.people)
    qtbot.addWidget(field)
    field.set_record(detail.id, detail.version, detail.display_name, has_photo=False)
    field.show()
    return field


def red_image(width: int = 800, height: int = 1000) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#c62828"))
    return image


def test_pasting_a_clipboard_image_stores_it_scaled(qtbot: QtBot, services: Services) -> None:
    """Ctrl+V on the focused portrait stores the clipboard's image as a JPEG, version moved."""
    field = field_for(qtbot, services)
    person_id, before = field.person_id or 0, field.version or 0
    QGuiApplication.clipboard().setImage(red_image())
    field.portrait.setFocus()
    with qtbot.waitSignal(field.saved) as saved:
        qtbot.keyClick(field.portrait, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == [before + 1]
    stored = services.people.photo(person_id)
    assert stored is not None and stored[1] == "image/jpeg"
    assert stored[0][:3] == b"\xff\xd8\xff"
    shown = field.portrait.pixmap()
    assert not shown.isNull()
    colour = shown.toImage().pixelColor(shown.width() // 2, shown.height() // 2)
    assert colour.red() > 150 and colour.green() < 80  # the portrait itself, not initials
    assert field.remove_button.isEnabled()
    detail = services.people.get(person_id)
    assert detail.has_photo and detail.version == field.version


def test_paste_without_an_image_says_so(qtbot: QtBot, services: Services) -> None:
    """Text on the clipboard is not a photo: a sentence under the photo, nothing stored."""
    field = field_for(qtbot, services)
    QGuiApplication.clipboard().setText("not a picture")
    qtbot.mouseClick(field.paste_button, Qt.MouseButton.LeftButton)
    assert "clipboard holds no image" in field.error_text()
    assert services.people.photo(field.person_id or 0) is None


def test_choosing_a_file_that_is_not_an_image_shows_the_reason(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A damaged or foreign file is refused by the photo rules, told under the photo."""
    bogus = tmp_path / "../../x.jpg"
    bogus.parent.mkdir(parents=True, exist_ok=True)
    bogus.write_bytes(b"GIF89a" + b"\0" * 50)
    monkeypatch.setattr(PhotoFileDialog, "ask", classmethod(lambda cls, parent: str(bogus)))
    field = field_for(qtbot, services)
    qtbot.mouseClick(field.choose_button, Qt.MouseButton.LeftButton)
    assert "could not be read" in field.error_text() or "JPEG and PNG" in field.error_text()
    assert services.people.photo(field.person_id or 0) is None
    assert not field.remove_button.isEnabled()


def test_choosing_a_png_then_removing_it_after_confirmation(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Choose… stores a PNG; Remove asks first, and only a yes removes it."""
    path = tmp_path / "portrait.png"
    red_image(300, 400).save(str(path), "PNG")
    monkeypatch.setattr(PhotoFileDialog, "ask", classmethod(lambda cls, parent: str(path)))
    field = field_for(qtbot, services)
    assert field.choose_file()
    answers = [False]
    asked: list[str] = []
    monkeypatch.setattr(
        ConfirmRemovePhoto,
        "ask",
        classmethod(lambda cls, parent, name: asked.append(name) or answers[0]),
    )
    qtbot.mouseClick(field.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["Rana Al-Abbadi"]
    assert services.people.photo(field.person_id or 0) is not None
    answers[0] = True
    qtbot.mouseClick(field.remove_button, Qt.MouseButton.LeftButton)
    assert services.people.photo(field.person_id or 0) is None
    assert not field.remove_button.isEnabled()
    assert services.people.get(field.person_id or 0).version == field.version


def test_a_stale_version_is_refused_with_a_sentence(qtbot: QtBot, services: Services) -> None:
    """When the record changed elsewhere, the photo is not written and the field says why."""
    field = field_for(qtbot, services)
    field.set_version((field.version or 0) - 1)
    QGuiApplication.clipboard().setImage(red_image(50, 50))
    assert not field.paste()
    assert "changed by someone else" in field.error_text()
    assert services.people.photo(field.person_id or 0) is None


def test_a_person_not_saved_yet_cannot_take_a_photo(qtbot: QtBot, services: Services) -> None:
    """For a new person the buttons wait, and the field says why; initials are drawn."""
    field = PhotoField(services.people)
    qtbot.addWidget(field)
    field.set_record(None, None, "", has_photo=False)
    assert not field.choose_button.isEnabled() and not field.paste_button.isEnabled()
    assert "Save the person first" in field.note.text()
    assert not field.portrait.pixmap().isNull()
    QGuiApplication.clipboard().setImage(red_image(10, 10))
    assert not field.paste()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Rana Al-Abbadi", "RA"), ("عمر الخطيب", "عا"), ("Ōno", "Ō"), ("  ", "?"), ("=cmd|x", "?")],
)
def test_initials_in_any_script(name: str, expected: str) -> None:
    """Initials come from the first and last word, whatever the script."""
    assert initials(name) == expected
