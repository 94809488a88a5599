"""`bilatdesk today`: the Today page's sections as text blocks or JSON, for a day and a country."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bilatdesk.app import main
from bilatdesk.domain import Commitment, Country, Engagement
from bilatdesk.store.database import Database
from tests.databases import DEMO_DAY

SECTIONS = [
    "Engagements in the next 7 days",
    "Commitments overdue or due within 14 days",
    "Cables awaiting clearance or dispatch",
    "Agreement deadlines in the next 180 days",
    "National days in the next 30 days",
    "Birthdays in the next 30 days",
    "Credentials anniversaries in the next 30 days",
]
LINE = re.compile(r"^  (\d{4}-\d\d-\d\d)  (today|tomorrow|in \d+ days|overdue by \d+ days?)\s+")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo(demo_copy: Path) -> Path:
    """The demo with one commitment of Austria's overdue by three days, control characters
    and all."""
    with Database.open(demo_copy) as db, db.session() as session:
        austria = session.scalar(select(Country.id).where(Country.iso_code == "AT"))
        talks = session.scalar(
            select(Engagement.id).where(Engagement.country_id == austria).limit(1)
        )
        assert talks is not None
        session.add(
            Commitment(
                engagement_id=talks,
                description="Return the\tΩmega note\x1b[31m",
                due_date=DEMO_DAY - timedelta(days=3),
                owner="Trade section",
            )
        )
    return demo_copy


def test_text_has_one_block_per_section(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A heading with the day, then each section's heading and its dated lines, or 'nothing'."""
    code, out, _ = _run(capsys, "today", "--db", str(demo), "--on", DEMO_DAY.isoformat())
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Today, Sunday 2026-11-22"
    assert [line for line in lines if line in SECTIONS] == SECTIONS
    engagements = lines[lines.index(SECTIONS[0]) + 1]
    match = LINE.match(engagements)
    assert match, engagements
    assert date.fromisoformat(match.group(1)) >= DEMO_DAY
    commitment = next(line for line in lines if "Ωmega note" in line)
    assert LINE.match(commitment).group(2) == "overdue by 3 days"  # type: ignore[union-attr]
    assert "Austria" in commitment and "Owed by us (Trade section)" in commitment
    assert "\x1b" not in out and "\t" not in commitment  # one clean line whatever is stored
    for heading in SECTIONS:
        following = lines[lines.index(heading) + 1]
        assert following == "  nothing" or LINE.match(following), following


def test_country_narrows_every_section(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--country JO keeps only Jordan's reminders."""
    code, out, _ = _run(
        capsys, "today", "--db", str(demo), "--on", "2026-11-22", "--country", "jo", "--json"
    )
    assert code == 0
    sections = json.loads(out)
    countries = {r["country"] for s in sections for r in s["reminders"]}
    assert countries == {"Jordan"}


def test_json_lists_sections_with_their_reminders(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON: a list of sections; each reminder with its day, days left, record and urgency."""
    code, out, _ = _run(capsys, "today", "--db", str(demo), "--on", "2026-11-22", "--json")
    assert code == 0
    sections = json.loads(out)
    assert [s["heading"] for s in sections] == SECTIONS
    assert [s["key"] for s in sections][:2] == ["engagements", "commitments"]
    [promise] = [r for r in sections[1]["reminders"] if "Ωmega note" in r["title"]]
    assert promise["kind"] == "commitment_overdue"
    assert (promise["when"], promise["days"], promise["urgency"]) == ("2026-11-19", -3, 2)
    assert promise["record"]["kind"] == "commitment"
    assert promise["context"]["kind"] == "engagement"
    for section in sections:
        assert section["more"] >= 0 and section["more_exact"] is True
        for reminder in section["reminders"]:
            assert (date.fromisoformat(reminder["when"]) - DEMO_DAY).days == reminder["days"]
            assert reminder["record"]["id"] > 0
    engagement = sections[0]["reminders"][0]
    assert engagement["moment"] is not None
    assert engagement["relative"] in ("today", "tomorrow") or engagement["relative"].startswith(
        "in "
    )


def test_unknown_country_and_missing_database_fail_in_one_line(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong code or a missing file is one line on stderr and exit 1."""
    code, out, err = _run(capsys, "today", "--db", str(demo), "--country", "zz")
    assert (code, out) == (1, "")
    assert err.strip() == "bilatdesk: no country with code 'zz' in this database"
    code, _, err = _run(capsys, "today", "--db", str(tmp_path / "none.sqlite"))
    assert code == 1 and len(err.strip().splitlines()) == 1
