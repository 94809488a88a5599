"""PySide6 reads the source file of every module imported after it; bilatdesk skips that read.

Importing PySide6 replaces Python's `__import__` with a hook that, for each module imported
afterwards, reads the module's whole source (`inspect.getsource`) to see whether it mentions
PySide6. The answer only matters to modules that opt into `from __feature__ import snake_case`
(or `true_property`): it decides which modules switch Qt's names. Measured here, the reads
cost about 90 ms of the 0.55 s it takes to import the services and SQLAlchemy behind them,
all of it before the window shows its first records.

bilatdesk uses no feature, so every module is counted as a PySide user without reading it:
"uses PySide, no feature" is what the scan concludes for our own modules anyway, and for the
others it keeps Qt's ordinary names, the only names any module here calls. Should a PySide6
release drop the scan, `skip_source_scan` finds nothing to replace and changes nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the import hook tuned here)

_SCANNER = "_mod_uses_pyside"


def _uses_pyside_without_features(_module: ModuleType) -> bool:
    return True


def skip_source_scan() -> bool:
    """Stop PySide6 reading each newly imported module's source; True when it did read them."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, _SCANNER, None)):
        return False
    setattr(feature, _SCANNER, _uses_pyside_without_features)
    return True
