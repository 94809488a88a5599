"""The bulk writer of contact imports: people, contact points, organisations, posts, tags.

Rows go to the driver in INSERTs of many rows each (Driver.insert), their values prepared
column by column: each value passes its column type's bind processor and each missing column
gets its Python default, as SQLAlchemy Core would do, but without Core's per-row bookkeeping,
which cost more than the insert itself.
Ids are taken before inserting (on SQLite the largest id plus one, which is safe inside the
import's write transaction; on PostgreSQL from the table's sequence), so no row is read back.

On SQLite, the trigger that indexes each new person for full-text search (person_fts_ai) is
dropped for the import, each batch's new people are indexed with one INSERT … SELECT, and the
trigger is created again at the end: the trigger, row by row, cost three times the insert.
That INSERT … SELECT runs on a helper thread while the next batch is read and checked
(Driver.execute_behind): SQLite works without holding Python's lock, so both go on at once.
A person written by the import and then updated by a later card is indexed before the
update, since the update trigger takes the old text out of the index, which must then hold
it. All of it happens inside the import's one transaction (DDL is transactional in SQLite),
so a failure, a cancel or a dry run rolls the trigger back with everything else.

For the same reason, an import into a log of few people (the first import of an address book)
drops the indexes it never reads (DEFERRED_INDEXES) and builds them again at the end: building
an index over every row once, sorted, cost less than keeping it up to date row by row (0.6 s
of a 100,000-row import). A log of more people keeps them, since building them again would
then cost more than a small import saves.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError

from bilatdesk.domain import ContactPoint, Membership, Organisation, Person, Post
from bilatdesk.domain.base import UTCDateTime, table_of, utcnow
from bilatdesk.domain.tag import person_tag
from bilatdesk.domain.uids import new_uid_hexes, uid7_ints
from bilatdesk.services.kernel.errors import ConflictError
from bilatdesk.store.search import sqlite_fts_insert_trigger

PERSON: Table = table_of(Person)
POINT: Table = table_of(ContactPoint)
MEMBERSHIP: Table = table_of(Membership)
ORGANISATION: Table = table_of(Organisation)
POST: Table = table_of(Post)

# The columns an import fills on a new person, in the order of its row tuples.
PERSON_COLUMNS = (
    "uid",
    "honorific",
    "given_name",
    "family_name",
    "other_names",
    "birth_date",
    "birthday",
    "languages",
    "biography",
    "photo",
    "photo_type",
    "sort_name",
    "search_text",
    "country_id",
    "name_order",
    "name_shown",
)
ORGANISATION_COLUMNS = (
    "uid",
    "name",
    "kind",
    "parent_id",
    "country_id",
    "sort_name",
    "search_text",
)
POST_COLUMNS = ("uid", "title", "organisation_id")
POINT_COLUMNS = ("person_id", "kind", "label", "value", "position")
MEMBERSHIP_COLUMNS = ("person_id", "post_id", "note")
TAG_LINK_COLUMNS = ("person_id", "tag_id")
_FTS_TRIGGER = "person_fts_ai"
# Indexes that no statement of an import reads (its look-ups use uid, sort_name, person_id).
DEFERRED_INDEXES = (
    "ix_person_country_id",
    "ix_person_country_sort",
    "ix_person_birthday",
    "ix_membership_post_id",
)
# The most parameters one INSERT of many rows holds: SQLite before 3.32 (and builds that keep
# the old limit) takes no more; statements of 32,766 (today's limit) were no faster.
MAX_PARAMETERS = 999
# Up to this many people already in the log, an import builds the deferred indexes anew.
DEFER_INDEXES_UP_TO = 5_000


class NewRecord:
    """An organisation or post to create: its values (a parent may be another NewRecord);
    `id` once it is taken. Compared by identity."""

    __slots__ = ("id", "values")

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.id: int | None = None


def id_of(record: int | NewRecord) -> int:
    """The id of a stored record, or of a new one already written."""
    if isinstance(record, int):
        return record
    if record.id is None:
        raise RuntimeError("a new organisation or post was used before it was written")
    return record.id


class _Insert:
    """One table's INSERT: the given columns, then every Python-side default the ORM would add.

    `rows(values, ids)` turns tuples of the given columns (plain Python values) into the
    driver's tuples; a uid given as None gets a fresh one.
    """

    def __init__(self, connection: Connection, table: Table, given: tuple[str, ...]) -> None:
        dialect = connection.dialect
        self.given = given
        self.processors = [
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in given
        ]
        self.uid_at = given.index("uid") if "uid" in given else -1
        # Given columns the database fills with NULL when left out (nullable, no default).
        self.nullable = {
            index
            for index, name in enumerate(given)
            if table.c[name].nullable and table.c[name].server_default is None
        }
        names = ["id", *given]
        # (how, value): "constant" (processed once), "moment" (one per batch), "uid", "call".
        self.defaults: list[tuple[str, Any, Any]] = []
        for column in table.columns:
            if column.name in given or column.primary_key or column.default is None:
                continue
            processor = column.type.dialect_impl(dialect).bind_processor(dialect)
            arg = column.default.arg  # type: ignore[attr-defined]
            if getattr(column.default, "is_callable", False):
                if column.name == "uid":
                    how = "uid"
                elif isinstance(column.type, UTCDateTime):
                    how = "moment"
                else:
                    how = "call"
            elif column.server_default is not None:
                continue  # the database fills in the same value
            else:
                how, arg = "constant", arg if processor is None else processor(arg)
            names.append(column.name)
            self.defaults.append((how, arg, processor))
        uid_type = table.c.uid.type.dialect_impl(dialect)
        uid_processor = uid_type.bind_processor(dialect)
        # SQLite stores a uid as 32 hex digits: those are made directly, three times faster.
        self.hex_uids = uid_processor is not None and uid_processor(uuid.UUID(int=0)) == "0" * 32
        self.uid_processor = uid_processor
        self.table = table.name
        self.columns = tuple(names)

    def rows(
        self, values: Sequence[tuple[Any, ...]], ids: Sequence[int]
    ) -> tuple[tuple[str, ...], list[Any]]:
        """The columns to insert, and the rows' values one after another in that order (for
        Driver.insert).

        A nullable column that is None in every row is left out, so the database fills in its
        NULL: the driver binds None through its adapter look-up, four times the cost of a
        number, and a file without birthdays or photos would bind it for every row.
        """
        count = len(values)
        names = self.columns
        kept = [names[0]]
        columns: list[Sequence[Any]] = [ids]
        nullable = self.nullable
        for index, column in enumerate(zip(*values, strict=True)):
            if index in nullable and column.count(None) == count:
                continue
            kept.append(names[index + 1])
            processor = self.processors[index]
            if index == self.uid_at:
                columns.append(self._uids(column))
            elif processor is not None:
                columns.append([processor(value) for value in column])
            else:
                columns.append(column)
        kept.extend(names[len(self.given) + 1 :])
        for how, arg, processor in self.defaults:
            if how == "constant":
                columns.append([arg] * count)
            elif how == "moment":
                moment = arg(None)
                columns.append([moment if processor is None else processor(moment)] * count)
            elif how == "uid":
                columns.append(self._uids([None] * count))
            else:
                made = [arg(None) for _ in range(count)]
                columns.append(made if processor is None else [processor(v) for v in made])
        # Each column dealt into its place in one slice assignment, with no tuple per row.
        width = len(columns)
        flat: list[Any] = [None] * (width * count)
        for place, values_of_column in enumerate(columns):
            flat[place::width] = values_of_column
        return tuple(kept), flat

    def _uids(self, given: tuple[uuid.UUID | None, ...] | list[None]) -> list[Any]:
        if self.hex_uids:
            missing = given.count(None)
            if missing == len(given):
                return new_uid_hexes(missing)
            fresh = iter(new_uid_hexes(missing))
            return [next(fresh) if value is None else value.hex for value in given]
        fresh_ints = iter(uid7_ints(given.count(None)))
        made = [uuid.UUID(int=next(fresh_ints)) if value is None else value for value in given]
        processor = self.uid_processor
        return made if processor is None else [processor(value) for value in made]


def _spelt(uid: Any) -> str:
    """A bound uid as str(UUID) spells it: SQLite's 32 hex digits are cut at the hyphens."""
    if isinstance(uid, str) and len(uid) == 32:
        return f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:]}"
    return str(uid)


