"""One dated event on an agreement: the status history and the parties' dates filled together.

Which date each status change also records is the domain's rule (`agreement_rules`); here it
is applied to what the form sends and to the stored record, and an agreement already at its
present status is recorded in one go with each step's own day. The register's own check
lists the agreements whose dates, by the same rule, contradict each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import Agreement, AgreementStatus, PeriodUnit
from bilatdesk.domain.agreement_rules import (
    RECORD_DATE,
    AgreementDates,
    Contradiction,
    PartyDates,
    consent_party_dates,
    contradictions,
    event_party_dates,
    steps_problem,
)
from bilatdesk.services.agreements.records import (
    AgreementCheck,
    AgreementInput,
    PartyInput,
    Recording,
    StatusStep,
)
from bilatdesk.services.kernel.errors import ValidationError


def with_event(
    data: AgreementInput, status: AgreementStatus, on: date, place: str = ""
) -> AgreementInput:
    """The record as the event leaves it: its own date and each party's filled from `on`."""
    record: dict[str, date] = {RECORD_DATE[status]: on} if status in RECORD_DATE else {}
    parties = tuple(
        replace(party, **event_party_dates(status, on, place, party.consent_method))  # type: ignore[arg-type]
        for party in data.parties
    )
    return replace(data, **record, parties=parties)  # type: ignore[arg-type]


def with_consent(data: AgreementInput, on: date) -> AgreementInput:
    """The record once every party has consented to be bound on `on`."""
    return replace(
        data,
        parties=tuple(
            replace(p, **consent_party_dates(on, p.consent_method))  # type: ignore[arg-type]
            for p in data.parties
        ),
    )


def apply_event(agreement: Agreement, status: AgreementStatus, on: date, place: str = "") -> None:
    """The stored record's dates and its parties' filled from a status change just recorded."""
    field = RECORD_DATE.get(status)
    if field is not None:
        setattr(agreement, field, on)
    for party in agreement.parties:
        for name, value in event_party_dates(status, on, place, party.consent_method).items():
            setattr(party, name, value)


def recorded(data: AgreementInput, recording: Recording) -> AgreementInput:
    """The record with every step of a recording applied in order, and the consent if given."""
    problem = steps_problem([(s.status, s.on) for s in recording.steps])
    if not recording.steps:
        problem = "Give at least the present status and its day."
    if problem:
        raise ValidationError({"status": problem})
    for step in recording.steps:
        place = recording.signed_at if step.status is AgreementStatus.SIGNED else ""
        data = with_event(data, step.status, step.on, place)
    if recording.consent_on is not None:
        data = with_consent(data, recording.consent_on)
    return data


def problems(
    status: AgreementStatus,
    history: Sequence[StatusStep],
    data: AgreementInput,
    today: date,
) -> tuple[Contradiction, ...]:
    """Where this agreement's history, "in force since" and parties' dates disagree."""
    return tuple(contradictions(dates_of(status, history, data), today))


def dates_of(
    status: AgreementStatus, history: Sequence[StatusStep], data: AgreementInput
) -> AgreementDates:
    parties: Sequence[PartyDates] = data.parties
    return AgreementDates(
        status,
        tuple((step.status, step.on) for step in history),
        data.entry_into_force,
        data.provisional_application_from,
        parties,
    )


def check_agreements(session: Session, country_id: int | None, today: date) -> list[AgreementCheck]:
    """Every agreement (of one country, or all) whose dates contradict each other."""
    statement = (
        select(Agreement)
        .options(
            selectinload(Agreement.parties),
            selectinload(Agreement.history),
            selectinload(Agreement.country),
        )
        .order_by(Agreement.title, Agreement.id)
    )
    if country_id is not None:
        statement = statement.where(Agreement.country_id == country_id)
    found = []
    for agreement in session.scalars(statement):
        sentences = problems_of(agreement, today)
        if sentences:
            found.append(
                AgreementCheck(
                    agreement.id,
                    agreement.short_title or agreement.title,
                    agreement.country.name if agreement.country else "",
                    agreement.status,
                    tuple(c.sentence for c in sentences),
                )
            )
    return found


def problems_of(agreement: Agreement, today: date) -> tuple[Contradiction, ...]:
    history = [StatusStep(h.status, h.on, h.note) for h in agreement.history]
    return problems(agreement.status, history, input_of(agreement, tags=False), today)


def input_of(agreement: Agreement, *, tags: bool = True) -> AgreementInput:
    """The stored record as the form would send it."""

    def period(name: str) -> tuple[int, PeriodUnit] | None:
        value: int | None = getattr(agreement, f"{name}_value")
        unit: PeriodUnit = getattr(agreement, f"{name}_unit")
        return (value, unit) if value else None

    return AgreementInput(
        title=agreement.title,
        kind=agreement.kind,
        legally_binding=agreement.legally_binding,
        other_titles=agreement.other_titles,
        short_title=agreement.short_title,
        subjects=agreement.subjects,
        sector=agreement.sector,
        country_id=agreement.country_id,
        lead_organisation_id=agreement.lead_organisation_id,
        lead_negotiator=agreement.lead_negotiator,
        entry_into_force_condition=agreement.entry_into_force_condition,
        entry_into_force=agreement.entry_into_force,
        provisional_application_from=agreement.provisional_application_from,
        fixed_term=agreement.fixed_term,
        term=period("term"),
        renewal=period("renewal"),
        notice=period("notice"),
        un_registration_number=agreement.un_registration_number,
        un_registration_date=agreement.un_registration_date,
        national_series_number=agreement.national_series_number,
        authentic_languages=agreement.authentic_languages,
        classification=agreement.classification,
        notes=agreement.notes,
        parties=tuple(
            PartyInput(
                p.name,
                p.signature_date,
                p.signature_place,
                p.signatory,
                p.consent_method,
                p.consent_date,
                p.entry_into_force,
                p.reservations,
            )
            for p in agreement.parties
        ),
        links=tuple((link.kind, link.target_id) for link in agreement.links),
        round_ids=tuple(e.id for e in agreement.rounds),
        # Tags are a query of their own; the consistency check has no use for them.
        tag_ids=tuple(sorted(t.id for t in agreement.tags)) if tags else None,
    )
