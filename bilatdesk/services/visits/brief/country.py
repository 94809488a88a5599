"""The brief's country parts: key facts from the records, and the state of relations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import Cable, CableStatus, ClassificationScheme, Visit
from bilatdesk.domain.enums import relation_status_label
from bilatdesk.domain.marking import marked
from bilatdesk.reports.brief.records import Labelled, Section
from bilatdesk.services.visits.brief.people import day, key_holders
from bilatdesk.services.visits.brief.wording import accreditation, since


def key_facts(session: Session, visit: Visit, scheme: ClassificationScheme) -> Section:
    """What the records hold about the country; what they lack in one quiet line."""
    country = visit.country
    holders, lacking = key_holders(session, country.id, visit.starts_on, scheme)
    items = [Labelled("Country", country.official_name or country.name)]
    items.extend(holders)
    if country.capital:
        items.append(Labelled("Capital", country.capital))
    else:
        lacking.append("Capital")
    if country.national_day_month and country.national_day_day:
        national = date(2024, country.national_day_month, country.national_day_day)
        items.append(Labelled("National day", f"{national.day} {national:%B}"))
    missing: tuple[str, ...] = ()
    if lacking:  # one quiet line ("Not available: head of state, capital."), not one each
        missing = (", ".join(name.lower() for name in lacking) + ".",)
    return Section("Key facts", tuple(items), missing)


def relations(session: Session, visit: Visit, scheme: ClassificationScheme) -> Section:
    """Relations, accreditation, history, other visits and recent reporting, said plainly."""
    country = visit.country
    items: list[Labelled] = []
    current = country.status_on(visit.starts_on)
    if current is not None:
        status = relation_status_label(current.status).lower()
        items.append(Labelled("Relations", f"{status} since {since(current.from_date)}"))
    established = country.relations_since
    if established and (current is None or current.from_date != established):
        items.append(Labelled("Diplomatic relations", f"since {since(established)}"))
    items.append(Labelled("Accreditation", accreditation(country)))
    if country.credentials_presented_on:
        items.append(Labelled("Credentials presented", day(country.credentials_presented_on)))
    if len(country.statuses) > 1:
        history = "\n".join(
            f"{since(s.from_date)}: {relation_status_label(s.status).lower()}"
            + (f". {s.reason}" if s.reason else "")
            for s in sorted(country.statuses, key=lambda s: s.from_date)
        )
        items.append(Labelled("History of relations", history))
    other_visits = session.scalars(
        select(Visit)
        .where(Visit.country_id == country.id, Visit.id != visit.id)
        .order_by(Visit.starts_on.desc())
        .limit(5)
    ).all()
    if other_visits:
        lines = tuple(
            marked(scheme, v.classification, f"{day(v.starts_on)}: {v.principal}")
            for v in other_visits
        )
        items.append(Labelled("Other visits", "", lines=lines))
    cables = session.scalars(
        select(Cable)
        .where(Cable.country_id == country.id, Cable.status == CableStatus.DISPATCHED)
        .order_by(Cable.dispatched_at.desc())
        .limit(5)
    ).all()
    missing: tuple[str, ...] = ()
    if cables:
        lines = tuple(
            marked(scheme, c.classification, f"{c.serial} ({c.dtg}): {c.subject}") for c in cables
        )
        items.append(Labelled("Recent reporting", "", lines=lines))
    else:
        missing = ("Recent reporting: no dispatched cables on this country.",)
    return Section("State of relations", tuple(items), missing)
