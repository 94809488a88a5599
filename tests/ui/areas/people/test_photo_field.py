"""The photo field: paste from the clipboard, choose a file, remove, and refusals as sentences;
each held for the form's Save, never written by the field itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.people.photos import PhotoChange
from bilatdesk.services.people.service import PersonInput
from bilatdesk.ui.areas.people.photo_field import (
    ConfirmRemovePhoto,
    PhotoField,
    PhotoFileDialog,
    image_png_bytes,
    initials,
)


def field_for(qtbot: QtBot, services: Services, name: str = "Rana Al-Abbadi") -> PhotoField:
    given, family = name.split(" ", 1)
    detail = services.people.create(PersonInput(given_name=given, family_name=family))
    field = PhotoField(services.people)
    qtbot.addWidget(field)
    field.set_record(detail.id, detail.display_name, has_photo=False)
    field.show()
    return field


def red_image(width: int = 800, height: int = 1000) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#c62828"))
    return image


def test_pasting_a_clipboard_image_holds_it_scaled(qtbot: QtBot, services: Services) -> None:
    """Ctrl+V on the focused portrait shows the clipboard's image, held as a scaled JPEG for
    the form's Save; nothing is written and the record keeps its version."""
    field = field_for(qtbot, services)
    person_id = field.person_id or 0
    before = services.people.get(person_id)
    QGuiApplication.clipboard().setImage(red_image())
    field.portrait.setFocus()
    with qtbot.waitSignal(field.changed):
        qtbot.keyClick(field.portrait, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    held = field.change()
    assert held is not None and held.photo is not None
    assert held.photo[:3] == b"\xff\xd8\xff"
    shown = field.portrait.pixmap()
    assert not shown.isNull()
    colour = shown.toImage().pixelColor(shown.width() // 2, shown.height() // 2)
    assert colour.red() > 150 and colour.green() < 80  # the portrait itself, not initials
    assert field.remove_button.isEnabled()
    assert "Not saved yet" in field.note.text()
    assert services.people.get(person_id) == before and services.people.photo(person_id) is None
    field.set_record(person_id, before.display_name, has_photo=False)
    assert field.change() is None and not field.remove_button.isEnabled()


def test_paste_without_an_image_says_so(qtbot: QtBot, services: Services) -> None:
    """Text on the clipboard is not a photo: a sentence under the photo, nothing stored."""
    field = field_for(qtbot, services)
    QGuiApplication.clipboard().setText("not a picture")
    qtbot.mouseClick(field.paste_button, Qt.MouseButton.LeftButton)
    assert "clipboard holds no image" in field.error_text()
    assert field.change() is None


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
    assert field.change() is None
    assert not field.remove_button.isEnabled()


def test_choosing_a_png_then_removing_it_after_confirmation(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Choose… holds a PNG as JPEG; Remove asks first, and a yes forgets the one not saved."""
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
    assert field.change() is not None and field.has_photo
    answers[0] = True
    qtbot.mouseClick(field.remove_button, Qt.MouseButton.LeftButton)
    assert field.change() is None  # never saved: nothing to remove on Save
    assert not field.remove_button.isEnabled()


def test_removing_a_stored_photo_is_held_for_save(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored photo is shown; Remove holds its removal, and the database keeps it meanwhile."""
    field = field_for(qtbot, services)
    person_id = field.person_id or 0
    checked = services.people.check_photo(image_png_bytes(red_image(60, 75)))
    version = services.people.get(person_id).version
    services.people.set_photo(person_id, checked, version)
    field.set_record(person_id, "Rana Al-Abbadi", has_photo=True)
    assert field.has_photo and field.remove_button.isEnabled()
    monkeypatch.setattr(ConfirmRemovePhoto, "ask", classmethod(lambda cls, parent, name: True))
    with qtbot.waitSignal(field.changed):
        qtbot.mouseClick(field.remove_button, Qt.MouseButton.LeftButton)
    assert field.change() == PhotoChange(None)
    assert not field.has_photo
    assert services.people.photo(person_id) == (checked, "image/jpeg")


def test_a_person_not_saved_yet_can_take_a_photo(qtbot: QtBot, services: Services) -> None:
    """For a new person the photo is held like any other, to be saved with them; initials
    are drawn until then."""
    field = PhotoField(services.people)
    qtbot.addWidget(field)
    field.set_record(None, "", has_photo=False)
    assert field.choose_button.isEnabled() and field.paste_button.isEnabled()
    assert not field.portrait.pixmap().isNull()
    QGuiApplication.clipboard().setImage(red_image(10, 10))
    assert field.paste()
    held = field.change()
    assert held is not None and held.photo is not None


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Rana Al-Abbadi", "RA"), ("عمر الخطيب", "عا"), ("Ōno", "Ō"), ("  ", "?"), ("=cmd|x", "?")],
)
def test_initials_in_any_script(name: str, expected: str) -> None:
    """Initials come from the first and last word, whatever the script."""
    assert initials(name) == expected
