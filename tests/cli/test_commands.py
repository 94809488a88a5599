"""The command line: demo, check, list; clear one-line failures with non-zero exits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bilatdesk.app import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_json_has_ids_uids_and_full_names(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list people --json` prints an array of objects with id, uid and names in full."""
    code, out, _ = _run(capsys, "list", "people", "--db", str(demo_file), "--json")
    assert code == 0
    people = json.loads(out)
    assert {"id", "uid", "name", "name_original", "current_posts"} <= set(people[0])
    assert any(p["name_original"] == "Ελένη Παπαδοπούλου" for p in people)


def test_list_scoped_to_a_country(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--country narrows engagements to one country of accreditation."""
    code, out, _ = _run(
        capsys, "list", "engagements", "--db", str(demo_file), "--json", "--country", "jo"
    )
    assert code == 0
    rows = json.loads(out)
    assert rows and {row["country"] for row in rows} == {"Jordan"}


@pytest.mark.parametrize("kind", ["countries", "people", "organisations", "engagements"])
def test_each_kind_lists_as_text(
    demo_file: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """Every kind lists as tab-separated text."""
    code, out, _ = _run(capsys, "--db", str(demo_file), "list", kind, "--limit", "3")
    assert code == 0
    assert len(out.splitlines()) == 3


def test_check_is_healthy_on_demo(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` exits 0 and says healthy on a good database."""
    code, out, _ = _run(capsys, "check", "--db", str(demo_file))
    assert code == 0
    assert "integrity: ok" in out and "healthy" in out


def test_failures_are_one_line_and_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_file: Path
) -> None:
    """A missing database, an unknown country and a damaged file each give one line."""
    for argv in (
        ("list", "people", "--db", str(tmp_path / "missing.sqlite")),
        ("list", "people", "--db", str(demo_file), "--country", "XX"),
    ):
        code, out, err = _run(capsys, *argv)
        assert code == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and err.startswith("bilatdesk: ")
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"\x00garbage" * 512)
    code, _, err = _run(capsys, "check", "--db", str(damaged))
    assert code == 1 and "not a bilatdesk database" in err


def test_bad_arguments_exit_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown kind or a negative scale is refused by the parser."""
    for argv in (["list", "ministers"], ["demo", "--out", "x", "--scale", "-1"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2


def test_demo_command_writes_a_healthy_database(tmp_path: Path) -> None:
    """`python -m bilatdesk demo --out PATH` in a real process, then `check` passes."""
    out = tmp_path / "d.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "bilatdesk", "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    again = subprocess.run(
        [sys.executable, "-m", "bilatdesk", "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert again.returncode == 1 and "already exists" in again.stderr
    check = subprocess.run(
        [sys.executable, "-m", "bilatdesk", "check", "--db", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_list_cables_json(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`list cables --json` carries serial, classification, status and subject."""
    code, out, _ = _run(capsys, "list", "cables", "--db", str(demo_file), "--json")
    assert code == 0
    cables = json.loads(out)
    assert {"id", "uid", "serial", "classification", "status", "subject"} <= set(cables[0])
    dispatched = sorted(c["serial"] for c in cables if c["status"] == "dispatched")
    assert dispatched == ["VIE 2026/001", "VIE 2026/002", "VIE 2026/003", "VIE 2026/004"]
    assert {c["classification"] for c in cables} >= {"U", "R", "C", "S"}


