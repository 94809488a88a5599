"""Print docs/ARCHITECTURE.md: the package tree with each module's one-line docstring."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAD = """# The house, as it is

Generated from the package itself (each line is the module's own one-line docstring) and
checked by `tests/test_architecture.py`: every package below must be listed here. The rules
of the house (`DESIGN.md`, "The house") in short:

- **Layers point one way**: `ui` → `cli`, `demo` → `services` → `store`, `reports`,
  `exchange` → `domain`. import-linter contracts in `pyproject.toml` enforce it, with Qt
  only in `ui`, a UI kit that knows no area, areas that reach the window only through the
  kit's interfaces (`ui/kit/menu_host.py`), and reports and file formats without a database.
- **Rooms by area inside each layer**: an area's rule, use case, document and screens carry
  the same name on every floor.
- **One home per rule**, in `domain/` when it is pure; **one catalogue** of services
  (`services/catalog.py`) for the window and the command line; **one background helper**
  (`ui/kit/background.py`) for slow work in the window.
- No import cycle between modules, no module over 600 lines, mypy strict everywhere.

Regenerate this file after adding a package or module:
`python docs/architecture.py > docs/ARCHITECTURE.md`.
"""


def first_line(path: Path) -> str:
    """The first line of a module's docstring, or nothing."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def tree(folder: Path, depth: int = 0) -> list[str]:
    """One line per package and module below `folder`, packages first as headings."""
    indent = "  " * depth
    init = folder / "__init__.py"
    name = folder.relative_to(ROOT).as_posix()
    lines = [f"{indent}- **`{name}/`** {first_line(init) if init.exists() else ''}".rstrip()]
    for module in sorted(folder.glob("*.py")):
        if module.name != "__init__.py":
            lines.append(f"{indent}  - `{module.name}`: {first_line(module)}")
    for sub in sorted(p for p in folder.iterdir() if (p / "__init__.py").exists()):
        lines.extend(tree(sub, depth + 1))
    return lines


if __name__ == "__main__":
    sys.stdout.write(HEAD + "\n" + "\n".join(tree(ROOT / "bilatdesk")) + "\n")
