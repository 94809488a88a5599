"""Issuing a document to a file: whole or not at all, a failure told as a sentence."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from bilatdesk.services.kernel import files
from bilatdesk.services.kernel.documents import DocumentNotWrittenError, issue_to_file
from bilatdesk.services.kernel.errors import ServiceError


def test_issue_writes_the_whole_document(tmp_path: Path) -> None:
    """The file holds exactly the document, and no temporary file is left beside it."""
    target = tmp_path / "cable.pdf"
    issue_to_file(target, b"%PDF-1.4 new")
    assert target.read_bytes() == b"%PDF-1.4 new"
    assert [p.name for p in tmp_path.iterdir()] == ["cable.pdf"]


def test_a_failing_write_leaves_the_old_file_and_no_partial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk half-way: the old file is intact, nothing partial remains, a sentence says so."""
    target = tmp_path / "register.pdf"
    target.write_bytes(b"%PDF-1.4 old")

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(DocumentNotWrittenError) as caught:
        issue_to_file(target, b"%PDF-1.4 new and longer")
    assert isinstance(caught.value, ServiceError)
    assert str(caught.value) == (
        f"{target} could not be written (No space left on device). Choose another folder."
    )
    assert target.read_bytes() == b"%PDF-1.4 old"
    assert [p.name for p in tmp_path.iterdir()] == ["register.pdf"]


def test_a_missing_folder_is_a_sentence(tmp_path: Path) -> None:
    """A folder that does not exist is refused with the file's name and why; nothing appears."""
    target = tmp_path / "gone" / "brief.pdf"
    with pytest.raises(DocumentNotWrittenError, match="could not be written"):
        issue_to_file(target, b"%PDF")
    assert not target.parent.exists()
