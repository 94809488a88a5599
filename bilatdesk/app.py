"""Composition root: arguments → open the store → the window, or a headless command.

The way to the window must stay light (tests/test_startup.py): this module imports neither
the store nor the services at the top, and the window opens its database only after it has
painted (bilatdesk/ui/startup.py).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bilatdesk import cli
from bilatdesk.config import data_dir, default_database_path

if TYPE_CHECKING:
    from bilatdesk.ui.shell.startup import StartupHooks


def main(argv: Sequence[str] | None = None, *, hooks: StartupHooks | None = None) -> int:
    """Run a command, or open the window (`hooks` let the start-up benchmark watch it)."""
    args = cli.build_parser().parse_args(argv)
    if args.command is not None:
        return cli.run(args)
    return open_window(getattr(args, "db", None), hooks=hooks)


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite"


def plan_gui_target(target: str | None) -> tuple[str, bool]:
    """(database to open, whether the demo must be written there first), writing nothing.

    --db, else the user's database, else the demo (written once, on first start).
    """
    if target is not None:
        return target, False
    default = default_database_path()
    if default.exists():
        return str(default), False
    demo = demo_database_path()
    return str(demo), not demo.exists()


def resolve_gui_target(target: str | None) -> str:
    """The database to open, writing the demo now when it is the one and does not exist."""
    location, write_demo = plan_gui_target(target)
    if write_demo:
        from bilatdesk.demo.database import build_demo

        print(f"bilatdesk: no database yet; writing the demo to {location}", file=sys.stderr)
        build_demo(Path(location))
    return location


def open_window(target: str | None, *, hooks: StartupHooks | None = None) -> int:
    """Show the window at once, then open the database in it; 1 when it cannot be opened."""
    from bilatdesk.ui.shell.startup import start_gui

    location, write_demo = plan_gui_target(target)
    return start_gui(location, write_demo=write_demo, hooks=hooks)
