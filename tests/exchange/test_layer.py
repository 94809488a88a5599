"""The file formats stay a layer of their own: pyproject keeps their import contract."""

from __future__ import annotations

import tomllib

from tests import paths


def test_pyproject_forbids_database_services_and_qt_in_exchange() -> None:
    """The exchange contract is declared, so it cannot vanish while lint-imports stays green."""
    config = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    [contract] = [c for c in contracts if c.get("source_modules") == ["bilatdesk.exchange"]]
    assert contract["type"] == "forbidden"
    assert {"sqlalchemy", "bilatdesk.store", "bilatdesk.services", "PySide6"} <= set(
        contract["forbidden_modules"]
    )
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    assert any("bilatdesk.exchange" in layer for layer in layers)
