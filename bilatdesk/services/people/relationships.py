"""Typed, dated ties between two people or two organisations, each read from either side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import QueryableAttribute, Session

from bilatdesk.domain import Organisation, Person, Relationship, RelationshipScope, RelationshipType
from bilatdesk.domain.text import fold
from bilatdesk.services.kernel.errors import NotFoundError, ValidationError, require_version
from bilatdesk.services.kernel.validation import Checker
from bilatdesk.store.database import Database
from bilatdesk.store.errors import RefusedByDatabaseError

# The vocabulary a new database starts with: (name, forward label, reverse label).
DEFAULT_TYPES: dict[RelationshipScope, tuple[tuple[str, str, str], ...]] = {
    RelationshipScope.PEOPLE: (
        ("adviser", "adviser to", "advised by"),
        ("spouse", "spouse of", "spouse of"),
        ("deputy", "deputy to", "has as deputy"),
        ("reports", "reports to", "supervises"),
        ("relative", "relative of", "relative of"),
        ("colleague", "former colleague of", "former colleague of"),
    ),
    RelationshipScope.ORGANISATIONS: (
        ("partner", "partner of", "partner of"),
        ("subsidiary", "subsidiary of", "parent company of"),
        ("funding", "funds", "funded by"),
        ("member", "member of", "has as member"),
    ),
}

_WHAT = {RelationshipScope.PEOPLE: "people", RelationshipScope.ORGANISATIONS: "organisations"}
UNSAVED = 0
"""Stands for the record of a form not saved yet (ids start at 1) in a preview."""


@dataclass(frozen=True)
class RelationshipTypeRow:
    id: int
    name: str
    forward_label: str
    reverse_label: str
    scope: RelationshipScope


@dataclass(frozen=True)
class RelationshipInput:
    """Subject —type→ object: ids of people or of organisations, as the type's scope says.

    `scope`, when given, is what the caller means to link; a type of another scope is refused.
    """

    type_id: int
    subject_id: int
    object_id: int
    start_date: date | None = None
    end_date: date | None = None
    note: str = ""
    scope: RelationshipScope | None = None


@dataclass(frozen=True)
class TieDraft:
    """A relationship as a record's form edits it, written with the record on its Save.

    Read from the record's side: `outgoing` when the record is the subject. `id` None is a
    new one; otherwise `version` is the one the form read, so a change made elsewhere
    meanwhile is caught. `removed` deletes a stored one.
    """

    type_id: int
    other_id: int
    outgoing: bool = True
    start_date: date | None = None
    end_date: date | None = None
    note: str = ""
    id: int | None = None
    version: int | None = None
    removed: bool = False

    def as_input(self, record_id: int, scope: RelationshipScope) -> RelationshipInput:
        subject, obj = (record_id, self.other_id) if self.outgoing else (self.other_id, record_id)
        return RelationshipInput(
            self.type_id, subject, obj, self.start_date, self.end_date, self.note, scope=scope
        )


@dataclass(frozen=True)
class RelationshipView:
    """A relationship seen from one record: the label of its side and the other record."""

    id: int
    version: int
    type_id: int
    label: str
    other_id: int
    other_name: str
    start_date: date | None
    end_date: date | None
    note: str
    current: bool
    outgoing: bool


class RelationshipService:
    def __init__(self, database: Database) -> None:
        self.db = database

    # -- vocabulary -------------------------------------------------------------------------
    def types(self, scope: RelationshipScope) -> list[RelationshipTypeRow]:
        """The types of one scope by name; a database without any first gets the defaults."""
        with self.db.read() as session:
            empty = not session.scalar(select(func.count()).select_from(RelationshipType))
        if empty:
            self._seed_defaults()
        with self.db.read() as session:
            statement = (
                select(RelationshipType)
                .where(RelationshipType.scope == scope)
                .order_by(RelationshipType.name, RelationshipType.id)
            )
            return [_type_row(t) for t in session.scalars(statement)]

    def add_type(
        self, name: str, forward: str, reverse: str, scope: RelationshipScope
    ) -> RelationshipTypeRow:
        """A new type; an empty reverse label makes it read the same both ways ("spouse of")."""
        check = Checker()
        clean_name = check.text("name", "Name", name, required=True, max_length=100)
        forward_label = check.text("forward_label", "Label", forward, required=True, max_length=100)
        reverse_label = check.text("reverse_label", "Reverse label", reverse, max_length=100)
        with self.db.session() as session:
            for other in session.scalars(select(RelationshipType.name)):
                if clean_name and fold(other) == fold(clean_name):
                    check.fail("name", f"The relationship type '{other}' already exists.")
            check.raise_if_any()
            kind = RelationshipType(
                name=clean_name,
                forward_label=forward_label,
                reverse_label=reverse_label or forward_label,
                scope=RelationshipScope(scope),
            )
            session.add(kind)
            session.flush()
            return _type_row(kind)

    # -- reading ----------------------------------------------------------------------------
    def for_person(self, person_id: int, on: date | None = None) -> list[RelationshipView]:
        """A person's relationships; with `on`, only those in force that day."""
        return self._for(RelationshipScope.PEOPLE, person_id, on)

    def for_organisation(
        self, organisation_id: int, on: date | None = None
    ) -> list[RelationshipView]:
        """An organisation's relationships; with `on`, only those in force that day."""
        return self._for(RelationshipScope.ORGANISATIONS, organisation_id, on)

    def get(self, relationship_id: int, *, today: date | None = None) -> RelationshipView:
        """One relationship, seen from its subject."""
        with self.db.read() as session:
            tie = _load(session, relationship_id)
            return _view(session, tie, _subject(tie), today or date.today())

    def preview(
        self,
        scope: RelationshipScope,
        record_id: int | None,
        draft: TieDraft,
        *,
        today: date | None = None,
    ) -> RelationshipView:
        """How a tie not written yet reads from its record (None: not saved yet either),
        checked as the record's Save will check it: ValidationError when refused.

        The view keeps the draft's id and version (0 for a new one).
        """
        data = draft.as_input(UNSAVED if record_id is None else record_id, scope)
        with self.db.read() as session:
            tie = Relationship()
            self._apply(session, tie, data, unsaved=record_id is None)
            day = today or date.today()
            kind = session.get(RelationshipType, tie.type_id)
            assert kind is not None  # _apply refused a missing one
            return RelationshipView(
                id=draft.id or 0,
                version=draft.version or 0,
                type_id=kind.id,
                label=kind.forward_label if draft.outgoing else kind.reverse_label,
                other_id=draft.other_id,
                other_name=_name(session, kind.scope is RelationshipScope.PEOPLE, draft.other_id),
                start_date=tie.start_date,
                end_date=tie.end_date,
                note=tie.note,
                current=tie.is_current(day),
                outgoing=draft.outgoing,
            )

    # -- writing ----------------------------------------------------------------------------
    def create(self, data: RelationshipInput) -> RelationshipView:
        with self.db.session() as session:
            tie = Relationship()
            self._apply(session, tie, data)
            session.add(tie)
            session.flush()
            return _view(session, tie, data.subject_id, date.today())

    def update(
        self, relationship_id: int, data: RelationshipInput, expected_version: int
    ) -> RelationshipView:
        with self.db.session() as session:
            tie = _load(session, relationship_id)
            require_version(tie.version, expected_version, "The relationship")
            self._apply(session, tie, data)
            session.flush()
            return _view(session, tie, data.subject_id, date.today())

    def delete(self, relationship_id: int, expected_version: int) -> None:
        with self.db.session() as session:
            tie = _load(session, relationship_id)
            require_version(tie.version, expected_version, "The relationship")
            session.delete(tie)

    # -- inside -----------------------------------------------------------------------------
    def _seed_defaults(self) -> None:
        try:
            with self.db.session() as session:
                # Checked again inside the write transaction: another window may have seeded.
                if session.scalar(select(func.count()).select_from(RelationshipType)):
                    return
                for scope, rows in DEFAULT_TYPES.items():
                    for name, forward, reverse in rows:
                        session.add(
                            RelationshipType(
                                name=name, forward_label=forward, reverse_label=reverse, scope=scope
                            )
                        )
        except RefusedByDatabaseError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
            # PostgreSQL: a concurrent seeding won the race; its types serve as well as ours.
            return

    def _for(
        self, scope: RelationshipScope, record_id: int, on: date | None
    ) -> list[RelationshipView]:
        subject, obj = _columns(scope)
        with self.db.read() as session:
            model = Person if scope is RelationshipScope.PEOPLE else Organisation
            if session.get(model, record_id) is None:
                raise NotFoundError(
                    f"That {'person' if model is Person else 'organisation'} no longer exists; "
                    "it may have been deleted."
                )
            statement = select(Relationship).where(or_(subject == record_id, obj == record_id))
            if on is not None:
                statement = statement.where(
                    or_(Relationship.start_date.is_(None), Relationship.start_date <= on),
                    or_(Relationship.end_date.is_(None), Relationship.end_date >= on),
                )
            ties = list(session.scalars(statement))
            day = on or date.today()
            views = [_view(session, tie, record_id, day) for tie in ties]
        # Ties in force first, then by what they say and with whom.
        views.sort(key=lambda v: (not v.current, fold(v.label), fold(v.other_name), v.id))
        return views

    @staticmethod
    def _apply(
        session: Session, tie: Relationship, data: RelationshipInput, *, unsaved: bool = False
    ) -> None:
        """Check `data` and set it on `tie`; `unsaved`: the UNSAVED side is not looked up."""
        check = Checker()
        note = check.text("note", "Note", data.note)
        check.date_order("end_date", data.start_date, data.end_date, "The relationship")
        kind = session.get(RelationshipType, data.type_id)
        if kind is None:
            check.fail("type_id", "That kind of relationship no longer exists.")
            check.raise_if_any()
        assert kind is not None
        wanted = None if data.scope is None else RelationshipScope(data.scope)
        if wanted is not None and wanted is not kind.scope:
            check.fail(
                "type_id",
                f"'{kind.name}' links {_WHAT[kind.scope]}, not {_WHAT[wanted]}; "
                "choose another kind of relationship.",
            )
            check.raise_if_any()
        model = Person if kind.scope is RelationshipScope.PEOPLE else Organisation
        noun = "person" if model is Person else "organisation"
        skipped = UNSAVED if unsaved else None
        if data.subject_id != skipped and session.get(model, data.subject_id) is None:
            check.fail("subject_id", f"That {noun} no longer exists.")
        if data.object_id != skipped and session.get(model, data.object_id) is None:
            check.fail("object_id", f"The other {noun} no longer exists.")
        if data.subject_id == data.object_id:
            check.fail("object_id", f"A relationship links two different {_WHAT[kind.scope]}.")
        check.raise_if_any()
        tie.type_id = kind.id
        people = kind.scope is RelationshipScope.PEOPLE
        # A tie changing scope (its type edited to another) keeps only the columns it uses.
        tie.subject_person_id = data.subject_id if people else None
        tie.object_person_id = data.object_id if people else None
        tie.subject_organisation_id = None if people else data.subject_id
        tie.object_organisation_id = None if people else data.object_id
        tie.start_date = data.start_date
        tie.end_date = data.end_date
        tie.note = note


