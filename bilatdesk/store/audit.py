"""The audit chain: appending entries in order, verifying the chain, refusing changes to it."""

from __future__ import annotations

import getpass
import socket
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert, select, text

from bilatdesk.domain.audit import (
    GENESIS_HASH,
    HASHED_FIELDS,
    AuditEntry,
    Identity,
    canonical_moment,
    changes_text,
    digest,
    entry_hash,
    serialised,
    serialised_after,
)
from bilatdesk.domain.base import table_of, utcnow

AUDIT: Table = table_of(AuditEntry)
REFUSAL = "The audit trail is append-only: its entries cannot be changed or deleted."
# Any fixed number: the transaction-level advisory lock that keeps PostgreSQL's chain linear.
CHAIN_LOCK_KEY = 0x6175646974  # "audit"


@dataclass(frozen=True)
class Pending:
    """An entry to append: what happened to which record; the chain adds the rest."""

    action: str
    record_kind: str = ""
    record_id: int | None = None
    record_uid: str = ""
    changes: dict[str, Any] = field(default_factory=dict)
    source: str = ""


@cache
def program_version() -> str:
    """The installed version of bilatdesk, read once (importlib.metadata is slow)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bilatdesk")
    except PackageNotFoundError:
        return "unknown"


def default_actor() -> str:
    """The person when the program was not told: the operating system's login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def local_identity(actor: str | None = None) -> Identity:
    """This machine's identity for `actor` (the login name when none is given)."""
    return Identity(
        actor=actor if actor is not None else default_actor(),
        host=socket.gethostname()[:255],
        program_version=program_version(),
    )


# -- appending ---------------------------------------------------------------------------------
def lock_chain(connection: Connection) -> None:
    """Serialise appenders until the transaction ends (SQLite's BEGIN IMMEDIATE already does)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})


def last_hash(connection: Connection) -> str:
    found = connection.execute(select(AUDIT.c.hash).order_by(AUDIT.c.id.desc()).limit(1))
    return found.scalar() or GENESIS_HASH


def database_user(connection: Connection) -> str:
    """The database's own name for who is connected (PostgreSQL's current_user); "" on SQLite."""
    if connection.dialect.name != "postgresql":
        return ""
    cached = connection.info.get("audit_database_user")
    if cached is None:
        cached = str(connection.execute(text("SELECT current_user")).scalar() or "")
        connection.info["audit_database_user"] = cached
    return str(cached)


COLUMNS = (*HASHED_FIELDS, "hash")
"""The columns of a chained row, in the order of `chained_tuples`."""


def chained_tuples(
    previous: str, identity: Identity, entries: Iterable[Pending], at: datetime
) -> list[tuple[Any, ...]]:
    """The rows for `entries` as tuples in COLUMNS order, each carrying the hash of the one
    before (from `previous`)."""
    actor = identity.actor[:200]
    database_user = identity.database_user[:200]
    version = identity.program_version[:50]
    shared = (at, actor, database_user, identity.host, version)
    # The fields every entry of the batch shares, encoded once (see domain.audit.serialised).
    head = serialised((canonical_moment(at), actor, database_user, identity.host, version))[:-1]
    rows = []
    for entry in entries:
        tail = [
            entry.action,
            entry.record_kind,
            entry.record_id,
            entry.record_uid[:36],
            changes_text(entry.changes),
            entry.source[:500],
            previous,
        ]
        previous = digest(serialised_after(head, tail))
        tail.append(previous)
        rows.append((*shared, *tail))
    return rows


def chained_rows(
    previous: str, identity: Identity, entries: Iterable[Pending], at: datetime | None = None
) -> list[dict[str, Any]]:
    """The rows for `entries` as mappings of column to value (see `chained_tuples`)."""
    made = chained_tuples(previous, identity, entries, at or utcnow())
    return [dict(zip(COLUMNS, row, strict=True)) for row in made]


def append(connection: Connection, identity: Identity, entries: Sequence[Pending]) -> None:
    """Append `entries` in order on `connection`, inside its transaction."""
    if not entries:
        return
    lock_chain(connection)
    if connection.dialect.name == "postgresql":
        identity = Identity(
            identity.actor, database_user(connection), identity.host, identity.program_version
        )
    rows = chained_rows(last_hash(connection), identity, entries)
    connection.execute(insert(AUDIT), rows)


def chained_values(
    connection: Connection, identity: Identity, entries: Sequence[Pending]
) -> tuple[tuple[str, ...], list[Any]]:
    """The columns and values (one row after another, as the driver binds them) of `entries`
    chained after the last entry: for bulk writers that insert through the driver."""
    lock_chain(connection)
    if connection.dialect.name == "postgresql":
        identity = Identity(
            identity.actor, database_user(connection), identity.host, identity.program_version
        )
    rows = chained_tuples(last_hash(connection), identity, entries, utcnow())
    dialect = connection.dialect
    processor = AUDIT.c.at.type.dialect_impl(dialect).bind_processor(dialect)
    moment = rows[0][0]
    stored = moment if processor is None else processor(moment)
    flat: list[Any] = []
    for row in rows:
        flat.append(stored)
        flat.extend(row[1:])
    return COLUMNS, flat


def record_file_event(
    database: Path,
    connect: Any,
    action: str,
    source: str,
    identity: Identity | None = None,
) -> bool:
    """Append one event to a SQLite file that no session holds (backups, restores, keys).

    `connect` opens the file as the caller does (keyed when encrypted). A file without an
    audit trail yet (an older revision) is left alone; whether an entry was appended.
    """
    who = identity or local_identity()
    connection: sqlite3.Connection = connect(database)
    try:
        connection.isolation_level = None
        connection.execute("BEGIN IMMEDIATE")
        try:
            present = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_entry'"
            ).fetchone()
            if present is None:
                connection.execute("ROLLBACK")
                return False
            last = connection.execute("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1")
            found = last.fetchone()
            (row,) = chained_rows(
                found[0] if found else GENESIS_HASH, who, [Pending(action, source=source)]
            )
            # As SQLAlchemy stores a moment in SQLite: UTC, always six digits of microseconds.
            row["at"] = row["at"].replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
            names = list(row)
            connection.execute(
                f"INSERT INTO audit_entry ({', '.join(names)}) "
                f"VALUES ({', '.join('?' for _ in names)})",
                [row[name] for name in names],
            )
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()
    return True


# -- verifying ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChainVerdict:
    """The chain's state: how many entries were read and the first broken one, if any."""

    entries: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_id is None

    def sentence(self) -> str:
        if self.intact:
            return f"ok ({self.entries} entries)"
        return f"broken at entry {self.broken_id}: {self.reason}"


