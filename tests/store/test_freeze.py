"""The dispatched-cable freeze holds against raw SQL: every conflict clause, every part.

Each statement runs in its own transaction and must be refused by the database; afterwards the
cable, its paragraphs, references, clearances, tags, named people and kept PDF read back exactly
as they were. SQLite's REPLACE and IGNORE clauses have PostgreSQL's ON CONFLICT as analogues.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bilatdesk.store.database import Database
from bilatdesk.store.errors import RefusedByDatabaseError
from tests.store.freeze_setup import Frozen, build, snapshot

FROZEN = "never changes"
ANY_REFUSAL = ""  # a foreign key's own refusal words differ by backend

CABLE = "id, kind, status, post, precedence, nature, uid, created_at, updated_at, version, serial"
DOCUMENT = (
    "id, kind, source_uid, title, classification, sha256, size, inputs, content, uid, "
    "created_at, updated_at, version"
)
CHILDREN = {
    "cable_paragraph": "id, cable_id, position, section, portion, text",
    "cable_reference": "id, cable_id, position, referenced_id, text",
    "cable_clearance": "id, cable_id, position, name, cleared_at, comment",
}
LINKS = {
    "cable_tag": ("tag_id", "tag", "other_tag"),
    "cable_person": ("person_id", "person", "other_person"),
}

# (SQLite statement or None, PostgreSQL statement or None, what the refusal says)
Case = tuple[str | None, str | None, str]


def _both(sql: str, says: str = FROZEN) -> Case:
    return (sql, sql, says)


def _sqlite(sql: str, says: str = FROZEN) -> Case:
    return (sql, None, says)


def _postgresql(sql: str, says: str = FROZEN) -> Case:
    return (None, sql, says)


def _draft_copy(cable_id: str, uid: str, serial: str) -> str:
    return (
        f"SELECT {cable_id}, kind, status, post, precedence, nature, {uid}, created_at, "
        f"updated_at, version, {serial} FROM cable WHERE id = {{draft}}"
    )


CABLE_CASES: list[Case] = [
    _sqlite("UPDATE OR REPLACE cable SET serial = '{serial}' WHERE id = {draft}"),
    _sqlite("UPDATE OR REPLACE cable SET id = {cable} WHERE id = {draft}"),
    _sqlite(
        "UPDATE OR REPLACE cable SET uid = (SELECT uid FROM cable WHERE id = {cable}) "
        "WHERE id = {draft}"
    ),
    _sqlite(
        f"INSERT OR REPLACE INTO cable ({CABLE}) "
        + _draft_copy("{cable}", "lower(hex(randomblob(16)))", "NULL")
    ),
    _sqlite(
        f"INSERT OR REPLACE INTO cable ({CABLE}) "
        + _draft_copy("99999", "lower(hex(randomblob(16)))", "'{serial}'")
    ),
    _sqlite(
        f"INSERT OR IGNORE INTO cable ({CABLE}) "
        + _draft_copy("{cable}", "lower(hex(randomblob(16)))", "NULL")
    ),
    _both(
        f"INSERT INTO cable ({CABLE}) "
        + _draft_copy("{cable}", "uid", "NULL")
        + " ON CONFLICT (id) DO UPDATE SET subject = 'tampered'"
    ),
    _postgresql(
        f"INSERT INTO cable ({CABLE}) "
        + _draft_copy("{cable}", "uid", "NULL")
        + " ON CONFLICT DO NOTHING"
    ),
    _postgresql(
        f"INSERT INTO cable ({CABLE}) "
        + _draft_copy("99999", "gen_random_uuid()", "'{serial}'")
        + " ON CONFLICT (serial) DO UPDATE SET subject = 'tampered'"
    ),
    _both("UPDATE cable SET subject = 'tampered' WHERE id = {cable}"),
    _both("UPDATE cable SET engagement_id = NULL WHERE id = {cable}"),
    _both("UPDATE cable SET id = 99999 WHERE id = {cable}"),
    _both("DELETE FROM cable WHERE id = {cable}"),
    _both("DELETE FROM engagement WHERE id = {engagement}"),
    _both("DELETE FROM country WHERE id = {country}", ANY_REFUSAL),
]


def _child_cases(table: str, columns: str) -> list[Case]:
    onto_draft = columns.replace("cable_id", "{draft}")
    no_id = columns.removeprefix("id, ")
    return [
        _sqlite(
            f"INSERT OR REPLACE INTO {table} ({columns}) SELECT {columns} FROM {table} "
            "WHERE cable_id = {cable}"
        ),
        # Steals a frozen row's key for the open cable: REPLACE deletes the frozen row.
        _sqlite(
            f"INSERT OR REPLACE INTO {table} ({columns}) SELECT {onto_draft} FROM {table} "
            "WHERE cable_id = {cable}"
        ),
        _sqlite(
            f"INSERT OR IGNORE INTO {table} ({no_id}) SELECT {no_id} FROM {table} "
            "WHERE cable_id = {cable}"
        ),
        _sqlite(
            f"UPDATE OR REPLACE {table} SET id = (SELECT min(id) FROM {table} "
            f"WHERE cable_id = {{cable}}) WHERE id = (SELECT min(id) FROM {table} "
            "WHERE cable_id = {draft})"
        ),
        _both(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {table} "
            "WHERE cable_id = {cable} ON CONFLICT (id) DO UPDATE SET position = 99"
        ),
        _postgresql(
            f"INSERT INTO {table} ({no_id}) SELECT {no_id} FROM {table} "
            "WHERE cable_id = {cable} ON CONFLICT DO NOTHING"
        ),
        _both(f"UPDATE {table} SET cable_id = {{cable}} WHERE cable_id = {{draft}}"),
        _both(f"UPDATE {table} SET position = position + 10 WHERE cable_id = {{cable}}"),
        _both(f"DELETE FROM {table} WHERE cable_id = {{cable}}"),
    ]


def _link_cases(table: str, key: str, frozen: str, other: str) -> list[Case]:
    parent = key.removesuffix("_id")
    return [
        _sqlite(
            f"INSERT OR REPLACE INTO {table} (cable_id, {key}) VALUES ({{cable}}, {{{frozen}}})"
        ),
        _sqlite(f"INSERT OR IGNORE INTO {table} (cable_id, {key}) VALUES ({{cable}}, {{{other}}})"),
        _sqlite(f"UPDATE OR REPLACE {table} SET cable_id = {{cable}} WHERE cable_id = {{draft}}"),
        _both(
            f"INSERT INTO {table} (cable_id, {key}) VALUES ({{cable}}, {{{frozen}}}) "
            f"ON CONFLICT (cable_id, {key}) DO UPDATE SET {key} = {{{other}}}"
        ),
        _both(
            f"INSERT INTO {table} (cable_id, {key}) VALUES ({{cable}}, {{{other}}}) "
            "ON CONFLICT DO NOTHING"
        ),
        _both(f"UPDATE {table} SET {key} = {{{other}}} WHERE cable_id = {{cable}}"),
        _both(f"UPDATE {table} SET cable_id = {{cable}} WHERE cable_id = {{draft}}"),
        _both(f"DELETE FROM {table} WHERE cable_id = {{cable}}"),
        _both(f"DELETE FROM {parent} WHERE id = {{{frozen}}}"),
    ]


def _document_copy(kind: str, content: str) -> str:
    return (
        f"SELECT id, {kind}, source_uid, title, classification, sha256, size, inputs, {content}, "
        "uid, created_at, updated_at, version FROM generated_document WHERE id = {document}"
    )


_NEW_DOCUMENT = (
    "SELECT {document} + 100, kind, source_uid, title, classification, sha256, size, inputs, "
    "{blob}, '0000000000004000800000000000000a', created_at, updated_at, version "
    "FROM generated_document WHERE id = {document}"
)

DOCUMENT_CASES: list[Case] = [
    _both("UPDATE generated_document SET content = {blob} WHERE id = {document}"),
    _both("UPDATE generated_document SET sha256 = 'x', size = 1 WHERE id = {document}"),
    _both("UPDATE generated_document SET source_uid = 'elsewhere' WHERE id = {document}"),
    _both("UPDATE generated_document SET kind = 'brief' WHERE id = {document}"),
    _both("DELETE FROM generated_document WHERE id = {document}"),
    _sqlite(
        f"INSERT OR REPLACE INTO generated_document ({DOCUMENT}) " + _document_copy("kind", "x'00'")
    ),
    # Another kind under the same key: only REPLACE's deletion of the kept PDF can refuse it.
    _sqlite(
        f"INSERT OR REPLACE INTO generated_document ({DOCUMENT}) "
        + _document_copy("'brief'", "x'00'")
    ),
    _sqlite(
        "UPDATE OR REPLACE generated_document SET uid = (SELECT uid FROM generated_document "
        "WHERE id = {document}) WHERE id <> {document}"
    ),
    _both(f"INSERT INTO generated_document ({DOCUMENT}) " + _NEW_DOCUMENT),
    _both(
        f"INSERT INTO generated_document ({DOCUMENT}) "
        + _document_copy("kind", "{blob}")
        + " ON CONFLICT (id) DO UPDATE SET content = excluded.content"
    ),
    _postgresql(
        f"INSERT INTO generated_document ({DOCUMENT}) " + _NEW_DOCUMENT + " ON CONFLICT DO NOTHING"
    ),
]

GROUPS: dict[str, list[Case]] = {
    "cable": CABLE_CASES,
    **{table: _child_cases(table, columns) for table, columns in CHILDREN.items()},
    **{table: _link_cases(table, *names) for table, names in LINKS.items()},
    "generated_document": DOCUMENT_CASES,
}


def _values(db: Database, frozen: Frozen) -> dict[str, object]:
    values: dict[str, object] = dict(frozen.__dict__)
    values["blob"] = "x'00'" if db.is_sqlite else "'\\x00'::bytea"
    return values


def _not_refused(db: Database, frozen: Frozen, cases: list[Case]) -> list[str]:
    """Each statement that was not refused, or changed the cable, or said something else."""
    before = snapshot(db, frozen)
    failures = []
    for sqlite_sql, postgresql_sql, says in cases:
        sql = sqlite_sql if db.is_sqlite else postgresql_sql
        if sql is None:
            continue
        statement = sql.format(**_values(db, frozen))
        try:
            with db.session() as session:
                session.execute(text(statement))
        except RefusedByDatabaseError as refused:
            cause = refused.__cause__
            if not isinstance(cause, DBAPIError) or says not in str(cause.orig):
                failures.append(f"{statement}: refused with {cause}")
            elif says and says not in str(refused):
                failures.append(f"{statement}: refused without the sentence: {refused}")
        else:
            failures.append(f"{statement}: not refused")
        if snapshot(db, frozen) != before:
            failures.append(f"{statement}: changed the cable")
            break
    return failures


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_every_statement_against_a_dispatched_cable_is_refused(
    database: Database, group: str
) -> None:
    """Every conflict clause and plain statement on a frozen part is refused; nothing moves."""
    frozen = build(database)
    assert _not_refused(database, frozen, GROUPS[group]) == []


def test_an_open_cable_stays_free(database: Database) -> None:
    """The triggers refuse only what touches a dispatched cable: an open one still changes."""
    frozen = build(database)
    with database.session() as session:
        for table in (*CHILDREN, *LINKS):
            session.execute(
                text(f"UPDATE {table} SET cable_id = cable_id WHERE cable_id = :id"),
                {"id": frozen.draft},
            )
        session.execute(text("DELETE FROM cable_tag WHERE cable_id = :id"), {"id": frozen.draft})
        session.execute(
            text("UPDATE cable SET subject = 'changed' WHERE id = :id"), {"id": frozen.draft}
        )
    with database.read() as session:
        subject = session.scalar(
            text("SELECT subject FROM cable WHERE id = :id"), {"id": frozen.draft}
        )
    assert subject == "changed"


@pytest.mark.parametrize("read_only", [False, True])
def test_recursive_triggers_are_on_for_every_sqlite_connection(
    sqlite_database: Database, read_only: bool
) -> None:
    """REPLACE fires DELETE triggers only with recursive_triggers on, read-write or read-only."""
    target = sqlite_database.engine.url.database
    sqlite_database.close()
    db = Database.open(str(target), read_only=read_only)
    try:
        with db.read() as session:
            assert session.scalar(text("PRAGMA recursive_triggers")) == 1
    finally:
        db.close()
