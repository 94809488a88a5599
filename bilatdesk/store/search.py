"""Full-text filtering over each record's search_text: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam, func, literal_column, select, table, text
from sqlalchemy.sql import column

from bilatdesk.domain.text import fold

# Tables whose search_text is indexed; the migration creates their FTS5 tables and triggers
# on SQLite and a generated tsvector column with a GIN index on PostgreSQL.
SEARCHABLE_TABLES = (
    "country",
    "organisation",
    "person",
    "engagement",
    "cable",
    "agreement",
    "visit",
    "commitment",
)
MAX_TOKENS = 12
_WORD = re.compile(r"\w+")


def tokens(query: str) -> list[str]:
    """Folded word tokens of what the user typed; operators and quotes never reach MATCH."""
    return _WORD.findall(fold(query))[:MAX_TOKENS]


def fts5_query(words: list[str]) -> str:
    """Every token quoted and prefix-matched, so `cable 2024-17` or a lone NOT is plain text."""
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def tsquery(words: list[str]) -> str:
    """Tokens are \\w+ only, so nothing here can be read as a tsquery operator."""
    return " & ".join(f"{word}:*" for word in words)


def match_clause(target: Table, query: str, dialect_name: str) -> ColumnElement[bool] | None:
    """A WHERE clause keeping the rows of `target` that match every token, or None."""
    words = tokens(query)
    if not words:
        return None
    name = target.name
    if dialect_name == "sqlite":
        fts = table(f"{name}_fts", column("rowid"))
        hits = select(fts.c.rowid).where(
            text(f"{name}_fts MATCH :fts_q").bindparams(bindparam("fts_q", fts5_query(words)))
        )
        return target.c.id.in_(hits)
    vector: ColumnElement[Any] = literal_column(f"{name}.search_vector")
    return vector.op("@@")(
        func.to_tsquery(literal_column("'simple'::regconfig"), bindparam("ts_q", tsquery(words)))
    )


def sqlite_fts_insert_trigger(name: str) -> str:
    """The trigger indexing each new row of `name`; bulk imports drop it and index in one go."""
    fts = f"{name}_fts"
    return (
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {name} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
    )


def sqlite_fts_ddl(name: str) -> list[str]:
    """FTS5 external-content table over `name`.search_text and the triggers that keep it."""
    fts = f"{name}_fts"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{name}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        sqlite_fts_insert_trigger(name),
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {name} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        "END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF search_text ON {name} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
    ]


def sqlite_fts_drop_ddl(name: str) -> list[str]:
    fts = f"{name}_fts"
    return [
        f"DROP TRIGGER IF EXISTS {fts}_ai",
        f"DROP TRIGGER IF EXISTS {fts}_ad",
        f"DROP TRIGGER IF EXISTS {fts}_au",
        f"DROP TABLE IF EXISTS {fts}",
    ]


def postgresql_fts_ddl(name: str) -> list[str]:
    return [
        f"ALTER TABLE {name} ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
        f"CREATE INDEX ix_{name}_search_vector ON {name} USING gin (search_vector)",
    ]


def postgresql_fts_drop_ddl(name: str) -> list[str]:
    return [
        f"DROP INDEX IF EXISTS ix_{name}_search_vector",
        f"ALTER TABLE {name} DROP COLUMN IF EXISTS search_vector",
    ]


def is_search_object(name: str | None) -> bool:
    """Objects alembic autogenerate must leave alone: FTS tables, tsvector column and index."""
    if not name:
        return False
    return "_fts" in name or name == "search_vector" or name.endswith("_search_vector")


def include_in_autogenerate(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """alembic's include_object hook: skip search objects and SQLite's internal tables."""
    if is_search_object(name):
        return False
    return not (type_ == "table" and name is not None and name.startswith("sqlite_"))