def write_ties(
    session: Session, scope: RelationshipScope, record_id: int, drafts: Sequence[TieDraft]
) -> None:
    """Write a record's pending ties in the record's own transaction (the record flushed).

    Each is checked as RelationshipService checks one; the problems of all are gathered under
    "relationships", each naming its tie as the form shows it, and nothing is written.
    """
    subject, obj = _columns(scope)
    problems: list[str] = []
    for draft in drafts:
        if draft.id is not None:
            tie = session.get(Relationship, draft.id)
            ends = () if tie is None else (getattr(tie, subject.key), getattr(tie, obj.key))
            if tie is None or record_id not in ends:
                if not draft.removed:
                    problems.append(
                        f"{_named(session, draft)} no longer exists; it may have been deleted "
                        "meanwhile. Close the form and open it again."
                    )
                continue
            require_version(tie.version, draft.version or 0, "The relationship")
            if draft.removed:
                session.delete(tie)
                continue
        elif draft.removed:
            continue
        else:
            tie = Relationship()
        try:
            RelationshipService._apply(session, tie, draft.as_input(record_id, scope))
        except ValidationError as exc:
            problems.append(f"{_named(session, draft)}: " + " ".join(exc.errors.values()))
            continue
        if draft.id is None:
            session.add(tie)
    if problems:
        raise ValidationError({"relationships": " ".join(problems)})


