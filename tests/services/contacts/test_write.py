"""The contact import's writer: INSERTs of many rows, every row in order, on both backends."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import DBAPIError

from bilatdesk.services.contacts.write import MAX_PARAMETERS, Driver
from bilatdesk.store.database import Database
from bilatdesk.store.errors import RefusedByDatabaseError

WIDTH = 3
MOST = MAX_PARAMETERS // WIDTH  # rows in a full statement


def _statement_rows(statement: str) -> int:
    return statement.count("), (") + 1


@pytest.mark.parametrize("count", [0, 1, 2, 31, MOST - 1, MOST, MOST + 1, 3 * MOST + 77])
def test_insert_writes_every_row_in_order_in_few_statement_sizes(
    database: Database, count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows arrive whole and in order, whatever their number; each statement holds at most
    MAX_PARAMETERS values, and holds either a full statement's rows or a power of two, so
    the texts repeat from batch to batch."""
    sizes: list[int] = []
    execute = Driver.execute

    def recorded(self: Driver, statement: str, params: Any = ()) -> Any:
        if statement.startswith("INSERT INTO import_probe"):
            sizes.append(_statement_rows(statement))
            # 999: the most any SQLite build takes (the limit before 3.32, kept by some builds).
            assert len(params) == sizes[-1] * WIDTH <= MAX_PARAMETERS <= 999
        return execute(self, statement, params)

    monkeypatch.setattr(Driver, "execute", recorded)
    hostile = "'); DROP TABLE person; -- ? %s \u202e"
    rows = [(n, f"{hostile}{n}", n * 2) for n in range(count)]
    with database.session() as session:
        connection = session.connection()
        connection.exec_driver_sql(
            "CREATE TEMPORARY TABLE import_probe (n INTEGER, label TEXT, twice INTEGER)"
        )
        driver = Driver(connection)
        try:
            driver.insert("import_probe", ("n", "label", "twice"), [v for row in rows for v in row])
            stored = driver.rows("SELECT n, label, twice FROM import_probe ORDER BY n")
        finally:
            driver.close()
        connection.exec_driver_sql("DROP TABLE import_probe")
    assert stored == rows
    assert sum(sizes) == count
    assert all(size == MOST or size & (size - 1) == 0 for size in sizes)
    assert sizes == sorted(sizes, reverse=True)  # full statements first, then halves
    assert len(sizes) <= count // MOST + MOST.bit_length()


def test_a_refused_row_raises_the_database_s_error(database: Database) -> None:
    """A row the database refuses (NULL into NOT NULL) fails the insert as DBAPIError, as any
    other statement would: its parameters are not in the message, and the line an import's
    error shows (the database's first) names the column, not the row's values."""
    with pytest.raises(RefusedByDatabaseError) as refused, database.session() as session:
        connection = session.connection()
        connection.exec_driver_sql(
            "CREATE TEMPORARY TABLE import_probe (n INTEGER NOT NULL, label TEXT)"
        )
        driver = Driver(connection)
        try:
            driver.insert("import_probe", ("n", "label"), [1, "secret-one", None, "secret-two"])
        finally:
            driver.close()
    # The unit of work ends in a sentence; the driver's DBAPIError is its cause.
    raised = refused.value.__cause__
    assert isinstance(raised, DBAPIError)
    assert "secret" not in str(refused.value)
    assert "[parameters" not in str(raised)
    first_line = str(raised.orig).splitlines()[0]
    assert "import_probe" in first_line or '"n"' in first_line
    assert "secret" not in first_line


def test_the_statement_run_behind_ends_before_the_next_one(sqlite_database: Database) -> None:
    """A statement run on the helper thread is waited for by the next one, which sees all it
    wrote; the connection is never used by two threads at once."""
    with sqlite_database.session() as session:
        connection = session.connection()
        connection.exec_driver_sql("CREATE TEMPORARY TABLE import_probe (n INTEGER)")
        driver = Driver(connection)
        try:
            driver.execute_behind(
                "INSERT INTO import_probe (n) WITH RECURSIVE n(i) AS "
                "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT i FROM n",
                (200_000,),
            )
            assert driver.rows("SELECT count(*), max(n) FROM import_probe") == [(200_000, 200_000)]
        finally:
            driver.close()
        connection.exec_driver_sql("DROP TABLE import_probe")


def test_a_refusal_behind_is_raised_on_the_caller_s_thread(sqlite_database: Database) -> None:
    """The helper thread's refusal is raised by the next statement, by settle() and by close(),
    as the same DBAPIError a statement run in place raises; nothing after it runs."""
    with sqlite_database.session() as session:
        driver = Driver(session.connection())
        driver.execute_behind("INSERT INTO no_such_table (n) VALUES (?)", (1,))
        with pytest.raises(DBAPIError, match="no_such_table"):
            driver.execute("SELECT 1")
        with pytest.raises(DBAPIError, match="no_such_table"):
            driver.settle()
        with pytest.raises(DBAPIError, match="no_such_table"):
            driver.close()
