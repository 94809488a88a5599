"""Pure rules of agreements: the status lifecycle, terms, expiry, and when notice is near."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

NOTICE_WARNING_DAYS = 180
"""How far ahead a notice deadline (or an expiry) counts as near: listed on Today, stressed in
the register and its print."""


class AgreementStatus(StrEnum):
    PROPOSED = "proposed"
    UNDER_NEGOTIATION = "under_negotiation"
    INITIALLED = "initialled"
    SIGNED = "signed"
    PENDING_INTERNAL_PROCEDURES = "pending_internal_procedures"
    IN_FORCE = "in_force"
    PROVISIONALLY_APPLIED = "provisionally_applied"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"
    DENOUNCED = "denounced"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    NOT_PROCEEDING = "not_proceeding"


class PeriodUnit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


S = AgreementStatus
ENDED = frozenset({S.TERMINATED, S.DENOUNCED, S.EXPIRED, S.SUPERSEDED, S.NOT_PROCEEDING})
# Where each status may lead. Signing needs an initialled text; entry into force needs a
# signed one; an ended agreement stays ended.
NEXT: dict[AgreementStatus, frozenset[AgreementStatus]] = {
    S.PROPOSED: frozenset({S.UNDER_NEGOTIATION, S.NOT_PROCEEDING}),
    S.UNDER_NEGOTIATION: frozenset({S.INITIALLED, S.NOT_PROCEEDING}),
    S.INITIALLED: frozenset({S.SIGNED, S.UNDER_NEGOTIATION, S.NOT_PROCEEDING}),
    S.SIGNED: frozenset(
        {S.PENDING_INTERNAL_PROCEDURES, S.IN_FORCE, S.PROVISIONALLY_APPLIED, S.NOT_PROCEEDING}
    ),
    S.PENDING_INTERNAL_PROCEDURES: frozenset(
        {S.IN_FORCE, S.PROVISIONALLY_APPLIED, S.NOT_PROCEEDING}
    ),
    S.PROVISIONALLY_APPLIED: frozenset({S.IN_FORCE, S.TERMINATED}),
    S.IN_FORCE: frozenset({S.SUSPENDED, S.TERMINATED, S.DENOUNCED, S.EXPIRED, S.SUPERSEDED}),
    S.SUSPENDED: frozenset({S.IN_FORCE, S.TERMINATED, S.DENOUNCED}),
    **{ended: frozenset() for ended in ENDED},
}

# The register's groups, in print order.
GROUPS: tuple[tuple[str, frozenset[AgreementStatus]], ...] = (
    ("In force", frozenset({S.IN_FORCE, S.PROVISIONALLY_APPLIED, S.SUSPENDED})),
    ("Signed, not in force", frozenset({S.SIGNED, S.PENDING_INTERNAL_PROCEDURES})),
    ("Under negotiation", frozenset({S.PROPOSED, S.UNDER_NEGOTIATION, S.INITIALLED})),
    ("Expired or ended", ENDED - {S.NOT_PROCEEDING}),
    # Never concluded: not an agreement that ended, so not filed with those that did.
    ("Not proceeding", frozenset({S.NOT_PROCEEDING})),
)


def transition_problem(current: AgreementStatus, wanted: AgreementStatus) -> str | None:
    """Why `current` cannot become `wanted`, in a sentence; None when it can."""
    if wanted in NEXT[current]:
        return None
    if current in ENDED:
        return f"The agreement has ended ({current.value.replace('_', ' ')}); it cannot change."
    if wanted is S.SIGNED:
        return "An agreement is signed only once its text has been initialled."
    if wanted in {S.IN_FORCE, S.PROVISIONALLY_APPLIED}:
        return "An agreement enters into force or is applied only after it has been signed."
    allowed = ", ".join(sorted(s.value.replace("_", " ") for s in NEXT[current]))
    return f"From {current.value.replace('_', ' ')} the agreement can only become: {allowed}."


def period(value: int, unit: PeriodUnit) -> relativedelta:
    """A period as dateutil understands it."""
    if unit is PeriodUnit.DAYS:
        return relativedelta(days=value)
    if unit is PeriodUnit.MONTHS:
        return relativedelta(months=value)
    return relativedelta(years=value)


def add_period(start: date, value: int, unit: PeriodUnit) -> date:
    """Calendar arithmetic (month ends and leap years) by dateutil, never by hand."""
    result: date = start + period(value, unit)
    return result


def term_end(start: date, value: int, unit: PeriodUnit) -> date:
    """The last day of a term that begins on `start`.

    A term runs to the day before its anniversary. When the anniversary does not exist (a
    term from 31 January to "31 February", or from 29 February in a common year), dateutil
    moves it back to the month's last day, and the term ends on that day itself.
    """
    if unit is PeriodUnit.DAYS:
        return start + timedelta(days=value - 1)
    anniversary = add_period(start, value, unit)
    return anniversary if anniversary.day < start.day else anniversary - timedelta(days=1)


def current_expiry(
    entry_into_force: date,
    initial: tuple[int, PeriodUnit],
    renewal: tuple[int, PeriodUnit] | None,
    today: date,
) -> date:
    """The end of the term running on `today` (or of the first term, before it starts).

    Without tacit renewal that is the end of the initial term; with it, the end of the first
    renewal period that has not yet ended.
    """
    end = term_end(entry_into_force, *initial)
    if renewal is None or end >= today:
        return end
    value, unit = renewal
    if unit is PeriodUnit.DAYS:  # fixed-length periods: skip straight to the running one
        periods = -(-(today - end).days // value)
        return end + timedelta(days=periods * value)
    while end < today:  # months and years: a few thousand steps at most over centuries
        end = term_end(end + timedelta(days=1), value, unit)
    return end


def notice_deadline(expiry: date, notice: tuple[int, PeriodUnit]) -> date:
    """The last day notice can safely be given so that the agreement ends at `expiry`.

    Notice given on this day takes effect no later than the day after expiry, the day the
    agreement would otherwise renew itself. Where month ends shorten a period (notice of one
    month before 28 February), a day or three later might still do; the deadline errs early,
    never late.
    """
    renews_on = expiry + timedelta(days=1)
    deadline: date = renews_on - period(*notice)
    return deadline


def falls_within(day: date | None, today: date, days: int = NOTICE_WARNING_DAYS) -> bool:
    """Whether `day` is between today and `days` ahead, both ends included."""
    return day is not None and 0 <= (day - today).days <= days


def notice_is_near(deadline: date | None, today: date) -> bool:
    """Whether the last day to give notice is near: from today to the warning horizon."""
    return falls_within(deadline, today, NOTICE_WARNING_DAYS)
