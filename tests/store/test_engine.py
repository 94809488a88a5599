"""SQLite connection settings and how transactions begin."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from bilatdesk.store.database import Database


def test_every_sqlite_connection_has_the_pragmas(sqlite_database: Database) -> None:
    """WAL, synchronous FULL, foreign keys on and a busy timeout, on every connection."""
    with sqlite_database.read() as session:
        values = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


def test_write_session_takes_the_write_lock_at_begin(sqlite_database: Database) -> None:
    """A write session begins IMMEDIATE: another writer is refused while it is open."""
    path = sqlite_database.url.database
    assert path is not None
    with sqlite_database.session() as session:
        session.execute(text("SELECT 1"))
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_read_session_leaves_writers_free(sqlite_database: Database) -> None:
    """A read session takes no write lock, so a writer can still begin."""
    path = sqlite_database.url.database
    assert path is not None
    with sqlite_database.read() as session:
        session.execute(text("SELECT count(*) FROM person"))
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()


def test_failed_action_is_rolled_back_whole(sqlite_database: Database) -> None:
    """An exception inside a unit of work leaves nothing of it behind."""
    with pytest.raises(RuntimeError), sqlite_database.session() as session:
        session.execute(
            text(
                "INSERT INTO tag (name, description, uid, created_at, updated_at,"
                " version) VALUES ('x', '', 'u1', '2026-01-01', '2026-01-01', 1)"
            )
        )
        raise RuntimeError("boom")
    with sqlite_database.read() as session:
        assert session.execute(text("SELECT count(*) FROM tag")).scalar() == 0
