"""The whole package, ui included, type-checks under mypy strict with pyproject's config."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_config_checks_the_whole_package() -> None:
    """pyproject's mypy config is strict over bilatdesk and excludes no part of it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    assert mypy["strict"] is True
    assert mypy["packages"] == ["bilatdesk"]
    assert "exclude" not in mypy, mypy.get("exclude")


def test_mypy_reports_no_errors(tmp_path: Path) -> None:
    """mypy, run with pyproject's config (a fresh cache, so no stale result), finds no error."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy_cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Success: no issues found" in output, output
