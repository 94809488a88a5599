"""Merging two records of one person: compare field by field, preview, then merge at once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    ClassificationScheme,
    Commitment,
    Country,
    Engagement,
    Gender,
    Participant,
    Person,
)
from bilatdesk.domain.base import utcnow
from bilatdesk.domain.classification import UnknownClassificationError
from bilatdesk.domain.names import display_name
from bilatdesk.services.cables.frozen import refuse_merging_away
from bilatdesk.services.kernel.errors import (
    ConflictError,
    NotFoundError,
    ValidationError,
    require_version,
)
from bilatdesk.services.people import merge_links
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.database import Database

MergeSide = Literal["keep", "other"]


@dataclass(frozen=True)
class Biography:
    """A biography travels with its source and "as of" date: they describe that text."""

    text: str
    source: str
    as_of: date | None


FieldValue = str | int | bool | date | Gender | Biography | None


@dataclass(frozen=True)
class FieldComparison:
    """One field of both records: the values, whether they differ, and the proposed choice.

    `kind` tells a screen how to show the value: text, long_text, date, birthday (MMDD),
    gender, country (its name), classification (a code), photo (present or not), biography.
    """

    key: str
    label: str
    kind: str
    keep: FieldValue
    other: FieldValue
    same: bool
    proposed: MergeSide
    fixed: bool = False
    """The proposed side is the only one allowed (a classification may not go down)."""


@dataclass(frozen=True)
class MergeComparison:
    keep_id: int
    other_id: int
    keep_version: int
    other_version: int
    keep_name: str
    other_name: str
    fields: tuple[FieldComparison, ...]

    def proposed_choices(self) -> dict[str, MergeSide]:
        return {f.key: f.proposed for f in self.fields}

    def field(self, key: str) -> FieldComparison:
        return next(f for f in self.fields if f.key == key)


@dataclass(frozen=True)
class ResultField:
    key: str
    label: str
    kind: str
    value: FieldValue
    source: MergeSide


@dataclass(frozen=True)
class MergePreview:
    """What a merge will do, before it does it: the resulting values and plain sentences."""

    keep_id: int
    other_id: int
    keep_version: int
    other_version: int
    name: str
    """The merged person's name."""
    deleted_name: str
    fields: tuple[ResultField, ...]
    sentences: tuple[str, ...]


# key, label, kind, the Person attributes the choice carries together
_FIELDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("honorific", "Honorific", "text", ("honorific",)),
    ("given_name", "Given name", "text", ("given_name",)),
    ("family_name", "Family name", "text", ("family_name",)),
    ("other_names", "Other names", "text", ("other_names",)),
    ("name_original", "Name in original script", "text", ("name_original",)),
    ("pronunciation", "Pronunciation", "text", ("pronunciation",)),
    ("gender", "Gender", "gender", ("gender",)),
    ("birth_date", "Date of birth", "date", ("birth_date",)),
    ("birthday", "Birthday", "birthday", ("birthday",)),
    ("languages", "Languages", "text", ("languages",)),
    ("country", "Country", "country", ("country_id",)),
    (
        "biography",
        "Biography",
        "biography",
        ("biography", "biography_source", "biography_as_of"),
    ),
    ("classification", "Classification", "classification", ("classification",)),
    ("photo", "Photo", "photo", ("photo", "photo_type")),
    ("rank", "Rank", "text", ("rank",)),
    ("form_of_address", "Form of address", "text", ("form_of_address",)),
    ("addressee_line", "Addressee line", "text", ("addressee_line",)),
    ("salutation", "Salutation", "text", ("salutation",)),
    ("complimentary_close", "Complimentary close", "text", ("complimentary_close",)),
    (
        "correspondence_language",
        "Language of correspondence",
        "text",
        ("correspondence_language",),
    ),
)
FIELD_KEYS = tuple(key for key, *_rest in _FIELDS)
_NAME_FIELDS = ("given_name", "family_name", "name_original", "other_names")


def _empty(value: FieldValue) -> bool:
    if isinstance(value, Biography):
        return not value.text and not value.source
    return value in (None, "", False) or value == Gender.UNSPECIFIED


