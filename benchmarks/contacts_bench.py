"""Time contact imports: 10,000 vCards and 100,000 CSV rows into a fresh SQLite file.

Run: `.venv/bin/python -m benchmarks.contacts_bench`. Each import (reading the file, checking,
matching, writing and committing) runs into a new database; the median wall and CPU time of a
few runs is printed beside floors measured in the same run (each run of an import followed
by one of each floor, so both see the same minutes), each raw sqlite3 with the data prepared
beforehand, none of it timed:

- person rows: executemany of as many rows into the person table of a bilatdesk database, its
  indexes and full-text trigger as migrated (the trigger indexes row by row);
- all rows: every row the import writes, the way it writes them, in INSERTs of many rows
  each: people (full-text trigger dropped, the index filled with one INSERT ... SELECT, the
  trigger created again; the indexes no import reads dropped and built again; time-ordered
  uids), contact points, memberships and tag links;
- bare table: executemany into a table of three columns without indexes.

The goals (issue 3): 10,000 vCards <= 3 s, 100,000 CSV rows <= 10 s. CPU time is printed too,
because other processes may share the machine: wall time above CPU time is time waited for.
"""

from __future__ import annotations

import dataclasses
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

VCARDS = 10_000
CSV_ROWS = 100_000
VCARD_GOAL_S = 3.0
CSV_GOAL_S = 10.0
NOW = "2026-11-22 10:00:00.000000"

# (given names, family names) per script: Latin with diacritics, Greek, Cyrillic, Arabic, Chinese.
NAMES = [
    (["Zoë", "Jörg", "Renée", "Ana", "Łukasz", "Søren"], ["Müller", "Ångström", "Nuñez", "Dvořák"]),
    (["Ελένη", "Γιώργος", "Μαρία"], ["Παπαδοπούλου", "Οικονόμου", "Νικολάου"]),
    (["Иван", "Ольга", "Пётр"], ["Иванов", "Смирнова", "Кузнецов"]),
    (["محمد", "فاطمة", "أحمد"], ["العلي", "الحسيني", "منصور"]),
    (["明", "伟", "芳"], ["李", "王", "张"]),
]
MINISTRIES = ["Ministry of Foreign Affairs", "Ministry of Trade", "Министерство культуры", "外交部"]
UNITS = ["Directorate {}", "Department {}", "Section {}"]
TITLES = ["Director", "Head of Unit", "Counsellor", "Desk Officer", "Советник", "参赞"]


@dataclass(frozen=True)
class Figures:
    """Median seconds of each import (wall, and CPU of this process) and of its floors."""

    vcard_s: float
    vcard_floor_s: float  # raw executemany into the person table (trigger per row)
    bare_floor_s: float  # raw executemany into a bare table, as many rows
    csv_s: float | None
    csv_floor_s: float
    csv_bare_floor_s: float
    vcard_cpu_s: float = 0.0
    csv_cpu_s: float = 0.0
    vcard_all_rows_floor_s: float = 0.0  # every row the import writes, raw
    csv_all_rows_floor_s: float = 0.0


def _person(rng: random.Random, i: int) -> tuple[str, str, str, str, str, str, str]:
    givens, families = NAMES[i % len(NAMES)]
    given = rng.choice(givens)
    family = f"{rng.choice(families)}{i}"
    unit = rng.choice(UNITS).format(i % 12)
    return (
        given,
        family,
        f"person{i}@example.org",
        f"+43 1 {rng.randint(100, 999)} {i:05d}",
        rng.choice(MINISTRIES),
        unit,
        rng.choice(TITLES),
    )


def vcard_file(path: Path, count: int = VCARDS) -> Path:
    """`count` vCard 3.0 cards in mixed scripts with e-mails, phones, ORG with units, TITLE."""
    rng = random.Random(7)
    with path.open("wb") as out:
        for i in range(count):
            given, family, email, phone, ministry, unit, title = _person(rng, i)
            out.write(
                (
                    "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                    f"N:{family};{given};;;\r\nFN:{given} {family}\r\n"
                    f"ORG:{ministry};{unit}\r\nTITLE:{title}\r\n"
                    f"EMAIL;TYPE=INTERNET,WORK:{email}\r\n"
                    f"TEL;TYPE=WORK,VOICE:{phone}\r\nTEL;TYPE=CELL:+43 664 {i:07d}\r\n"
                    f"BDAY:19{50 + i % 50:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}\r\n"
                    "CATEGORIES:Trade,Culture\r\n"
                    f"UID:urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}\r\nEND:VCARD\r\n"
                ).encode()
            )
    return path


def csv_file(path: Path, count: int = CSV_ROWS) -> Path:
    """`count` rows of a contact CSV with our own export's headers."""
    rng = random.Random(11)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Given name,Family name,E-mail,Phone,Organisation,Unit,Job title\r\n")
        for i in range(count):
            given, family, email, phone, ministry, unit, title = _person(rng, i)
            out.write(f"{given},{family},{email},{phone},{ministry},{unit},{title}\r\n")
    return path


