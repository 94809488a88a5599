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
from bilatdesk.services.undo.placing import PlacingError
from bilatdesk.services.undo.rows import (
    Root,
    State,
    dumps,
    loads,
    own,
    restore,
    table,
    tables_of,
)
from bilatdesk.store.database import Database

_BIN = table_of(DeletedRecord)


def put(connection: Connection, step: Step, actor: str) -> None:
    """Each root the step deleted goes in the bin with its rows and links as they were.

    A step over several records (an engagement saved without one of its commitments) bins
    only those it deleted, each with its own rows.
    """
    for root in step.roots:
        row = step.before.root_row(root)
        if row is None or step.after.root_row(root) is not None:
            continue
        alone = own(step.before, root)
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
        """Put a deleted record back whole, with its links; returns the tables written.

        Its links to records deleted since are left out; a number given meanwhile to a record
        made since is replaced by a new one.
        """
        with self.db.session() as session:
            connection = session.connection()
            found = connection.execute(select(_BIN).where(_BIN.c.id == entry_id)).first()
            if found is None:
                raise NotFoundError("That record is no longer in the bin.")
            target = loads(found.snapshot)
            [root] = list(target.versions)
            row = target.root_row(root) or {}
            t = table(root.kind)
            if "uid" in t.c and row.get("uid") is not None:
                back = connection.execute(select(t.c.id).where(t.c.uid == row["uid"])).first()
                if back is not None:
                    raise ServiceError(f"{found.title} is already back: nothing was restored.")
            try:
                # Whatever holds its number now is another record, untouched: nothing of it is
                # "current" here.
                written = restore(connection, target, State())
            except PlacingError as exc:
                raise ServiceError(f"{found.title} cannot be restored: {exc.reason}.") from exc
            connection.execute(delete(_BIN).where(_BIN.c.id == entry_id))
            [record_id] = written.moved.get((root.kind, (root.record_id,)), (root.record_id,))
            self.db.record_event(
                session,
                "create",
                source="restored from the bin",
                record_kind=root.kind,
                record_id=record_id,
                record_uid=found.record_uid,
            )
        return frozenset(written.tables | tables_of([target]))

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
