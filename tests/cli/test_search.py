"""`bilatdesk search`: the global search as text or JSON rows, read-only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilatdesk.app import main
from bilatdesk.cli import SEARCH_KINDS
from bilatdesk.services.search.records import KINDS


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_rows_carry_kind_id_uid_title_and_snippet(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every row names its kind and keys; --kind and --limit narrow them."""
    code, out, err = _run(capsys, "search", "minister", "--db", str(demo_copy), "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and {"kind", "id", "uid", "title", "snippet"} <= set(rows[0])
    code, out, _ = _run(
        capsys,
        "search",
        "minister",
        "--db",
        str(demo_copy),
        "--json",
        "--kind",
        "person",
        "--limit",
        "2",
    )
    rows = json.loads(out)
    assert 0 < len(rows) <= 2 and {row["kind"] for row in rows} == {"person"}


@pytest.mark.parametrize("raw", ["cable 2024-17", "NOT", '"', "(", "*", "NEAR(", "^", "-"])
def test_hostile_queries_answer(
    demo_copy: Path, capsys: pytest.CaptureFixture[str], raw: str
) -> None:
    """No query is a syntax error: it finds records or says none match."""
    code, out, err = _run(capsys, "search", raw, "--db", str(demo_copy))
    assert code in {0, 1} and not err
    assert out


def test_nothing_found_and_an_unknown_country(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No match says so (status 1); an unknown country is a one-line error."""
    code, out, _ = _run(capsys, "search", "zzqxj", "--db", str(demo_copy))
    assert code == 1 and out.startswith("No records match")
    code, _, err = _run(capsys, "search", "talks", "--db", str(demo_copy), "--country", "QQ")
    assert code != 0 and "QQ" in err


def test_the_kinds_are_the_services() -> None:
    """The parser's light list of kinds is the service's."""
    assert SEARCH_KINDS == KINDS