class MergeService:
    def __init__(
        self,
        database: Database,
        scheme: ClassificationScheme = DEFAULT_SCHEME,
        *,
        undo: UndoService | None = None,
    ) -> None:
        self.db = database
        self.undo = undo
        self.scheme = scheme

    def compare(self, keep_id: int, other_id: int) -> MergeComparison:
        """Both records side by side, each field with the choice proposed for it."""
        with self.db.read() as session:
            keep, other = _pair(session, keep_id, other_id)
            return self._compare(session, keep, other)

    def preview(
        self, keep_id: int, other_id: int, choices: Mapping[str, MergeSide] | None = None
    ) -> MergePreview:
        """The merged values and what moves, in sentences; nothing is changed."""
        with self.db.read() as session:
            keep, other = _pair(session, keep_id, other_id)
            refuse_merging_away(session, other.id, other.display_name, keep.display_name)
            comparison = self._compare(session, keep, other)
            fields, name = self._resolve(comparison, choices or {})
            steps = merge_links.plan(session, merge_links.Pair(keep.id, other.id, name))
            return MergePreview(
                keep.id,
                other.id,
                keep.version,
                other.version,
                name,
                other.display_name,
                fields,
                _sentences(fields, name, other.display_name, steps),
            )

    def merge(
        self,
        keep_id: int,
        other_id: int,
        choices: Mapping[str, MergeSide],
        keep_version: int,
        other_version: int,
    ) -> int:
        """Make the two one record in one transaction; returns the id of the one kept.

        Refused with ConflictError when either record changed since it was compared.
        """
        with self.db.session() as session:
            keep, other = _pair(session, keep_id, other_id, lock=True)
            require_version(keep.version, keep_version, f"The record of {keep.display_name}")
            require_version(other.version, other_version, f"The record of {other.display_name}")
            refuse_merging_away(session, other.id, other.display_name, keep.display_name)
            undo_step = watching(
                self.undo, session, Root("person", keep_id), Root("person", other_id)
            )
            comparison = self._compare(session, keep, other)
            fields, name = self._resolve(comparison, choices)
            old_names = (keep.display_name, keep.name_original, keep.other_names)
            other_name = other.display_name
            photo = (
                session.execute(
                    select(Person.photo, Person.photo_type).where(Person.id == other.id)
                ).one()
                if next(f for f in fields if f.key == "photo").source == "other"
                else None
            )
            other_values = {
                attr: getattr(other, attr)
                for *_head, attrs in _FIELDS
                for attr in attrs
                if attr not in ("photo", "photo_type")
            }
            steps = merge_links.plan(session, merge_links.Pair(keep.id, other.id, name))
            for step in steps:
                step.apply(session)
            session.expunge(other)
            gone = session.execute(
                delete(Person).where(Person.id == other_id, Person.version == other_version)
            )
            if gone.rowcount != 1:  # type: ignore[attr-defined]
                raise ConflictError(f"The record of {other_name}")
            session.expire(keep)
            for result, (_key, _label, _kind, attrs) in zip(fields, _FIELDS, strict=True):
                if result.source != "other":
                    continue
                for attr in attrs:
                    if attr in ("photo", "photo_type"):
                        assert photo is not None
                        keep.photo, keep.photo_type = photo.photo, photo.photo_type
                    else:
                        setattr(keep, attr, other_values[attr])
            keep.refresh_derived()
            keep.updated_at = utcnow()  # bumps the version even when no field changed
            session.flush()
            renamed = (keep.display_name, keep.name_original, keep.other_names) != old_names
            engagements = set().union(*(step.engagements for step in steps))
            _refresh_engagements(session, keep.id, engagements, renamed=renamed)
            _refresh_commitments(session, keep, renamed=renamed, moved=True)
            # Both records' histories say what became of them (the other's row is gone).
            self.db.record_event(
                session,
                "merge",
                record_kind="person",
                record_id=other_id,
                changes={"merged_into": [other_name, f"{keep.display_name} (#{keep.id})"]},
            )
            self.db.record_event(
                session,
                "merge",
                record_kind="person",
                record_id=keep.id,
                changes={"merged_from": [None, f"{other_name} (#{other_id})"]},
            )
            undo_step.done(
                f"merge {other_name} into {keep.display_name}", keep.display_name, other_name
            )
            return keep.id

    # -- inside -----------------------------------------------------------------------------
    def _rank(self, code: str) -> int:
        try:
            return self.scheme.rank(code)
        except UnknownClassificationError:
            # A code from an older scheme: treat it as the highest, never as harmless.
            return len(self.scheme.levels)

    def _compare(self, session: Session, keep: Person, other: Person) -> MergeComparison:
        ids = [i for i in (keep.country_id, other.country_id) if i is not None]
        statement = select(Country.id, Country.name).where(Country.id.in_(ids))
        countries = dict(session.execute(statement).tuples().all())
        photos = dict(
            session.execute(
                select(Person.id, Person.photo.is_not(None)).where(
                    Person.id.in_((keep.id, other.id))
                )
            )
            .tuples()
            .all()
        )

        def value(person: Person, key: str) -> tuple[FieldValue, Any]:
            """(value shown, value compared)."""
            if key == "country":
                return countries.get(person.country_id or 0), person.country_id
            if key == "biography":
                shown = Biography(person.biography, person.biography_source, person.biography_as_of)
                return shown, shown
            if key == "photo":
                present = bool(photos.get(person.id))
                return present, present
            raw = getattr(person, key)
            return raw, raw

        fields = []
        for key, label, kind, _attrs in _FIELDS:
            keep_shown, keep_raw = value(keep, key)
            other_shown, other_raw = value(other, key)
            same = keep_raw == other_raw
            proposed: MergeSide = "keep"
            fixed = False
            if key == "classification":
                if self._rank(other.classification) > self._rank(keep.classification):
                    proposed = "other"
                fixed = not same
            elif key == "biography":
                proposed = _newer_biography(keep_shown, other_shown)  # type: ignore[arg-type]
            elif _empty(keep_shown) and not _empty(other_shown):
                proposed = "other"
            fields.append(
                FieldComparison(
                    key,
                    label,
                    kind,
                    keep_shown,
                    other_shown,
                    same,
                    "keep" if same else proposed,
                    fixed,
                )
            )
        return MergeComparison(
            keep.id,
            other.id,
            keep.version,
            other.version,
            keep.display_name,
            other.display_name,
            tuple(fields),
        )

    def _resolve(
        self, comparison: MergeComparison, choices: Mapping[str, MergeSide]
    ) -> tuple[tuple[ResultField, ...], str]:
        """The resulting value of every field, and the merged person's name."""
        unknown = sorted(set(choices) - set(FIELD_KEYS))
        bad = sorted(k for k, side in choices.items() if side not in ("keep", "other"))
        if unknown or bad:
            raise ValidationError(
                {"choices": f"Unknown merge choices: {', '.join(unknown + bad)}."}
            )
        results = []
        for f in comparison.fields:
            side = choices.get(f.key, f.proposed)
            if f.fixed and side != f.proposed:
                raise ValidationError(
                    {
                        f.key: "The merged record holds what both records held, so it keeps the "
                        "higher classification."
                    }
                )
            results.append(
                ResultField(f.key, f.label, f.kind, f.keep if side == "keep" else f.other, side)
            )
        by_key = {r.key: r for r in results}
        birth = by_key["birth_date"].value
        if isinstance(birth, date):
            # The birthday always follows a known date of birth (Person.refresh_derived).
            source = by_key["birth_date"].source
            by_key["birthday"] = ResultField(
                "birthday",
                by_key["birthday"].label,
                "birthday",
                birth.month * 100 + birth.day,
                source,
            )
        names = [str(by_key[k].value or "") for k in _NAME_FIELDS]
        name = display_name(names[0], names[1], names[2], names[3])
        if not name:
            raise ValidationError(
                {
                    "given_name": "The merged record would have no name; take a name from one of "
                    "the two."
                }
            )
        return tuple(by_key[k] for k in FIELD_KEYS), name


