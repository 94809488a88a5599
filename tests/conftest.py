"""Suite-wide set-up: offscreen Qt, and no test ever touches the real home or data folder.

The environment is set at import time, before any test module (or Qt) is imported, and it is
inherited by the subprocesses the tests start. Database fixtures live in the conftest files
of the sub-folders (tests/store/conftest.py, ...), not here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="bilatdesk-tests-"))


def _private_dir(name: str) -> str:
    path = _SESSION_DIR / name
    path.mkdir(mode=0o700)
    return str(path)


os.environ["BILATDESK_DATA_DIR"] = _private_dir("data")
os.environ["XDG_CONFIG_HOME"] = _private_dir("config")  # QSettings on Linux
os.environ["XDG_DATA_HOME"] = _private_dir("share")
os.environ["XDG_CACHE_HOME"] = _private_dir("cache")
os.environ["XDG_RUNTIME_DIR"] = _private_dir("runtime")  # else Qt warns and uses /tmp


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_DIR, ignore_errors=True)


pytest_plugins = ["tests.databases"]
