"""Who may be asked to clear a cable: the named people of our side, as the register knows them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import Person
from bilatdesk.domain.engagement import Participant
from bilatdesk.domain.enums import Side
from bilatdesk.domain.person import PERSON_NAME_COLUMNS, person_name
from bilatdesk.services.kernel.errors import ValidationError


@dataclass(frozen=True)
class Clearer:
    """A person of our side who can be named as a clearer."""

    person_id: int
    name: str


def our_side_people(session: Session) -> list[Clearer]:
    """Every person recorded on our side of an engagement, by name.

    The register keeps no "staff" flag; whoever sat on our side of the table is one of ours.
    """
    ours = select(Participant.person_id).where(
        Participant.side == Side.OURS, Participant.person_id.is_not(None)
    )
    rows = session.execute(
        select(Person.id, *PERSON_NAME_COLUMNS)
        .where(Person.id.in_(ours))
        .order_by(Person.sort_name, Person.id)
    )
    return [Clearer(row.id, person_name(row)) for row in rows]


def clearer_names(session: Session, person_ids: Sequence[int], names: Sequence[str]) -> list[str]:
    """The names of the clearers asked for, people of our side first; refused if one is not."""
    known = {c.person_id: c.name for c in our_side_people(session)} if person_ids else {}
    missing = [i for i in person_ids if i not in known]
    if missing:
        raise ValidationError(
            {"clearers": "Clearers are people of our side; pick them from the list."}
        )
    chosen = [known[i] for i in person_ids] + [n.strip()[:200] for n in names if n.strip()]
    return list(dict.fromkeys(chosen))  # one row per clearer, in the order given