def verify_chain(connection: Connection, batch: int = 2000) -> ChainVerdict:
    """Recompute every entry's hash in id order, reading in batches; the first break."""
    previous = GENESIS_HASH
    count = 0
    for row in _stream(connection, batch):
        count += 1
        if row.previous_hash != previous:
            return ChainVerdict(
                count, row.id, "it does not follow the entry before it (one was removed)"
            )
        if entry_hash(row._mapping) != row.hash:
            return ChainVerdict(count, row.id, "its content no longer matches its hash")
        previous = row.hash
    return ChainVerdict(count)


def _stream(connection: Connection, batch: int) -> Iterator[Any]:
    columns = [AUDIT.c.id, AUDIT.c.hash, *(AUDIT.c[name] for name in HASHED_FIELDS)]
    after = 0
    while True:
        rows = connection.execute(
            select(*columns).where(AUDIT.c.id > after).order_by(AUDIT.c.id).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].id


def moment_text(moment: datetime) -> str:
    """An entry's moment as the chain spells it (for the JSON of `bilatdesk audit`)."""
    return canonical_moment(moment)


# -- the database's refusal --------------------------------------------------------------------
def sqlite_audit_ddl() -> list[str]:
    """Triggers refusing to change, delete or overwrite (INSERT OR REPLACE) an entry."""
    refuse = f"SELECT RAISE(ABORT, '{REFUSAL}'); END"
    return [
        f"CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN {refuse}",
        f"CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry BEGIN {refuse}",
        "CREATE TRIGGER audit_entry_no_replace BEFORE INSERT ON audit_entry "
        f"WHEN EXISTS (SELECT 1 FROM audit_entry WHERE id = NEW.id) BEGIN {refuse}",
    ]


def sqlite_audit_drop_ddl() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS audit_entry_{name}"
        for name in ("no_update", "no_delete", "no_replace")
    ]


def postgresql_audit_ddl() -> list[str]:
    """One function refusing, fired before any UPDATE, DELETE or TRUNCATE."""
    return [
        "CREATE FUNCTION audit_entry_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$",
        "CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse()",
        "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse()",
    ]


def postgresql_audit_drop_ddl() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry",
        "DROP TRIGGER IF EXISTS audit_entry_no_change ON audit_entry",
        "DROP FUNCTION IF EXISTS audit_entry_refuse()",
    ]
