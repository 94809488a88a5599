"""`bilatdesk audit` and the audit line of `bilatdesk check`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bilatdesk.app import main
from bilatdesk.services.catalog import Services
from bilatdesk.services.people.service import PersonInput
from bilatdesk.store.database import Database


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """A database where A. Kovačević created Hans Müller and renamed him."""
    path = tmp_path / "audit.sqlite"
    with Database.open(path) as db:
        db.actor = "A. Kovačević"
        services = Services(db)
        person = services.people.create(PersonInput(given_name="Hans", family_name="Müller"))
        services.people.update(
            person.id, replace(person.data, family_name="Müller-Lüdenscheid"), person.version
        )
    return path


def test_audit_json_lists_a_records_entries(
    changed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--record person:1 --json prints its entries oldest first, each field's old and new value."""
    code, out, _ = _run(capsys, "audit", "--db", str(changed), "--record", "person:1", "--json")
    assert code == 0
    entries = json.loads(out)
    assert [e["action"] for e in entries] == ["create", "update"]
    assert entries[1]["changes"] == {"family_name": ["Müller", "Müller-Lüdenscheid"]}
    assert entries[1]["actor"] == "A. Kovačević"
    assert entries[1]["record"] == "person:1"
    assert len(entries[1]["hash"]) == 64


def test_audit_lines_and_filters(changed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Plain lines read as sentences; --since a later day leaves nothing; a bad KIND is refused."""
    code, out, _ = _run(capsys, "audit", "--db", str(changed))
    assert code == 0
    assert "Family name: Müller → Müller-Lüdenscheid" in out
    code, out, _ = _run(capsys, "audit", "--db", str(changed), "--since", "2999-01-01")
    assert (code, out.strip()) == (0, "No entries.")
    code, _, err = _run(capsys, "audit", "--db", str(changed), "--record", "dragon:1")
    assert code == 1
    assert "KIND:ID" in err


def test_check_names_a_broken_chain(changed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` prints the audit verdict and is unhealthy when an entry was altered."""
    code, out, _ = _run(capsys, "check", "--db", str(changed))
    assert code == 0
    assert "audit:     ok (2 entries)" in out
    with Database.open(changed) as db, db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
        connection.exec_driver_sql("UPDATE audit_entry SET actor = 'nobody' WHERE id = 1")
    code, out, _ = _run(capsys, "check", "--db", str(changed))
    assert code == 1
    assert "broken at entry 1" in out
    assert "NOT healthy" in out


def test_a_calendar_import_names_its_file(
    changed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each engagement an ICS import creates is an entry naming the file; the chain holds."""
    from datetime import date, timedelta

    from tests.exchange.ics.samples import calendar

    day = f"{date.today() + timedelta(days=3):%Y%m%d}"
    path = tmp_path / "outlook.ics"
    path.write_bytes(
        calendar(
            f"UID:a\nDTSTART:{day}T090000Z\nSUMMARY:Courtesy call",
            f"UID:b\nDTSTART:{day}T140000Z\nSUMMARY:Working lunch",
        )
    )
    code, _, err = _run(capsys, "import", "ics", str(path), "--db", str(changed))
    assert code == 0, err
    code, out, _ = _run(capsys, "audit", "--db", str(changed), "--json")
    imported = [e for e in json.loads(out) if e["action"] == "import"]
    assert [(e["record"].split(":")[0], e["source"]) for e in imported] == [
        ("engagement", "outlook.ics"),
        ("engagement", "outlook.ics"),
    ]
    assert imported[0]["changes"]["title"] == [None, "Courtesy call"]
    code, out, _ = _run(capsys, "check", "--db", str(changed))
    assert code == 0, out
