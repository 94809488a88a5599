"""Pure rules of agreements: the status lifecycle, terms, expiry, and when notice is near."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Protocol

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


class ConsentMethod(StrEnum):
    UNSPECIFIED = ""
    DEFINITIVE_SIGNATURE = "definitive_signature"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    NOTIFICATION = "notification"  # of the completion of internal procedures


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


# -- one dated event, recorded once --------------------------------------------------------
# A status change is also a date on the record and on each party: the agreement is signed on
# the day its parties sign, in force on the day "in force since" says. These tables are the
# one place that says which; the service fills the dates from the event, the form offers the
# event when a date is typed, and the consistency check reads the same tables.
RECORD_DATE: dict[AgreementStatus, str] = {
    S.IN_FORCE: "entry_into_force",
    S.PROVISIONALLY_APPLIED: "provisional_application_from",
}
PARTY_DATE: dict[AgreementStatus, str] = {
    S.SIGNED: "signature_date",
    S.IN_FORCE: "entry_into_force",
}
BEFORE_SIGNATURE = frozenset({S.PROPOSED, S.UNDER_NEGOTIATION, S.INITIALLED})
TERMINATING = ENDED - {S.NOT_PROCEEDING}
"""The ends that close an agreement once in force (not one that never was)."""


class PartyDates(Protocol):
    """What the rules read of a party: a stored party and a party typed in the form alike."""

    @property
    def name(self) -> str: ...
    @property
    def signature_date(self) -> date | None: ...
    @property
    def consent_method(self) -> ConsentMethod: ...
    @property
    def consent_date(self) -> date | None: ...
    @property
    def entry_into_force(self) -> date | None: ...


def event_party_dates(
    status: AgreementStatus, on: date, place: str, consent_method: ConsentMethod
) -> dict[str, date | str]:
    """The party fields a status change dated `on` (at `place`) sets on every party."""
    changes: dict[str, date | str] = {}
    field = PARTY_DATE.get(status)
    if field is not None:
        changes[field] = on
    if status is S.SIGNED:
        if place:
            changes["signature_place"] = place
        if consent_method is ConsentMethod.DEFINITIVE_SIGNATURE:
            changes["consent_date"] = on  # the signature is its consent to be bound
    return changes


def consent_party_dates(on: date, consent_method: ConsentMethod) -> dict[str, date]:
    """A consent to be bound dated `on`, for the parties that do not consent by signing."""
    if consent_method is ConsentMethod.DEFINITIVE_SIGNATURE:
        return {}
    return {"consent_date": on}


def path_to(status: AgreementStatus) -> tuple[AgreementStatus, ...]:
    """The usual steps from a proposal to `status`, the status included and in order."""
    before: dict[AgreementStatus, tuple[AgreementStatus, ...]] = {
        S.PROPOSED: (),
        S.UNDER_NEGOTIATION: (),
        S.INITIALLED: (S.UNDER_NEGOTIATION,),
        S.SIGNED: (S.UNDER_NEGOTIATION, S.INITIALLED),
        S.NOT_PROCEEDING: (S.UNDER_NEGOTIATION,),
    }
    signed = (S.UNDER_NEGOTIATION, S.INITIALLED, S.SIGNED)
    if status in before:
        return (*before[status], status)
    if status in {S.PENDING_INTERNAL_PROCEDURES, S.IN_FORCE, S.PROVISIONALLY_APPLIED}:
        return (*signed, status)
    return (*signed, S.IN_FORCE, status)  # suspended or ended after entry into force


def steps_problem(steps: Sequence[tuple[AgreementStatus, date]]) -> str | None:
    """Why a history recorded at once cannot stand: a jump the lifecycle forbids, or a day
    before the step ahead of it; None when it can. The first step is where the record starts
    (an agreement may be recorded from any status it has reached)."""
    for (current, last), (status, on) in pairwise(steps):
        problem = transition_problem(current, status)
        if problem:
            return problem
        if on < last:
            return (
                f"{_label(status)} is dated {_day(on)}, before the step ahead of it ({_day(last)})."
            )
    return None


def implied_change(
    status: AgreementStatus,
    entry_into_force: date | None,
    provisional_from: date | None,
    parties: Sequence[PartyDates],
) -> tuple[AgreementStatus, date] | None:
    """The status change that dates typed on the record say happened, when the lifecycle
    allows it next; None when the dates say nothing new."""
    signed = [p.signature_date for p in parties if p.signature_date]
    if S.SIGNED in NEXT[status] and signed:
        return S.SIGNED, max(signed)  # signed when the last party signs
    if S.IN_FORCE in NEXT[status] and entry_into_force is not None:
        return S.IN_FORCE, entry_into_force
    if S.PROVISIONALLY_APPLIED in NEXT[status] and provisional_from is not None:
        return S.PROVISIONALLY_APPLIED, provisional_from
    return None


@dataclass(frozen=True)
class Contradiction:
    """Two dates of one agreement that cannot both be true, said at the field that shows one."""

    field: str  # "status", "entry_into_force", "provisional_application_from" or "parties"
    sentence: str


@dataclass(frozen=True)
class AgreementDates:
    """The dates of one agreement that must agree: its history, its record, its parties."""

    status: AgreementStatus
    history: Sequence[tuple[AgreementStatus, date]]
    entry_into_force: date | None
    provisional_from: date | None
    parties: Sequence[PartyDates]

    def first(self, status: AgreementStatus) -> date | None:
        """The day the history first reached `status` (entry into force, not a resumption)."""
        return next((on for step, on in self.history if step is status), None)


def contradictions(dates: AgreementDates, today: date) -> list[Contradiction]:
    """Where the status history, "in force since" and the parties' dates disagree."""
    return [*_party_contradictions(dates), *_record_contradictions(dates, today)]


