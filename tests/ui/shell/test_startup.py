"""The window's two steps: the chrome painted first, then the database attached into it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.store.database import Database
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.shell.frame import display_name
from bilatdesk.ui.shell.main_window import MainWindow
from bilatdesk.ui.shell.startup import Startup, StartupHooks


@pytest.fixture
def startups() -> Iterator[list[Startup]]:
    """Startups made by a test; their windows closed and databases released afterwards."""
    made: list[Startup] = []
    yield made
    for startup in made:
        startup.window.close()
        if startup.session is not None:
            startup.session.close()


def test_shell_shows_chrome_only_until_attached(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """Before attach: title, area names and a calm "Opening" line; record actions are off."""
    location = db.display_location
    window = MainWindow(location=location)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "bilatdesk — t.sqlite"
    assert window.stack.currentWidget().objectName() == "opening"
    assert window.opening_label.text() == "Opening t.sqlite…"
    assert window.sidebar.count() == len(window.areas)
    assert not window.scope_combo.isEnabled() and window.scope_combo.count() == 0
    assert not window.new_action.isEnabled() and not window.open_db_action.isEnabled()
    window.show_area("people")
    window.attach(db, demo=True)
    assert window.windowTitle() == "bilatdesk — t.sqlite — DEMO"
    assert window.current_area() == "people"  # a choice made while opening is kept
    assert window.stack.currentWidget().objectName() == "page_people"
    controller = window.controllers["people"]
    assert isinstance(controller, ListPageController)
    assert controller.model.rowCount() == 5
    assert window.scope_combo.isEnabled() and window.scope_combo.count() == 3
    assert window.new_action.isEnabled() and not window.new_action.icon().isNull()


def test_display_name_hides_a_password() -> None:
    """Titles name a file by its name and a server URL without its password."""
    assert display_name("/data/embassy.sqlite") == "embassy.sqlite"
    assert display_name("sqlite:////data/embassy.sqlite") == "embassy.sqlite"
    assert (
        display_name("postgresql+psycopg://clerk:secret@db.example:5432/bd")
        == "postgresql+psycopg://clerk:***@db.example:5432/bd"
    )


def test_startup_opens_the_database_after_the_first_paint(
    qtbot: QtBot, populated: Services, startups: list[Startup], db: Database
) -> None:
    """The painted hook fires before the database is open; then the window lists its records."""
    location = db.display_location
    db.close()  # release the lock: the startup opens the file itself
    attached_at_paint: list[bool] = []

    def painted() -> None:
        attached_at_paint.append(startup.window.attached)

    startup = Startup(location, hooks=StartupHooks(painted=painted))
    startups.append(startup)
    startup.show()
    qtbot.waitUntil(lambda: startup.session is not None, timeout=10_000)
    assert attached_at_paint == [False]
    startup.window.show_area("countries")
    controller = startup.window.controllers["countries"]
    assert isinstance(controller, ListPageController)
    assert controller.model.rowCount() == 3


def test_first_start_writes_the_demo_while_the_window_shows(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, startups: list[Startup]
) -> None:
    """Without a database the shell says it writes the demo, writes it aside, then opens it."""
    import bilatdesk.demo.database as demo_module

    written: list[Path] = []

    def quick_demo(path: Path, **_options: object) -> None:
        written.append(path)
        Database.open(path).close()

    monkeypatch.setattr(demo_module, "build_demo", quick_demo)
    target = tmp_path / "data" / "demo.sqlite"
    startup = Startup(str(target), write_demo=True)
    startups.append(startup)
    assert startup.window.opening_label.text() == "Writing the demo database…"
    startup.show()
    qtbot.waitUntil(lambda: startup.session is not None, timeout=10_000)
    assert written == [target.with_name("demo.sqlite.partial")]
    assert target.exists() and not written[0].exists()
    assert startup.window.windowTitle() == "bilatdesk — demo.sqlite"


def test_the_application_guards_the_wheel_and_collects_on_its_own_thread() -> None:
    """The application the program starts with (a fresh process) has both guards installed."""
    import subprocess
    import sys

    probe = (
        "import gc\n"
        "from bilatdesk.ui.kit import collector, wheel_guard\n"
        "from bilatdesk.ui.shell.startup import application\n"
        "app = application()\n"
        "print(bool(wheel_guard._GUARD), bool(collector._COLLECTOR), gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["True", "True", "False"]
