"""`make run` on a fresh machine: the real program opens its window on a virtual X screen."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="Xvfb and xdotool are installed by .ci/run",
)


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb server, stopped afterwards.

    Xvfb picks a free display itself and writes its number to `-displayfd` once it accepts
    connections (as xvfb-run relies on): waiting for its socket file instead let the program
    start before the server answered, and Qt could not connect (seen once in CI).
    """
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as ready:
            ready_now = select.select([ready], [], [], 30)[0]
            number = ready.readline().strip() if ready_now else b""
        assert number.isdigit(), f"Xvfb did not start (exit code {server.poll()})"
        yield f":{number.decode()}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _find_window(display: str, name: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name],
            capture_output=True,
            text=True,
            env=dict(os.environ, DISPLAY=display),
            check=False,
        )
        if found.stdout.strip():
            return found.stdout.split()[0]
        time.sleep(0.25)
    raise AssertionError(f"no visible window named {name!r} within {timeout} s")


@pytest.mark.slow
def test_first_run_opens_the_demo_in_a_real_window(x_display: str, tmp_path: Path) -> None:
    """With no database yet, the program writes the demo and shows it, DEMO in the title."""
    env = dict(
        os.environ,
        DISPLAY=x_display,
        QT_QPA_PLATFORM="xcb",
        BILATDESK_DATA_DIR=str(tmp_path / "data"),
        BILATDESK_NO_DIALOGS="1",
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "bilatdesk"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The title ends in DEMO once the demo is written and attached (xdotool matches a regex).
        try:
            window = _find_window(x_display, "DEMO$", timeout=90)
        except AssertionError as missing:
            # Say what the program said (or how it ended), not only that no window came.
            if app.poll() is None:
                app.kill()
            out, err = app.communicate(timeout=30)
            raise AssertionError(
                f"{missing}; exit code {app.returncode}; stdout: {out[-2000:]!r}; "
                f"stderr: {err[-4000:]!r}"
            ) from missing
        assert (tmp_path / "data" / "demo.sqlite").exists()
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", window, "key", "ctrl+q"],
            env=dict(os.environ, DISPLAY=x_display),
            check=False,
            timeout=30,
        )
        _out, err = app.communicate(timeout=30)
        assert app.returncode == 0, err
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
