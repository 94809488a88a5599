"""Facts of a SQLite file read without SQLite: its header, our application id, read-only URIs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

SQLITE_HEADER = b"SQLite format 3\x00"
APPLICATION_ID = 0x426C7444  # "BltD", stored in the SQLite header at offset 68
APPLICATION_ID_OFFSET = 68
USER_VERSION_OFFSET = 60


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A SQLite URI that opens `path` without any right to write it."""
    flag = "immutable=1" if immutable else "mode=ro"
    return f"file:{quote(str(path))}?{flag}"
