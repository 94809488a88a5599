"""Arrows point one way and Qt stays in the ui layer (DESIGN.md, "The house")."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "bilatdesk"
UI = PACKAGE / "ui"
QT_MODULES = {"PySide6", "shiboken6", "qtawesome", "qtpy"}


def _lint_imports() -> Path:
    return Path(sys.executable).with_name("lint-imports")


def test_pyproject_declares_the_import_contracts() -> None:
    """pyproject keeps the Qt-only-in-ui and one-way-layers contracts, so neither can vanish."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    kinds = {contract["type"] for contract in contracts}
    assert {"forbidden", "layers"} <= kinds
    forbidden = next(c for c in contracts if c["type"] == "forbidden")
    assert "PySide6" in forbidden["forbidden_modules"]


def test_import_linter_contracts_are_kept() -> None:
    """lint-imports, run with pyproject's contracts, reports every contract kept."""
    result = subprocess.run(
        [str(_lint_imports()), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 broken" in output, output


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_no_module_outside_ui_imports_qt() -> None:
    """No source file outside bilatdesk/ui/ imports PySide6, shiboken6, qtawesome or qtpy."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(UI):
            continue
        for module in _imported_modules(path):
            if module.split(".")[0] in QT_MODULES:
                offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert not offenders, "Qt imported outside the ui layer:\n" + "\n".join(offenders)
