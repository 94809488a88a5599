"""The "Recently deleted" bin: deleted records kept as snapshots, restored whole or purged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, insert, select

from bilatdesk.domain.base import table_of, utcnow
from bilatdesk.domain.bin import BIN_DAYS, DeletedRecord
from bilatdesk.domain.errors import ServiceError
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.services.undo.history import Step
from bilatdesk.services.undo.rows import Root, State, capture, dumps, loads, restore, tables_of
from bilatdesk.store.database import Database

_BIN = table_of(DeletedRecord)


def put(connection: Connection, step: Step, actor: str) -> None:
    """Each root the step deleted goes in the bin with its rows and links as they were."""
    for root in step.roots:
        row = step.before.root_row(root)
        if row is None or step.after.root_row(root) is not None:
            continue
        alone = State(step.before.rows, step.before.links, {root: step.before.versions[root]})
        connection.execute(
            insert(_BIN).values(
                kind=root.kind,
                record_uid=str(row.get("uid") or ""),
                title=step.titles.get(root, step.label)[:300],
                snapshot=dumps(alone),
                deleted_at=utcnow(),
                deleted_by=actor[:200],
            )
        )


def take(connection: Connection, step: Step) -> None:
    """The step's deleted roots are back: their bin entries go."""
    for root in step.roots:
        row = step.before.root_row(root)
        if row is not None and step.after.root_row(root) is None:
            uid = str(row.get("uid") or "")
            connection.execute(delete(_BIN).where(_BIN.c.record_uid == uid))


@dataclass(frozen=True)
class BinEntry:
    """One deleted record as the bin lists it."""

    id: int
    kind: str
    title: str
    deleted_at: datetime
    deleted_by: str


class BinService:
    """List, restore and purge the bin's records."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[BinEntry]:
        """What is in the bin, most recently deleted first."""
        with self.db.read() as session:
            rows = session.execute(
                select(
                    _BIN.c.id, _BIN.c.kind, _BIN.c.title, _BIN.c.deleted_at, _BIN.c.deleted_by
                ).order_by(_BIN.c.deleted_at.desc(), _BIN.c.id.desc())
            ).all()
            return [BinEntry(r.id, r.kind, r.title, r.deleted_at, r.deleted_by) for r in rows]

    def restore(self, entry_id: int) -> frozenset[str]:
        """Put a deleted record back whole, with its links; returns the tables written."""
        with self.db.session() as session:
            connection = session.connection()
            found = connection.execute(select(_BIN).where(_BIN.c.id == entry_id)).first()
            if found is None:
                raise NotFoundError("That record is no longer in the bin.")
            target = loads(found.snapshot)
            roots = list(target.versions)
            current = capture(connection, roots)
            if any(current.root_row(root) is not None for root in roots):
                raise ServiceError(f"{found.title} is already back: nothing was restored.")
            written = restore(connection, target, current)
            connection.execute(delete(_BIN).where(_BIN.c.id == entry_id))
            for root in roots:
                self.db.record_event(
                    session,
                    "create",
                    source="restored from the bin",
                    record_kind=root.kind,
                    record_id=root.record_id,
                    record_uid=found.record_uid,
                )
        return frozenset(written | tables_of([target]))

    def purge(self, entry_id: int) -> None:
        """Forget one deleted record for good."""
        with self.db.session() as session:
            session.execute(delete(_BIN).where(_BIN.c.id == entry_id))

    def purge_older(self, days: int = BIN_DAYS, *, now: datetime | None = None) -> int:
        """Forget everything deleted more than `days` ago; returns how many went."""
        limit = (now or utcnow()) - timedelta(days=days)
        with self.db.session() as session:
            result = session.execute(delete(_BIN).where(_BIN.c.deleted_at < limit))
            return int(getattr(result, "rowcount", 0) or 0)


__all__ = ["BinEntry", "BinService", "Root", "put", "take"]
