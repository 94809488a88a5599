"""Writing files the user asked for: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, content: bytes) -> None:
    """Write beside the target under a short temporary name, then rename over it.

    A full disk or a crash leaves the old file (or none), never half a new one; the temporary
    name stays short whatever the target's length (file names stop at 255 bytes).
    """
    with atomic_file(path) as out:
        out.write(content)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary stream that becomes `path` when the block ends well, and nothing otherwise.

    For documents written as they are gathered (a page of records at a time), never held
    whole in memory; the same rename as write_atomically.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".bilatdesk-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
