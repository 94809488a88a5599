"""The Qt binding: a version range that excludes the broken release, and a guard against it.

PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` on every call of a ``void``
method and aborts the interpreter after about 30,000 calls (``Fatal Python error:
none_dealloc``); a small suite never makes that many calls, so this test does (DESIGN.md,
"Qt binding").
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import version

from packaging.specifiers import SpecifierSet
from packaging.version import Version

SUPPORTED = SpecifierSet(">=6.9,<6.12")
CALLS = 300_000
MARKER = "VOID-CALLS-DONE"

VOID_CALLS_SCRIPT = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QObject, QPoint

    point = QPoint()
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range({CALLS} // 2):
        point.setX(i)           # void QPoint::setX(int)
        obj.setObjectName("o")  # void QObject::setObjectName(QAnyStringView)
    after = sys.getrefcount(None)
    print("{MARKER}", before - after, flush=True)
    """
)


def test_installed_pyside6_is_in_the_supported_range() -> None:
    """The installed PySide6 and its shiboken6 are the same release, within >=6.9,<6.12."""
    import PySide6
    import shiboken6

    installed = Version(PySide6.__version__)
    assert installed in SUPPORTED, f"PySide6 {installed} is outside {SUPPORTED}"
    assert Version(version("PySide6-Essentials")) == installed
    assert Version(shiboken6.__version__) == installed


def test_many_void_calls_do_not_abort_the_interpreter() -> None:
    """300,000 void-method calls in a fresh interpreter finish and leave None's refcount alone."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", VOID_CALLS_SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"exit {result.returncode}:\n{output}"
    assert "none_dealloc" not in output
    lines = [line for line in result.stdout.splitlines() if line.startswith(MARKER)]
    assert lines, f"no completion marker:\n{output}"
    lost = int(lines[0].split()[1])
    # CPython 3.12+ makes None immortal (lost is 0); on 3.11 a leak-free binding stays near 0.
    assert abs(lost) < 1000, f"None lost {lost} references over {CALLS} void calls"
