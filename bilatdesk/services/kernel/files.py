"""Writing files the user asked for: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, content: bytes) -> None:
    """Write beside the target under a short temporary name, then rename over it.

    A full disk or a crash leaves the old file (or none), never half a new one; the temporary
    name stays short whatever the target's length (file names stop at 255 bytes).
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".bilatdesk-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
