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


def test_the_lock_and_backups_come_with_the_other_pages(
    qtbot: QtBot, populated: Services, startups: list[Startup], db: Database
) -> None:
    """When the first rows are painted the window is not yet protected (no Lock, no backups);
    once every page is built it is."""
    location = db.display_location
    db.close()
    at_rows: list[object] = []

    def ready() -> None:
        assert startup.session is not None
        at_rows.append(startup.session.protection)

    startup = Startup(location, hooks=StartupHooks(ready=ready))
    startups.append(startup)
    startup.show()
    qtbot.waitUntil(
        lambda: startup.session is not None and startup.session.protection is not None,
        timeout=10_000,
    )
    assert at_rows == [None]
    assert set(startup.window.controllers) == {area.key for area in startup.window.areas}
    assert startup.session.protection.lock_action in startup.window.view_menu.actions()


def _pages_in_order(window: MainWindow) -> list[str]:
    return [window.stack.widget(row).objectName() for row in range(window.stack.count())]


def test_attach_builds_the_first_page_and_the_rest_after(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """With `first_page_only` only the page shown is built, a page visited before its turn is
    built at once, and `build_the_rest` builds the others in place, then icons and menus."""
    window = MainWindow(location=db.display_location)
    qtbot.addWidget(window)
    window.show()
    window.attach(db, first_page_only=True)
    assert list(window.controllers) == ["today"]
    assert _pages_in_order(window)[:3] == ["page_today", "pending_countries", "pending_people"]
    assert window.new_action.icon().isNull() and not window.import_menu.isEnabled()
    window.show_area("people")  # before its turn
    assert window.stack.currentWidget().objectName() == "page_people"
    assert list_rows(window, "people") == 5
    with qtbot.waitSignal(window.completed, timeout=10_000):
        window.build_the_rest()
    assert _pages_in_order(window) == [f"page_{area.key}" for area in window.areas]
    assert set(window.controllers) == {area.key for area in window.areas}
    assert window.current_area() == "people"
    assert list_rows(window, "countries") == 3 and list_rows(window, "engagements") == 4
    assert not window.new_action.icon().isNull() and not window.sidebar.item(0).icon().isNull()
    assert window.import_menu.isEnabled()


def test_pages_built_later_keep_the_scope_and_viewing_mode(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """A page built after the first rows shows the country chosen meanwhile, and on a file
    open for viewing only it offers no edits either."""
    location = db.display_location
    db.close()
    viewing = Database.open(location, read_only=True)
    window = MainWindow(location=location)
    qtbot.addWidget(window)
    try:
        window.attach(viewing, first_page_only=True)
        window.set_scope(window.scope_combo.itemData(window.scope_combo.findText("Jordan")))
        with qtbot.waitSignal(window.completed, timeout=10_000):
            window.build_the_rest()
        assert list_rows(window, "people") == 3 and list_rows(window, "engagements") == 2
        for key in ("countries", "people", "organisations", "engagements"):
            controller = window.controllers[key]
            assert isinstance(controller, ListPageController)
            assert not controller.view.new_button.isEnabled(), key
        assert not window.import_menu.isEnabled()
    finally:
        window.close()
        viewing.close()


def list_rows(window: MainWindow, key: str) -> int:
    controller = window.controllers[key]
    assert isinstance(controller, ListPageController)
    return controller.model.rowCount()
