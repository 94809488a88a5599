"""The printed register of a country's agreements: data built here, rendered by reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bilatdesk.domain import DEFAULT_SCHEME, Agreement, ClassificationScheme, Country
from bilatdesk.domain.agreement_rules import GROUPS, notice_is_near
from bilatdesk.domain.marking import overall_marking
from bilatdesk.reports.agreement_records import (
    AgreementEntry,
    AgreementGroup,
    AgreementRegisterData,
)
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.services.kernel.settings import read_post_settings
from bilatdesk.store.database import Database

LIVE = GROUPS[0][1]  # in force, provisionally applied, suspended


def _day(value: date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


class AgreementRegister:
    def __init__(self, database: Database, scheme: ClassificationScheme = DEFAULT_SCHEME) -> None:
        self.db = database
        self.scheme = scheme

    def data(self, country_id: int, *, today: date | None = None) -> AgreementRegisterData:
        today = today or date.today()
        with self.db.read() as session:
            country = session.get(Country, country_id)
            if country is None:
                raise NotFoundError("That country no longer exists.")
            post = read_post_settings(session)
            agreements = list(
                session.scalars(
                    select(Agreement)
                    .where(Agreement.country_id == country_id)
                    .options(selectinload(Agreement.parties))
                    .order_by(Agreement.title, Agreement.id)
                )
            )
            groups = tuple(
                AgreementGroup(
                    heading, tuple(self._entry(a, today) for a in agreements if a.status in members)
                )
                for heading, members in GROUPS
            )
            data = AgreementRegisterData(
                title=f"Agreements between {post.state_name} and {country.name}",
                classification="",
                as_of=f"{today.day} {today:%B %Y}",
                prepared_by=post.name,
                groups=groups,
                produced_at=datetime.combine(today, time(0), tzinfo=UTC).isoformat(),
            )
            # The marking is the highest of the entries that print, from the finished record.
            return replace(data, classification=overall_marking(self.scheme, data.portions()).name)

    def pdf(self, country_id: int, *, today: date | None = None) -> bytes:
        from bilatdesk.reports.agreements import render_agreement_register

        return render_agreement_register(self.data(country_id, today=today))

    def _entry(self, agreement: Agreement, today: date) -> AgreementEntry:
        signatures = [p for p in agreement.parties if p.signature_date]
        signed = ""
        if signatures:
            last = max(signatures, key=lambda p: p.signature_date or date.min)
            signed = ", ".join(x for x in (_day(last.signature_date), last.signature_place) if x)
        in_force = _day(agreement.entry_into_force)
        if not in_force and agreement.provisional_application_from:
            in_force = f"Provisionally applied since {_day(agreement.provisional_application_from)}"
        # Expiry and notice mean something only while the agreement binds: not for one never
        # concluded, nor for one that has ended (its end is its status).
        binding = agreement.status in LIVE
        expiry = agreement.expiry(today) if binding else None
        deadline = agreement.notice_deadline(today) if binding else None
        registration = "; ".join(
            x
            for x in (
                f"UNTS {agreement.un_registration_number}"
                + (
                    f" ({_day(agreement.un_registration_date)})"
                    if agreement.un_registration_date
                    else ""
                )
                if agreement.un_registration_number
                else "",
                f"national series {agreement.national_series_number}"
                if agreement.national_series_number
                else "",
            )
            if x
        )
        near = notice_is_near(deadline, today)
        note = f"Notice deadline in {(deadline - today).days} days" if near and deadline else ""
        return AgreementEntry(
            title=agreement.title,
            short_title=agreement.short_title,
            kind=agreement.kind.value.replace("_", " ").capitalize(),
            status=agreement.status.value.replace("_", " ").capitalize(),
            signed=signed,
            in_force=in_force,
            expiry=_day(expiry)
            if expiry
            else ("Indefinite" if binding and not agreement.fixed_term else ""),
            notice_deadline=_day(deadline),
            registration=registration,
            portion_mark=self.scheme.level(agreement.classification).portion_mark,
            classification=agreement.classification,
            note=note,
            notice_near=near,
        )
