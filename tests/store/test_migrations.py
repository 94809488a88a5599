"""Migrations: upgrade from empty, no drift from the models, one transaction, newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from bilatdesk.domain import Base
from bilatdesk.store.database import Database
from bilatdesk.store.engine import create_store_engine
from bilatdesk.store.errors import MigrationError, NewerDatabaseError
from bilatdesk.store.migrate import alembic_head, copy_aside, upgrade
from bilatdesk.store.schema import HEAD_REVISION
from bilatdesk.store.search import include_in_autogenerate
from bilatdesk.store.sqlite_file import APPLICATION_ID


def test_head_constant_matches_alembic() -> None:
    """The fast start-up path knows the same head revision as alembic."""
    assert alembic_head() == HEAD_REVISION


def test_upgrade_from_empty_then_no_drift(db_target: str) -> None:
    """From an empty database to head, the schema equals the models (both backends)."""
    with Database.open(db_target) as db:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_object": include_in_autogenerate, "compare_type": True}
            )
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
        assert db.check().revision == HEAD_REVISION


def test_second_open_does_not_migrate_again(tmp_path: Path) -> None:
    """An up-to-date database is opened without running alembic."""
    path = tmp_path / "db.sqlite"
    Database.open(path).close()
    engine = create_store_engine(path)
    try:
        assert upgrade(engine, path) is False
    finally:
        engine.dispose()


def test_failed_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    """A migration that fails midway is rolled back whole: no half schema, no stray tables."""
    path = tmp_path / "db.sqlite"
    raw = sqlite3.connect(path)
    # Marked as ours, so it is migrated (and the migration fails on the stray table).
    raw.execute(f"PRAGMA application_id={APPLICATION_ID}")
    raw.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, note TEXT)")
    raw.execute("INSERT INTO person (note) VALUES ('kept')")
    raw.commit()
    raw.close()
    with pytest.raises(MigrationError, match="nothing was changed"):
        Database.open(path)
    raw = sqlite3.connect(path)
    tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    notes = raw.execute("SELECT note FROM person").fetchall()
    raw.close()
    assert tables == {"person"}
    assert notes == [("kept",)]


def test_foreign_keys_are_back_on_after_migrating(tmp_path: Path) -> None:
    """Foreign keys are switched off only for the migration itself."""
    with Database.open(tmp_path / "db.sqlite") as db, db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    """A file stamped by a newer version is refused with a sentence, not altered."""
    path = tmp_path / "db.sqlite"
    Database.open(path).close()
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.commit()
    raw.close()
    with pytest.raises(NewerDatabaseError, match="newer bilatdesk"):
        Database.open(path)


def test_copy_aside_is_a_consistent_copy(tmp_path: Path) -> None:
    """The copy taken before migrating holds committed rows still in the WAL."""
    path = tmp_path / "db.sqlite"
    with Database.open(path) as db:
        with db.session() as session:
            session.execute(text("INSERT INTO setting (key, value) VALUES ('k', 'v')"))
        # Committed, but with the connection still open it lives in the WAL, not the file.
        assert Path(f"{path}-wal").stat().st_size > 0
        copy = copy_aside(path, HEAD_REVISION)
    raw = sqlite3.connect(copy)
    try:
        assert raw.execute("SELECT value FROM setting").fetchall() == [("v",)]
        assert "person" in {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    finally:
        raw.close()


def test_search_objects_exist_on_each_backend(database: Database) -> None:
    """The full-text index exists: FTS5 tables on SQLite, a tsvector column on PostgreSQL."""
    with database.engine.connect() as connection:
        inspector = inspect(connection)
        if database.is_sqlite:
            assert "person_fts" in inspector.get_table_names()
        else:
            columns = {c["name"] for c in inspector.get_columns("person")}
            assert "search_vector" in columns


def test_names_migration_gives_existing_people_their_order(tmp_path: Path) -> None:
    """0008_names: people stored before it are family first when their script or country
    says so (a Han-script name, a Hungarian citizen), everyone else given first."""
    path = tmp_path / "db.sqlite"
    Database.open(path).close()
    connection = sqlite3.connect(path)
    try:
        connection.executescript(
            "ALTER TABLE person DROP COLUMN name_order;"
            "ALTER TABLE person DROP COLUMN name_shown;"
            "ALTER TABLE cable_clearance DROP COLUMN manner;"
            "ALTER TABLE cable_clearance DROP COLUMN recorded_by;"
            "DROP TABLE deleted_record;"
            "UPDATE alembic_version SET version_num = '0007_audit';"
        )
        connection.execute(
            "INSERT INTO country (uid, created_at, updated_at, version, iso_code, name,"
            " accredited, accreditation, priority_circle) VALUES"
            " (X'00000000000000000000000000000001', '2026-01-01', '2026-01-01', 1,"
            " 'HU', 'Hungary', 1, 'resident', 2)"
        )
        for uid, given, family, country in (
            ("2", "小明", "王", None),
            ("3", "Katalin", "Nagy", 1),
            ("4", "Anna", "Berger", None),
        ):
            connection.execute(
                "INSERT INTO person (uid, created_at, updated_at, version, given_name,"
                " family_name, country_id, gender) VALUES (?, '2026-01-01', '2026-01-01', 1,"
                " ?, ?, ?, '')",
                (bytes.fromhex(uid.rjust(32, "0")), given, family, country),
            )
        connection.commit()
    finally:
        connection.close()
    with Database.open(path) as db, db.engine.connect() as opened:
        rows = opened.execute(text("SELECT family_name, name_order FROM person ORDER BY id"))
        assert [tuple(row) for row in rows] == [
            ("王", "family_first"),
            ("Nagy", "family_first"),
            ("Berger", "given_first"),
        ]


def test_search_migration_recomputes_search_text(tmp_path: Path) -> None:
    """0009_search: old search texts become index words (CJK apart, 017 also 17), people's
    gain their posts, organisations and country, and the index finds them."""
    path = tmp_path / "db.sqlite"
    Database.open(path).close()
    connection = sqlite3.connect(path)
    try:
        connection.execute("DROP TABLE deleted_record")  # made again by 0011_bin_records
        connection.execute("UPDATE alembic_version SET version_num = '0010_bin'")
        connection.execute(
            "INSERT INTO country (id, uid, created_at, updated_at, version, iso_code, name,"
            " accredited, accreditation, priority_circle) VALUES (1,"
            " X'00000000000000000000000000000001', '2026-01-01', '2026-01-01', 1,"
            " 'JO', 'Jordan', 1, 'resident', 2)"
        )
        connection.execute(
            "INSERT INTO organisation (id, uid, created_at, updated_at, version, name, kind)"
            " VALUES (1, X'00000000000000000000000000000002', '2026-01-01', '2026-01-01', 1,"
            " 'Ministry of Foreign Affairs', 'ministry')"
        )
        connection.execute(
            "INSERT INTO post (id, uid, created_at, updated_at, version, title, organisation_id)"
            " VALUES (1, X'00000000000000000000000000000003', '2026-01-01', '2026-01-01', 1,"
            " 'Foreign Minister', 1)"
        )
        connection.execute(
            "INSERT INTO person (id, uid, created_at, updated_at, version, given_name,"
            " family_name, country_id, gender, search_text) VALUES (1,"
            " X'00000000000000000000000000000004', '2026-01-01', '2026-01-01', 1, '小明', '王',"
            " 1, '', '王小明 case 2026/017')"
        )
        connection.execute(
            "INSERT INTO membership (uid, created_at, updated_at, version, person_id, post_id,"
            " acting) VALUES (X'00000000000000000000000000000005', '2026-01-01', '2026-01-01',"
            " 1, 1, 1, 0)"
        )
        connection.commit()
    finally:
        connection.close()
    with Database.open(path) as db, db.engine.connect() as opened:
        stored = opened.scalar(text("SELECT search_text FROM person"))
        assert stored == (
            "王 小 明 case 2026 017 17 foreign minister ministry of foreign affairs jordan"
        )
        found = opened.scalar(
            text('SELECT count(*) FROM person_fts WHERE person_fts MATCH \'"小 明" "jordan"\'')
        )
        assert found == 1


def test_phones_migration_stores_e164_and_searches_any_digits(tmp_path: Path) -> None:
    """0012_phones: numbers read in the person's country are stored in E.164 (an Austrian
    extension kept), one phonenumbers cannot read stays as written, and the search text
    gets every run of each number's digits."""
    path = tmp_path / "db.sqlite"
    Database.open(path).close()
    connection = sqlite3.connect(path)
    try:
        connection.execute("DROP TABLE deleted_record")  # made again by 0011_bin_records
        connection.execute("UPDATE alembic_version SET version_num = '0009_search'")
        connection.execute(
            "INSERT INTO country (uid, created_at, updated_at, version, iso_code, name,"
            " accredited, accreditation, priority_circle) VALUES"
            " (X'00000000000000000000000000000001', '2026-01-01', '2026-01-01', 1,"
            " 'AT', 'Austria', 1, 'resident', 2)"
        )
        connection.execute(
            "INSERT INTO person (uid, created_at, updated_at, version, given_name,"
            " family_name, country_id, gender, search_text) VALUES"
            " (X'00000000000000000000000000000002', '2026-01-01', '2026-01-01', 1,"
            " 'Anna', 'Berger', 1, '', 'anna berger')"
        )
        for position, value in enumerate(("01 531 15-0", "+43 1 555 0101", "0101")):
            connection.execute(
                "INSERT INTO contact_point (person_id, kind, label, value, position)"
                " VALUES (1, 'phone', '', ?, ?)",
                (value, position),
            )
        connection.commit()
    finally:
        connection.close()
    with Database.open(path) as db, db.engine.connect() as opened:
        values = opened.execute(text("SELECT value FROM contact_point ORDER BY position"))
        assert [row.value for row in values] == ["+43153115;ext=0", "+4315550101", "0101"]
        found = opened.execute(
            text('SELECT rowid FROM person_fts WHERE person_fts MATCH \'"5550"* "531150"*\'')
        )
        assert [row.rowid for row in found] == [1]
