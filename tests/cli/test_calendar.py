"""`bilatdesk import ics` and `bilatdesk export ics` through the real command line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from bilatdesk.app import main
from bilatdesk.store.database import Database
from tests.exchange.ics.samples import calendar


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """An empty, migrated bilatdesk database file."""
    path = tmp_path / "calendar.sqlite"
    Database.open(path).close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _soon(days: int) -> str:
    """A day relative to today, as iCalendar writes it (the import's window follows today)."""
    return f"{date.today() + timedelta(days=days):%Y%m%d}"


def _sample(tmp_path: Path) -> Path:
    path = tmp_path / "outlook.ics"
    path.write_bytes(
        calendar(
            f"UID:a\nDTSTART;TZID=W. Europe Standard Time:{_soon(3)}T100000\n"
            f"DTEND;TZID=W. Europe Standard Time:{_soon(3)}T110000\nSUMMARY:Courtesy call",
            f"UID:b\nDTSTART;TZID=Nowhere/Zone:{_soon(4)}T100000\nSUMMARY:Lost zone",
            f"UID:c\nDTSTART:{_soon(5)}T090000Z\nSUMMARY:Called off\nSTATUS:CANCELLED",
            f"UID:d\nDTSTART:{_soon(-800)}T090000Z\nSUMMARY:Long ago",
            f"UID:e\nDTSTART;TZID=Europe/Vienna:{_soon(1)}T090000\n"
            "RRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Weekly",
        )
    )
    return path


def _titles(capsys: pytest.CaptureFixture[str], db_file: Path) -> list[str]:
    code, out, _ = _run(capsys, "list", "engagements", "--db", str(db_file), "--json")
    assert code == 0
    return sorted(row["title"] for row in json.loads(out))


def test_import_prints_refused_and_skipped_then_the_counts(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Refused and skipped lines with reasons, the window note, then the counts; exit 0."""
    code, out, err = _run(capsys, "import", "ics", str(_sample(tmp_path)), "--db", str(db_file))
    assert code == 0, err
    lines = out.splitlines()
    assert any(
        line.startswith("line ") and "refused:" in line and "'Nowhere/Zone'" in line
        for line in lines
    )
    assert any("skip:" in line and "Called off" in line and "cancelled" in line for line in lines)
    assert "1 outside" in out and "were left out." in out
    assert lines[-1] == "4 created, 0 updated, 1 skipped, 1 refused"
    assert _titles(capsys, db_file) == ["Courtesy call", "Weekly", "Weekly", "Weekly"]
    code, out, _ = _run(capsys, "import", "ics", str(_sample(tmp_path)), "--db", str(db_file))
    assert out.splitlines()[-1] == "0 created, 0 updated, 5 skipped, 1 refused"


def test_dry_run_writes_nothing_and_says_so(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dry-run prints the same counts and leaves the database as it was."""
    path = _sample(tmp_path)
    code, out, _ = _run(capsys, "import", "ics", str(path), "--db", str(db_file), "--dry-run")
    assert code == 0
    assert out.splitlines()[-2:] == [
        "4 created, 0 updated, 1 skipped, 1 refused",
        "Dry run: nothing was written.",
    ]
    assert _titles(capsys, db_file) == []


def test_a_refused_file_is_one_line_and_exit_one(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not a calendar, or no file at all: one line on stderr, exit 1, nothing written."""
    bad = tmp_path / "notes.ics"
    bad.write_text("Dear colleague,\n")
    for target in (bad, tmp_path / "missing.ics"):
        code, out, err = _run(capsys, "import", "ics", str(target), "--db", str(db_file))
        assert code == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and err.startswith("bilatdesk: ")
    assert (
        "is not an iCalendar file"
        in _run(capsys, "import", "ics", str(bad), "--db", str(db_file))[2]
    )
    assert _titles(capsys, db_file) == []


def test_export_with_ceiling_country_and_days(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's Austrian engagements of 2026 at the default ceiling; the rest counted."""
    out_file = tmp_path / "at.ics"
    code, out, err = _run(
        capsys,
        "export",
        "ics",
        str(out_file),
        "--db",
        str(demo_file),
        "--country",
        "at",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    )
    assert code == 0, err
    assert "national day" in out and "nothing marked above UNCLASSIFIED" in out
    parsed = Calendar.from_ical(out_file.read_bytes())
    events = parsed.walk("VEVENT")
    assert events and {str(e["CLASS"]) for e in events} == {"PUBLIC"}
    meetings = [e for e in events if "RRULE" not in e]
    assert all(str(e["DTSTART"].params.get("TZID")) == "Europe/Vienna" for e in meetings)
    assert f"{len(meetings):,} engagements" in out or f"{len(meetings)} engagement " in out


def test_export_refuses_an_unknown_ceiling_or_folder(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ceiling the scheme lacks, --to before --from, a missing folder: one line, exit 1."""
    for extra in (
        ["--ceiling", "COSMIC"],
        ["--from", "2026-05-01", "--to", "2026-04-01"],
    ):
        code, _, err = _run(
            capsys, "export", "ics", str(tmp_path / "x.ics"), "--db", str(demo_file), *extra
        )
        assert code == 1 and err.startswith("bilatdesk: ")
    code, _, err = _run(
        capsys, "export", "ics", str(tmp_path / "no" / "x.ics"), "--db", str(demo_file)
    )
    assert code == 1 and "no folder" in err
    assert not (tmp_path / "x.ics").exists()


def test_from_and_to_bound_the_import_window(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--from/--to narrow the window: the old event comes in, repeats stop at --to."""
    first = date.today() - timedelta(days=900)
    last = date.today() + timedelta(days=8)
    code, _out, err = _run(
        capsys,
        "import",
        "ics",
        str(_sample(tmp_path)),
        "--db",
        str(db_file),
        "--from",
        first.isoformat(),
        "--to",
        last.isoformat(),
    )
    assert code == 0, err
    assert _titles(capsys, db_file) == ["Courtesy call", "Long ago", "Weekly", "Weekly"]
