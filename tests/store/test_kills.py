"""Killed at random moments during edits, imports, backups, passphrase changes and migrations,
every file opens healthy afterwards with every acknowledged action present.

`make test` kills 4 times per scenario (20 in all); the `heavy` marker kills 60 times per
scenario (300 in all): `make test-heavy`.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from bilatdesk.store.backups import list_backups
from bilatdesk.store.cipher import WrongPassphraseError
from bilatdesk.store.database import Database
from bilatdesk.store.recognise import recognise

PASSPHRASES = ("first passphrase", "second passphrase")
IMPORT_ROWS = 1_500


@dataclass(frozen=True)
class Scenario:
    """A writer run in a child process, and what must hold after it was killed."""

    name: str
    writer: str
    prepare: Callable[[Path], None]
    verify: Callable[[Path, list[str]], None]
    fresh_each_round: bool = False


def _people(db: Database) -> set[str]:
    with db.read() as session:
        return {str(v) for v in session.execute(text("SELECT family_name FROM person")).scalars()}


EDITS = textwrap.dedent(
    """
    import sys
    from bilatdesk.services.people.service import PersonInput, PersonService
    from bilatdesk.store.database import Database
    db = Database.open(sys.argv[1], passphrase=sys.argv[2])
    people = PersonService(db)
    n = int(sys.argv[3])
    while True:
        detail = people.create(PersonInput(given_name="Clerk", family_name=f"Entry {n}"))
        print(f"Entry {n}", flush=True)  # acknowledged: the commit has returned
        n += 1
    """
)


def _prepare_encrypted(path: Path) -> None:
    Database.open(path, passphrase=PASSPHRASES[0]).close()


def _verify_edits(path: Path, acks: list[str]) -> None:
    with Database.open(path, passphrase=PASSPHRASES[0]) as db:
        assert db.check().healthy
        assert set(acks) <= _people(db)


BACKUPS = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    from bilatdesk.services.people.service import PersonInput, PersonService
    from bilatdesk.store.backups import take_backup
    from bilatdesk.store.database import Database
    db = Database.open(sys.argv[1])
    people = PersonService(db)
    n = int(sys.argv[3])
    start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=n)
    while True:
        people.create(PersonInput(given_name="Clerk", family_name=f"Entry {n}"))
        print(f"Entry {n}", flush=True)
        take_backup(Path(sys.argv[1]), connect=db.connect_file,
                    now=start + timedelta(hours=7 * n))
        n += 1
    """
)


def _prepare_plain(path: Path) -> None:
    Database.open(path).close()


def _verify_backups(path: Path, acks: list[str]) -> None:
    with Database.open(path) as db:
        assert db.check().healthy
        assert set(acks) <= _people(db)
    for backup in list_backups(path):
        if backup.good:  # a backup counts only once verified; each counted one opens healthy
            with Database.open(backup.path, read_only=True) as copy:
                assert copy.check().integrity == "ok", backup.path


