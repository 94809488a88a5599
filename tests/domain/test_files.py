"""Safe file names: hostile names become plain names in the folder they are written to."""

from __future__ import annotations

import pytest

from bilatdesk.domain.files import safe_file_name


@pytest.mark.parametrize(
    ("hostile", "safe"),
    [
        ("../../x", "x"),
        ("/etc/passwd", "passwd"),
        ("C:\\Windows\\system32\\evil.dll", "evil.dll"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("lpt1.tar.gz", "_lpt1.tar.gz"),
        ("a\x00b.pdf", "ab.pdf"),
        ("..", "attachment"),
        ("", "attachment"),
        ("   .  ", "attachment"),
        ('what?*<>|".pdf', "what.pdf"),
        ("Abkommen über Zusammenarbeit.pdf", "Abkommen über Zusammenarbeit.pdf"),
        ("协定.pdf", "协定.pdf"),
    ],
)
def test_hostile_names_become_plain(hostile: str, safe: str) -> None:
    """Folders, device names, control characters and forbidden characters are gone."""
    assert safe_file_name(hostile) == safe


def test_long_names_keep_their_extension_within_255_bytes() -> None:
    """A 300-character name is cut to 255 bytes and keeps .pdf."""
    name = safe_file_name("ä" * 300 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= 255
