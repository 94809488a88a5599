"""Full-text filtering with hostile queries, and keyset paging without gaps or repeats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bilatdesk.services.engagements.service import EngagementInput, EngagementService
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database
from bilatdesk.store.search import fts5_query, tokens, tsquery


@pytest.mark.parametrize(
    "raw", ["cable 2024-17", "NOT", '"', "*", "a OR b", "col:val", "NEAR(", "'; DROP", "(", "^x"]
)
def test_hostile_queries_become_plain_tokens(raw: str) -> None:
    """Operators and quotes in the query never reach MATCH as syntax."""
    words = tokens(raw)
    assert all(word.isalnum() or "_" in word for word in words)
    assert fts5_query(words).count('"') == 2 * len(words)
    assert "|" not in tsquery(words) and "!" not in tsquery(words)


@pytest.mark.parametrize("raw", ["cable 2024-17", "NOT", '"', "*", "a OR b", "NEAR(", "(", "ü"])
def test_hostile_queries_run_on_every_backend(database: Database, raw: str) -> None:
    """Filtering by any text runs without a syntax error on both backends."""
    PersonService(database).create(PersonInput(given_name="Ana", family_name="NOT (cable)"))
    PersonService(database).list(ListQuery(text=raw))


def test_accent_insensitive_search_on_every_backend(database: Database) -> None:
    """'Muller' finds 'Müller', 'ελενη' finds 'ΕΛΈΝΗ', prefixes match."""
    people = PersonService(database)
    people.create(PersonInput(given_name="Jürgen", family_name="Müller"))
    people.create(PersonInput(given_name="ΕΛΈΝΗ", family_name="Παπαδοπούλου"))
    people.create(PersonInput(given_name="Иван", family_name="Петров"))
    found = lambda q: [r.name for r in people.list(ListQuery(text=q)).rows]  # noqa: E731
    assert found("Muller") == ["Jürgen Müller"]
    assert found("mül jür") == ["Jürgen Müller"]
    assert found("ελενη") == ["ΕΛΈΝΗ Παπαδοπούλου"]
    assert found("петр") == ["Иван Петров"]
    assert found("nobody") == []


def test_keyset_pages_cover_every_row_once(database: Database) -> None:
    """Paging by (sort, id), with ties in the sort key, yields each row once, in order."""
    service = EngagementService(database)
    base = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for i in range(53):
        service.create(
            EngagementInput(title=f"Meeting {i % 5}", starts_at=base + timedelta(hours=i // 3))
        )
    for sort in ("starts_at", "title", "kind"):
        for descending in (False, True):
            seen: list[int] = []
            query = ListQuery(sort=sort, descending=descending, limit=7)
            while True:
                page = service.list(query)
                seen.extend(row.id for row in page.rows)
                if page.next_cursor is None:
                    break
                query = ListQuery(sort=sort, descending=descending, limit=7, after=page.next_cursor)
            assert sorted(seen) == sorted(set(seen)) and len(seen) == 53
            every = service.list(ListQuery(sort=sort, descending=descending, limit=100)).rows
            assert seen == [row.id for row in every]


@pytest.mark.parametrize("typed", ["talks", "tal", "2026-17", "小明", "ferry talks", "t"])
def test_the_word_scan_finds_what_the_index_finds(
    database: Database, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    """A common term walks the sort order testing words: the same rows as the index gives."""
    from sqlalchemy import select

    from bilatdesk.domain import Engagement
    from bilatdesk.domain.base import table_of
    from bilatdesk.store import search

    service = EngagementService(database)
    base = datetime(2026, 1, 1, 9, tzinfo=UTC)
    titles = ["Ferry talks", "talks 2026/017", "王小明 talks", "Italks", "minutes", "Stalk"]
    for i in range(30):
        service.create(EngagementInput(title=titles[i % 6], starts_at=base + timedelta(hours=i)))
    monkeypatch.setattr(search, "SMALL_HIT_SET", 3)
    target = table_of(Engagement)
    with database.read() as session:
        counted = search.hit_count(session, "engagement", typed)
        assert not counted.exact and counted.share >= search.COMMON_SHARE
        scan = search.scan_clause(target, typed)
        index = search.match_clause(target, typed, session.get_bind().dialect.name)
        assert scan is not None and index is not None
        by_scan = set(session.scalars(select(target.c.id).where(scan)))
        by_index = set(session.scalars(select(target.c.id).where(index)))
    assert by_scan == by_index and by_scan
