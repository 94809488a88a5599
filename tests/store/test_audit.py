"""The audit chain: append-only in the database, and any tampering named by check."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bilatdesk.domain.audit import GENESIS_HASH
from bilatdesk.services.catalog import Services
from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.audit import record_file_event
from bilatdesk.store.copies import plain_connect
from bilatdesk.store.database import Database


def _three_changes(database: Database) -> Services:
    services = Services(database)
    person = services.people.create(PersonInput(given_name="Hans", family_name="Müller"))
    person = services.people.update(
        person.id, replace(person.data, family_name="Müller-Lüdenscheid"), person.version
    )
    services.people.update(person.id, replace(person.data, given_name="Johann"), person.version)
    return services


def _without_triggers(database: Database, statement: str) -> None:
    """What someone with the database's keys could do: switch the refusal off, then write."""
    with database.engine.begin() as connection:
        if database.is_sqlite:
            for name in ("no_update", "no_delete"):
                connection.exec_driver_sql(f"DROP TRIGGER audit_entry_{name}")
        else:
            connection.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER USER")
        connection.exec_driver_sql(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entry SET actor = 'someone else' WHERE id = 2",
        "DELETE FROM audit_entry WHERE id = 2",
        "DELETE FROM audit_entry",
    ],
)
def test_raw_sql_cannot_change_or_delete_an_entry(database: Database, statement: str) -> None:
    """The database itself refuses UPDATE and DELETE on the trail, and the chain stays whole."""
    _three_changes(database)
    with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as connection:
        connection.exec_driver_sql(statement)
    report = database.check()
    assert report.healthy, report.audit
    assert report.audit == "ok (3 entries)"


def test_sqlite_refuses_overwriting_an_entry(sqlite_database: Database) -> None:
    """INSERT OR REPLACE and UPDATE OR REPLACE cannot rewrite an entry either."""
    _three_changes(sqlite_database)
    columns = "id, at, action, previous_hash, hash"
    for statement in (
        f"INSERT OR REPLACE INTO audit_entry ({columns}) VALUES (2, '2026-01-01', 'x', 'a', 'b')",
        "UPDATE OR REPLACE audit_entry SET id = 1 WHERE id = 2",
    ):
        refused = pytest.raises(DBAPIError, match="append-only")
        with refused, sqlite_database.engine.begin() as connection:
            connection.exec_driver_sql(statement)
    assert sqlite_database.check().healthy


def test_postgresql_refuses_truncate(database: Database) -> None:
    """TRUNCATE is refused too on PostgreSQL."""
    if database.is_sqlite:
        pytest.skip("SQLite has no TRUNCATE")
    _three_changes(database)
    with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as connection:
        connection.exec_driver_sql("TRUNCATE audit_entry")


def test_an_altered_entry_is_named_by_check(database: Database) -> None:
    """With the triggers gone, a changed entry breaks its own hash: check names it."""
    _three_changes(database)
    _without_triggers(database, "UPDATE audit_entry SET actor = 'someone else' WHERE id = 2")
    report = database.check()
    assert not report.healthy
    assert report.audit.startswith("broken at entry 2: its content no longer matches")


def test_a_removed_entry_is_named_by_check(database: Database) -> None:
    """A deleted entry breaks the link of the one after it, which check names."""
    _three_changes(database)
    _without_triggers(database, "DELETE FROM audit_entry WHERE id = 2")
    report = database.check()
    assert not report.healthy
    assert report.audit.startswith("broken at entry 3: it does not follow")


def test_a_rewritten_chain_from_the_start_is_caught(database: Database) -> None:
    """Recomputing one entry's hash does not help: the next one still links to the old hash."""
    _three_changes(database)
    with database.engine.connect() as connection:
        first = connection.execute(text("SELECT hash FROM audit_entry WHERE id = 1")).scalar()
    _without_triggers(
        database,
        f"UPDATE audit_entry SET previous_hash = '{GENESIS_HASH}', "
        f"hash = '{'1' * 64}' WHERE id = 1",
    )
    report = database.check()
    assert report.audit.startswith("broken at entry 1")
    assert first != "1" * 64


def test_concurrent_writers_keep_the_chain_linear(database: Database) -> None:
    """Writers in several threads each append after the last entry: the chain stays whole."""
    services = Services(database)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(5):
                services.people.create(PersonInput(family_name=f"Writer {n}-{i}"))
        except BaseException as exc:  # reported below; a thread must not swallow it
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    report = database.check()
    assert report.audit == "ok (20 entries)", report.audit


def test_a_file_event_joins_the_chain(sqlite_database: Database) -> None:
    """A backup recorded on the file (no session) continues the chain, and check agrees."""
    services = _three_changes(sqlite_database)
    path = sqlite_database.url.database
    assert path is not None
    assert record_file_event(Path(path), plain_connect, "backup", "backup.sqlite")
    _three_changes(sqlite_database)
    assert sqlite_database.check().audit == "ok (7 entries)"
    (event,) = [row for row in services.audit.entries() if row.action == "backup"]
    assert event.source == "backup.sqlite"
    assert event.record_kind == ""


def test_record_event_appends_in_the_callers_transaction(database: Database) -> None:
    """A merge or a document named by its caller is one more link of the chain."""
    _three_changes(database)
    with database.session() as session:
        database.record_event(session, "merge", record_kind="person", record_id=1, source="x")
    with pytest.raises(RuntimeError), database.session() as session:
        database.record_event(session, "merge", record_kind="person", record_id=1)
        raise RuntimeError("the user action failed")
    assert database.check().audit == "ok (4 entries)"


def test_backups_restores_and_keys_are_in_the_trail(tmp_path: Path) -> None:
    """A backup, a restore and a change of passphrase each add an entry to the file's chain."""
    from bilatdesk.store.backups import restore, take_backup
    from bilatdesk.store.cipher import change_passphrase, encrypt_file

    path = tmp_path / "trail.sqlite"
    with Database.open(path) as db:
        _three_changes(db)
        backup = take_backup(path, connect=db.connect_file, out=tmp_path / "copy.sqlite")
    restore(backup.path, path)
    encrypt_file(path, "first key")
    change_passphrase(path, "first key", "second key")
    with Database.open(path, passphrase="second key") as db:
        rows = Services(db).audit.entries()
        assert db.check().audit == "ok (6 entries)"
    assert [(row.action, row.source.split(" ")[0]) for row in rows[3:]] == [
        ("restore", "restored"),
        ("passphrase", "the"),
        ("passphrase", "the"),
    ]
