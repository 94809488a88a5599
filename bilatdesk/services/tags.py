"""The shared tag vocabulary: list, add, rename and remove tags, and set a record's tags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from bilatdesk.domain import Tag
from bilatdesk.domain.base import Base
from bilatdesk.domain.text import fold
from bilatdesk.services.cables.frozen import cable_drafts, open_naming, refuse_deleting
from bilatdesk.services.kernel.errors import NotFoundError, require_version
from bilatdesk.services.kernel.listing import Choice, DeleteImpact
from bilatdesk.services.kernel.validation import Checker
from bilatdesk.services.undo.rows import Root
from bilatdesk.services.undo.service import UndoService, watching
from bilatdesk.store.audit_hooks import note_link_change
from bilatdesk.store.database import Database

# The records that carry tags, by table name; each has a `<owner>_tag` link table.
TAGGED = ("person", "organisation", "engagement", "cable", "agreement")


@dataclass(frozen=True)
class TagRow:
    id: int
    version: int
    name: str
    description: str
    uses: int


class TagService:
    def __init__(self, database: Database, *, undo: UndoService | None = None) -> None:
        self.db = database
        self.undo = undo

    def choices(self) -> list[Choice]:
        """Every tag, by name, for pickers and list filters."""
        with self.db.read() as session:
            return [
                Choice(r.id, r.name)
                for r in session.execute(select(Tag.id, Tag.name).order_by(Tag.name, Tag.id))
            ]

    def vocabulary(self) -> list[TagRow]:
        """Every tag with how many records carry it."""
        with self.db.read() as session:
            uses: dict[int, int] = {}
            for owner in TAGGED:
                link = link_table(owner)
                for tag_id, count in session.execute(
                    select(link.c.tag_id, func.count()).group_by(link.c.tag_id)
                ):
                    uses[tag_id] = uses.get(tag_id, 0) + count
            tags = session.scalars(select(Tag).order_by(Tag.name, Tag.id))
            return [TagRow(t.id, t.version, t.name, t.description, uses.get(t.id, 0)) for t in tags]

    def create(self, name: str, description: str = "") -> Choice:
        with self.db.session() as session:
            clean = self._checked_name(session, name, None)
            tag = Tag(name=clean, description=description.strip()[:500])
            session.add(tag)
            session.flush()
            return Choice(tag.id, tag.name)

    def rename(self, tag_id: int, name: str, expected_version: int) -> Choice:
        with self.db.session() as session:
            tag = _load(session, tag_id)
            require_version(tag.version, expected_version, f"The tag '{tag.name}'")
            tag.name = self._checked_name(session, name, tag_id)
            session.flush()
            return Choice(tag.id, tag.name)

    def delete(self, tag_id: int, expected_version: int) -> None:
        """Remove a tag from the vocabulary and from every record carrying it; Undo puts it
        back on every one of them, and it waits in the bin meanwhile."""
        with self.db.session() as session:
            tag = _load(session, tag_id)
            require_version(tag.version, expected_version, f"The tag '{tag.name}'")
            refuse_deleting(session, "tag", tag_id)
            name = tag.name
            step = watching(self.undo, session, Root("tag", tag_id), binned=True)
            session.delete(tag)
            step.done(f"delete the tag '{name}'", name)

    def delete_impact(self, tag_id: int) -> DeleteImpact:
        """The tag's name, and what deleting it does; refused when a dispatched cable has it."""
        with self.db.read() as session:
            tag = _load(session, tag_id)
            refuse_deleting(session, "tag", tag_id)
            drafts = open_naming(session, "tag", tag_id)
            notes = (f"{cable_drafts(drafts)} no longer carry it",) if drafts else ()
            return DeleteImpact(tag.name, notes, undoable=True)

    def ensure(self, names: Iterable[str]) -> dict[str, int]:
        """Ids of the named tags, adding to the vocabulary those it lacks (for imports)."""
        with self.db.session() as session:
            return ensure_tags(session, names)

    def tags_of(self, owner: str, record_id: int) -> list[Choice]:
        link = link_table(owner)
        with self.db.read() as session:
            statement = (
                select(Tag.id, Tag.name)
                .join(link, link.c.tag_id == Tag.id)
                .where(link.c[f"{owner}_id"] == record_id)
                .order_by(Tag.name)
            )
            return [Choice(r.id, r.name) for r in session.execute(statement)]

    def set_tags(self, owner: str, record_id: int, tag_ids: Sequence[int]) -> None:
        """Replace the tags of one record."""
        with self.db.session() as session:
            set_record_tags(session, owner, record_id, tag_ids)

    @staticmethod
    def _checked_name(session: Session, name: str, tag_id: int | None) -> str:
        check = Checker()
        clean = check.text("name", "Tag", name, max_length=100)
        if not clean and "name" not in check.errors:
            check.fail("name", "A tag needs a name.")
        for other_id, other in session.execute(select(Tag.id, Tag.name)):
            if other_id != tag_id and fold(other) == fold(clean):
                check.fail("name", f"The tag '{other}' already exists.")
        check.raise_if_any()
        return clean


def link_table(owner: str) -> Table:
    if owner not in TAGGED:
        raise ValueError(f"{owner} records carry no tags")
    return Base.metadata.tables[f"{owner}_tag"]


def ensure_tags(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids by the given names (matched case- and accent-blind), creating missing tags."""
    existing = {fold(name): tag_id for tag_id, name in session.execute(select(Tag.id, Tag.name))}
    result: dict[str, int] = {}
    for raw in names:
        name = " ".join(raw.split())[:100]
        if not name:
            continue
        key = fold(name)
        if key not in existing:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
            existing[key] = tag.id
        result[name] = existing[key]
    return result


def set_record_tags(session: Session, owner: str, record_id: int, tag_ids: Sequence[int]) -> None:
    link = link_table(owner)
    column = link.c[f"{owner}_id"]
    before = _tag_names(session, link, column, record_id)
    session.execute(delete(link).where(column == record_id))
    wanted = list(dict.fromkeys(tag_ids))
    if wanted:
        known = set(session.scalars(select(Tag.id).where(Tag.id.in_(wanted))))
        missing = [t for t in wanted if t not in known]
        if missing:
            raise NotFoundError("A chosen tag no longer exists; it may have been removed.")
        session.execute(
            insert(link), [{f"{owner}_id": record_id, "tag_id": tag_id} for tag_id in wanted]
        )
    after = _tag_names(session, link, column, record_id)
    if after != before:
        note_link_change(session, owner, record_id, "tags", old=before, new=after)


def _tag_names(session: Session, link: Table, column: Any, record_id: int) -> list[str]:
    """The names of a record's tags, sorted (as the audit trail shows them)."""
    statement = select(Tag.name).join(link, link.c.tag_id == Tag.id).where(column == record_id)
    return sorted(session.scalars(statement))


def _load(session: Session, tag_id: int) -> Tag:
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise NotFoundError("That tag no longer exists; it may have been removed.")
    return tag