REKEY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from bilatdesk.store.cipher import WrongPassphraseError, change_passphrase, probe
    keys = ("first passphrase", "second passphrase")
    path = Path(sys.argv[1])
    i = int(sys.argv[3])
    try:  # a kill after the swap but before the acknowledgement moved the key on
        probe(path, keys[i % 2])
    except WrongPassphraseError:
        i += 1
    while True:
        change_passphrase(path, keys[i % 2], keys[(i + 1) % 2])
        i += 1
        print(i, flush=True)  # acknowledged: the file now opens with keys[i % 2]
    """
)


def _prepare_rekey(path: Path) -> None:
    with Database.open(path, passphrase=PASSPHRASES[0]) as db, db.session() as session:
        for i in range(300):
            session.execute(
                text("INSERT INTO setting (key, value) VALUES (:k, 'Kovačević')"), {"k": f"k{i}"}
            )


def _verify_rekey(path: Path, acks: list[str]) -> None:
    opened = None
    for passphrase in PASSPHRASES:
        try:
            opened = Database.open(path, passphrase=passphrase)
            break
        except WrongPassphraseError:
            continue
    assert opened is not None, "neither passphrase opens the file"
    with opened as db:
        assert db.check().healthy
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM setting")).scalar_one() >= 300
    leftovers = [p.name for p in path.parent.iterdir() if ".partial" in p.name]
    assert not leftovers or all("rekey" in name or "old" in name for name in leftovers)


MIGRATE = textwrap.dedent(
    """
    import sys
    from bilatdesk.store.database import Database
    Database.open(sys.argv[1]).close()
    print("migrated", flush=True)
    """
)


def _prepare_old(path: Path) -> None:
    """A database at revision 0004, filled, as an older bilatdesk left it."""
    from alembic import command
    from alembic.config import Config

    from bilatdesk.config import migrations_dir
    from bilatdesk.store.engine import create_store_engine

    engine = create_store_engine(path)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(migrations_dir()))
        config.attributes["connection"] = connection
        command.upgrade(config, "0004_visits")
        connection.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES " + ",".join(["(?, 'x')"] * 400),
            tuple(f"k{i}" for i in range(400)),
        )
    engine.dispose()


def _verify_migration(path: Path, acks: list[str]) -> None:
    with Database.open(path) as db:
        assert db.check().healthy
    for aside in path.parent.glob(f"{path.name}.before-*"):
        if aside.name.endswith((".partial", "-wal", "-shm", "-journal")):
            continue
        with Database.open(aside, read_only=True) as copy:
            report = copy.check()
            assert report.integrity == "ok" and report.revision == "0004_visits", aside


IMPORT = textwrap.dedent(
    """
    import sys
    from bilatdesk.cli import main
    code = main(["--db", sys.argv[1], "import", "csv", sys.argv[2]])
    print("imported" if code == 0 else f"failed {code}", flush=True)
    """
)


def _prepare_import(path: Path) -> None:
    Database.open(path).close()
    rows = ["First Name,Last Name,E-mail Address"]
    rows += [f"Ana{i},Kovačević {i},ana{i}@example.org" for i in range(IMPORT_ROWS)]
    path.with_name("contacts.csv").write_text("\n".join(rows), encoding="utf-8")


def _verify_import(path: Path, acks: list[str]) -> None:
    with Database.open(path) as db:
        assert db.check().healthy
        count = len(_people(db))
    assert count in (0, IMPORT_ROWS), f"half an import: {count} people"
    if "imported" in acks:
        assert count == IMPORT_ROWS


SCENARIOS = (
    Scenario("edits, encrypted", EDITS, _prepare_encrypted, _verify_edits),
    Scenario("backups", BACKUPS, _prepare_plain, _verify_backups),
    Scenario("passphrase changes", REKEY, _prepare_rekey, _verify_rekey),
    Scenario("migrations", MIGRATE, _prepare_old, _verify_migration, fresh_each_round=True),
    Scenario("imports", IMPORT, _prepare_import, _verify_import, fresh_each_round=True),
)


def _run(scenario: Scenario, folder: Path, kills: int, seed: int) -> int:
    """Kill the writer `kills` times at random moments; the number of kills done."""
    rng = random.Random(seed)
    pristine = folder / "pristine.sqlite"
    scenario.prepare(pristine)
    path = folder / "db.sqlite"
    shutil.copyfile(pristine, path)
    acks: list[str] = []
    done = 0
    for round_number in range(kills):
        if scenario.fresh_each_round:
            for stale in folder.glob("db.sqlite*"):
                stale.unlink() if stale.is_file() else shutil.rmtree(stale)
            shutil.copyfile(pristine, path)
            acks = []
        argv = [str(path), PASSPHRASES[0], str(len(acks) + round_number * 100_000)]
        if scenario.name == "imports":
            argv = [str(path), str(pristine.with_name("contacts.csv"))]
        if scenario.name == "passphrase changes":
            argv = [str(path), "", str(int(acks[-1]) if acks else 0)]
        process = subprocess.Popen(
            [sys.executable, "-c", scenario.writer, *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        time.sleep(rng.uniform(0.3, 1.5))
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate(timeout=60)
        acks.extend(line.strip() for line in out.splitlines() if line.strip())
        scenario.verify(path, acks)
        assert recognise(path).value in ("ours", "not_sqlite")
        done += 1
    return done


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_random_kills_lose_nothing_acknowledged(scenario: Scenario, tmp_path: Path) -> None:
    """Four kills of each writer: every file opens healthy with every acknowledged action."""
    assert _run(scenario, tmp_path, kills=4, seed=hash(scenario.name) % 1000) == 4


@pytest.mark.heavy
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_many_random_kills_lose_nothing_acknowledged(scenario: Scenario, tmp_path: Path) -> None:
    """Sixty kills of each writer (300 in all), as the slow lane runs them."""
    assert _run(scenario, tmp_path, kills=60, seed=2026) == 60
