"""What points at a person, and how each kind of link moves when two people become one.

Every foreign key to `person.id` in the metadata must have a handler here: `unhandled()`
lists those that do not, a test fails on any, and a merge still moves their rows with a plain
re-point (inside the one transaction, so a clash rolls the whole merge back, losing nothing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from bilatdesk.domain import (
    Attachment,
    Commitment,
    ContactPoint,
    Membership,
    MissionClass,
    Participant,
    Relationship,
)
from bilatdesk.domain.base import Base, table_of, utcnow
from bilatdesk.domain.text import fold
from bilatdesk.services.people.duplicates import phone_digits


@dataclass
class Step:
    """What one kind of link will do: sentences for the preview, and the change itself."""

    sentences: list[str] = field(default_factory=list)
    actions: list[Callable[[Session], None]] = field(default_factory=list)
    engagements: set[int] = field(default_factory=set)
    """Engagements whose participants change (their version is bumped, their search text
    refreshed)."""

    def apply(self, session: Session) -> None:
        for action in self.actions:
            action(session)


@dataclass(frozen=True)
class Pair:
    keep_id: int
    other_id: int
    name: str
    """The merged person's name, for the sentences."""


Planner = Callable[[Session, Pair], Step]
_PLANNERS: list[tuple[tuple[str, ...], Planner]] = []


def handles(*columns: str) -> Callable[[Planner], Planner]:
    """Register a planner for the `table.column` references it moves."""

    def register(planner: Planner) -> Planner:
        _PLANNERS.append((columns, planner))
        return planner

    return register


def person_references() -> set[str]:
    """Every `table.column` with a foreign key to person.id, read from the metadata."""
    return {
        f"{table.name}.{fk.parent.name}"
        for table in Base.metadata.tables.values()
        for fk in table.foreign_keys
        if fk.column.table.name == "person" and fk.column.name == "id"
    }


def handled() -> set[str]:
    return {column for columns, _planner in _PLANNERS for column in columns}


def unhandled() -> set[str]:
    """References to a person that no planner here knows (a table added later)."""
    return person_references() - handled()


def plan(session: Session, pair: Pair) -> list[Step]:
    """Every step of a merge, in order; nothing is changed until the steps are applied."""
    steps = [planner(session, pair) for _columns, planner in _PLANNERS]
    steps.extend(_plain_repoint(session, pair, reference) for reference in sorted(unhandled()))
    return steps