def _named(session: Session, draft: TieDraft) -> str:
    """A tie in a sentence, as its record's form lists it: "The relationship 'adviser to X'"."""
    kind = session.get(RelationshipType, draft.type_id)
    if kind is None:
        return "A relationship"
    label = kind.forward_label if draft.outgoing else kind.reverse_label
    other = _name(session, kind.scope is RelationshipScope.PEOPLE, draft.other_id)
    return f"The relationship '{label} {other}'" if other else f"The relationship '{label}'"


def tie_draft(view: RelationshipView) -> TieDraft:
    """A stored relationship as a record's form starts editing it."""
    return TieDraft(
        type_id=view.type_id,
        other_id=view.other_id,
        outgoing=view.outgoing,
        start_date=view.start_date,
        end_date=view.end_date,
        note=view.note,
        id=view.id,
        version=view.version,
    )


def _columns(
    scope: RelationshipScope,
) -> tuple[QueryableAttribute[int | None], QueryableAttribute[int | None]]:
    if scope is RelationshipScope.PEOPLE:
        return Relationship.subject_person_id, Relationship.object_person_id
    return Relationship.subject_organisation_id, Relationship.object_organisation_id


def _subject(tie: Relationship) -> int:
    subject = (
        tie.subject_person_id if tie.subject_person_id is not None else tie.subject_organisation_id
    )
    assert subject is not None
    return subject


