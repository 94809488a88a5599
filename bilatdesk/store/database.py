"""Opening a database: lock, engine, migration; sessions for writes and for reads."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import DataError as SADataError
from sqlalchemy.exc import IntegrityError as SAIntegrityError
from sqlalchemy.exc import InternalError as SAInternalError
from sqlalchemy.exc import OperationalError as SAOperationalError
from sqlalchemy.exc import ProgrammingError as SAProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from bilatdesk.domain.audit import Identity
from bilatdesk.store.audit import Pending, append, default_actor, local_identity, verify_chain
from bilatdesk.store.audit_hooks import install as install_audit
from bilatdesk.store.copies import Connect, plain_connect
from bilatdesk.store.engine import (
    SQLITE_BEGIN,
    create_store_engine,
    database_url,
    is_encrypted,
    is_sqlite,
)
from bilatdesk.store.errors import (
    DamagedDatabaseError,
    DatabaseOpenError,
    ReadOnlyDatabaseError,
    RefusedByDatabaseError,
    WriteFailedError,
    refusal,
    write_failure,
)
from bilatdesk.store.fingerprints import document_faults
from bilatdesk.store.lock import InstanceLock
from bilatdesk.store.migrate import upgrade
from bilatdesk.store.private import create_private_file, make_private_folder, tighten_database
from bilatdesk.store.recognise import FileState, require_openable
from bilatdesk.store.sqlite_file import SQLITE_HEADER

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HealthReport:
    """What `bilatdesk check` prints: integrity, migration state and the kept documents."""

    integrity: str
    revision: str | None
    expected_revision: str
    documents: tuple[str, ...] = ()
    """A sentence for each kept document that does not match its fingerprint (or is gone)."""
    audit: str = "ok"
    """The audit chain's verdict: "ok (N entries)", or the first broken entry named."""
    audit_intact: bool = True

    @property
    def healthy(self) -> bool:
        return (
            self.integrity == "ok"
            and self.revision == self.expected_revision
            and not self.documents
            and self.audit_intact
        )


