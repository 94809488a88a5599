"""Today's section of cables waiting for clearance or dispatch, registered by the cables area."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilatdesk.domain import Cable
from bilatdesk.domain.cable import CableStatus
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
    """Every cable waiting for the viewer's clearance (all in clearance when no name is
    known), and every approved cable waiting for dispatch, oldest first."""

    key: str = "cables"
    heading: str = "Cables awaiting clearance or dispatch"
    horizon_days: int = 0

    def collect(self, session: Session, window: ReminderWindow) -> Collected:
        rows = in_workflow_rows(session, window.country_id, window.user, window.limit)
        total = len(rows)
        if total >= window.limit:
            counted = select(func.count(Cable.id)).where(awaiting_condition(window.user))
            if window.country_id is not None:
                counted = counted.where(Cable.country_id == window.country_id)
            total = int(session.scalar(counted) or 0)
        return Collected([self._reminder(r, window) for r in rows], total)

    @staticmethod
    def _reminder(row: CableRow, window: ReminderWindow) -> Reminder:
        when = row.updated_at.astimezone(window.zone).date()
        waiting = window.days_until(when) < -STALE_DAYS
        if row.status == CableStatus.APPROVED:
            detail = "Approved, awaiting dispatch"
        elif window.user:
            detail = "Awaiting your clearance"
        else:
            detail = "Awaiting clearance"
        return Reminder(
            ReminderKind.CABLE_AWAITING,
            when,
            row.subject or "(no subject)",
            detail,
            RecordRef("cable", row.id),
            row.country,
            URGENCY_NOW if waiting else URGENCY_SOON,
        )
