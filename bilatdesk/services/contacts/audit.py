"""The audit entries of a contact import: one per person it creates or changes, naming the file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from bilatdesk.domain.audit import AuditAction, Identity
from bilatdesk.services.contacts.people import PersonState
from bilatdesk.services.contacts.write import PERSON_COLUMNS, Driver
from bilatdesk.store.audit import Pending, chained_values
from bilatdesk.store.audit_hooks import DERIVED, plain

# The columns of a new person's row the trail keeps (the derived ones are the program's own),
# by name: the changes are then made in the order they are stored in.
_KEPT = sorted(
    ((at, name) for at, name in enumerate(PERSON_COLUMNS) if name not in DERIVED),
    key=lambda kept: kept[1],
)


class ImportAudit:
    """Gathers the entries of a batch and appends them, chained, with the batch's rows."""

    def __init__(
        self, connection: Connection, driver: Driver, identity: Identity, source: str
    ) -> None:
        self.connection = connection
        self.driver = driver
        self.identity = identity
        self.source = source
        self.entries: list[Pending] = []

    def created(
        self, ids: Sequence[int], uids: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        action, source, entries = AuditAction.IMPORT.value, self.source, self.entries
        for person_id, uid, row in zip(ids, uids, rows, strict=True):
            # A plain loop, and plain() only for what is not text: this runs for every person.
            changes = {}
            for at, name in _KEPT:
                value = row[at]
                if value is not None and value != "":
                    changes[name] = [None, value if type(value) is str else plain(value)]
            entries.append(Pending(action, "person", person_id, uid, changes, source))

    def updated(self, state: PersonState) -> None:
        changes: dict[str, Any] = {
            name: [plain(state.fields.get(name)), plain(value)]
            for name, value in state.changes.items()
            if name not in DERIVED and name != "has_photo"
        }
        if state.new_points:
            changes["contact_points"] = [None, [value for _, value, _ in state.new_points]]
        if state.new_posts:
            changes["posts"] = [None, len(state.new_posts)]
        if state.new_tags:
            changes["tags"] = [None, len(state.new_tags)]
        self.entries.append(
            Pending(AuditAction.IMPORT.value, "person", state.id, "", changes, self.source)
        )

    def flush(self) -> None:
        """Append the batch's entries after the last one (inside the import's transaction)."""
        if self.entries:
            entries, self.entries = self.entries, []
            self.driver.insert(
                "audit_entry", *chained_values(self.connection, self.identity, entries)
            )
