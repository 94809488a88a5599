"""The user guide window (F1): the chapters shipped in resources/guide, searchable.

The guide is Markdown written for clerks, one file a chapter (`01-first-steps.md` …), with
screenshots under `images/` taken from the program by `ui/shell/screenshots.py`. The window
lists the chapters; the search field keeps those that mention the words typed and marks the
first place in the one shown (Enter finds the next).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.config import resources_dir
from bilatdesk.domain.text import fold
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.texts import tr


@dataclass(frozen=True)
class Chapter:
    """One file of the guide: its title (its first heading) and its Markdown."""

    path: Path
    title: str
    text: str


def guide_dir() -> Path:
    return resources_dir() / "guide"


def chapters(folder: Path | None = None) -> list[Chapter]:
    """The guide's chapters in file-name order."""
    found = []
    for path in sorted((folder or guide_dir()).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        heading = next((line for line in text.splitlines() if line.startswith("# ")), "")
        found.append(Chapter(path, heading[2:].strip() or path.stem, text))
    return found


class HelpWindow(QDialog):
    """The guide: chapters on the left, the chapter on the right, a search field above."""

    def __init__(self, parent: QWidget | None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("bilatdesk user guide"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.chapters = chapters(folder)
        self.search = QLineEdit()
        self.search.setObjectName("guide_search")
        self.search.setPlaceholderText(self.tr("Search the guide (Enter: next place)"))
        self.search.setClearButtonEnabled(True)
        self.contents = QListWidget()
        self.contents.setMaximumWidth(240)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(folder or guide_dir())])
        self.empty = QLabel(self.tr("No chapter mentions that."))
        self.empty.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._lay_out()
        for number, chapter in enumerate(self.chapters):
            item = QListWidgetItem(chapter.title, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, number)
        self.contents.currentRowChanged.connect(self._on_contents_currentRowChanged)
        self.search.textChanged.connect(self._on_search_textChanged)
        self.search.returnPressed.connect(self.find_next)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)
        keep_place(self, 980, 640)
        if self.chapters:
            self.contents.setCurrentRow(0)
        self.search.setFocus()

    def _lay_out(self) -> None:
        side = QVBoxLayout()
        side.addWidget(self.contents, 1)
        side.addWidget(self.empty)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    def shown_chapter(self) -> Chapter | None:
        item = self.contents.currentItem()
        if item is None or item.isHidden():
            return None
        return self.chapters[int(item.data(Qt.ItemDataRole.UserRole))]

    def show_chapter(self, title: str) -> None:
        """Open the chapter of that title (the main window's F1 on a page opens its chapter)."""
        for row in range(self.contents.count()):
            if self.contents.item(row).text() == title:
                self.contents.setCurrentRow(row)
                return

    def find_next(self) -> bool:
        """Mark the next place of the words searched in the chapter shown (from the top
        again after the last); False when the chapter does not have them."""
        words = self.search.text().strip()
        if not words:
            return False
        if self.browser.find(words):
            return True
        self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)
        return self.browser.find(words, QTextDocument.FindFlag(0))

    def _on_contents_currentRowChanged(self, row: int) -> None:
        if 0 <= row < len(self.chapters):
            self.browser.setMarkdown(self.chapters[row].text)
            self.find_next()

    def _on_search_textChanged(self, text: str) -> None:
        wanted = fold(text.strip())
        first_shown = -1
        for row, chapter in enumerate(self.chapters):
            item = self.contents.item(row)
            matches = not wanted or wanted in fold(chapter.text)
            item.setHidden(not matches)
            if matches and first_shown < 0:
                first_shown = row
        self.empty.setVisible(first_shown < 0)
        current = self.contents.currentItem()
        if current is not None and not current.isHidden():
            self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)
            self.find_next()
        elif first_shown >= 0:
            self.contents.setCurrentRow(first_shown)

    @classmethod
    def show_guide(cls, parent: QWidget | None) -> HelpWindow:
        """Show the guide beside the program (not modal: the clerk reads and works)."""
        window = cls(parent)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.show()
        return window


def show_about(parent: QWidget, location: str) -> None:
    """Help ▸ About: the release and the database open."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("bilatdesk")
    except PackageNotFoundError:
        release = tr("development build")
    QMessageBox.about(
        parent,
        tr("About bilatdesk"),
        tr("<h3>bilatdesk %1</h3><p>The relations log of an embassy.</p><p>Database: %2</p>")
        .replace("%1", release)
        .replace("%2", location),
    )
