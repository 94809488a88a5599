"""`bilatdesk diplomatic-list`: a capital's list as a PDF, one line of report, clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilatdesk.app import main
from tests.reports import pdfread


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_writes_the_list_and_says_so(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The PDF lands at --out with the dean first; one line names the capital, day and count."""
    out = tmp_path / "corps.pdf"
    code, printed, err = _run(
        capsys, "diplomatic-list", "--db", str(demo_file), "--country", "at",
        "--on", "2026-11-22", "--out", str(out),
    )  # fmt: skip
    assert code == 0 and err == ""
    lines = printed.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Diplomatic list of Vienna on 22 November 2026: 13 heads of mission")
    assert str(out) in lines[0]
    text = "\n".join(pdfread.page_texts(out.read_bytes()))
    assert "Diplomatic list — Vienna, as of 22 November 2026" in text
    assert "Dean of the Diplomatic Corps: H.E. Ana Beatriz Carvalho Lins (Brazil)" in text
    assert text.index("Carvalho Lins") < text.index("Morimoto Kenji") < text.index("Tremblay")
    assert not list(tmp_path.glob(".bilatdesk-*"))  # no temporary file left behind


def test_same_day_gives_the_same_bytes_and_replaces_the_file(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing over an existing file replaces it whole; the same day gives the same bytes."""
    out = tmp_path / "corps.pdf"
    out.write_bytes(b"old")
    argv = ("diplomatic-list", "--db", str(demo_file), "--country", "AT", "--on", "2026-11-22")
    assert _run(capsys, *argv, "--out", str(out))[0] == 0
    first = out.read_bytes()
    assert first.startswith(b"%PDF")
    assert _run(capsys, *argv, "--out", str(tmp_path / "again.pdf"))[0] == 0
    assert (tmp_path / "again.pdf").read_bytes() == first


def test_failures_are_one_line(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown country, a missing database or folder: one line on stderr, exit 1, no file."""
    good = ("--country", "AT", "--out")
    for argv in (
        ("--db", str(demo_file), "--country", "XX", "--out", str(tmp_path / "x.pdf")),
        ("--db", str(tmp_path / "missing.sqlite"), *good, str(tmp_path / "y.pdf")),
        ("--db", str(demo_file), *good, str(tmp_path / "no" / "such" / "z.pdf")),
    ):
        code, out, err = _run(capsys, "diplomatic-list", *argv)
        assert code == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and err.startswith("bilatdesk: "), err
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_bad_date_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    """--on takes a real calendar day."""
    with pytest.raises(SystemExit) as exited:
        main(["diplomatic-list", "--country", "AT", "--on", "2026-02-30", "--out", "x.pdf"])
    assert exited.value.code != 0
