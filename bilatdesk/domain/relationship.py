"""Typed, dated relationships between two people or two organisations, read both ways."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilatdesk.domain.base import Base, RecordMixin, enum_column
from bilatdesk.domain.enums import RelationshipScope

if TYPE_CHECKING:
    from bilatdesk.domain.organisation import Organisation
    from bilatdesk.domain.person import Person


class RelationshipType(RecordMixin, Base):
    """A kind of tie with a label for each direction: "adviser to" / "advised by"."""

    __tablename__ = "relationship_type"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    forward_label: Mapped[str] = mapped_column(String(100))
    reverse_label: Mapped[str] = mapped_column(String(100))
    scope: Mapped[RelationshipScope] = mapped_column(
        enum_column(RelationshipScope), default=RelationshipScope.PEOPLE
    )


class Relationship(RecordMixin, Base):
    """Subject —forward label→ object, from and to a date; people or organisations, not mixed."""

    __tablename__ = "relationship"
    __table_args__ = (
        Index("ix_relationship_subject_person", "subject_person_id"),
        Index("ix_relationship_object_person", "object_person_id"),
        Index("ix_relationship_subject_organisation", "subject_organisation_id"),
        Index("ix_relationship_object_organisation", "object_organisation_id"),
    )

    type_id: Mapped[int] = mapped_column(
        ForeignKey("relationship_type.id", ondelete="RESTRICT"), index=True
    )
    subject_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE")
    )
    object_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE")
    )
    subject_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE")
    )
    object_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE")
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    type: Mapped[RelationshipType] = relationship()
    subject_person: Mapped[Person | None] = relationship(foreign_keys=[subject_person_id])
    object_person: Mapped[Person | None] = relationship(foreign_keys=[object_person_id])
    subject_organisation: Mapped[Organisation | None] = relationship(
        foreign_keys=[subject_organisation_id]
    )
    object_organisation: Mapped[Organisation | None] = relationship(
        foreign_keys=[object_organisation_id]
    )

    def is_current(self, day: date) -> bool:
        started = self.start_date is None or self.start_date <= day
        return started and (self.end_date is None or self.end_date >= day)
