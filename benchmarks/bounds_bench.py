"""Time and peak memory of reading two calendars built to cost (issue 17, item 6).

Run: `.venv/bin/python -m benchmarks.bounds_bench rdate|never [--json]`, one case a process,
so the peak resident memory printed is that case's own:

- rdate: a 49 MB calendar of 1,000 events, each listing 2,900 days in one RDATE (eight
  years, a day apart), about thirty of them in the window;
- never: 20,000 repeating events whose rules never occur in the window (30 February, 31
  April, an UNTIL or a COUNT spent years before).

Goals: each read <= 30 s and <= 300 MB resident (it once took 97 s and 1.7 GB, and 114 s).
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from bilatdesk.exchange.ics.read import IcsError, read_ics
from tests.exchange.ics.samples import write_never_calendar, write_rdate_calendar

GOAL_S = 30.0
GOAL_MB = 300
CASES = ("rdate", "never")
WINDOWS = {
    "rdate": (date(2025, 11, 10), date(2026, 12, 31)),
    "never": (date(2026, 1, 1), date(2026, 12, 31)),
}


@dataclass(frozen=True)
class Figures:
    case: str
    megabytes: float
    seconds: float
    peak_mb: int
    events: int
    refused: str


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure(case: str) -> Figures:
    """Write the case's file (not timed), then read it once."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{case}.ics"
        if case == "rdate":
            write_rdate_calendar(path, 1_000, 2_900, first=date(2018, 1, 1))
        else:
            write_never_calendar(path, 20_000)
        size = path.stat().st_size / 1_048_576
        window = WINDOWS[case]
        began = time.perf_counter()
        try:
            read = read_ics(path, window_start=window[0], window_end=window[1])
            events, refused = len(read.events), ""
        except IcsError as exc:
            events, refused = 0, str(exc)
        return Figures(case, size, time.perf_counter() - began, _peak_mb(), events, refused)


def main(argv: list[str]) -> None:
    case = argv[0] if argv and argv[0] in CASES else "rdate"
    figures = measure(case)
    if "--json" in argv:
        print(json.dumps(asdict(figures)))
        return
    print(
        f"{case}: {figures.megabytes:.1f} MB file, read in {figures.seconds:.1f} s, "
        f"peak {figures.peak_mb} MB, {figures.events:,} events {figures.refused}".rstrip()
    )
    print(f"goal: <= {GOAL_S:.0f} s, <= {GOAL_MB} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
