"""Killed at any moment during edits, the database reopens whole with every acknowledged action."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.people.service import PersonService
from bilatdesk.store.database import Database

WRITER = textwrap.dedent(
    """
    import sys
    from bilatdesk.services.people.service import PersonInput, PersonService
    from bilatdesk.store.database import Database
    db = Database.open(sys.argv[1])
    people = PersonService(db)
    n = 0
    while True:
        detail = people.create(PersonInput(given_name="Clerk", family_name=f"Entry {n}",
                                           biography="x" * (n % 5000)))
        people.update(detail.id, PersonInput(given_name="Edited", family_name=f"Entry {n}"),
                      detail.version)
        # Acknowledged: the commit returned before this line is printed.
        print(detail.id, flush=True)
        n += 1
    """
)


@pytest.mark.slow
def test_kill_during_edits_loses_no_acknowledged_action(tmp_path: Path) -> None:
    """Five SIGKILLs at random moments: each time the file is whole and holds every ack."""
    path = tmp_path / "db.sqlite"
    Database.open(path).close()
    rng = random.Random(7)
    acknowledged: set[int] = set()
    for _round in range(5):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        first = process.stdout.readline()  # wait until it is writing
        acknowledged.add(int(first))
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate(timeout=30)
        acknowledged.update(int(line) for line in rest.split() if line.strip())
        with Database.open(path) as db:
            assert db.recovered, "a killed writer leaves its WAL behind"
            assert db.check().healthy
            ids = _all_ids(db)
            assert acknowledged <= ids
            edited = {row.id for row in _all_rows(db) if row.name.startswith("Edited")}
            assert acknowledged <= edited
    with Database.open(path) as db:
        assert not db.recovered, "a clean close removes the WAL"


def _all_rows(db: Database) -> list:  # type: ignore[type-arg]
    service = PersonService(db)
    rows = []
    query = ListQuery(limit=2000)
    while True:
        page = service.list(query)
        rows.extend(page.rows)
        if page.next_cursor is None:
            return rows
        query = ListQuery(limit=2000, after=page.next_cursor)


def _all_ids(db: Database) -> set[int]:
    return {row.id for row in _all_rows(db)}
