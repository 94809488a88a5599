"""PySide6's import hook counts each new module as a PySide user without reading its source."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

from bilatdesk.ui.kit.import_hook import skip_source_scan


def test_a_module_imported_after_pyside_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An `import` after PySide6 leaves the module's source unread, counted as "no feature"
    (the scan's own verdict for a module that uses PySide), and Qt's names work in it."""
    from shibokensupport.feature import pyside_feature_dict  # type: ignore[import-not-found]

    name = "bilatdesk_import_hook_probe"
    source = tmp_path / f"{name}.py"
    source.write_text(
        "from PySide6.QtCore import QObject\n\nNAME = QObject(objectName='probe').objectName()\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, name, raising=False)
    skip_source_scan()  # installed by bilatdesk.ui already; a second call changes nothing
    module = __import__(name)  # the statement's path, through PySide6's hook
    assert module.NAME == "probe"
    assert str(source) not in linecache.cache
    assert pyside_feature_dict[name] == 0
