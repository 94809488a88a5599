"""Where things live: the default database, shipped migrations and resources, settings."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "bilatdesk"
PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(installed_name: str, source_name: str) -> Path:
    """A shipped folder: inside the installed wheel, or beside the package in a checkout."""
    installed = PACKAGE_DIR / installed_name
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / source_name


def migrations_dir() -> Path:
    """The alembic script folder (env.py and versions/)."""
    return _shipped("_migrations", "migrations")


def resources_dir() -> Path:
    """Fonts, icons, demo seeds and translations."""
    return _shipped("_resources", "resources")


def data_dir() -> Path:
    """The user's data folder; BILATDESK_DATA_DIR overrides it (tests, portable installs)."""
    override = os.environ.get("BILATDESK_DATA_DIR")
    if override:
        return Path(override)
    return user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / "bilatdesk.sqlite"
