"""What a dispatched cable names stays: its meeting, people, tags and country cannot be deleted.

The database refuses such a deletion too (migration 0006), but with a trigger's words; the
services ask here first, so the clerk reads a sentence naming the cable, and the delete
confirmation learns it before asking.

Merging people: a merge deletes the person merged away and re-points their links. The database
cannot tell a merge from tampering, so a dispatched cable's named people never change; a merge
that would take away a person a dispatched cable names is refused here with a sentence (merging
the other way round keeps that person, so it is allowed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from bilatdesk.domain import Cable, CableStatus
from bilatdesk.domain.cable import cable_person, cable_tag
from bilatdesk.services.kernel.errors import ServiceError

# For each kind of record a cable can name: (the noun, the verb for one cable, for several).
_WORDS = {
    "engagement": ("meeting", "reports", "report"),
    "person": ("person", "names", "name"),
    "tag": ("tag", "carries", "carry"),
    "country": ("country", "is filed under", "are filed under"),
}
_SHOWN = 3


class NamedByCableError(ServiceError):
    """A record that a cable names cannot be deleted (or merged away)."""


def _cables_naming(kind: str, record_id: int) -> Select[Any]:
    statement = select(Cable.serial, Cable.subject, Cable.status)
    condition: ColumnElement[bool]
    if kind == "engagement":
        condition = Cable.engagement_id == record_id
    elif kind == "country":
        condition = Cable.country_id == record_id
    else:
        link = cable_person if kind == "person" else cable_tag
        statement = statement.join(link, link.c.cable_id == Cable.id)
        condition = link.c[f"{kind}_id"] == record_id
    return statement.where(condition).order_by(Cable.serial_year, Cable.serial_number, Cable.id)


def dispatched_naming(session: Session, kind: str, record_id: int) -> list[str]:
    """Serials of the dispatched cables that name the record, oldest first."""
    rows = session.execute(_cables_naming(kind, record_id)).all()
    return [row.serial for row in rows if row.status is CableStatus.DISPATCHED]


def open_naming(session: Session, kind: str, record_id: int) -> list[str]:
    """Subjects of the cables not yet dispatched that name the record."""
    rows = session.execute(_cables_naming(kind, record_id)).all()
    return [
        row.subject or "(no subject)" for row in rows if row.status is not CableStatus.DISPATCHED
    ]


def _listed(items: Sequence[str]) -> str:
    shown = list(items[:_SHOWN])
    if len(items) > _SHOWN:
        shown.append(f"{len(items) - _SHOWN} more")
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def cable_drafts(subjects: Sequence[str]) -> str:
    """ "the cable draft “X”", "the cable drafts “X” and “Y”", for a delete confirmation."""
    quoted = _listed([f"“{subject}”" for subject in subjects])
    return f"the cable draft{'s' if len(subjects) > 1 else ''} {quoted}"


def frozen_sentence(kind: str, serials: Sequence[str], outcome: str = "deleted") -> str:
    """ "VIE 2026/017 reports this meeting; a dispatched cable never changes, so the meeting
    cannot be deleted." """
    noun, one, many = _WORDS[kind]
    if len(serials) == 1:
        return (
            f"{serials[0]} {one} this {noun}; a dispatched cable never changes, "
            f"so the {noun} cannot be {outcome}."
        )
    return (
        f"{_listed(serials)} {many} this {noun}; dispatched cables never change, "
        f"so the {noun} cannot be {outcome}."
    )


def refuse_deleting(session: Session, kind: str, record_id: int) -> None:
    """Raise NamedByCableError when a dispatched cable names the record.

    A country keeps every cable filed under it (the reference restricts), so open cables
    refuse its deletion too, each named by subject.
    """
    serials = dispatched_naming(session, kind, record_id)
    if serials:
        raise NamedByCableError(frozen_sentence(kind, serials))
    if kind == "country":
        subjects = open_naming(session, kind, record_id)
        if subjects:
            one = len(subjects) == 1
            it, verb = ("it", "is") if one else ("them", "are")
            raise NamedByCableError(
                f"T{cable_drafts(subjects)[1:]} {verb} filed under this country; "
                f"file {it} under another country or delete {it} first."
            )


def refuse_merging_away(session: Session, person_id: int, name: str, keep_name: str) -> None:
    """A person that a dispatched cable names is never merged away (see the module's note)."""
    serials = dispatched_naming(session, "person", person_id)
    if not serials:
        return
    cables = serials[0] if len(serials) == 1 else _listed(serials)
    names, never = ("names", "a dispatched cable never changes")
    if len(serials) > 1:
        names, never = ("name", "dispatched cables never change")
    raise NamedByCableError(
        f"{cables} {names} {name}; {never}, so {name} cannot be merged into {keep_name}. "
        f"Merge the other way round: keep {name}."
    )
