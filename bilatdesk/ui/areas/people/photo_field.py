"""A person's portrait: shown scaled (or initials), chosen from a file, pasted, or removed.

Nothing here writes: a photo chosen is checked and scaled at once (PersonService.check_photo,
so a refusal is told under it) and held, with a removal, until the person form's Save writes
it with the fields (`change()`); Cancel forgets it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.services.people.photos import PhotoChange
from bilatdesk.services.people.service import PersonService
from bilatdesk.ui.kit.field_errors import error_colour

PORTRAIT = QSize(132, 165)  # 4:5, the shape of a passport photo and of the brief's portrait


class PhotoFileDialog:
    """Asks for a JPEG or PNG file: one seam for tests."""

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            parent.tr("Choose a photo") if parent else "Choose a photo",
            "",
            "Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG);;All files (*)",
        )
        return path or None


class ConfirmRemovePhoto:
    """Asks before removing a portrait: one seam for tests."""

    @classmethod
    def ask(cls, parent: QWidget | None, name: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(box.tr("Remove photo"))
        box.setText(box.tr("Remove the photo of %1?").replace("%1", name or box.tr("this person")))
        box.setInformativeText(box.tr("The photo is deleted when you save the person."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(box.tr("Remove"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes


def image_png_bytes(image: QImage) -> bytes:
    """An image as PNG file bytes (what a pasted screenshot becomes before it is stored)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs type the format as bytes, but the binding accepts only a str here.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def initials(name: str) -> str:
    """Up to two initials from a name, in whatever script it is written."""
    letters = [part[0] for part in name.split() if part and part[0].isalpha()]
    if not letters:
        return "?"
    return (letters[0] + (letters[-1] if len(letters) > 1 else "")).upper()


def placeholder_pixmap(name: str, size: QSize, palette: QPalette) -> QPixmap:
    """A calm card with the person's initials, drawn in the palette's colours."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(0.5, 0.5, size.width() - 1, size.height() - 1)
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
    painter.drawRoundedRect(rect, 6, 6)
    font = QFont(painter.font())
    font.setPixelSize(size.width() // 3)
    font.setBold(True)
    painter.setFont(font)
    text = palette.color(QPalette.ColorRole.PlaceholderText)
    painter.setPen(QColor(text))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    return pixmap


class _Portrait(QLabel):
    """The picture itself; focusable so Ctrl+V pastes into it."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("portrait")
        self.setFixedSize(PORTRAIT + QSize(4, 4))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            "#portrait { border: 2px solid transparent; border-radius: 4px; }"
            "#portrait:focus { border: 2px solid palette(highlight); }"
        )


class PhotoField(QWidget):
    """The portrait with Choose…, Paste and Remove; errors as a sentence beneath."""

    changed = Signal()
    """A photo was chosen or removed (held until the form's Save)."""

    def __init__(self, people: PersonService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = people
        self.person_id: int | None = None
        self.name = ""
        self.has_photo = False
        self._stored = False  # the saved record has a photo
        self._pending: PhotoChange | None = None
        self.portrait = _Portrait()
        self.portrait.setToolTip(self.tr("Click here and press Ctrl+V to paste a photo"))
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setToolTip(self.tr("Use a JPEG or PNG file"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr("Use the image on the clipboard (Ctrl+V)"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setEnabled(False)  # the palette's quiet colour
        self.error = QLabel()
        self.error.setObjectName("error_photo")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        for label in (self.note, self.error):
            label.setMaximumWidth(PORTRAIT.width() + 100)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.choose_button, self.paste_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.choose_button.clicked.connect(self.choose_file)
        self.paste_button.clicked.connect(self.paste)
        self.remove_button.clicked.connect(self.remove)
        self.set_record(None, "", has_photo=False)

    # -- API ------------------------------------------------------------------------------
    def set_record(self, person_id: int | None, name: str, *, has_photo: bool) -> None:
        """The person shown as saved (None: not saved yet); a change held is forgotten."""
        self.person_id, self.name = person_id, name
        self._stored = has_photo and person_id is not None
        self._pending = None
        self._show_error("")
        self.refresh()

    def change(self) -> PhotoChange | None:
        """The photo chosen or removed since the record was shown, for the form's Save."""
        return self._pending

    def set_name(self, name: str) -> None:
        """The name the initials come from (follows the form's name fields)."""
        self.name = name
        if not self.has_photo:
            self.refresh()

    def refresh(self) -> None:
        """Show the photo held, else the stored one, or the initials card when there is none."""
        data: bytes | None = None
        if self._pending is not None:
            data = self._pending.photo
        elif self.person_id is not None and self._stored:
            try:
                stored = self.people.photo(self.person_id)
            except ServiceError as exc:
                self._show_error(str(exc))
                stored = None
            data = stored[0] if stored is not None else None
        pixmap = QPixmap()
        if data is not None and pixmap.loadFromData(data):
            ratio = self.devicePixelRatioF()
            scaled = pixmap.scaled(
                PORTRAIT * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(ratio)
            self.portrait.setPixmap(scaled)
            self.portrait.setAccessibleName(self.tr("Photo of %1").replace("%1", self.name))
            self.has_photo = True
        else:
            self.portrait.setPixmap(placeholder_pixmap(self.name, PORTRAIT, self.palette()))
            self.portrait.setAccessibleName(self.tr("No photo"))
            self.has_photo = False
        self.remove_button.setEnabled(self.has_photo)
        self.note.setText(
            self.tr("Changes are saved with the person.")
            if self._pending is None
            else self.tr("Not saved yet: Save keeps it, Cancel forgets it.")
        )

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def choose_file(self) -> bool:
        path = PhotoFileDialog.ask(self)
        if path is None:
            return False
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self._show_error(
                self.tr("%1 could not be read (%2).")
                .replace("%1", Path(path).name)
                .replace("%2", exc.strerror or str(exc))
            )
            return False
        return self.store(data)

    def paste(self) -> bool:
        """Use the clipboard's image, or an image file copied in a file manager."""
        clipboard = QGuiApplication.clipboard()
        image = clipboard.image()
        if not image.isNull():
            return self.store(image_png_bytes(image))
        mime = clipboard.mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime else []
        if files:
            try:
                return self.store(Path(files[0]).read_bytes())
            except OSError as exc:
                self._show_error(exc.strerror or str(exc))
                return False
        self._show_error(
            self.tr("The clipboard holds no image; copy a photo first, then paste it here.")
        )
        return False

    def store(self, data: bytes) -> bool:
        """Check and scale the photo and hold it for Save; False (the reason shown) when refused."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            checked = self.people.check_photo(data)
        except ValidationError as exc:
            self._show_error(exc.errors.get("photo") or str(exc))
            return False
        except ServiceError as exc:
            self._show_error(str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._hold(PhotoChange(checked))
        return True

    def remove(self) -> bool:
        if not self.has_photo:
            return False
        if not ConfirmRemovePhoto.ask(self, self.name):
            return False
        # A photo chosen here and never saved just goes; a stored one goes on Save.
        self._hold(PhotoChange(None) if self._stored else None)
        return True

    # -- inside ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            event.accept()
            self.paste()
            return
        super().keyPressEvent(event)

    def _hold(self, change: PhotoChange | None) -> None:
        self._pending = change
        self._show_error("")
        self.refresh()
        self.changed.emit()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setStyleSheet(f"color: {error_colour(self)};")
        self.error.setVisible(bool(message))
