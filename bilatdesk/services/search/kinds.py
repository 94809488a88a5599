"""Each kind of record as global search reads it: its table, title, detail, date and scope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bilatdesk.domain import (
    Agreement,
    Attachment,
    Cable,
    Commitment,
    Engagement,
    Organisation,
    Person,
    Visit,
)
from bilatdesk.domain.person import PERSON_NAME_COLUMNS, person_name
from bilatdesk.domain.text import fold, search_terms
from bilatdesk.services.people.service import current_posts

Row = Any


@dataclass(frozen=True)
class Kind:
    """How to select one kind's rows: `statement` yields id, uid, when, classification and the
    columns `title` and `detail` read; `country` and `tagged` say how to scope it; `more` reads
    what the detail adds for the hits shown only; `dated` says whether `when` is worth showing
    (an engagement's day is; the day a person's record was last saved is only an order)."""

    name: str
    statement: Callable[[], Select[Any]]
    when: ColumnElement[Any] | InstrumentedAttribute[Any]
    country: ColumnElement[Any] | InstrumentedAttribute[Any] | None
    title: Callable[[Row], str]
    detail: Callable[[Row], str]
    indexed: bool = True  # has search_text under a full-text index
    tagged: bool = False
    classified: bool = True
    more: Callable[[Session, list[int]], dict[int, str]] | None = None
    dated: bool = True


def _join(*parts: object) -> str:
    return " · ".join(str(part) for part in parts if part)


def _person() -> Select[Any]:
    return select(
        Person.id,
        Person.uid,
        Person.updated_at.label("when"),
        Person.classification,
        *PERSON_NAME_COLUMNS,
        Person.honorific,
    )


def _posts_now(session: Session, ids: list[int]) -> dict[int, str]:
    """The posts each person holds today: why "minister" found them, at a glance."""
    return {
        person: "; ".join(titles)
        for person, titles in current_posts(session, ids, date.today()).items()
    }


def _organisation() -> Select[Any]:
    return select(
        Organisation.id,
        Organisation.uid,
        Organisation.updated_at.label("when"),
        literal("U").label("classification"),
        Organisation.name,
        Organisation.abbreviation,
        Organisation.other_names,
    )


def _engagement() -> Select[Any]:
    return select(
        Engagement.id,
        Engagement.uid,
        Engagement.starts_at.label("when"),
        Engagement.classification,
        Engagement.title,
        Engagement.place,
        Engagement.agenda,
        Engagement.outcome,
    )


def _commitment() -> Select[Any]:
    return select(
        Commitment.id,
        Commitment.uid,
        Commitment.created_at.label("when"),
        Commitment.classification,
        Commitment.description,
        Commitment.owner,
        Commitment.closing_note,
    ).join(Engagement, Engagement.id == Commitment.engagement_id)


def _cable() -> Select[Any]:
    return select(
        Cable.id,
        Cable.uid,
        Cable.created_at.label("when"),
        Cable.classification,
        Cable.serial,
        Cable.subject,
    )


def _agreement() -> Select[Any]:
    return select(
        Agreement.id,
        Agreement.uid,
        Agreement.created_at.label("when"),
        Agreement.classification,
        Agreement.title,
        Agreement.short_title,
        Agreement.other_titles,
        Agreement.un_registration_number,
    )


def _visit() -> Select[Any]:
    return select(
        Visit.id,
        Visit.uid,
        Visit.starts_on.label("when"),
        Visit.classification,
        Visit.principal,
        Visit.purpose,
        Visit.delegation,
    )


def _attachment() -> Select[Any]:
    return select(
        Attachment.id,
        Attachment.uid,
        Attachment.added_at.label("when"),
        Attachment.classification,
        Attachment.file_name,
        Attachment.description,
        Attachment.owner_table,
        Attachment.owner_id,
    ).outerjoin(
        Agreement,
        and_(Attachment.owner_table == "agreement", Agreement.id == Attachment.owner_id),
    )


KIND_SPECS: dict[str, Kind] = {
    "person": Kind(
        "person",
        _person,
        Person.updated_at,
        Person.country_id,
        person_name,
        lambda r: _join(r.honorific, r.other_names),
        tagged=True,
        more=_posts_now,
        dated=False,
    ),
    "organisation": Kind(
        "organisation",
        _organisation,
        Organisation.updated_at,
        Organisation.country_id,
        lambda r: r.name,
        lambda r: _join(r.abbreviation, r.other_names),
        tagged=True,
        classified=False,
        dated=False,
    ),
    "engagement": Kind(
        "engagement",
        _engagement,
        Engagement.starts_at,
        Engagement.country_id,
        lambda r: r.title,
        lambda r: _join(r.place, r.agenda, r.outcome),
        tagged=True,
    ),
    "commitment": Kind(
        "commitment",
        _commitment,
        Commitment.created_at,
        Engagement.country_id,
        lambda r: r.description,
        lambda r: _join(r.owner, r.closing_note),
    ),
    "cable": Kind(
        "cable",
        _cable,
        Cable.created_at,
        Cable.country_id,
        lambda r: _join(r.serial, r.subject),
        lambda r: "",
        tagged=True,
    ),
    "agreement": Kind(
        "agreement",
        _agreement,
        Agreement.created_at,
        Agreement.country_id,
        lambda r: r.title,
        lambda r: _join(r.short_title, r.other_titles, r.un_registration_number),
        tagged=True,
    ),
    "visit": Kind(
        "visit",
        _visit,
        Visit.starts_on,
        Visit.country_id,
        lambda r: r.principal,
        lambda r: _join(r.purpose, r.delegation),
    ),
    "attachment": Kind(
        "attachment",
        _attachment,
        Attachment.added_at,
        Agreement.country_id,
        lambda r: r.file_name,
        lambda r: r.description,
        indexed=False,
    ),
}


def attachment_clause(query: str) -> ColumnElement[bool] | None:
    """Attachments keep no search text: their names are few and short, so test them as typed
    (every term inside the lower-cased name; the name is folded again when shown)."""
    found = search_terms(fold(query))
    if not found:
        return None
    name = func.lower(Attachment.file_name)
    return and_(
        *(
            or_(name.contains("".join(term), autoescape=True), name.contains(" ".join(term)))
            for term in found
        )
    )
