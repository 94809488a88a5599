"""Saving a PDF from the window: issued atomically in the background, a failure a sentence."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bilatdesk.services.kernel import files
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.pdf_pages import save_pdf


class Done(QObject):
    saved = Signal(bytes)


def test_save_pdf_writes_the_file_off_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    """The document is made and written in the pool; `done` gets it once the file is whole."""
    parent = QWidget()
    qtbot.addWidget(parent)
    done = Done()
    target = tmp_path / "brief.pdf"
    with qtbot.waitSignal(done.saved, timeout=10_000) as blocker:
        save_pdf(parent, target, lambda: b"%PDF-1.4 brief", done.saved.emit)
    assert blocker.args == [b"%PDF-1.4 brief"]
    assert target.read_bytes() == b"%PDF-1.4 brief"


def test_a_failing_save_shows_a_sentence_and_keeps_the_old_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No permission half-way: a box with a sentence, the old file intact, nothing partial."""
    parent = QWidget()
    qtbot.addWidget(parent)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "cable.pdf"
    target.write_bytes(b"%PDF-1.4 old")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(ErrorBox, "show", classmethod(lambda cls, p, t, m: shown.append((t, m))))

    def refused(_fd: int) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "fsync", refused)
    done: list[bytes] = []
    save_pdf(parent, target, lambda: b"%PDF-1.4 new", done.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [
        (
            "Cannot save the PDF",
            f"{target} could not be written (Permission denied). Choose another folder.",
        )
    ]
    assert done == []
    assert target.read_bytes() == b"%PDF-1.4 old"
    assert [p.name for p in folder.iterdir()] == ["cable.pdf"]


def test_a_document_that_cannot_be_made_is_a_sentence(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A renderer fault is told in a box (its traceback goes to the log); no file appears."""
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    monkeypatch.setattr(ErrorBox, "show", classmethod(lambda cls, p, t, m: shown.append(m)))

    def broken() -> bytes:
        raise ValueError("no font for U+0645")

    save_pdf(parent, tmp_path / "list.pdf", broken, lambda _pdf: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == ["The PDF could not be made (no font for U+0645)."]
    assert not (tmp_path / "list.pdf").exists()