class Database:
    """An open bilatdesk database. Services take one and open a session per user action."""

    def __init__(
        self, engine: Engine, url: URL, lock: InstanceLock | None, *, recovered: bool = False
    ) -> None:
        self.engine = engine
        self.recovered = recovered
        """True when the last program to use the file did not close it (a WAL was left)."""
        self.url = url
        self.read_only = False
        """True when opened to read only: every write is refused (see `session`)."""
        self._lock = lock
        self.actor = default_actor()
        """Who the audit trail names for this program's changes (the name set in the program)."""
        self.actor_source: Callable[[], str | None] | None = None
        """Asked at each change for the name set in the program (the window's "who you are");
        `actor` stands in while it gives none."""
        self.auditing = True
        """False only while the demo is written: made-up records are nobody's changes."""
        self._writer = sessionmaker(engine, expire_on_commit=False)
        install_audit(self._writer, self.identity, lambda: self.auditing)
        self._reader = sessionmaker(
            engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"}), expire_on_commit=False
        )

    @classmethod
    def open(
        cls,
        target: str | Path,
        *,
        migrate: bool = True,
        lock: bool = True,
        read_only: bool = False,
        passphrase: str | None = None,
    ) -> Database:
        """Open a SQLite path or a database URL, take the instance lock, bring the schema up.

        `read_only` writes nothing, ever: no lock file, no migration, no journal mode, and a
        missing file is refused rather than created (checking a backup must not change it).
        `passphrase` opens an encrypted file, or creates a new file encrypted; a plain file
        opens plain whatever is given (File ▸ Encrypt this database encrypts it).
        """
        if read_only:
            return cls._open_read_only(target, passphrase)
        url = database_url(target)
        instance_lock: InstanceLock | None = None
        database_file: Path | None = None
        if is_sqlite(url):
            database_file = Path(str(url.database))
            _check_sqlite_location(database_file)
            # Before anything writes (the lock file, the engine's pragmas): another program's
            # file is refused and left byte for byte as it was.
            state = require_openable(database_file, passphrase)
            if passphrase is not None and _encrypted_or_new(database_file, state):
                url = database_url(target, passphrase)
            if lock:
                instance_lock = InstanceLock(database_file)
                instance_lock.acquire()
            if state is FileState.NEW and not database_file.exists():
                create_private_file(database_file)
            tighten_database(database_file)
        # With the lock held nobody else has the file open, so a WAL with content was left by a
        # program that died: check the file then (seconds on a big one), not on every start.
        recovered = database_file is not None and _wal_left_behind(database_file)
        try:
            engine = create_store_engine(url)
            database = cls(engine, url, instance_lock, recovered=recovered)
            if recovered:
                database._require_intact()
            if migrate:
                upgrade(engine, database_file, connect=database.connect_file)
            return database
        except SADatabaseError as exc:
            if instance_lock is not None:
                instance_lock.release()
            message = _explain_open_failure(target, exc)
            if "damaged" in message:
                raise DamagedDatabaseError(message) from exc
            raise DatabaseOpenError(message) from exc
        except BaseException:
            if instance_lock is not None:
                instance_lock.release()
            raise

    @classmethod
    def _open_read_only(cls, target: str | Path, passphrase: str | None) -> Database:
        url = database_url(target)
        if is_sqlite(url):
            database_file = Path(str(url.database))
            if not database_file.is_file():
                raise DatabaseOpenError(f"There is no database at {database_file}.")
            state = require_openable(database_file, passphrase)
            if state is FileState.NEW:
                raise DatabaseOpenError(f"{database_file} is empty: it holds no records yet.")
            if passphrase is not None and _encrypted_or_new(database_file, state):
                url = database_url(target, passphrase)
        try:
            engine = create_store_engine(url, read_only=True)
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except SADatabaseError as exc:
            raise DatabaseOpenError(_explain_open_failure(target, exc)) from exc
        database = cls(engine, url, None)
        database.read_only = True
        return database

    def identity(self) -> Identity:
        """Who and where the audit trail names for a change made now."""
        named = self.actor_source() if self.actor_source is not None else None
        return local_identity(named or self.actor)

    def record_event(
        self, session: Session | Connection, action: str, *, source: str = "", **record: Any
    ) -> None:
        """Append one event (a backup, a merge, an import) in `session`'s transaction."""
        connection = session.connection() if isinstance(session, Session) else session
        append(connection, self.identity(), [Pending(action, source=source, **record)])

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def encrypted(self) -> bool:
        """True for a SQLCipher file (opened with its passphrase)."""
        return is_encrypted(self.url)

    @property
    def connect_file(self) -> Connect:
        """Opens a file as this database is opened (keyed when encrypted): copies, backups."""
        if self.encrypted and self.url.password is not None:
            from bilatdesk.store.cipher import keyed_connect

            return keyed_connect(str(self.url.password))
        return plain_connect

    @property
    def display_location(self) -> str:
        """Path of a SQLite file, or the URL without its password."""
        if self.is_sqlite:
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work for one user action: committed whole, or rolled back whole."""
        if self.read_only:
            raise ReadOnlyDatabaseError(
                f"{self.display_location} is open for viewing only: nothing can be changed. "
                "Copy it to a writable folder to edit it."
            )
        try:
            with self._writer() as session, session.begin():
                yield session
        except SAOperationalError as exc:
            sentence = write_failure(exc)
            if sentence is None:
                raise
            raise WriteFailedError(sentence) from exc
        except SAProgrammingError as exc:
            # PostgreSQL reports a trigger's RAISE EXCEPTION (SQLSTATE P0001: the freeze, the
            # audit trail) as a programming error; any other one is a bug, not a refusal.
            if getattr(exc.orig, "sqlstate", None) != "P0001":
                raise
            _log.warning("A unit of work was refused by a trigger", exc_info=exc)
            raise RefusedByDatabaseError(refusal(exc)) from exc
        except (SAIntegrityError, SADataError, SAInternalError, UnicodeEncodeError) as exc:
            # The safety net of every unit of work: a refusal the services did not foresee
            # reaches the clerk as a sentence, and the log keeps the whole story (it may be a
            # missing check in a service).
            _log.warning("A unit of work was refused by the database", exc_info=exc)
            raise RefusedByDatabaseError(refusal(exc)) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only view that takes no write lock."""
        with self._reader() as session:
            try:
                yield session
            except UnicodeEncodeError as exc:
                # A search for text the driver cannot encode (an unpaired surrogate).
                _log.warning("A read could not encode its parameters", exc_info=exc)
                raise RefusedByDatabaseError(refusal(exc)) from exc
            finally:
                session.rollback()

    def check(self) -> HealthReport:
        """Integrity first, and only on an intact file the references and the schema revision.

        On a damaged file `foreign_key_check` itself raises "database disk image is
        malformed": the verdict is then the damage, in a sentence, never a traceback.
        """
        from bilatdesk.store.migrate import current_revision
        from bilatdesk.store.schema import HEAD_REVISION

        try:
            with self.engine.connect() as connection:
                connection.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
                if self.is_sqlite:
                    rows = connection.execute(text("PRAGMA integrity_check")).fetchall()
                    integrity = "; ".join(str(row[0]) for row in rows)
                    if integrity != "ok":
                        return HealthReport(_damage(integrity), None, HEAD_REVISION)
                    fk = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if fk:
                        integrity = f"{len(fk)} broken references"
                else:
                    connection.execute(text("SELECT 1"))
                    integrity = "ok"
                revision = current_revision(connection)
                documents: list[str] = []
                if inspect(connection).has_table("generated_document"):
                    documents = document_faults(connection)
                chain = verify_chain(connection) if _has_audit(connection) else None
        except SADatabaseError as exc:
            return HealthReport(_damage(str(exc.orig or exc)), None, HEAD_REVISION)
        if chain is None:
            return HealthReport(
                integrity, revision, HEAD_REVISION, tuple(documents), "not kept yet", True
            )
        return HealthReport(
            integrity, revision, HEAD_REVISION, tuple(documents), chain.sentence(), chain.intact
        )

    def revision(self) -> str | None:
        """The schema revision stamped in the database (None for an empty one)."""
        from bilatdesk.store.migrate import current_revision

        with self.engine.connect() as connection:
            connection.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
            return current_revision(connection)

    def _require_intact(self) -> None:
        with self.engine.connect() as connection:
            connection.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
            rows = connection.execute(text("PRAGMA quick_check")).fetchall()
        verdict = "; ".join(str(row[0]) for row in rows)
        if verdict != "ok":
            self.engine.dispose()
            raise DamagedDatabaseError(
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


def _has_audit(connection: Connection) -> bool:
    return inspect(connection).has_table("audit_entry")


def _encrypted_or_new(database_file: Path, state: FileState) -> bool:
    """Whether a file given with a passphrase is opened through SQLCipher."""
    if state is FileState.NEW:
        return True
    with database_file.open("rb") as handle:
        return not handle.read(16).startswith(SQLITE_HEADER)


def _damage(verdict: str) -> str:
    """A damaged file's verdict as a sentence, with SQLite's own words kept short."""
    return f"damaged: {verdict[:300]}. Restore the latest good backup."


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
            make_private_folder(folder)
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
    if "malformed" in message:
        return (
            f"The database {target} is damaged ({message}). Open your latest backup instead; "
            "`bilatdesk check` says what is wrong."
        )
    if "file is not a database" in message:
        return f"{target} is not a bilatdesk database (or it is damaged or encrypted)."
    if "disk" in message and "full" in message:
        return "The disk is full. Free some space, then open the database again."
    return f"Cannot open {target}: {message}"
