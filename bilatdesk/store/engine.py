"""Engines for SQLite (pragmas, BEGIN IMMEDIATE) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 5_000

# Evidence in DESIGN.md: WAL + synchronous=FULL lost no acknowledged commit under simulated
# power loss; NORMAL lost some. Foreign keys are off by default in SQLite. Without recursive
# triggers SQLite fires no DELETE trigger for a row that REPLACE conflict resolution removes, so
# `UPDATE OR REPLACE` could delete a dispatched cable behind the freeze's back.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA recursive_triggers=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)

# Execution option naming how a transaction begins on SQLite: "IMMEDIATE" for writes (the
# default), "DEFERRED" for read-only work that must not take the write lock.
SQLITE_BEGIN = "sqlite_begin"


def database_url(target: str | Path, passphrase: str | None = None) -> URL:
    """A URL for a path to a SQLite file or a full database URL.

    With a passphrase a SQLite file is opened through SQLCipher (`sqlite+pysqlcipher`); the
    passphrase is the URL's password, which SQLAlchemy never prints.
    """
    text = str(target)
    if "://" in text:
        url = make_url(text)
        if url.drivername in {"postgresql", "postgres"}:
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = str(Path(text).expanduser().resolve())
    if passphrase is not None:
        return URL.create("sqlite+pysqlcipher", password=passphrase, database=path)
    return URL.create("sqlite+pysqlite", database=path)


def is_encrypted(url: URL) -> bool:
    return url.get_driver_name() == "pysqlcipher"


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


# A read-only connection cannot set the journal mode or durability (the file keeps its WAL
# mode); it still checks references and waits politely for a writer.
READ_ONLY_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA recursive_triggers=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


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
            uri = _readable_uri(path, url.password if is_encrypted(url) else None)
            module: Any = sqlite3
            if is_encrypted(url):
                import sqlcipher3

                module = sqlcipher3  # keyed by the dialect from the URL's password
            kwargs.setdefault(
                "creator", lambda: module.connect(uri, uri=True, check_same_thread=False)
            )
        if is_encrypted(url):
            # The pysqlcipher dialect's default pool keeps a connection per thread, each paying
            # the key derivation; a queue shares a few among the GUI's worker threads.
            kwargs.setdefault("poolclass", QueuePool)
            kwargs.setdefault("connect_args", {})["check_same_thread"] = False
        engine = create_engine(url, **kwargs)
        _install_sqlite_recipe(engine, READ_ONLY_PRAGMAS if read_only else SQLITE_PRAGMAS)
        return engine
    if read_only:
        kwargs.setdefault("execution_options", {})["postgresql_readonly"] = True
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _readable_uri(path: Path, passphrase: str | None = None) -> str:
    """`mode=ro`, or `immutable=1` where the WAL index cannot be made (a read-only medium)."""
    from bilatdesk.store.sqlite_file import read_only_uri

    uri = read_only_uri(path)
    if passphrase is not None:
        from bilatdesk.store.cipher import keyed_uri_connect

        probe = keyed_uri_connect(uri, passphrase)()
    else:
        probe = sqlite3.connect(uri, uri=True)
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:  # sqlite3 or sqlcipher3 OperationalError
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            return uri
        return read_only_uri(path, immutable=True)
    finally:
        probe.close()
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
        if is_encrypted(engine.url):
            # SQLCipher's own log would print key-derivation failures on stderr.
            cursor.execute("PRAGMA cipher_log_level = NONE")
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN, "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")