def _view(session: Session, tie: Relationship, seen_from: int, day: date) -> RelationshipView:
    kind = session.get(RelationshipType, tie.type_id)
    assert kind is not None
    people = tie.subject_person_id is not None
    subject = tie.subject_person_id if people else tie.subject_organisation_id
    obj = tie.object_person_id if people else tie.object_organisation_id
    outgoing = subject == seen_from
    other_id = obj if outgoing else subject
    assert other_id is not None
    return RelationshipView(
        id=tie.id,
        version=tie.version,
        type_id=tie.type_id,
        label=kind.forward_label if outgoing else kind.reverse_label,
        other_id=other_id,
        other_name=_name(session, people, other_id),
        start_date=tie.start_date,
        end_date=tie.end_date,
        note=tie.note,
        current=tie.is_current(day),
        outgoing=outgoing,
    )


def _name(session: Session, people: bool, record_id: int) -> str:
    if people:
        person = session.get(Person, record_id)
        if person is None:
            return ""
        return person.display_name
    organisation = session.get(Organisation, record_id)
    return organisation.name if organisation else ""


def _type_row(kind: RelationshipType) -> RelationshipTypeRow:
    return RelationshipTypeRow(
        kind.id, kind.name, kind.forward_label, kind.reverse_label, RelationshipScope(kind.scope)
    )


def _load(session: Session, relationship_id: int) -> Relationship:
    tie = session.get(Relationship, relationship_id)
    if tie is None:
        raise NotFoundError("That relationship no longer exists; it may have been deleted.")
    return tie