# -- helpers ------------------------------------------------------------------------------
def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def verb(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def moved_sentence(moving: int, noun: str, rest: str, twins: int, twin_noun: str) -> str:
    """ "3 posts held move to X (1 identical one is dropped)", or "1 post both held is kept
    once" when all of them were duplicates."""
    if not moving:
        return f"{plural(twins, twin_noun)} {verb(twins, 'is', 'are')} kept once"
    sentence = f"{plural(moving, noun)} {rest.format(verb=verb(moving, 's', ''))}"
    if twins:
        sentence += f" ({plural(twins, 'identical one')} {verb(twins, 'is', 'are')} dropped)"
    return sentence


def _bump(table: Table) -> dict[str, Any]:
    """A record that moved is a record changed: editors holding the old version must reload."""
    values: dict[str, Any] = {}
    if "version" in table.c:
        values["version"] = table.c.version + 1
    if "updated_at" in table.c:
        values["updated_at"] = utcnow()
    return values


def _repoint(table: Table, column: str, ids: list[int], keep_id: int) -> Callable[[Session], None]:
    def run(session: Session) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            session.execute(
                update(table).where(table.c.id.in_(chunk)).values({column: keep_id, **_bump(table)})
            )

    return run


def _update_row(table: Table, row_id: int, values: dict[str, Any]) -> Callable[[Session], None]:
    def run(session: Session) -> None:
        session.execute(update(table).where(table.c.id == row_id).values(values))

    return run


def _delete(table: Table, ids: list[int]) -> Callable[[Session], None]:
    def run(session: Session) -> None:
        for start in range(0, len(ids), 500):
            session.execute(delete(table).where(table.c.id.in_(ids[start : start + 500])))

    return run


# -- the planners -------------------------------------------------------------------------
@handles("membership.person_id")
def _memberships(session: Session, pair: Pair) -> Step:
    """Posts held move; one identical to a post the kept person holds is dropped, its note,
    class and credentials date filling what the kept one lacks."""
    table = table_of(Membership)
    rows = session.execute(
        select(
            Membership.id,
            Membership.person_id,
            Membership.post_id,
            Membership.start_date,
            Membership.end_date,
            Membership.acting,
            Membership.mission_class,
            Membership.credentials_on,
            Membership.note,
        )
        .where(Membership.person_id.in_((pair.keep_id, pair.other_id)))
        .order_by(Membership.id)
    ).all()
    kept = {
        (r.post_id, r.start_date, r.end_date, r.acting): r
        for r in rows
        if r.person_id == pair.keep_id
    }
    move: list[int] = []
    drop: list[int] = []
    step = Step()
    for row in (r for r in rows if r.person_id == pair.other_id):
        twin = kept.get((row.post_id, row.start_date, row.end_date, row.acting))
        if twin is None:
            move.append(row.id)
            continue
        drop.append(row.id)
        fill: dict[str, Any] = {}
        if row.note and row.note != twin.note:
            fill["note"] = f"{twin.note}; {row.note}" if twin.note else row.note
        if twin.mission_class == MissionClass.NONE and row.mission_class != MissionClass.NONE:
            fill["mission_class"] = row.mission_class
        if twin.credentials_on is None and row.credentials_on is not None:
            fill["credentials_on"] = row.credentials_on
        if fill:
            step.actions.append(_update_row(table, twin.id, {**fill, **_bump(table)}))
    if move or drop:
        step.sentences.append(
            moved_sentence(
                len(move), "post", f"held move{{verb}} to {pair.name}", len(drop), "post both held"
            )
        )
    step.actions[:0] = [_delete(table, drop), _repoint(table, "person_id", move, pair.keep_id)]
    return step


@handles("participant.person_id")
def _participations(session: Session, pair: Pair) -> Step:
    """Participations move; where both took part in one engagement one entry stays, the roles
    joined."""
    table = table_of(Participant)
    rows = session.execute(
        select(Participant.id, Participant.person_id, Participant.engagement_id, Participant.role)
        .where(Participant.person_id.in_((pair.keep_id, pair.other_id)))
        .order_by(Participant.position, Participant.id)
    ).all()
    kept: dict[int, Any] = {}
    for row in rows:
        if row.person_id == pair.keep_id:
            kept.setdefault(row.engagement_id, row)
    roles: dict[int, list[str]] = defaultdict(list)
    move: list[int] = []
    drop: list[int] = []
    step = Step()
    shared: set[int] = set()
    for row in (r for r in rows if r.person_id == pair.other_id):
        step.engagements.add(row.engagement_id)
        twin = kept.get(row.engagement_id)
        if twin is None:
            move.append(row.id)
            kept[row.engagement_id] = row  # a second entry of theirs joins this one
            continue
        drop.append(row.id)
        shared.add(row.engagement_id)
        joined = roles.setdefault(twin.id, [twin.role] if twin.role else [])
        if row.role and fold(row.role) not in {fold(r) for r in joined}:
            joined.append(row.role)
    for participant_id, joined in roles.items():
        step.actions.append(_update_row(table, participant_id, {"role": "; ".join(joined)[:300]}))
    if move or drop:
        count = len(move) + len(drop)
        sentence = (
            f"{plural(count, 'participation')} in engagements "
            f"{verb(count, 'moves', 'move')} to {pair.name}"
        )
        if drop:
            sentence += (
                f" (in {plural(len(shared), 'engagement')} both took part: one entry stays, "
                "the roles joined)"
            )
        step.sentences.append(sentence)
    step.actions[:0] = [_delete(table, drop), _repoint(table, "person_id", move, pair.keep_id)]
    return step


def _link_union(
    session: Session, pair: Pair, table: Table, other_key: str
) -> tuple[list[Any], list[Any]]:
    """(ids only the other person has, ids both have) in a (person, X) link table."""
    person = table.c.person_id
    target = table.c[other_key]
    mine = set(session.scalars(select(target).where(person == pair.keep_id)))
    theirs = list(session.scalars(select(target).where(person == pair.other_id).order_by(target)))
    return [t for t in theirs if t not in mine], [t for t in theirs if t in mine]


def _move_links(
    table: Table, other_key: str, pair: Pair, add: list[Any]
) -> Callable[[Session], None]:
    def run(session: Session) -> None:
        if add:
            session.execute(
                insert(table), [{"person_id": pair.keep_id, other_key: value} for value in add]
            )
        session.execute(delete(table).where(table.c.person_id == pair.other_id))

    return run


@handles("person_tag.person_id")
def _tags(session: Session, pair: Pair) -> Step:
    table = Base.metadata.tables["person_tag"]
    add, shared = _link_union(session, pair, table, "tag_id")
    step = Step(actions=[_move_links(table, "tag_id", pair, add)])
    if add or shared:
        if add:
            sentence = (
                f"{plural(len(add), 'tag')} {verb(len(add), 'is', 'are')} added to {pair.name}"
            )
            if shared:
                sentence += f" ({len(shared)} both carried already)"
        else:
            count = len(shared)
            sentence = f"{plural(count, 'tag')} both carried {verb(count, 'is', 'are')} kept once"
        step.sentences.append(sentence)
    return step


@handles("cable_person.person_id")
def _cables(session: Session, pair: Pair) -> Step:
    table = Base.metadata.tables["cable_person"]
    cable = Base.metadata.tables["cable"]
    add, shared = _link_union(session, pair, table, "cable_id")
    step = Step(actions=[_move_links(table, "cable_id", pair, add)])
    if add or shared:
        touched = add + shared
        # The cable's person list changed: an open draft editor must reload, not overwrite.
        step.actions.extend(_update_row(cable, cable_id, _bump(cable)) for cable_id in touched)
        sentence = (
            f"{plural(len(touched), 'cable')} mentioning them now "
            f"{verb(len(touched), 'mentions', 'mention')} {pair.name}"
        )
        if shared:
            sentence += f" ({len(shared)} mentioned both)"
        step.sentences.append(sentence)
    return step


@handles("relationship.subject_person_id", "relationship.object_person_id")
def _relationships(session: Session, pair: Pair) -> Step:
    """Ties move; a tie between the two is dropped, and so is one identical to a kept tie."""
    table = table_of(Relationship)
    both = (pair.keep_id, pair.other_id)
    rows = session.execute(
        select(
            Relationship.id,
            Relationship.type_id,
            Relationship.subject_person_id,
            Relationship.object_person_id,
            Relationship.start_date,
            Relationship.end_date,
        ).where(Relationship.subject_person_id.in_(both) | Relationship.object_person_id.in_(both))
    ).all()

    def merged(person_id: int | None) -> int | None:
        return pair.keep_id if person_id == pair.other_id else person_id

    def signature(row: Any) -> tuple[Any, ...]:
        return (
            row.type_id,
            merged(row.subject_person_id),
            merged(row.object_person_id),
            row.start_date,
            row.end_date,
        )

    kept = {
        signature(r) for r in rows if pair.other_id not in (r.subject_person_id, r.object_person_id)
    }
    between: list[int] = []
    twins: list[int] = []
    subject: list[int] = []
    object_: list[int] = []
    for row in rows:
        if pair.other_id not in (row.subject_person_id, row.object_person_id):
            continue
        if merged(row.subject_person_id) == merged(row.object_person_id):
            between.append(row.id)
        elif signature(row) in kept:
            twins.append(row.id)
        else:
            kept.add(signature(row))
            (subject if row.subject_person_id == pair.other_id else object_).append(row.id)
    step = Step(
        actions=[
            _delete(table, between + twins),
            _repoint(table, "subject_person_id", subject, pair.keep_id),
            _repoint(table, "object_person_id", object_, pair.keep_id),
        ]
    )
    parts = []
    moved = len(subject) + len(object_)
    if moved or twins:
        parts.append(
            moved_sentence(
                moved,
                "relationship",
                f"move{{verb}} to {pair.name}",
                len(twins),
                "relationship both had",
            )
        )
    if between:
        verb = "is" if len(between) == 1 else "are"
        parts.append(f"{plural(len(between), 'relationship')} between the two {verb} dropped")
    if parts:
        step.sentences.append("; ".join(parts))
    return step


@handles("commitment.owner_person_id")
def _commitments(session: Session, pair: Pair) -> Step:
    ids = list(
        session.scalars(select(Commitment.id).where(Commitment.owner_person_id == pair.other_id))
    )
    step = Step(actions=[_repoint(table_of(Commitment), "owner_person_id", ids, pair.keep_id)])
    if ids:
        step.sentences.append(
            f"{plural(len(ids), 'commitment')} they owe now "
            f"{verb(len(ids), 'falls', 'fall')} to {pair.name}"
        )
    return step


def contact_key(kind: str, value: str) -> tuple[str, str]:
    """Two contact details are the same when their folded text (a phone: its digits) is."""
    if kind == "phone":
        digits = phone_digits(value)
        if digits:
            return kind, digits
    return kind, " ".join(fold(value).split())


@handles("contact_point.person_id")
def _contacts(session: Session, pair: Pair) -> Step:
    table = table_of(ContactPoint)
    rows = session.execute(
        select(
            ContactPoint.id,
            ContactPoint.person_id,
            ContactPoint.kind,
            ContactPoint.value,
            ContactPoint.position,
        )
        .where(ContactPoint.person_id.in_((pair.keep_id, pair.other_id)))
        .order_by(ContactPoint.position, ContactPoint.id)
    ).all()
    kept = {contact_key(r.kind, r.value) for r in rows if r.person_id == pair.keep_id}
    last = max((r.position for r in rows if r.person_id == pair.keep_id), default=-1)
    move: list[tuple[int, int]] = []
    drop: list[int] = []
    for row in (r for r in rows if r.person_id == pair.other_id):
        key = contact_key(row.kind, row.value)
        if key in kept:
            drop.append(row.id)
        else:
            kept.add(key)
            last += 1
            move.append((row.id, last))

    def run(s: Session) -> None:
        for contact_id, position in move:
            s.execute(
                update(table)
                .where(table.c.id == contact_id)
                .values(person_id=pair.keep_id, position=position)
            )

    step = Step(actions=[_delete(table, drop), run])
    if move or drop:
        if move:
            sentence = (
                f"{plural(len(move), 'contact detail')} (e-mail, phone, address) "
                f"{verb(len(move), 'is', 'are')} added to {pair.name}"
            )
            if drop:
                sentence += f" ({plural(len(drop), 'duplicate')} dropped)"
        else:
            sentence = (
                f"{plural(len(drop), 'contact detail')} both had "
                f"{verb(len(drop), 'is', 'are')} kept once"
            )
        step.sentences.append(sentence)
    return step


@handles()
def _attachments(session: Session, pair: Pair) -> Step:
    """Files attached to the person (by table and id, not a foreign key)."""
    ids = list(
        session.scalars(
            select(Attachment.id).where(
                Attachment.owner_table == "person", Attachment.owner_id == pair.other_id
            )
        )
    )
    step = Step(actions=[_repoint(table_of(Attachment), "owner_id", ids, pair.keep_id)])
    if ids:
        step.sentences.append(
            f"{plural(len(ids), 'attached file')} {verb(len(ids), 'moves', 'move')} to {pair.name}"
        )
    return step


def _plain_repoint(session: Session, pair: Pair, reference: str) -> Step:
    """A reference no planner knows yet: its rows move as they are."""
    table_name, column = reference.split(".")
    table = Base.metadata.tables[table_name]
    count = (
        session.scalar(
            select(func.count()).select_from(table).where(table.c[column] == pair.other_id)
        )
        or 0
    )

    def run(s: Session) -> None:
        s.execute(
            update(table).where(table.c[column] == pair.other_id).values({column: pair.keep_id})
        )

    step = Step(actions=[run])
    if count:
        step.sentences.append(
            f"{plural(count, 'record')} in {table_name} {verb(count, 'moves', 'move')} "
            f"to {pair.name}"
        )
    return step