def _party_contradictions(dates: AgreementDates) -> list[Contradiction]:
    found: list[Contradiction] = []
    signed_on = dates.first(S.SIGNED)
    in_force = dates.entry_into_force
    for party in dates.parties:
        name = party.name or "A party"
        signed = party.signature_date
        if signed is not None and signed_on is not None and signed != signed_on:
            found.append(
                Contradiction(
                    "parties",
                    f"{name} signed on {_day(signed)}, but the history records the signature "
                    f"on {_day(signed_on)}.",
                )
            )
        elif signed is not None and dates.status in BEFORE_SIGNATURE:
            found.append(
                Contradiction(
                    "parties",
                    f"{name} signed on {_day(signed)}, but the agreement is still "
                    f"{_label(dates.status).lower()}.",
                )
            )
        consent = party.consent_date
        signs = party.consent_method is not ConsentMethod.ACCESSION
        if signs and consent is not None and signed is not None and consent < signed:
            found.append(
                Contradiction(
                    "parties",
                    f"{name} consented to be bound on {_day(consent)}, before signing on "
                    f"{_day(signed)}.",
                )
            )
        own = party.entry_into_force
        if own is not None and in_force is not None and own < in_force:
            found.append(
                Contradiction(
                    "parties",
                    f"In force for {name} on {_day(own)}, before the agreement itself "
                    f"({_day(in_force)}).",
                )
            )
    return found


def _record_contradictions(dates: AgreementDates, today: date) -> list[Contradiction]:
    found: list[Contradiction] = []
    signatures = [p.signature_date for p in dates.parties if p.signature_date]
    signed = dates.first(S.SIGNED) or (max(signatures) if signatures else None)
    # Statuses an agreement has before the step: a date of the step already past contradicts.
    pending = BEFORE_SIGNATURE | {S.SIGNED, S.PENDING_INTERNAL_PROCEDURES}
    for field, step, label, since, not_yet in (
        (
            "entry_into_force",
            S.IN_FORCE,
            "In force since",
            dates.entry_into_force,
            pending | {S.PROVISIONALLY_APPLIED},
        ),
        (
            "provisional_application_from",
            S.PROVISIONALLY_APPLIED,
            "Provisionally applied from",
            dates.provisional_from,
            pending,
        ),
    ):
        if since is None:
            continue
        if signed is not None and since < signed:
            found.append(
                Contradiction(
                    field, f"{label} {_day(since)}, before it was signed ({_day(signed)})."
                )
            )
        recorded = dates.first(step)
        if recorded is not None and recorded != since:
            found.append(
                Contradiction(
                    field,
                    f"{label} {_day(since)}, but the history records "
                    f"{_label(step).lower()} on {_day(recorded)}.",
                )
            )
        elif recorded is None and since <= today and dates.status in not_yet:
            found.append(
                Contradiction(
                    field,
                    f"{label} {_day(since)}, but the agreement is {_label(dates.status).lower()}.",
                )
            )
    consents = [p.consent_date for p in dates.parties if p.consent_date]
    in_force = dates.entry_into_force
    if in_force is not None and consents and in_force < max(consents):
        found.append(
            Contradiction(
                "entry_into_force",
                f"In force since {_day(in_force)}, before the last consent to be bound "
                f"({_day(max(consents))}).",
            )
        )
    started = in_force or dates.provisional_from
    for step, on in dates.history:
        if step in TERMINATING and started is not None and on < started:
            found.append(
                Contradiction(
                    "status",
                    f"{_label(step)} on {_day(on)}, before it took effect ({_day(started)}).",
                )
            )
    return found


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _label(status: AgreementStatus) -> str:
    return status.value.replace("_", " ").capitalize()