def _remove(target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def import_seconds(kind: str, source: Path, work: Path) -> tuple[float, float]:
    """Wall and CPU seconds to read `source` and import it into a new database (opening and
    migrating the empty database excluded)."""
    from bilatdesk.exchange.csv.read import read_csv_cards
    from bilatdesk.exchange.records import Outcome
    from bilatdesk.exchange.vcard.read import read_vcards
    from bilatdesk.services.contacts.importing import import_cards
    from bilatdesk.store.database import Database

    target = work / f"import-{uuid.uuid4().hex}.sqlite"
    with Database.open(target) as db:
        started, cpu = time.perf_counter(), time.process_time()
        if kind == "vcard":
            with source.open("rb") as stream:
                report = import_cards(db, read_vcards(stream), dry_run=False)
        else:
            report = import_cards(db, read_csv_cards(source, None).cards, dry_run=False)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    _remove(target)
    if report.count(Outcome.CREATE) != len(report.lines):
        raise RuntimeError(f"the benchmark import did not create every card: {report.summary()}")
    return elapsed, cpu


def _migrated(work: Path, name: str) -> tuple[Path, sqlite3.Connection]:
    from bilatdesk.store.database import Database

    target = work / f"{name}-{uuid.uuid4().hex}.sqlite"
    Database.open(target).close()
    connection = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        connection.execute(f"PRAGMA {pragma}")
    return target, connection


def person_floor_seconds(rows: int, work: Path) -> float:
    """Raw sqlite3 executemany of `rows` person rows into a bilatdesk person table."""
    target, connection = _migrated(work, "floor")
    data = [
        (uuid.uuid4().hex, NOW, NOW, f"Given{i}", f"Family{i}", f"family{i} given{i}",
         f"given{i} family{i} person{i}@example.org +43 1 {i}")
        for i in range(rows)
    ]  # fmt: skip
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO person (uid, created_at, updated_at, version, gender, given_name, "
        "family_name, sort_name, search_text) VALUES (?, ?, ?, 1, '', ?, ?, ?, ?)",
        data,
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    _remove(target)
    return elapsed


def all_rows_floor_seconds(kind: str, rows: int, work: Path) -> float:
    """Raw sqlite3 of every row the import writes for `rows` cards, in INSERTs of many rows:
    people (full-text index filled in one statement), contact points, memberships, tag links."""
    from bilatdesk.domain.uids import new_uid_hexes
    from bilatdesk.services.contacts.write import DEFERRED_INDEXES
    from bilatdesk.store.search import sqlite_fts_insert_trigger

    target, connection = _migrated(work, "rows")
    connection.execute(
        "INSERT INTO organisation (id, uid, name, kind, created_at, updated_at, version) "
        "VALUES (1, ?, 'Ministry', 'other', ?, ?, 1)",
        (uuid.uuid4().hex, NOW, NOW),
    )
    connection.execute(
        "INSERT INTO post (id, uid, title, organisation_id, created_at, updated_at, version) "
        "VALUES (1, ?, 'Director', 1, ?, ?, 1)",
        (uuid.uuid4().hex, NOW, NOW),
    )
    for tag in (1, 2):
        connection.execute(
            "INSERT INTO tag (id, uid, name, created_at, updated_at, version) "
            "VALUES (?, ?, ?, ?, ?, 1)",
            (tag, uuid.uuid4().hex, f"Tag {tag}", NOW, NOW),
        )
    rng = random.Random(3)
    born = "1970-01-01" if kind == "vcard" else None
    people, points, memberships, links = [], [], [], []
    person_uids, membership_uids = new_uid_hexes(rows), new_uid_hexes(rows)
    for i in range(1, rows + 1):
        given, family, email, phone, _ministry, _unit, _title = _person(rng, i)
        people.append(
            (i, person_uids[i - 1], NOW, NOW, given, family, born,
             f"{family} {given}".lower(), f"{given} {family} {email} {phone}".lower())
        )  # fmt: skip
        points += [(i, "email", "work", email, 0), (i, "phone", "work", phone, 1)]
        if kind == "vcard":
            points.append((i, "phone", "cell", f"+43 664 {i:07d}", 2))
            links += [(i, 1), (i, 2)]
        memberships.append((i, membership_uids[i - 1], NOW, NOW))
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("DROP TRIGGER person_fts_ai")
    marks = ", ".join("?" * len(DEFERRED_INDEXES))
    deferred = connection.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks})",
        DEFERRED_INDEXES,
    ).fetchall()
    for name, _sql in deferred:
        connection.execute(f"DROP INDEX {name}")
    _insert(
        connection,
        "person (id, uid, created_at, updated_at, version, gender, given_name, family_name, "
        "birth_date, sort_name, search_text)",
        "(?, ?, ?, ?, 1, '', ?, ?, ?, ?, ?)",
        people,
    )
    connection.execute(
        "INSERT INTO person_fts(rowid, search_text) SELECT id, search_text FROM person"
    )
    connection.execute(sqlite_fts_insert_trigger("person"))
    _insert(
        connection,
        "contact_point (person_id, kind, label, value, position)",
        "(?, ?, ?, ?, ?)",
        points,
    )
    _insert(
        connection,
        "membership (person_id, uid, created_at, updated_at, version, post_id, acting, note)",
        "(?, ?, ?, ?, 1, 1, 0, '')",
        memberships,
    )
    _insert(connection, "person_tag (person_id, tag_id)", "(?, ?)", links)
    for _name, sql in deferred:
        connection.execute(sql)
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    _remove(target)
    return elapsed


