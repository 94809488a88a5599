"""The demo's agreements: a dozen across the lifecycle, one with its notice deadline near."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from bilatdesk.domain import AgreementKind, AgreementStatus, LinkKind, PeriodUnit
from bilatdesk.domain.agreement_rules import term_end
from bilatdesk.services.agreements.records import (
    AgreementInput,
    PartyInput,
    Recording,
    StatusStep,
)
from bilatdesk.services.agreements.service import AgreementService
from bilatdesk.services.countries.service import CountryService
from bilatdesk.store.database import Database

K, S, Y, M = AgreementKind, AgreementStatus, PeriodUnit.YEARS, PeriodUnit.MONTHS
US = "Republic of Veloria"  # the demo state (demo_seed.DEMO_STATE) as a party
HISTORY = {  # the steps from "proposed" to a status, so every record has its history
    S.UNDER_NEGOTIATION: (),
    S.INITIALLED: (S.UNDER_NEGOTIATION,),
    S.SIGNED: (S.UNDER_NEGOTIATION, S.INITIALLED),
    S.PENDING_INTERNAL_PROCEDURES: (S.UNDER_NEGOTIATION, S.INITIALLED, S.SIGNED),
    S.IN_FORCE: (S.UNDER_NEGOTIATION, S.INITIALLED, S.SIGNED),
    S.PROVISIONALLY_APPLIED: (S.UNDER_NEGOTIATION, S.INITIALLED, S.SIGNED),
    S.EXPIRED: (S.UNDER_NEGOTIATION, S.INITIALLED, S.SIGNED, S.IN_FORCE),
    S.TERMINATED: (S.UNDER_NEGOTIATION, S.INITIALLED, S.SIGNED, S.IN_FORCE),
    S.NOT_PROCEEDING: (S.UNDER_NEGOTIATION,),
}


def build_demo_agreements(db: Database, today: date) -> None:
    """Agreements made through the service, status by status, as a clerk would record them."""
    countries = {
        c.data.iso_code: c.id
        for c in (CountryService(db).get(choice.id) for choice in CountryService(db).choices())
    }
    service = AgreementService(db)
    # The notice deadline of the Austrian culture MoU falls 75 days from today.
    near_expiry = today + timedelta(days=75) + relativedelta(months=6) - timedelta(days=1)
    culture_start = near_expiry + timedelta(days=1) - relativedelta(years=5)
    records = [
        (
            "AT",
            "Agreement on Cultural Cooperation",
            "Culture agreement",
            K.AGREEMENT,
            S.IN_FORCE,
            culture_start,
            ((5, Y), (1, Y), (6, M)),
            "culture",
        ),
        (
            "AT",
            "Agreement on the Avoidance of Double Taxation",
            "Double taxation",
            K.CONVENTION,
            S.IN_FORCE,
            date(2004, 3, 1),
            None,
            "economic",
        ),
        (
            "AT",
            "Memorandum of Understanding on Political Consultations",
            "Consultations MoU",
            K.MEMORANDUM_OF_UNDERSTANDING,
            S.IN_FORCE,
            date(2019, 9, 1),
            ((3, Y), (3, Y), (3, M)),
            "political",
        ),
        (
            "AT",
            "Agreement on Working Holiday Programmes",
            "Working holidays",
            K.AGREEMENT,
            S.UNDER_NEGOTIATION,
            None,
            None,
            "consular",
        ),
        (
            "GR",
            "Treaty of Friendship and Cooperation",
            "Friendship treaty",
            K.TREATY,
            S.IN_FORCE,
            date(1998, 7, 1),
            None,
            "political",
        ),
        (
            "GR",
            "Agreement on Maritime Transport",
            "Maritime transport",
            K.AGREEMENT,
            S.PENDING_INTERNAL_PROCEDURES,
            None,
            None,
            "trade",
        ),
        (
            "GR",
            "Exchange of Notes on Visa Facilitation",
            "Visa notes",
            K.EXCHANGE_OF_NOTES,
            S.EXPIRED,
            date(2014, 1, 1),
            ((10, Y), None, None),
            "consular",
        ),
        (
            "BG",
            "Agreement on the Transit of Goods",
            "Transit agreement",
            K.AGREEMENT,
            S.SIGNED,
            None,
            None,
            "trade",
        ),
        (
            "BG",
            "Protocol on Energy Interconnection",
            "Energy protocol",
            K.PROTOCOL,
            S.INITIALLED,
            None,
            None,
            "energy",
        ),
        (
            "BG",
            "Arrangement on Defence Education",
            "Defence education",
            K.ARRANGEMENT,
            S.NOT_PROCEEDING,
            None,
            None,
            "defence",
        ),
        (
            "JO",
            "Agreement on Economic and Technical Cooperation",
            "Economic cooperation",
            K.AGREEMENT,
            S.PROVISIONALLY_APPLIED,
            None,
            ((5, Y), (5, Y), (6, M)),
            "economic",
        ),
        (
            "JO",
            "Memorandum of Understanding on Higher Education",
            "Education MoU",
            K.MEMORANDUM_OF_UNDERSTANDING,
            S.IN_FORCE,
            date(2021, 10, 1),
            ((4, Y), (2, Y), (6, M)),
            "education",
        ),
        (
            "JO",
            "Agreement on Air Services",
            "Air services",
            K.AGREEMENT,
            S.TERMINATED,
            date(2001, 5, 1),
            None,
            "trade",
        ),
    ]
    made: dict[str, int] = {}
    for code, title, short, kind, status, in_force, terms, sector in records:
        country_id = countries[code]
        country = CountryService(db).get(country_id).data
        signed = (in_force - timedelta(days=90)) if in_force else today - timedelta(days=200)
        term, renewal, notice = terms if terms else (None, None, None)
        # Signed in the partner's capital by the ambassador and the foreign minister: the
        # signature step dates both parties, so history and parties agree by construction.
        parties = (
            PartyInput(US, signatory="Ana Kovačević-Brandt"),
            PartyInput(country.name, signatory="Minister of Foreign Affairs"),
        )
        if status in {S.UNDER_NEGOTIATION, S.INITIALLED, S.NOT_PROCEEDING}:
            parties = (PartyInput(US), PartyInput(country.name))
        data = AgreementInput(
            title=title,
            short_title=short,
            kind=kind,
            legally_binding=kind is not K.MEMORANDUM_OF_UNDERSTANDING,
            country_id=country_id,
            sector=sector,
            entry_into_force=in_force,
            fixed_term=term is not None,
            term=term,
            renewal=renewal,
            notice=notice,
            un_registration_number=f"{54000 + len(made) * 17}" if in_force else "",
            un_registration_date=in_force + timedelta(days=60) if in_force else None,
            authentic_languages="English",
            classification="R" if kind is K.ARRANGEMENT else "U",
            parties=parties,
            # The energy protocol would amend the transit agreement signed before it.
            links=((LinkKind.AMENDS, made["Transit agreement"]),)
            if short == "Energy protocol"
            else (),
        )
        start = (in_force or today) - timedelta(days=900)
        steps = [StatusStep(S.PROPOSED, start, "Proposed")]
        for index, step in enumerate((*HISTORY.get(status, ()), status)):
            steps.append(
                StatusStep(
                    step,
                    _step_day(
                        step, index, start=start, signed=signed, in_force=in_force, today=today
                    ),
                    "",
                )
            )
        made[short] = service.record(data, Recording(tuple(steps), country.capital)).id


def _step_day(
    step: AgreementStatus,
    index: int,
    *,
    start: date,
    signed: date,
    in_force: date | None,
    today: date,
) -> date:
    """The day of one step, so that every step follows the one before it."""
    if step is S.SIGNED:
        return signed
    if step in {S.PENDING_INTERNAL_PROCEDURES, S.PROVISIONALLY_APPLIED}:
        # Applied a month after signature: the demo once applied this agreement before anyone
        # had signed it, the contradiction the register's check now names.
        return signed + timedelta(days=30)
    if step is S.IN_FORCE and in_force:
        return in_force
    if step is S.EXPIRED and in_force:  # the day after its ten-year term ran out
        return min(term_end(in_force, 10, PeriodUnit.YEARS) + timedelta(days=1), today)
    if step is S.TERMINATED and in_force:
        return min(in_force + timedelta(days=3650), today)
    return start + timedelta(days=60 * (index + 1))
