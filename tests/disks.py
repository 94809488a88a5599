"""A small real disk (tmpfs) to fill up, where the machine allows mounting one."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(size: str = "2m") -> Iterator[Path]:
    """A freshly mounted tmpfs of `size`; the test is skipped where mounting is not allowed."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    folder = Path(tempfile.mkdtemp(prefix="bilatdesk-disk-"))
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk holding `folder` until at most `leave` bytes are free."""
    ballast = folder / "ballast"
    with ballast.open("wb") as handle:
        block = b"\0" * 65536
        try:
            while True:
                free = shutil.disk_usage(folder).free
                if free <= leave:
                    break
                handle.write(block[: max(1, min(len(block), free - leave))])
                handle.flush()
        except OSError:
            pass
    return ballast
