"""Database fixtures: a fresh SQLite file, and a fresh PostgreSQL database when configured."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bilatdesk.store.database import Database

PG_URL = os.environ.get("BILATDESK_TEST_PG_URL", "")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


def _admin_engine():  # type: ignore[no-untyped-def]
    url = make_url(PG_URL).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A brand-new empty PostgreSQL database, dropped afterwards."""
    if not PG_URL:
        pytest.skip("BILATDESK_TEST_PG_URL is not set")
    name = f"bd_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(drivername="postgresql+psycopg", database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """Where a fresh database may be created: a SQLite path, or an empty PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "bilatdesk.sqlite")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def database(db_target: str) -> Iterator[Database]:
    """An open, migrated, empty database on each backend."""
    db = Database.open(db_target)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def sqlite_database(tmp_path) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    """An open, migrated SQLite database, for SQLite-only behaviour."""
    db = Database.open(tmp_path / "bilatdesk.sqlite")
    try:
        yield db
    finally:
        db.close()


DEMO_DAY = __import__("datetime").date(2026, 11, 22)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demo database, built once per run; copy it before writing to it."""
    from bilatdesk.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, today=DEMO_DAY)
    return path


@pytest.fixture
def demo_copy(demo_file, tmp_path):  # type: ignore[no-untyped-def]
    """A private copy of the demo database that a test may change."""
    import shutil

    target = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, target)
    return target
