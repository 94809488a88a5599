"""Engines for SQLite (pragmas, BEGIN IMMEDIATE) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url

BUSY_TIMEOUT_MS = 5_000

# Evidence in DESIGN.md: WAL + synchronous=FULL lost no acknowledged commit under simulated
# power loss; NORMAL lost some. Foreign keys are off by default in SQLite.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)

# Execution option naming how a transaction begins on SQLite: "IMMEDIATE" for writes (the
# default), "DEFERRED" for read-only work that must not take the write lock.
SQLITE_BEGIN = "sqlite_begin"


def database_url(target: str | Path) -> URL:
    """A URL for a path to a SQLite file or a full database URL."""
    text = str(target)
    if "://" in text:
        url = make_url(text)
        if url.drivername in {"postgresql", "postgres"}:
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def create_store_engine(target: str | Path | URL, **kwargs: Any) -> Engine:
    """An engine with the storage settings of DESIGN.md applied to every connection."""
    url = target if isinstance(target, URL) else database_url(target)
    if is_sqlite(url):
        engine = create_engine(url, **kwargs)
        _install_sqlite_recipe(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _install_sqlite_recipe(engine: Engine) -> None:
    """SQLAlchemy's documented pysqlite recipe: we, not the driver, emit BEGIN.

    A deferred read that turns into a write fails with "database is locked" at once, whatever
    the busy timeout; beginning IMMEDIATE takes the write lock up front and waits politely.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN, "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")
