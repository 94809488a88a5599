"""Time what the audit trail adds to a saved action: p50 and p99 of ~200 saves, with and without.

Run: `.venv/bin/python -m benchmarks.audit_bench [POSTGRESQL_URL]`. A person is saved through
the service (one changed field, as the form saves it) into a fresh SQLite file with a demo-sized
trail behind it, in turns with the trail recorded and with it switched off (Database.auditing),
so both see the same minutes of a shared machine. The goal (issue 15): a saved action stays
<= 20 ms at p99. A `check` of the whole chain is timed once at the end.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

SAVES = 200
TRAIL = 20_000  # entries already in the trail, as a log of a few years would hold
GOAL_MS = 20.0


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Figures:
    """Milliseconds of a saved action with the trail and without it, and of the chain check."""

    with_p50: float
    with_p99: float
    without_p50: float
    without_p99: float
    check_s: float
    verdict: str


def measure(target: str | None = None) -> Figures:
    """Time SAVES saves with the trail and without it, in turns; then a check of the chain."""
    from bilatdesk.services.catalog import Services
    from bilatdesk.services.people.service import PersonInput
    from bilatdesk.store.audit import Pending, append, local_identity
    from bilatdesk.store.database import Database

    folder = tempfile.mkdtemp(prefix="audit-bench-")
    db = Database.open(target or str(Path(folder) / "bench.sqlite"))
    services = Services(db)
    with db.engine.begin() as connection:
        for start in range(0, TRAIL, 2000):
            entries = [
                Pending("update", "person", n, "", {"note": ["a", f"b{n}"]})
                for n in range(start, start + 2000)
            ]
            append(connection, local_identity("bench"), entries)
    person = services.people.create(PersonInput(given_name="Hans", family_name="Müller"))
    timings: dict[bool, list[float]] = {True: [], False: []}
    for n in range(SAVES):
        for auditing in (True, False):
            db.auditing = auditing
            data = replace(person.data, family_name=f"Müller {n} {auditing}")
            started = time.perf_counter()
            person = services.people.update(person.id, data, person.version)
            timings[auditing].append((time.perf_counter() - started) * 1000)
    db.auditing = True
    started = time.perf_counter()
    report = db.check()
    checked = time.perf_counter() - started
    db.close()
    return Figures(
        statistics.median(timings[True]),
        _percentile(timings[True], 0.99),
        statistics.median(timings[False]),
        _percentile(timings[False], 0.99),
        checked,
        str(report.audit),
    )


def main(target: str | None = None) -> None:
    figures = measure(target)
    print(f"saves of one person, {SAVES} each, {TRAIL:,} entries in the trail before:")
    print(
        f"  with the audit trail   p50 {figures.with_p50:6.2f} ms   p99 {figures.with_p99:6.2f} ms"
    )
    print(
        f"  without it             p50 {figures.without_p50:6.2f} ms   "
        f"p99 {figures.without_p99:6.2f} ms"
    )
    met = "met" if figures.with_p99 <= GOAL_MS else "NOT met"
    print(f"goal: p99 <= {GOAL_MS:.0f} ms: {met}")
    print(f"check of the chain ({figures.verdict}): {figures.check_s:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
