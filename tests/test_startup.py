"""Start-up as `python -m bilatdesk` runs it: paint first, then open; refusals exit 1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bilatdesk.store.database import Database

ROOT = Path(__file__).resolve().parents[1]

# Runs bilatdesk.app.main (the launcher's path) with hooks that report, as JSON lines, which
# heavy modules are loaded at the first paint, what the window shows once its first rows are
# painted, and the rows of every page once the rest is built.
PROBE = """
import json, sys
from bilatdesk.app import main
from bilatdesk.ui.shell.startup import StartupHooks

CORE = ("sqlalchemy", "qtawesome", "bilatdesk.services", "bilatdesk.store", "bilatdesk.domain")
LATER = (
    "alembic", "reportlab", "qtawesome", "qtpy", "PIL", "pypdfium2", "psycopg",
    "bilatdesk.reports", "bilatdesk.exchange", "bilatdesk.ui.areas.people",
    "bilatdesk.ui.areas.engagements", "bilatdesk.ui.areas.cables.editor",
)

def loaded(names):
    return sorted(m for m in sys.modules if m.split(".")[0] in names or m.startswith(names))

def painted():
    print(json.dumps({"painted": loaded(CORE)}), flush=True)

def ready():
    from PySide6.QtWidgets import QApplication
    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "controllers"))
    shown = {
        "title": window.windowTitle(),
        "area": window.current_area(),
        "pages": sorted(window.controllers),
        "sections": len(window.current_controller().sections),
        "loaded": loaded(LATER),
    }
    print(json.dumps(shown), flush=True)

    def complete():
        rows = {k: c.model.rowCount() for k, c in window.controllers.items()}
        print(json.dumps({"rows": rows}), flush=True)
        QApplication.quit()

    window.completed.connect(complete)

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


@pytest.fixture(scope="module")
def started(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """What PROBE reported of one start on a copy of the demo: painted, ready, complete."""
    target = shutil.copy(demo_file, tmp_path_factory.mktemp("started") / "demo.sqlite")
    done = _run("--db", str(target), code=PROBE)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_first_paint_comes_before_sqlalchemy_and_qtawesome(started: list[dict[str, Any]]) -> None:
    """At the first paint neither SQLAlchemy, qtawesome nor the core is loaded; then rows come."""
    painted, ready, complete = started
    assert painted == {"painted": []}
    assert ready["title"] == "bilatdesk — demo.sqlite — DEMO"
    assert complete["rows"]["countries"] > 0 and complete["rows"]["engagements"] > 0


def test_the_first_rows_wait_only_for_their_own_page(started: list[dict[str, Any]]) -> None:
    """When Today's rows are painted no other page is built and nothing heavy is loaded: not
    alembic, reportlab, qtawesome, PIL nor another area's forms; every page comes after."""
    _painted, ready, complete = started
    assert ready["area"] == "today" and ready["pages"] == ["today"]
    assert ready["sections"] > 0
    assert ready["loaded"] == []
    assert set(complete["rows"]) == {
        "today",
        "countries",
        "people",
        "organisations",
        "engagements",
        "calendar",
        "cables",
        "agreements",
        "visits",
    }


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
