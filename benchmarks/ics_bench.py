"""Time a 100,000-event calendar import (read, dry run, import, re-import) and a year's export.

Run: `.venv/bin/python -m benchmarks.ics_bench [COUNT]`. The file is Outlook-like (Windows zone
names with their VTIMEZONE, alarms, X- properties, some attendees), all of it inside the
window, so every event is parsed and written; peak memory is the process's high-water mark.
Such a file is about 61 MB, over the import's default 50 MB cap (the dialog and the command
line refuse it with a sentence); the benchmark raises the cap to measure the work itself.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bilatdesk.services.calendar_io.exporting import export_ics
from bilatdesk.services.calendar_io.importing import import_events, read_ics
from bilatdesk.store.database import Database
from tests.exchange.ics.samples import write_big_calendar

WINDOW = (date(2026, 1, 1), date(2026, 12, 31))


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        path = write_big_calendar(base / "big.ics", count, per_day=max(count // 300, 8))
        size = path.stat().st_size / 1_048_576
        print(f"{count:,} events, {size:,.1f} MB")
        began = time.perf_counter()
        read = read_ics(
            path, window_start=WINDOW[0], window_end=WINDOW[1], max_bytes=128 * 1_048_576
        )
        print(f"read:      {time.perf_counter() - began:6.1f} s  peak {_peak_mb()} MB")
        db = Database.open(base / "bench.sqlite")
        try:
            for label, dry_run in (("dry run", True), ("import", False), ("re-import", False)):
                began = time.perf_counter()
                report = import_events(db, read.events, dry_run=dry_run, country_id=None)
                elapsed = time.perf_counter() - began
                print(f"{label:10} {elapsed:6.1f} s  {report.summary()}  peak {_peak_mb()} MB")
            began = time.perf_counter()
            result = export_ics(db, base / "out.ics", start=WINDOW[0], end=WINDOW[1], ceiling=None)
            print(
                f"export:    {time.perf_counter() - began:6.1f} s  "
                f"{result.engagements:,} engagements  peak {_peak_mb()} MB"
            )
        finally:
            db.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
