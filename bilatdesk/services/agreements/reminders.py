"""Today's section of agreement notice deadlines and expiries, registered by the agreements area."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bilatdesk.domain.agreement_rules import NOTICE_WARNING_DAYS
from bilatdesk.services.agreements.records import Deadline
from bilatdesk.services.agreements.service import deadlines_within
from bilatdesk.services.today.reminders import (
    RecordRef,
    Reminder,
    ReminderKind,
    ReminderWindow,
    urgency,
)

DEADLINE_SOON_DAYS = 30
"""A month is what it takes to clear a note of denunciation: inside it, a deadline is near."""

_WHAT = {"notice deadline": "Last day to give notice", "expiry": "Expires"}


@dataclass(frozen=True)
class AgreementDeadlines:
    """Notice deadlines and expiries of agreements in force, within the warning horizon."""

    key: str = "agreements"
    heading: str = f"Agreement deadlines in the next {NOTICE_WARNING_DAYS} days"
    horizon_days: int = NOTICE_WARNING_DAYS

    def collect(self, session: Session, window: ReminderWindow) -> list[Reminder]:
        # The agreements service's own computation (terms, renewals, notice periods).
        deadlines = deadlines_within(session, window.today, window.horizon_days, window.country_id)
        return [self._reminder(d) for d in deadlines]

    @staticmethod
    def _reminder(deadline: Deadline) -> Reminder:
        kind = ReminderKind.AGREEMENT_DEADLINE
        return Reminder(
            kind,
            deadline.on,
            deadline.title,
            _WHAT.get(deadline.what, deadline.what),
            RecordRef("agreement", deadline.agreement_id),
            deadline.country,
            urgency(deadline.days_left, DEADLINE_SOON_DAYS),
        )