def _newer_biography(keep: Biography, other: Biography) -> MergeSide:
    """The biography with the later "as of"; else the one that has any text."""
    if _empty(other):
        return "keep"
    if _empty(keep):
        return "other"
    if other.as_of is not None and (keep.as_of is None or other.as_of > keep.as_of):
        return "other"
    return "keep"


def _pair(
    session: Session, keep_id: int, other_id: int, *, lock: bool = False
) -> tuple[Person, Person]:
    if keep_id == other_id:
        raise ValidationError({"other_id": "A person cannot be merged with themself."})
    found = []
    for person_id in (keep_id, other_id):
        # FOR UPDATE on PostgreSQL: a concurrent edit of either waits for the merge, then
        # fails its own version check. SQLite's write transaction already excludes it.
        person = session.get(Person, person_id, with_for_update=lock or None)
        if person is None:
            raise NotFoundError("One of the two people no longer exists; it may have been deleted.")
        found.append(person)
    return found[0], found[1]


def _sentences(
    fields: tuple[ResultField, ...], name: str, deleted: str, steps: list[merge_links.Step]
) -> tuple[str, ...]:
    out = []
    taken = [f.label.lower() for f in fields if f.source == "other"]
    if taken:
        out.append(f"{name} takes from the other record: {', '.join(taken)}")
    for step in steps:
        out.extend(step.sentences)
    out.append(f"The record of {deleted} is deleted")
    return tuple(out)


def _refresh_engagements(session: Session, keep_id: int, moved: set[int], *, renamed: bool) -> None:
    """Participants' names are in an engagement's search text; moved ones bump its version."""
    ids = set(moved)
    if renamed:
        ids.update(
            session.scalars(
                select(Participant.engagement_id).where(Participant.person_id == keep_id)
            )
        )
    if not ids:
        return
    engagements = session.scalars(
        select(Engagement)
        .where(Engagement.id.in_(ids))
        .options(selectinload(Engagement.participants).selectinload(Participant.person))
    )
    for engagement in engagements:
        names = [p.name for p in engagement.participants if p.name]
        for participant in engagement.participants:
            if participant.person is not None:
                names.extend((participant.person.display_name, participant.person.name_original))
        engagement.refresh_derived(names)
        if engagement.id in moved:
            engagement.updated_at = utcnow()


def _refresh_commitments(session: Session, keep: Person, *, renamed: bool, moved: bool) -> None:
    """The owner's names are in a commitment's search text."""
    if not (renamed or moved):
        return
    owner = " ".join(
        part for part in (keep.display_name, keep.name_original, keep.other_names) if part
    )
    for commitment in session.scalars(
        select(Commitment).where(Commitment.owner_person_id == keep.id)
    ):
        commitment.refresh_derived(owner)