def _insert(
    connection: sqlite3.Connection, into: str, row: str, rows: list[tuple[object, ...]]
) -> None:
    """The rows in INSERT … VALUES statements of many rows, as the import's Driver.insert
    writes them (as many rows as MAX_PARAMETERS allows, the rest in one statement)."""
    from bilatdesk.services.contacts.write import MAX_PARAMETERS

    if not rows:
        return
    per = max(1, MAX_PARAMETERS // len(rows[0]))
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        connection.execute(
            f"INSERT INTO {into} VALUES {', '.join([row] * len(chunk))}",
            [value for values in chunk for value in values],
        )


def bare_floor_seconds(rows: int, work: Path) -> float:
    """Raw sqlite3 executemany of `rows` rows into a bare table (DESIGN.md's floor)."""
    target = work / f"bare-{uuid.uuid4().hex}.sqlite"
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT, starts_at TEXT, n INT)")
    data = [(f"title {i}", f"2026-01-01 {i % 24:02d}:00:00", i) for i in range(rows)]
    started = time.perf_counter()
    with connection:
        connection.executemany("INSERT INTO t (title, starts_at, n) VALUES (?, ?, ?)", data)
    elapsed = time.perf_counter() - started
    connection.close()
    _remove(target)
    return elapsed


def _in_turns(kind: str, source: Path, count: int, work: Path, runs: int) -> list[float]:
    """Medians of the import's wall and CPU seconds and of its three floors, each run of the
    import followed by one of each floor, so all see the same minutes (benchmarks.timing)."""
    samples = []
    for _ in range(runs):
        wall, cpu = import_seconds(kind, source, work)
        samples.append(
            (
                wall,
                cpu,
                person_floor_seconds(count, work),
                all_rows_floor_seconds(kind, count, work),
                bare_floor_seconds(count, work),
            )
        )
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def measure(runs: int = 3) -> Figures:
    """Median seconds of each import and of its floors, all measured in this run.

    Three runs of each: the median of two would be their mean, and one slow run (the machine
    is shared) would move it by half its delay.
    """
    with tempfile.TemporaryDirectory(prefix="contacts-bench-") as folder:
        work = Path(folder)
        vcard, vcard_cpu, vcard_floor, vcard_rows, bare = _in_turns(
            "vcard", vcard_file(work / "cards.vcf"), VCARDS, work, runs
        )
        csv, csv_cpu, csv_floor, csv_rows, csv_bare = _in_turns(
            "csv", csv_file(work / "rows.csv"), CSV_ROWS, work, runs
        )
    return Figures(
        vcard, vcard_floor, bare, csv, csv_floor, csv_bare, vcard_cpu, csv_cpu, vcard_rows, csv_rows
    )


def main() -> int:
    figures = measure()
    if "--json" in sys.argv[1:]:  # for `make bench`, which runs this in a process of its own
        print(json.dumps(dataclasses.asdict(figures)))
        return 0
    print(
        f"{'operation (read + check + write + commit)':<42} {'wall':>7} {'cpu':>7} "
        f"{'floor':>7} {'ratio':>6}  floor (raw sqlite3, same run)"
    )
    assert figures.csv_s is not None
    for name, seconds, cpu, goal, count, floors in (
        (
            f"import {VCARDS:,} vCards 3.0 (goal <= {VCARD_GOAL_S:.0f} s)",
            figures.vcard_s,
            figures.vcard_cpu_s,
            VCARD_GOAL_S,
            VCARDS,
            (figures.vcard_floor_s, figures.vcard_all_rows_floor_s, figures.bare_floor_s),
        ),
        (
            f"import {CSV_ROWS:,} CSV rows (goal <= {CSV_GOAL_S:.0f} s)",
            figures.csv_s,
            figures.csv_cpu_s,
            CSV_GOAL_S,
            CSV_ROWS,
            (figures.csv_floor_s, figures.csv_all_rows_floor_s, figures.csv_bare_floor_s),
        ),
    ):
        labels = (
            f"{count:,} person rows, full-text trigger row by row",
            f"every row the import writes for {count:,} cards, index filled in bulk",
            f"{count:,} rows into a bare 3-column table",
        )
        verdict = "ok" if seconds <= goal else "OVER GOAL"
        for index, (floor, label) in enumerate(zip(floors, labels, strict=True)):
            head = f"{name:<42} {seconds:>6.2f}s {cpu:>6.2f}s" if index == 0 else " " * 58
            print(f"{head} {floor:>6.2f}s {seconds / floor:>5.1f}x  {label}")
        print(f"{'':<42} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
