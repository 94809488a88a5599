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
    """pyproject keeps at least five contracts, among them Qt only in ui (cli, demo and exchange
    named) and the one-way layers, so none can vanish."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    kinds = {contract["type"] for contract in contracts}
    assert {"forbidden", "layers"} <= kinds
    assert len(contracts) >= 5
    forbidden = next(c for c in contracts if c["type"] == "forbidden")
    assert "PySide6" in forbidden["forbidden_modules"]
    assert {"bilatdesk.cli", "bilatdesk.demo", "bilatdesk.exchange"} <= set(
        forbidden["source_modules"]
    )


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


CLI = PACKAGE / "cli"
# Only these open a database, hand it to the catalogue and close it; every other ui module
# works through the services alone.
OPENERS = {
    UI / "shell" / name
    for name in (
        "app.py",
        "startup.py",
        "main_window.py",
        "screenshots.py",
        # Opening with a passphrase, closing to re-key or lock, backing up and restoring.
        "opening.py",
        "protection.py",
        "backups.py",
    )
}


def _imports_the_cli_parser(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name == "bilatdesk.cli" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            if node.level == 0 and node.module == "bilatdesk.cli":
                return True
            if node.level == 0 and node.module == "bilatdesk" and "cli" in names:
                return True
            if node.level > 0 and not node.module:  # `from . import x` runs __init__'s names
                return True
    return False


def test_no_command_module_imports_the_parser() -> None:
    """Modules of bilatdesk/cli other than __init__ import cli.common, never bilatdesk.cli."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted(CLI.rglob("*.py"))
        if path.name != "__init__.py"
        and _imports_the_cli_parser(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not offenders, "imports the parser module back:\n" + "\n".join(offenders)


def _database_references(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bilatdesk.store"):
            found.append(f"{line}: imports {node.module}")
        elif isinstance(node, ast.Name) and node.id == "Database":
            found.append(f"{line}: Database")
        elif isinstance(node, ast.Attribute) and node.attr in {"Database", "db", "_db"}:
            found.append(f"{line}: .{node.attr}")
    return found


def test_the_ui_reaches_no_database_handle() -> None:
    """Outside the shell modules that open and close it, no ui module names a Database or
    reaches for one (`services.db`): pages, forms and dialogs call the catalogue's services."""
    offenders = [
        f"{path.relative_to(ROOT)}:{reference}"
        for path in sorted(UI.rglob("*.py"))
        if path not in OPENERS
        for reference in _database_references(path)
    ]
    assert not offenders, "a database handle in the ui:\n" + "\n".join(offenders)


def _cycles(modules: set[str], imports: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in imports[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = {stack.pop()}
            while module not in component:
                component.add(stack.pop())
            if len(component) > 1:
                found.append(component)

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_anywhere_in_the_package() -> None:
    """No two modules of bilatdesk import each other, directly or round a loop (grimp, at run
    time and in functions alike; imports only for type checking do not count)."""
    import grimp

    graph = grimp.build_graph("bilatdesk", exclude_type_checking_imports=True, cache_dir=None)
    imports = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    tangled = [sorted(component) for component in _cycles(set(graph.modules), imports)]
    assert not tangled, tangled


def test_the_house_keeps_its_shape() -> None:
    """No module over 600 lines, and at most a dozen modules at the root of services/."""
    too_long = [
        f"{path.relative_to(ROOT)}: {count}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert not too_long, too_long
    assert len(list((PACKAGE / "services").glob("*.py"))) <= 12


def test_the_architecture_document_lists_every_package() -> None:
    """docs/ARCHITECTURE.md names every package of bilatdesk (regenerate it after a move)."""
    document = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = [
        folder.relative_to(ROOT).as_posix()
        for folder in sorted(PACKAGE.rglob("__init__.py"))
        if f"`{folder.parent.relative_to(ROOT).as_posix()}/`" not in document
    ]
    assert not missing, f"not in docs/ARCHITECTURE.md: {missing}"
