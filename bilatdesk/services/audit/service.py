"""Reading the audit trail: a record's history newest first, and the trail filtered for the CLI."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Select, select

from bilatdesk.domain.audit import AuditEntry, field_label
from bilatdesk.store.audit import moment_text
from bilatdesk.store.database import Database

# Where a column's name says less than its label should.
LABELS: Mapping[str, str] = {
    "iso_code": "ISO code",
    "name_original": "Name in the original script",
    "birth_date": "Date of birth",
    "starts_at": "Starts",
    "ends_at": "Ends",
    "charge_d_affaires": "Chargé d'affaires",
    "photo": "Photo",
    "persons": "People named",
    "membership": "Post held",
    "cable_paragraph": "Paragraph",
    "cable_clearance": "Clearance",
    "cable_reference": "Reference",
    "visit_call_note": "Call note",
    "agreement_party": "Party",
    "agreement_status_change": "Status history",
    "agreement_link": "Link to an agreement",
    "country_status": "Relationship status",
    "name_shown": "Name as shown",
}
# Coded values shown as words (the codes stay in the trail itself).
VALUE_LABELS: Mapping[tuple[str, str], str] = {
    ("name_order", "given_first"): "given name first",
    ("name_order", "family_first"): "family name first",
}
ACTION_LABELS: Mapping[str, str] = {
    "create": "Created",
    "update": "Changed",
    "delete": "Deleted",
    "status": "Status changed",
    "merge": "Merged",
    "import": "Imported",
    "document": "Document issued",
    "backup": "Backed up",
    "restore": "Restored",
    "passphrase": "Passphrase changed",
}
# Kinds as the command line names them (KIND:ID), with the table each is kept in.
KINDS: Mapping[str, str] = {
    "person": "person",
    "organisation": "organisation",
    "country": "country",
    "engagement": "engagement",
    "agreement": "agreement",
    "visit": "visit",
    "cable": "cable",
    "commitment": "commitment",
}


@dataclass(frozen=True)
class FieldChange:
    """One field's change, as read: its label, and old and new values as text."""

    field: str
    label: str
    old: str
    new: str

    def describe(self) -> str:
        if not self.old:
            return f"{self.label}: {self.new}"
        if not self.new:
            return f"{self.label}: {self.old} → (none)"
        return f"{self.label}: {self.old} → {self.new}"


@dataclass(frozen=True)
class HistoryRow:
    """One entry of the trail, shaped for a person to read."""

    id: int
    at: datetime
    actor: str
    database_user: str
    host: str
    program_version: str
    action: str
    action_label: str
    record_kind: str
    record_id: int | None
    record_uid: str
    changes: tuple[FieldChange, ...]
    source: str
    hash: str

    @property
    def who(self) -> str:
        if self.database_user and self.database_user != self.actor:
            return f"{self.actor} ({self.database_user})" if self.actor else self.database_user
        return self.actor

    def summary(self) -> str:
        """What happened in one line: each field's change, or the action's label."""
        text = "; ".join(change.describe() for change in self.changes)
        if self.action not in {"update", "status"} or not text:
            text = f"{self.action_label}: {text}" if text else self.action_label
        if self.source:
            text += f" (from {self.source})"
        return text

    def describe(self) -> str:
        """ "Family name: Müller → Müller-Lüdenscheid, 6 Dec 2026 10:14, A. Kovačević"."""
        moment = self.at.astimezone(UTC)
        when = f"{moment.day} {moment.strftime('%b %Y %H:%M')}"
        return ", ".join(part for part in (self.summary(), when, self.who) if part)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": moment_text(self.at),
            "actor": self.actor,
            "database_user": self.database_user,
            "host": self.host,
            "program_version": self.program_version,
            "action": self.action,
            "record": f"{self.record_kind}:{self.record_id}" if self.record_kind else None,
            "record_uid": self.record_uid or None,
            "changes": {c.field: [c.old or None, c.new or None] for c in self.changes},
            "source": self.source or None,
            "hash": self.hash,
        }


def shown(value: Any) -> str:
    """A value as the trail shows it: lists joined, yes and no, nothing for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(shown(item) for item in value)
    return str(value)


def _row(entry: AuditEntry) -> HistoryRow:
    try:
        loaded = json.loads(entry.changes or "{}")
    except ValueError:
        loaded = {}
    changes = tuple(
        FieldChange(
            name,
            LABELS.get(name) or field_label(name),
            VALUE_LABELS.get((name, shown(pair[0])), shown(pair[0])),
            VALUE_LABELS.get((name, shown(pair[1])), shown(pair[1])),
        )
        for name, pair in sorted(loaded.items())
        if isinstance(pair, list) and len(pair) == 2
    )
    return HistoryRow(
        entry.id,
        entry.at,
        entry.actor,
        entry.database_user,
        entry.host,
        entry.program_version,
        entry.action,
        ACTION_LABELS.get(entry.action, entry.action.capitalize()),
        entry.record_kind,
        entry.record_id,
        entry.record_uid,
        changes,
        entry.source,
        entry.hash,
    )


class AuditService:
    """The audit trail of one database, read only."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def history(self, kind: str, record_id: int, limit: int = 500) -> tuple[HistoryRow, ...]:
        """The entries of one record, newest first (at most `limit`)."""
        statement = (
            select(AuditEntry)
            .where(AuditEntry.record_kind == KINDS.get(kind, kind))
            .where(AuditEntry.record_id == record_id)
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        )
        return self._rows(statement)

    def entries(
        self,
        *,
        kind: str | None = None,
        record_id: int | None = None,
        since: date | None = None,
        limit: int | None = None,
    ) -> tuple[HistoryRow, ...]:
        """The trail in the order it was written, filtered by record and by day (UTC)."""
        statement = select(AuditEntry).order_by(AuditEntry.id)
        if kind is not None:
            statement = statement.where(AuditEntry.record_kind == KINDS.get(kind, kind))
        if record_id is not None:
            statement = statement.where(AuditEntry.record_id == record_id)
        if since is not None:
            statement = statement.where(AuditEntry.at >= datetime.combine(since, time(), UTC))
        if limit is not None:
            statement = statement.limit(limit)
        return self._rows(statement)

    def _rows(self, statement: Select[tuple[AuditEntry]]) -> tuple[HistoryRow, ...]:
        with self.db.read() as session:
            return tuple(_row(entry) for entry in session.scalars(statement))
