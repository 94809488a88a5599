"""The people parts of a brief: biographies, last meetings, and who holds the key posts."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from PIL import Image as PILImage
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import (
    ClassificationScheme,
    Engagement,
    Membership,
    Organisation,
    Participant,
    Person,
    Post,
)
from bilatdesk.domain.marking import marked
from bilatdesk.reports.brief.records import Biography, Labelled
from bilatdesk.services.people.protocol import protocol_of
from bilatdesk.services.visits.brief.wording import language_names

# Posts the key facts name, found by the words in their titles.
KEY_POSTS = (
    ("Head of state", ("president", "king", "queen", "head of state", "emir", "monarch")),
    ("Head of government", ("prime minister", "chancellor", "head of government", "premier")),
    (
        "Foreign minister",
        (
            "minister of foreign affairs",
            "foreign minister",
            "minister for foreign affairs",
            "minister for european and international affairs",
        ),
    ),
)


def day(value: date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


def span(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{day(start)} – {day(end)}"
    if start:
        return f"since {day(start)}"
    return f"until {day(end)}" if end else ""


def previous_meetings(
    session: Session, person_id: int, before: date, limit: int = 5
) -> list[Engagement]:
    """The latest engagements with a person before a day, newest first."""
    return list(
        session.scalars(
            select(Engagement)
            .join(Participant, Participant.engagement_id == Engagement.id)
            .where(Participant.person_id == person_id)
            .where(Engagement.starts_at < datetime.combine(before, time(0), tzinfo=UTC))
            .order_by(Engagement.starts_at.desc(), Engagement.id.desc())
            .limit(limit)
        )
    )


def biography(
    session: Session,
    person: Person,
    on: date,
    scheme: ClassificationScheme,
    *,
    before: date | None = None,
) -> Biography:
    """The person's biography: posts as held `on` (the visit), contacts `before` (the brief's
    own date; `on` when not given)."""
    memberships = sorted(person.memberships, key=lambda m: m.start_date or date.min)
    current = [m for m in memberships if m.is_current(on)]
    history = tuple(
        f"{span(m.start_date, m.end_date)}: {m.post.title}"
        + (f", {m.post.organisation.name}" if m.post.organisation else "")
        + (" (acting)" if m.acting else "")
        for m in reversed(memberships)
    )
    contacts = tuple(
        marked(scheme, e.classification, f"{day(e.starts_at.date())}: {e.title}")
        for e in previous_meetings(session, person.id, before or on)
    )
    # How to address them in person and open a letter: the protocol block in use that day.
    block = protocol_of(person, on)
    address = "; ".join(
        part
        for part in (
            block.form_of_address,
            f"in writing “{block.salutation}”" if block.salutation else "",
        )
        if part
    ) or " ".join(part for part in (person.honorific, person.display_name) if part)
    source = ", ".join(
        x
        for x in (
            person.biography_source,
            f"as of {day(person.biography_as_of)}" if person.biography_as_of else "",
        )
        if x
    )
    return Biography(
        name=person.display_name,
        original_script=person.name_original,
        pronunciation=person.pronunciation,
        form_of_address=address,
        current_post="; ".join(
            m.post.title + (f", {m.post.organisation.name}" if m.post.organisation else "")
            for m in current
        ),
        post_history=history,
        languages=language_names(person.languages),
        previous_contacts=contacts,
        biography=person.biography,
        source=source,
        photo=person.photo,
        portion_mark=scheme.level(person.classification).portion_mark,
        classification=person.classification,
    )


def load_people(session: Session, ids: list[int]) -> list[Person]:
    return list(
        session.scalars(
            select(Person)
            .where(Person.id.in_(ids))
            .options(
                selectinload(Person.memberships)
                .selectinload(Membership.post)
                .selectinload(Post.organisation)
            )
        )
    )


def key_holders(
    session: Session, country_id: int, on: date, scheme: ClassificationScheme
) -> tuple[list[Labelled], list[str]]:
    """Head of state, head of government and foreign minister on a day, from memberships;
    with the labels of the posts no one is recorded holding."""
    found: list[Labelled] = []
    missing: list[str] = []
    # A post belongs to the country through its organisation, or through its holder when
    # the clerk recorded the title without one.
    rows = session.execute(
        select(Post.title, Person, Membership)
        .outerjoin(Organisation, Organisation.id == Post.organisation_id)
        .join(Membership, Membership.post_id == Post.id)
        .join(Person, Person.id == Membership.person_id)
        .where((Organisation.country_id == country_id) | (Person.country_id == country_id))
        .order_by(Membership.start_date.desc())
    ).all()
    for label, words in KEY_POSTS:
        holders = [
            (title, person, m)
            for title, person, m in rows
            if any(w in title.casefold() for w in words) and m.is_current(on)
        ]
        if not holders:
            missing.append(label)
            continue
        title, person, membership = holders[0]
        found.append(
            Labelled(
                label,
                f"{person.display_name}, {title} "
                f"({span(membership.start_date, None)})"
                + (" (acting)" if membership.acting else ""),
                person.classification,
                scheme.level(person.classification).portion_mark,
            )
        )
    return found, missing


# A photo prints at most 30 mm wide; under ~150 dpi at that size it looks soft on paper.
_SHARP_PX = 180


def photo_notices(people: Sequence[Biography]) -> tuple[str, ...]:
    """A warning for each photo too small to print sharply (or not readable at all)."""
    notices = []
    for person in people:
        if person.photo is None:
            continue
        try:
            with PILImage.open(io.BytesIO(person.photo)) as image:
                width, height = image.size
        except (OSError, ValueError, SyntaxError, EOFError, PILImage.DecompressionBombError):
            notices.append(f"The photo of {person.name} could not be read; none is printed.")
            continue
        if min(width, height) < _SHARP_PX:
            notices.append(
                f"The photo of {person.name} is {width} × {height} pixels, too small to print "
                "sharply; a larger one would look better."
            )
    return tuple(notices)
