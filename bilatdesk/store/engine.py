"""Engines for SQLite (pragmas, BEGIN IMMEDIATE) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

import sqlite3
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


# A read-only connection cannot set the journal mode or durability (the file keeps its WAL
# mode); it still checks references and waits politely for a writer.
READ_ONLY_PRAGMAS = ("PRAGMA foreign_keys=ON", f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def create_store_engine(
    target: str | Path | URL, *, read_only: bool = False, **kwargs: Any
) -> Engine:
    """An engine with the storage settings of DESIGN.md applied to every connection.

    `read_only` opens a SQLite file without any right to write it (reading commands, viewing
    mode): nothing, not even the journal mode, is written to the file.
    """
    url = target if isinstance(target, URL) else database_url(target)
    if is_sqlite(url):
        if read_only:
            path = Path(str(url.database))
            uri = _readable_uri(path)
            kwargs.setdefault(
                "creator", lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
            )
        engine = create_engine(url, **kwargs)
        _install_sqlite_recipe(engine, READ_ONLY_PRAGMAS if read_only else SQLITE_PRAGMAS)
        return engine
    if read_only:
        kwargs.setdefault("execution_options", {})["postgresql_readonly"] = True
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _readable_uri(path: Path) -> str:
    """`mode=ro`, or `immutable=1` where the WAL index cannot be made (a read-only medium)."""
    from bilatdesk.store.recognise import read_only_uri

    uri = read_only_uri(path)
    try:
        probe = sqlite3.connect(uri, uri=True)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            return uri
        return read_only_uri(path, immutable=True)
    return uri


def _install_sqlite_recipe(engine: Engine, pragmas: tuple[str, ...] = SQLITE_PRAGMAS) -> None:
    """SQLAlchemy's documented pysqlite recipe: we, not the driver, emit BEGIN.

    A deferred read that turns into a write fails with "database is locked" at once, whatever
    the busy timeout; beginning IMMEDIATE takes the write lock up front and waits politely.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN, "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")
