"""The demo's commitments: follow-ups of past meetings, some overdue, some due soon, some closed."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from bilatdesk.domain import CommitmentStatus, Engagement, Participant, Side
from bilatdesk.services.engagements.commitment_rows import engagement_day
from bilatdesk.services.engagements.commitments import CommitmentInput, CommitmentService
from bilatdesk.store.database import Database

SEED = 2027
ENGAGEMENTS_PER_COUNTRY = 7
"""Three of them with two commitments: ten per country, forty in all."""

OURS = (
    "Send the draft memorandum of understanding on energy cooperation",
    "Share our position paper on the Human Rights Council candidature",
    "Propose dates for the next round of political consultations",
    "Send the list of candidates for the scholarship programme",
    "Provide the bilateral trade figures for the first three quarters",
    "Reply to the request for consular assistance in the ferry case",
    "Arrange a visit of our trade delegation before the summer",
    "Send the text of the minister's speech on regional security",
    "Confirm our participation in the cultural season",
    "Nominate our expert for the joint working group on transport",
)
THEIRS = (
    "Send comments on the draft agreement on the avoidance of double taxation",
    "Propose dates for the joint economic commission",
    "Confirm the minister's participation in the investment conference",
    "Share the list of priority investment projects",
    "Reply to our note verbale on the visa facilitation arrangement",
    "Nominate a contact point for the energy interconnector",
    "Send the draft programme of the visit",
    "Return the signed copy of the cultural cooperation programme",
    "Clarify the position on the maritime transport agreement",
    "Provide the customs data promised at the joint commission",
)
OUR_UNITS = ("Trade section", "Consular section", "Political section")
THEIR_UNITS = ("Their MFA bilateral desk", "Their protocol department", "Their ministry of economy")
DONE_NOTES = (
    "Sent by note verbale.",
    "Handed over at the follow-up meeting.",
    "Confirmed by e-mail from the desk officer.",
    "Delivered to the minister's office by hand.",
)
DROPPED_NOTES = (
    "Overtaken by the change of government.",
    "No longer needed after the agreement was signed.",
    "Replaced by the joint statement agreed at the summit.",
)


def build_demo_commitments(db: Database, today: date) -> None:
    """About forty commitments on past demo engagements, the same for the same `today`.

    Of every eight: two overdue, two due within a fortnight, one due later, one undated, one
    done and one dropped, with notes saying how; by us and by them, owed by demo people or by
    a section when no one person owes it.
    """
    rng = random.Random(SEED)
    service = CommitmentService(db)
    cutoff = datetime.combine(today - timedelta(days=3), time(0), tzinfo=UTC)
    with db.read() as session:
        past = session.execute(
            select(Engagement.id, Engagement.country_id, Engagement.starts_at, Engagement.time_zone)
            .where(Engagement.starts_at < cutoff)
            .where(Engagement.country_id.is_not(None))
            .order_by(Engagement.id)
        ).all()
        sides: dict[tuple[int, Side], list[int]] = defaultdict(list)
        for engagement_id, person_id, side in session.execute(
            select(Participant.engagement_id, Participant.person_id, Participant.side)
            .where(Participant.person_id.is_not(None))
            .order_by(Participant.engagement_id, Participant.position)
        ):
            sides[(engagement_id, side)].append(person_id)
    by_country: dict[int, list[tuple[int, date]]] = defaultdict(list)
    for engagement_id, country_id, starts_at, zone in past:
        by_country[country_id].append((engagement_id, engagement_day(starts_at, zone)))
    number = 0
    for country_id in sorted(by_country):
        candidates = by_country[country_id]
        chosen = sorted(rng.sample(candidates, min(ENGAGEMENTS_PER_COUNTRY, len(candidates))))
        for position, (engagement_id, made_on) in enumerate(chosen):
            # A meeting often leaves a follow-up on each side: every other one has two.
            for _ in range(2 if position % 2 == 0 and position < 6 else 1):
                _one(
                    service,
                    rng,
                    number=number,
                    engagement_id=engagement_id,
                    made_on=made_on,
                    sides=sides,
                    today=today,
                )
                number += 1


def _one(
    service: CommitmentService,
    rng: random.Random,
    *,
    number: int,
    engagement_id: int,
    made_on: date,
    sides: dict[tuple[int, Side], list[int]],
    today: date,
) -> None:
    side = Side.OURS if rng.random() < 0.55 else Side.THEIRS
    people = sides.get((engagement_id, side), [])
    owner_id = people[0] if people and rng.random() < 0.75 else None
    units = OUR_UNITS if side is Side.OURS else THEIR_UNITS
    kind = number % 8
    row = service.create(
        CommitmentInput(
            engagement_id=engagement_id,
            description=rng.choice(OURS if side is Side.OURS else THEIRS),
            side=side,
            owner_person_id=owner_id,
            owner="" if owner_id is not None else rng.choice(units),
            due_date=_due(kind, made_on, today, rng),
            classification=rng.choice(("U", "U", "U", "R")),
        ),
        today=today,
    )
    if kind in (6, 7):
        span = max((today - made_on).days, 0)
        service.close(
            row.id,
            status=CommitmentStatus.DONE if kind == 6 else CommitmentStatus.DROPPED,
            closed_on=made_on + timedelta(days=rng.randint(0, span)),
            note=rng.choice(DONE_NOTES if kind == 6 else DROPPED_NOTES),
            expected_version=row.version,
            today=today,
        )


def _due(kind: int, made_on: date, today: date, rng: random.Random) -> date | None:
    """A due date fitting the commitment's place in the pattern, never before it was made."""
    if kind in (0, 1):  # overdue
        return max(made_on, today - timedelta(days=rng.randint(1, 45)))
    if kind in (2, 3):  # within a fortnight
        return today + timedelta(days=rng.randint(0, 14))
    if kind == 4:
        return today + timedelta(days=rng.randint(20, 90))
    if kind == 5:
        return None
    return made_on + timedelta(days=rng.randint(7, 30))  # closed ones had a date too
