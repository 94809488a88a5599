"""Composition root: arguments → open the store → the window, or a headless command."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from bilatdesk import cli
from bilatdesk.config import data_dir, default_database_path
from bilatdesk.store.database import Database
from bilatdesk.store.errors import StoreError


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.build_parser().parse_args(argv)
    if args.command is not None:
        return cli.run(args)
    return open_window(getattr(args, "db", None))


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite"


def resolve_gui_target(target: str | None) -> str:
    """The database to open: --db, else the user's database, else the demo (built once)."""
    if target is not None:
        return target
    default = default_database_path()
    if default.exists():
        return str(default)
    demo = demo_database_path()
    if not demo.exists():
        from bilatdesk.services.demo import build_demo

        print(f"bilatdesk: no database yet; writing the demo to {demo}", file=sys.stderr)
        build_demo(demo)
    return str(demo)


def open_window(target: str | None) -> int:
    from bilatdesk.services.settings import is_demo
    from bilatdesk.ui.app import run_gui
    from bilatdesk.ui.startup import show_startup_error

    try:
        database = Database.open(resolve_gui_target(target))
    except (StoreError, OSError) as exc:
        message = str(exc) if isinstance(exc, StoreError) else f"{exc.strerror}: {exc.filename}"
        print(f"bilatdesk: {message}", file=sys.stderr)
        show_startup_error(message)
        return 1
    return run_gui(database, demo=is_demo(database))
