"""What the main window's frame is made of: its areas, what it asks of a page, its title."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from PySide6.QtCore import SignalInstance

if TYPE_CHECKING:
    from bilatdesk.ui.kit.changes import Changes


class PageController(Protocol):
    """What the main window asks of a page's controller."""

    changed: SignalInstance
    """Emitted with the kinds of records an action on the page changed (`Changes`)."""
    shows: Changes
    """The kinds of records the page's rows show: it re-reads when one of them changed."""

    def set_scope(self, country_id: int | None) -> None: ...
    def refresh(self) -> None: ...
    def focus_filter(self) -> None: ...
    def new_record(self) -> None: ...
    def edit_record(self) -> None: ...
    def delete_record(self) -> None: ...


def scope_key(location: str) -> str:
    """The settings key of the country scope: ids belong to one database, so it is
    remembered per database."""
    import hashlib

    digest = hashlib.sha1(location.encode(), usedforsecurity=False)
    return f"scope/{digest.hexdigest()[:16]}"


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    icon: str


def display_name(location: str) -> str:
    """How the title names a database: a file by its name, a server URL without its password."""
    if "://" not in location:
        return Path(location).name
    parts = urlsplit(location)
    if parts.scheme.startswith("sqlite"):
        return Path(parts.path).name
    if parts.password is not None:
        host = parts.netloc.rpartition("@")[2]
        parts = parts._replace(netloc=f"{parts.username or ''}:***@{host}")
    return parts.geturl()
