"""Reports to capital (cables): header, numbered marked paragraphs, clearance, serials."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilatdesk.domain.base import Base, RecordMixin, enum_column
from bilatdesk.domain.text import search_blob

if TYPE_CHECKING:
    from bilatdesk.domain.country import Country
    from bilatdesk.domain.engagement import Engagement
    from bilatdesk.domain.person import Person
    from bilatdesk.domain.tag import Tag

PRECEDENCES = ("ROUTINE", "PRIORITY", "IMMEDIATE", "FLASH")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


class CableStatus(StrEnum):
    DRAFT = "draft"
    FOR_CLEARANCE = "for_clearance"
    APPROVED = "approved"
    DISPATCHED = "dispatched"


class CableNature(StrEnum):
    INFORMATION = "information"
    ACTION_REQUESTED = "action_requested"
    INSTRUCTIONS_REQUESTED = "instructions_requested"


class CableKind(StrEnum):
    """Kinds worth a template (DOMAIN.md)."""

    GENERAL = "general"
    READOUT = "readout"  # memorandum of conversation
    SCENESETTER = "scenesetter"
    SITUATION_REPORT = "situation_report"
    DEMARCHE_REPORT = "demarche_report"
    CREDENTIALS_REPORT = "credentials_report"
    BIOGRAPHIC_NOTE = "biographic_note"
    END_OF_TOUR = "end_of_tour"


class ParagraphSection(StrEnum):
    BODY = ""
    SUMMARY = "summary"
    COMMENT = "comment"
    ACTION = "action"


cable_tag = Table(
    "cable_tag",
    Base.metadata,
    Column("cable_id", ForeignKey("cable.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)

cable_person = Table(
    "cable_person",
    Base.metadata,
    Column("cable_id", ForeignKey("cable.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# Columns a dispatched cable may never change; the database refuses it too (migration 0002).
# engagement_id is left out on purpose: deleting the engagement only unlinks the readout.
FROZEN_COLUMNS = (
    "kind",
    "status",
    "post",
    "serial",
    "serial_year",
    "serial_number",
    "dispatched_at",
    "precedence",
    "deskby_at",
    "night_action",
    "to_addressees",
    "info_addressees",
    "subject",
    "country_id",
    "classification",
    "caveats",
    "classified_by",
    "classification_reason",
    "declassify_on",
    "nature",
    "instructions_by",
    "signature",
    "drafter",
    "submitted_at",
    "approved_by",
    "approved_at",
    "search_text",
    "version",
    "updated_at",
    "uid",
    "created_at",
)


class Cable(RecordMixin, Base):
    __tablename__ = "cable"
    __table_args__ = (
        UniqueConstraint("post", "serial_year", "serial_number", name="uq_cable_post_serial"),
        Index("ix_cable_status_updated", "status", "updated_at", "id"),
        Index("ix_cable_country_updated", "country_id", "updated_at", "id"),
        Index("ix_cable_updated", "updated_at", "id"),
    )

    kind: Mapped[CableKind] = mapped_column(enum_column(CableKind), default=CableKind.GENERAL)
    status: Mapped[CableStatus] = mapped_column(enum_column(CableStatus), default=CableStatus.DRAFT)
    post: Mapped[str] = mapped_column(String(20))
    serial: Mapped[str | None] = mapped_column(String(40), unique=True)
    serial_year: Mapped[int | None] = mapped_column(Integer)
    serial_number: Mapped[int | None] = mapped_column(Integer)
    dispatched_at: Mapped[datetime | None]
    precedence: Mapped[str] = mapped_column(String(30), default="ROUTINE")
    deskby_at: Mapped[datetime | None]
    night_action: Mapped[str] = mapped_column(String(300), default="", server_default="")
    to_addressees: Mapped[str] = mapped_column(Text, default="", server_default="")
    info_addressees: Mapped[str] = mapped_column(Text, default="", server_default="")
    subject: Mapped[str] = mapped_column(String(300), default="", server_default="")
    country_id: Mapped[int | None] = mapped_column(
        ForeignKey("country.id", ondelete="RESTRICT"), index=True
    )
    classification: Mapped[str] = mapped_column(String(16), default="U", server_default="U")
    caveats: Mapped[str] = mapped_column(String(200), default="", server_default="")
    classified_by: Mapped[str] = mapped_column(String(300), default="", server_default="")
    classification_reason: Mapped[str] = mapped_column(String(300), default="", server_default="")
    declassify_on: Mapped[date | None] = mapped_column(Date)
    nature: Mapped[CableNature] = mapped_column(
        enum_column(CableNature), default=CableNature.INFORMATION
    )
    instructions_by: Mapped[date | None] = mapped_column(Date)
    signature: Mapped[str] = mapped_column(String(100), default="", server_default="")
    drafter: Mapped[str] = mapped_column(String(200), default="", server_default="")
    submitted_at: Mapped[datetime | None]
    approved_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    approved_at: Mapped[datetime | None]
    engagement_id: Mapped[int | None] = mapped_column(
        ForeignKey("engagement.id", ondelete="SET NULL"), index=True
    )
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    country: Mapped[Country | None] = relationship()
    engagement: Mapped[Engagement | None] = relationship()
    paragraphs: Mapped[list[CableParagraph]] = relationship(
        back_populates="cable", cascade="all, delete-orphan", order_by="CableParagraph.position"
    )
    references: Mapped[list[CableReference]] = relationship(
        back_populates="cable",
        cascade="all, delete-orphan",
        order_by="CableReference.position",
        foreign_keys="CableReference.cable_id",
    )
    clearances: Mapped[list[CableClearance]] = relationship(
        back_populates="cable", cascade="all, delete-orphan", order_by="CableClearance.position"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=cable_tag)
    persons: Mapped[list[Person]] = relationship(secondary=cable_person)

    @property
    def dtg(self) -> str:
        """Date-time group in UTC, set at dispatch: `221530Z NOV 26`."""
        return date_time_group(self.dispatched_at) if self.dispatched_at else ""

    def refresh_derived(self, country_name: str = "") -> None:
        self.search_text = search_blob(
            self.serial or "",
            self.subject,
            country_name,
            *(paragraph.text for paragraph in self.paragraphs),
            *(tag.name for tag in self.tags),
        )


def date_time_group(moment: datetime) -> str:
    """`DDHHMMZ MON YY` of a moment, in UTC."""
    from datetime import UTC

    utc = moment.astimezone(UTC)
    return f"{utc:%d%H%M}Z {MONTHS[utc.month - 1]} {utc:%y}"


def format_serial(post: str, year: int, number: int) -> str:
    """`VIE 2026/017`: per post, per calendar year."""
    return f"{post} {year}/{number:03d}"


class CableParagraph(Base):
    __tablename__ = "cable_paragraph"

    id: Mapped[int] = mapped_column(primary_key=True)
    cable_id: Mapped[int] = mapped_column(ForeignKey("cable.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    section: Mapped[ParagraphSection] = mapped_column(
        enum_column(ParagraphSection), default=ParagraphSection.BODY
    )
    portion: Mapped[str] = mapped_column(String(16), default="U", server_default="U")
    text: Mapped[str] = mapped_column(Text, default="", server_default="")

    cable: Mapped[Cable] = relationship(back_populates="paragraphs")


class CableReference(Base):
    """An earlier cable referred to, lettered (A), (B), ... by position."""

    __tablename__ = "cable_reference"

    id: Mapped[int] = mapped_column(primary_key=True)
    cable_id: Mapped[int] = mapped_column(ForeignKey("cable.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    # Only dispatched cables have serials to cite, and they are never deleted.
    referenced_id: Mapped[int | None] = mapped_column(
        ForeignKey("cable.id", ondelete="RESTRICT"), index=True
    )
    text: Mapped[str] = mapped_column(String(300), default="", server_default="")

    cable: Mapped[Cable] = relationship(back_populates="references", foreign_keys=[cable_id])
    referenced: Mapped[Cable | None] = relationship(foreign_keys=[referenced_id])


class CableClearance(Base):
    """Someone asked to clear the cable, and when (if) they did."""

    __tablename__ = "cable_clearance"

    id: Mapped[int] = mapped_column(primary_key=True)
    cable_id: Mapped[int] = mapped_column(ForeignKey("cable.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    cleared_at: Mapped[datetime | None]
    comment: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    # How the clearance was given ("self", "in_person", "telephone", "email") and who entered
    # it: a clearance told to a colleague is recorded on the clearer's behalf, never as theirs.
    manner: Mapped[str] = mapped_column(String(20), default="", server_default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="", server_default="")

    cable: Mapped[Cable] = relationship(back_populates="clearances")


class CableSerial(Base):
    """The last serial given per post and year; incremented under a row lock at dispatch."""

    __tablename__ = "cable_serial"

    post: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
