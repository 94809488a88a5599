"""Opening a database: lock, engine, migration; sessions for writes and for reads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from bilatdesk.store.engine import SQLITE_BEGIN, create_store_engine, database_url, is_sqlite
from bilatdesk.store.errors import DatabaseOpenError
from bilatdesk.store.lock import InstanceLock
from bilatdesk.store.migrate import upgrade


@dataclass(frozen=True)
class HealthReport:
    """What `bilatdesk check` prints: integrity and migration state."""

    integrity: str
    revision: str | None
    expected_revision: str

    @property
    def healthy(self) -> bool:
        return self.integrity == "ok" and self.revision == self.expected_revision


class Database:
    """An open bilatdesk database. Services take one and open a session per user action."""

    def __init__(
        self, engine: Engine, url: URL, lock: InstanceLock | None, *, recovered: bool = False
    ) -> None:
        self.engine = engine
        self.recovered = recovered
        """True when the last program to use the file did not close it (a WAL was left)."""
        self.url = url
        self._lock = lock
        self._writer = sessionmaker(engine, expire_on_commit=False)
        self._reader = sessionmaker(
            engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"}), expire_on_commit=False
        )

    @classmethod
    def open(cls, target: str | Path, *, migrate: bool = True, lock: bool = True) -> Database:
        """Open a SQLite path or a database URL, take the instance lock, bring the schema up."""
        url = database_url(target)
        instance_lock: InstanceLock | None = None
        database_file: Path | None = None
        if is_sqlite(url):
            database_file = Path(str(url.database))
            _check_sqlite_location(database_file)
            if lock:
                instance_lock = InstanceLock(database_file)
                instance_lock.acquire()
        # With the lock held nobody else has the file open, so a WAL with content was left by a
        # program that died: check the file then (seconds on a big one), not on every start.
        recovered = database_file is not None and _wal_left_behind(database_file)
        try:
            engine = create_store_engine(url)
            database = cls(engine, url, instance_lock, recovered=recovered)
            if recovered:
                database._require_intact()
            if migrate:
                upgrade(engine, database_file)
            return database
        except SADatabaseError as exc:
            if instance_lock is not None:
                instance_lock.release()
            raise DatabaseOpenError(_explain_open_failure(target, exc)) from exc
        except BaseException:
            if instance_lock is not None:
                instance_lock.release()
            raise

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def display_location(self) -> str:
        """Path of a SQLite file, or the URL without its password."""
        if self.is_sqlite:
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work for one user action: committed whole, or rolled back whole."""
        with self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only view that takes no write lock."""
        with self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    def check(self) -> HealthReport:
        from bilatdesk.store.migrate import current_revision
        from bilatdesk.store.schema import HEAD_REVISION

        with self.engine.connect() as connection:
            connection.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
            if self.is_sqlite:
                rows = connection.execute(text("PRAGMA integrity_check")).fetchall()
                integrity = "; ".join(str(row[0]) for row in rows)
                fk = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if fk and integrity == "ok":
                    integrity = f"{len(fk)} broken references"
            else:
                connection.execute(text("SELECT 1"))
                integrity = "ok"
            revision = current_revision(connection)
        return HealthReport(integrity, revision, HEAD_REVISION)

    def _require_intact(self) -> None:
        with self.engine.connect() as connection:
            connection.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
            rows = connection.execute(text("PRAGMA quick_check")).fetchall()
        verdict = "; ".join(str(row[0]) for row in rows)
        if verdict != "ok":
            self.engine.dispose()
            raise DatabaseOpenError(
                f"The database {self.display_location} was damaged when the program last "
                f"stopped ({verdict[:200]}). Open your latest backup, or a copy taken "
                "before the last update."
            )

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _wal_left_behind(database_file: Path) -> bool:
    wal = database_file.with_name(database_file.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def _check_sqlite_location(database_file: Path) -> None:
    folder = database_file.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseOpenError(
                f"Cannot create the folder {folder}: {exc.strerror}. Choose another location."
            ) from exc
    if database_file.exists() and not os.access(database_file, os.W_OK):
        raise DatabaseOpenError(
            f"The database {database_file} is read-only. Copy it to a writable folder "
            "or change its permissions, then open it again."
        )


def _explain_open_failure(target: str | Path, exc: SADatabaseError) -> str:
    message = str(exc.orig) if exc.orig is not None else str(exc)
    if "file is not a database" in message:
        return f"{target} is not a bilatdesk database (or it is damaged or encrypted)."
    if "disk" in message and "full" in message:
        return "The disk is full. Free some space, then open the database again."
    return f"Cannot open {target}: {message}"
