"""Today's section of cables waiting for clearance or dispatch, registered by the cables area."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilatdesk.domain import Cable, CableClearance
from bilatdesk.domain.cable import CableStatus
from bilatdesk.domain.cable_workflow import same_person
from bilatdesk.services.cables.records import CableRow
from bilatdesk.services.cables.service import awaiting_condition, in_workflow_rows
from bilatdesk.services.today.reminders import (
    URGENCY_NOW,
    URGENCY_SOON,
    Collected,
    RecordRef,
    Reminder,
    ReminderKind,
    ReminderWindow,
)

STALE_DAYS = 2
"""A cable waiting longer than this is shown as overdue: reporting loses value by the day."""


@dataclass(frozen=True)
class CablesAwaiting:
    """Every cable in clearance, saying whose clearance it waits for ("yours" when the viewer
    is named), and every approved cable waiting for dispatch, oldest first.

    The viewer's name changes the words, never the set: Today and `bilatdesk today` list the
    same cables (issue 19)."""

    key: str = "cables"
    heading: str = "Cables awaiting clearance or dispatch"
    horizon_days: int = 0

    def collect(self, session: Session, window: ReminderWindow) -> Collected:
        rows = in_workflow_rows(session, window.country_id, None, window.limit)
        total = len(rows)
        if total >= window.limit:
            counted = select(func.count(Cable.id)).where(awaiting_condition(None))
            if window.country_id is not None:
                counted = counted.where(Cable.country_id == window.country_id)
            total = int(session.scalar(counted) or 0)
        pending = _pending(session, [r.id for r in rows])
        return Collected([self._reminder(r, window, pending.get(r.id, ())) for r in rows], total)

    @staticmethod
    def _reminder(row: CableRow, window: ReminderWindow, pending: Sequence[str]) -> Reminder:
        when = row.updated_at.astimezone(window.zone).date()
        waiting = window.days_until(when) < -STALE_DAYS
        user = window.user or ""
        if row.status == CableStatus.APPROVED:
            detail = "Approved, awaiting dispatch"
        elif user.strip() and any(same_person(name, user) for name in pending):
            detail = "Awaiting your clearance"
        elif pending:
            detail = f"Awaiting clearance by {', '.join(pending)}"
        else:
            detail = "Awaiting approval"
        return Reminder(
            ReminderKind.CABLE_AWAITING,
            when,
            row.subject or "(no subject)",
            detail,
            RecordRef("cable", row.id),
            row.country,
            URGENCY_NOW if waiting else URGENCY_SOON,
        )


def _pending(session: Session, cable_ids: Sequence[int]) -> Mapping[int, tuple[str, ...]]:
    """The clearers still waited for, per cable, in the order they were named."""
    if not cable_ids:
        return {}
    rows = session.execute(
        select(CableClearance.cable_id, CableClearance.name)
        .where(CableClearance.cable_id.in_(cable_ids), CableClearance.cleared_at.is_(None))
        .order_by(CableClearance.cable_id, CableClearance.position, CableClearance.id)
    )
    names: defaultdict[int, list[str]] = defaultdict(list)
    for cable_id, name in rows:
        names[cable_id].append(name)
    return {cable_id: tuple(found) for cable_id, found in names.items()}
