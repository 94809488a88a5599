"""Global search and the common-term list filter on the large database: p50 and p95, and the
peak memory of the process with the database open and searched."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

RARE = "hofburg"
COMMON = "meeting"  # in most engagements of the synthetic database
REPEAT = 21


@dataclass(frozen=True)
class Spread:
    """p50 and p95 of one operation, in milliseconds."""

    name: str
    p50_ms: float
    p95_ms: float


def spread(name: str, action: Callable[[], object], repeat: int = REPEAT) -> Spread:
    action()  # warm the page cache and the statement cache
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return Spread(name, statistics.median(samples), p95)


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def search_spreads(db: object) -> list[Spread]:
    """Global search top 50 for a rare and a common term, and the Engagements filter on the
    common term, over an open Database."""
    from bilatdesk.services.engagements.service import EngagementService
    from bilatdesk.services.kernel.listing import ListQuery
    from bilatdesk.services.search.records import SearchQuery
    from bilatdesk.services.search.service import SearchService

    search = SearchService(db)  # type: ignore[arg-type]
    engagements = EngagementService(db)  # type: ignore[arg-type]
    return [
        spread("global search top 50, rare term", lambda: search.search(SearchQuery(RARE))),
        spread("global search top 50, common term", lambda: search.search(SearchQuery(COMMON))),
        spread(
            "Engagements: filter, common term",
            lambda: engagements.list(ListQuery(text=COMMON)),
        ),
    ]