class Driver:
    """The DBAPI cursor of the import's connection, inside the session's transaction.

    The import's hot statements go straight to the driver: SQLAlchemy's execution and result
    bookkeeping cost more than these simple statements. A refusal of the database is raised
    as SQLAlchemy's DBAPIError, as any other statement's would be.
    """

    def __init__(self, connection: Connection) -> None:
        self.cursor: Any = connection.connection.cursor()
        self.error: type[Exception] = connection.dialect.loaded_dbapi.Error
        self.mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        self._inserts: dict[tuple[str, tuple[str, ...], int], str] = {}
        self._behind: threading.Thread | None = None
        self._behind_cursor: Any = None
        self._failed: BaseException | None = None

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; the cursor (for rowcount and rows)."""
        self.settle()
        try:
            self.cursor.execute(statement, params)
        except self.error as exc:
            raise self._refused(statement, exc) from exc
        return self.cursor

    def insert(self, table: str, columns: tuple[str, ...], values: list[Any]) -> None:
        """Insert rows given as their values one after another (`columns` per row).

        Many rows go into each INSERT … VALUES (…), (…): statements of 50 rows cost a third
        less than executemany of the same rows one by one (100,000 people, their contact
        points and posts: 2.4 s against 3.7 s raw, a tenth of a whole CSV import), since each
        row then costs the driver no statement reset and no loop of its own. A statement
        holds as many rows as MAX_PARAMETERS allows, and the rest goes in statements of a
        power of two rows each (32, 16, …), so a few texts serve every batch and stay compiled
        in the driver's statement cache.
        """
        width = len(columns)
        rows = len(values) // width
        most = max(1, MAX_PARAMETERS // width)
        at = 0
        while rows:
            count = most if rows >= most else 1 << (rows.bit_length() - 1)
            end = at + count * width
            self.execute(self._insert_statement(table, columns, count), values[at:end])
            at, rows = end, rows - count

    def _insert_statement(self, table: str, columns: tuple[str, ...], count: int) -> str:
        statement = self._inserts.get((table, columns, count))
        if statement is None:
            row = f"({', '.join([self.mark] * len(columns))})"
            statement = (
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row] * count)}"
            )
            self._inserts[(table, columns, count)] = statement
        return statement

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(statement, params).fetchall())

    def rows_in(self, statement: str, values: Sequence[Any]) -> list[tuple[Any, ...]]:
        """`statement` with one "{}" for the marks of an IN list of `values`."""
        return self.rows(statement.format(", ".join([self.mark] * len(values))), values)

    def execute_behind(self, statement: str, params: Sequence[Any] = ()) -> None:
        """Run one statement on a helper thread while the caller goes on with Python work.

        SQLite runs a statement without Python's lock, so a long one (indexing a batch for
        full-text search) costs no time while the next batch is read and checked. The
        connection is never used by two threads at once (SQLCipher's library allows no more):
        every statement after this one, and `settle()`, first waits for it to end, and its
        refusal is raised there.
        """
        self.settle()
        if self._behind_cursor is None:
            self._behind_cursor = self.cursor.connection.cursor()
        cursor = self._behind_cursor

        def run() -> None:
            try:
                cursor.execute(statement, params)
            except self.error as exc:
                self._failed = self._refused(statement, exc)
            except BaseException as exc:  # raised again by settle(), on the caller's thread
                self._failed = exc

        self._behind = threading.Thread(target=run, name="import-behind", daemon=True)
        self._behind.start()

    def settle(self) -> None:
        """Wait for the statement run behind, if any; its refusal is raised (and again after)."""
        if self._behind is not None:
            self._behind.join()
            self._behind = None
        if self._failed is not None:
            raise self._failed

    def close(self) -> None:
        """Wait for the statement run behind (its refusal is raised), then let the cursors go."""
        try:
            self.settle()
        finally:
            self.cursor.close()
            if self._behind_cursor is not None:
                self._behind_cursor.close()

    def _refused(self, statement: str, exc: Exception) -> BaseException:
        return DBAPIError.instance(statement, None, exc, self.error, hide_parameters=True)


class BulkWriter:
    """Writes one import's rows on the import's connection; `finish()` before commit."""

    def __init__(self, connection: Connection, driver: Driver) -> None:
        self.driver = driver
        self.sqlite = connection.dialect.name == "sqlite"
        self.mark = driver.mark
        self.people = _Insert(connection, PERSON, PERSON_COLUMNS)
        self.organisations = _Insert(connection, ORGANISATION, ORGANISATION_COLUMNS)
        self.posts = _Insert(connection, POST, POST_COLUMNS)
        self.memberships = _Insert(connection, MEMBERSHIP, MEMBERSHIP_COLUMNS)
        self.fts: bool | None = None  # None until the first people are written
        self.deferred: list[str] = []  # the CREATE INDEX statements of indexes dropped
        self.unindexed: int | None = None  # the first person id not yet in the index
        self._updates: dict[tuple[str, ...], str] = {}
        self._processors = {
            column.name: column.type.dialect_impl(connection.dialect).bind_processor(
                connection.dialect
            )
            for column in PERSON.columns
        }

    # -- ids ---------------------------------------------------------------------------------
    def _new_ids(self, table: Table, count: int) -> list[int]:
        if self.sqlite:
            ((first,),) = self.driver.rows(f"SELECT coalesce(max(id), 0) + 1 FROM {table.name}")
            return list(range(first, first + count))
        rows = self.driver.rows(
            f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
            "FROM generate_series(1, %s)",
            (count,),
        )
        return [row[0] for row in rows]

    # -- inserting ---------------------------------------------------------------------------
    def insert_people(self, rows: Sequence[tuple[Any, ...]]) -> tuple[list[int], list[str]]:
        """New people (tuples in PERSON_COLUMNS order, uid None for a fresh one): their ids,
        and their uids as str(UUID) spells them (the audit trail's record_uid), fresh ones
        included."""
        if not rows:
            return [], []
        ids = self._new_ids(PERSON, len(rows))
        if self.fts is None:
            self.fts = self._drop_fts_trigger()
            if self.sqlite and ids[0] <= DEFER_INDEXES_UP_TO:
                self._drop_deferred_indexes()
        columns, flat = self.people.rows(rows, ids)
        self.driver.insert(self.people.table, columns, flat)
        if self.fts and self.unindexed is None:
            self.unindexed = ids[0]  # ids only grow inside the import's write transaction
        uids = flat[columns.index("uid") :: len(columns)]
        return ids, [_spelt(uid) for uid in uids]

    def index_new_people(self, *, behind: bool = False) -> None:
        """Index the people written since the last call (the trigger's work, in one go);
        `behind`: on a helper thread, while the caller goes on (Driver.execute_behind)."""
        if self.unindexed is not None:
            run = self.driver.execute_behind if behind else self.driver.execute
            run(
                "INSERT INTO person_fts(rowid, search_text) "
                "SELECT id, search_text FROM person WHERE id >= ?",
                (self.unindexed,),
            )
            self.unindexed = None

    def insert_records(self, records: list[NewRecord]) -> None:
        """New organisations or posts, in the order they were made (a parent before its
        units); each learns its id."""
        organisations = [r for r in records if "name" in r.values]
        posts = [r for r in records if "title" in r.values]
        for table, insert, parent, group in (
            (ORGANISATION, self.organisations, "parent_id", organisations),
            (POST, self.posts, "organisation_id", posts),
        ):
            if not group:
                continue
            for record, new_id in zip(group, self._new_ids(table, len(group)), strict=True):
                record.id = new_id
            values = []
            for record in group:
                row = dict(record.values)
                if row[parent] is not None:
                    row[parent] = id_of(row[parent])
                values.append(tuple(row[name] for name in insert.given))
            ids = [id_of(record) for record in group]
            self.driver.insert(insert.table, *insert.rows(values, ids))

    def insert_memberships(self, rows: list[tuple[int, int, str]]) -> None:
        """Current posts: (person id, post id, note)."""
        if rows:
            ids = self._new_ids(MEMBERSHIP, len(rows))
            insert = self.memberships
            self.driver.insert(insert.table, *insert.rows(rows, ids))

    def insert_points(self, rows: list[tuple[int, str, str, str, int]]) -> None:
        """Contact points: (person id, kind, label, value, position), plain values as stored."""
        self._insert_plain(POINT, POINT_COLUMNS, rows)

    def insert_tag_links(self, rows: list[tuple[int, int]]) -> None:
        self._insert_plain(person_tag, TAG_LINK_COLUMNS, rows)

    def _insert_plain(self, table: Table, columns: tuple[str, ...], rows: list[Any]) -> None:
        if rows:
            self.driver.insert(table.name, columns, list(chain.from_iterable(rows)))

    # -- updating ----------------------------------------------------------------------------
    def update_person(
        self, person_id: int, version: int, values: dict[str, Any], name: str
    ) -> None:
        """Set `values` on a person still at `version`; ConflictError if someone changed it."""
        if self.unindexed is not None and person_id >= self.unindexed:
            self.index_new_people()  # the update trigger takes the indexed text out
        columns = tuple(values)
        statement = self._updates.get(columns)
        if statement is None:
            mark = self.mark
            sets = ", ".join(f"{column} = {mark}" for column in (*columns, "version", "updated_at"))
            statement = f"UPDATE person SET {sets} WHERE id = {mark} AND version = {mark}"
            self._updates[columns] = statement
        processors = self._processors
        params = [
            value if (processor := processors[column]) is None else processor(value)
            for column, value in values.items()
        ]
        moment = self._processors["updated_at"]
        now = utcnow()
        params += [version + 1, now if moment is None else moment(now), person_id, version]
        if self.driver.execute(statement, params).rowcount != 1:
            raise ConflictError(f"The record of {name}")

    # -- the full-text trigger (SQLite) ------------------------------------------------------
    def _drop_fts_trigger(self) -> bool:
        """Drop person_fts_ai if it is exactly the trigger search.py makes; whether it was."""
        if not self.sqlite:
            return False
        stored = self.driver.rows(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_FTS_TRIGGER,)
        )
        if stored != [(sqlite_fts_insert_trigger("person"),)]:
            return False  # an unknown trigger (or none): leave it to index row by row
        self.driver.execute(f"DROP TRIGGER {_FTS_TRIGGER}")
        return True

    def _drop_deferred_indexes(self) -> None:
        self.deferred = [
            sql
            for _name, sql in self.driver.rows_in(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({})",
                DEFERRED_INDEXES,
            )
            if sql  # (an index SQLite made for a constraint has none; not among these)
        ]
        for name in DEFERRED_INDEXES:
            self.driver.execute(f"DROP INDEX IF EXISTS {name}")

    def finish(self) -> None:
        """Index the new people, create the full-text trigger and the deferred indexes again
        (inside the same transaction)."""
        if self.fts:
            self.index_new_people()
            self.driver.execute(sqlite_fts_insert_trigger("person"))
            self.fts = None
        for statement in self.deferred:
            self.driver.execute(statement)
        self.deferred = []
