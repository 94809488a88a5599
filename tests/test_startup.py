"""Start-up as `python -m bilatdesk` runs it: paint first, then open; refusals exit 1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bilatdesk.store.database import Database

ROOT = Path(__file__).resolve().parents[1]

# Runs bilatdesk.app.main (the launcher's path) with hooks that report, as JSON lines, which
# heavy modules are loaded at the first paint and what the window shows once it is ready.
PROBE = """
import json, sys
from bilatdesk.app import main
from bilatdesk.ui.shell.startup import StartupHooks

HEAVY = ("sqlalchemy", "qtawesome", "bilatdesk.services", "bilatdesk.store", "bilatdesk.domain")

def painted():
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))
    print(json.dumps({"painted": loaded}), flush=True)

def ready():
    from PySide6.QtWidgets import QApplication
    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "controllers"))
    rows = {k: c.model.rowCount() for k, c in window.controllers.items()}
    print(json.dumps({"title": window.windowTitle(), "rows": rows}), flush=True)
    QApplication.quit()

sys.exit(main(sys.argv[1:], hooks=StartupHooks(painted=painted, ready=ready)))
"""


def _run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "bilatdesk"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, BILATDESK_NO_DIALOGS="1"),
        timeout=120,
        check=False,
    )


def test_first_paint_comes_before_sqlalchemy_and_qtawesome(demo_file: Path, tmp_path: Path) -> None:
    """At the first paint neither SQLAlchemy, qtawesome nor the core is loaded; then rows come."""
    target = shutil.copy(demo_file, tmp_path / "demo.sqlite")
    done = _run("--db", str(target), code=PROBE)
    assert done.returncode == 0, done.stderr
    painted, ready = (json.loads(line) for line in done.stdout.splitlines())
    assert painted == {"painted": []}
    assert ready["title"] == "bilatdesk — demo.sqlite — DEMO"
    assert ready["rows"]["countries"] > 0 and ready["rows"]["engagements"] > 0


def test_a_database_held_elsewhere_exits_1_with_the_sentence(
    demo_file: Path, tmp_path: Path
) -> None:
    """A second instance is refused: status 1, the sentence on stderr, no window left running."""
    target = Path(shutil.copy(demo_file, tmp_path / "held.sqlite"))
    with Database.open(target):
        done = _run("--db", str(target))
    assert done.returncode == 1
    assert f"bilatdesk: The database {target} is already open in another bilatdesk" in (done.stderr)
    assert "Traceback" not in done.stderr


def test_a_file_that_is_not_a_database_exits_1(tmp_path: Path) -> None:
    """A text file given with --db is refused in a sentence, with status 1."""
    junk = tmp_path / "notes.sqlite"
    junk.write_text("not a database at all " * 100)
    done = _run("--db", str(junk))
    assert done.returncode == 1
    assert "not a bilatdesk database" in done.stderr
    assert "Traceback" not in done.stderr
