"""The demo database: deterministic, believable, in every script, and scalable."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bilatdesk.demo.database import DemoExistsError, build_demo
from bilatdesk.services.countries.service import CountryService
from bilatdesk.services.engagements.service import EngagementService
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.kernel.settings import is_demo
from bilatdesk.services.people.service import PersonService
from bilatdesk.store.database import Database
from tests.databases import DEMO_DAY


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_same_day_gives_the_same_database(demo_file: Path, tmp_path: Path) -> None:
    """Two builds for the same day are identical, uids and timestamps included."""
    again = tmp_path / "again.sqlite"
    build_demo(again, today=DEMO_DAY)
    assert _dump(again) == _dump(demo_file)


def test_demo_content_is_complete(demo_file: Path) -> None:
    """Four countries of accreditation, officials with post history, a year of engagements."""
    with Database.open(demo_file, lock=False) as db:
        assert is_demo(db)
        countries = CountryService(db).choices()
        assert len(countries) == 4
        people = PersonService(db).list(ListQuery(limit=1000), today=DEMO_DAY).rows
        originals = " ".join(p.name_original for p in people)
        for sample in ("Ελένη", "Иван", "ليلى", "王立新"):
            assert sample in originals
        assert any("ö" in p.name or "ü" in p.name for p in people)
        former = next(p for p in people if p.name == "Eleni Papadopoulou")
        assert former.current_posts == ("Member of Parliament",)
        engagements = EngagementService(db).list(ListQuery(limit=2000)).rows
        assert len(engagements) >= 400
        span = max(e.starts_at for e in engagements) - min(e.starts_at for e in engagements)
        assert span.days >= 300


def test_existing_file_is_not_overwritten(demo_file: Path) -> None:
    """Writing the demo over an existing file is refused unless forced."""
    with pytest.raises(DemoExistsError, match="--force"):
        build_demo(demo_file, today=date(2026, 1, 1))


def test_scale_adds_bulk_engagements(tmp_path: Path) -> None:
    """--scale N adds N searchable engagements on top of the curated ones."""
    path = tmp_path / "big.sqlite"
    reported: list[int] = []
    build_demo(path, scale=25_000, today=DEMO_DAY, progress=lambda d, _t: reported.append(d))
    assert reported[-1] == 25_000
    with Database.open(path, lock=False) as db:
        assert db.check().healthy
        with db.read() as session:
            from sqlalchemy import text

            total = session.execute(text("SELECT count(*) FROM engagement")).scalar()
            assert total is not None and total >= 25_000 + 400
            hits = session.execute(
                text("SELECT count(*) FROM engagement_fts WHERE engagement_fts MATCH 'room'")
            ).scalar()
            assert hits == 25_000


def test_demo_agreements_span_the_lifecycle(demo_file: Path) -> None:
    """At least a dozen agreements across the statuses, one notice deadline within 180 days."""
    from bilatdesk.services.agreements.service import AgreementService

    with Database.open(demo_file, lock=False) as db:
        service = AgreementService(db)
        rows = service.list(ListQuery(limit=500), today=DEMO_DAY).rows
        assert len(rows) >= 12
        assert len({row.status for row in rows}) >= 8
        assert {row.group for row in rows} == {
            "In force",
            "Signed, not in force",
            "Under negotiation",
            "Expired or ended",
            "Not proceeding",
        }
        deadlines = service.deadlines(today=DEMO_DAY)
        assert any(d.what == "notice deadline" and d.days_left <= 180 for d in deadlines)