def test_cable_pdf_by_serial_and_by_id(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cable pdf` writes the kept PDF of a dispatched cable, and a draft by its id."""
    out = tmp_path / "cable.pdf"
    code, said, _ = _run(
        capsys, "cable", "pdf", "VIE 2026/003", "--out", str(out), "--db", str(demo_file)
    )
    assert code == 0 and "VIE 2026/003" in said
    assert out.read_bytes().startswith(b"%PDF")
    again = tmp_path / "again.pdf"
    assert (
        _run(capsys, "cable", "pdf", "VIE 2026/003", "--out", str(again), "--db", str(demo_file))[0]
        == 0
    )
    assert again.read_bytes() == out.read_bytes()
    draft = tmp_path / "draft.pdf"
    assert _run(capsys, "cable", "pdf", "7", "--out", str(draft), "--db", str(demo_file))[0] == 0
    assert draft.read_bytes().startswith(b"%PDF")


def test_cable_pdf_failures_are_one_line(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown serial and an unwritable target each give one line and exit 1."""
    code, _, err = _run(
        capsys,
        "cable",
        "pdf",
        "VIE 1999/999",
        "--out",
        str(tmp_path / "x.pdf"),
        "--db",
        str(demo_file),
    )
    assert code == 1 and "No cable" in err and len(err.strip().splitlines()) == 1
    code, _, err = _run(
        capsys,
        "cable",
        "pdf",
        "VIE 2026/001",
        "--out",
        str(tmp_path / "missing-folder" / "x.pdf"),
        "--db",
        str(demo_file),
    )
    assert code == 1 and err.startswith("bilatdesk: ")
    assert not list(tmp_path.glob("**/.bilatdesk-*"))


def test_list_agreements_json_and_register_pdf(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list agreements --json` has status and computed dates; `agreements pdf` prints one."""
    code, out, _ = _run(
        capsys, "list", "agreements", "--db", str(demo_file), "--json", "--country", "AT"
    )
    assert code == 0
    rows = json.loads(out)
    assert {"id", "uid", "status", "expiry_date", "notice_deadline"} <= set(rows[0])
    assert {row["country"] for row in rows} == {"Austria"}
    target = tmp_path / "register.pdf"
    code, said, _ = _run(
        capsys, "agreements", "pdf", "--country", "AT", "--out", str(target), "--db", str(demo_file)
    )
    assert code == 0 and "Austria" in said
    assert target.read_bytes().startswith(b"%PDF")
    code, _, err = _run(
        capsys, "agreements", "pdf", "--country", "XX", "--out", str(target), "--db", str(demo_file)
    )
    assert code == 1 and "XX" in err


def test_list_visits_and_print_the_demo_brief(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list visits --json` has id and classification; `brief ID` writes a kept PDF."""
    code, out, _ = _run(capsys, "list", "visits", "--db", str(demo_copy), "--json")
    assert code == 0
    visits = json.loads(out)
    assert visits and {"id", "classification", "principal", "country"} <= set(visits[0])
    target = tmp_path / "brief.pdf"
    code, said, _ = _run(
        capsys, "brief", str(visits[0]["id"]), "--out", str(target), "--db", str(demo_copy)
    )
    assert code == 0 and "SHA-256" in said
    assert target.read_bytes().startswith(b"%PDF")
    code, _, err = _run(capsys, "brief", "999", "--out", str(target), "--db", str(demo_copy))
    assert code == 1 and "visit" in err


def test_list_commitments_json(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`list commitments --json`: the open ones by due date, undated last; --country narrows."""
    code, out, _ = _run(capsys, "list", "commitments", "--db", str(demo_file), "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows and {row["status"] for row in rows} == {"open"}
    assert {
        "id",
        "uid",
        "description",
        "side",
        "owner",
        "due_date",
        "engagement_title",
        "engagement_day",
        "country",
        "overdue",
        "classification",
    } <= set(rows[0])
    dated = [row["due_date"] for row in rows if row["due_date"]]
    assert dated == sorted(dated)
    assert rows[-1]["due_date"] is None and rows[0]["due_date"] is not None
    code, out, _ = _run(
        capsys, "list", "commitments", "--db", str(demo_file), "--json", "--country", "gr"
    )
    greek = json.loads(out)
    assert code == 0 and greek and {row["country"] for row in greek} == {"Greece"}
    assert len(greek) < len(rows)


def test_every_command_in_the_dispatch_table_has_its_function() -> None:
    """Each entry of the parser's dispatch names a function in a module of the package, and
    every sub-command the parser offers has one."""
    import argparse
    from importlib import import_module

    from bilatdesk.cli import COMMANDS, EXCHANGES, build_parser

    for target in [*COMMANDS.values(), *EXCHANGES.values()]:
        module, function = target.split(":")
        assert callable(getattr(import_module(f"bilatdesk.cli.{module}"), function)), target
    parser = build_parser()
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    offered = set(subparsers.choices)
    assert offered == set(COMMANDS) | {command for command, _ in EXCHANGES}
