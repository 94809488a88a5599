"""Engagements (meetings, calls, visits, ...) and who took part on each side."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilatdesk.domain.base import Base, RecordMixin, enum_column
from bilatdesk.domain.enums import (
    CommitmentStatus,
    EngagementKind,
    Formality,
    MissionFunction,
    Side,
)
from bilatdesk.domain.tag import Tag, engagement_tag
from bilatdesk.domain.text import search_blob

if TYPE_CHECKING:
    from bilatdesk.domain.country import Country
    from bilatdesk.domain.organisation import Organisation
    from bilatdesk.domain.person import Person


class Engagement(RecordMixin, Base):
    __tablename__ = "engagement"
    # Keyset paging needs an index led by each sortable column, with the id as tie-breaker,
    # and the same again behind the country for the scoped views.
    __table_args__ = (
        Index("ix_engagement_start", "starts_at", "id"),
        Index("ix_engagement_title", "title", "id"),
        Index("ix_engagement_kind", "kind", "starts_at", "id"),
        Index("ix_engagement_country_start", "country_id", "starts_at", "id"),
        Index("ix_engagement_country_title", "country_id", "title", "id"),
    )

    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[EngagementKind] = mapped_column(
        enum_column(EngagementKind), default=EngagementKind.BILATERAL_MEETING
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    place: Mapped[str] = mapped_column(String(500), default="", server_default="")
    country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id", ondelete="SET NULL"))
    formality: Mapped[Formality] = mapped_column(enum_column(Formality), default=Formality.FORMAL)
    function: Mapped[MissionFunction] = mapped_column(
        enum_column(MissionFunction), default=MissionFunction.UNSPECIFIED
    )
    sector: Mapped[str] = mapped_column(String(100), default="", server_default="")
    lead_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    classification: Mapped[str] = mapped_column(String(16), default="U", server_default="U")
    agenda: Mapped[str] = mapped_column(Text, default="", server_default="")
    outcome: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The UID of the calendar event it was imported from, so a second import updates it.
    source_uid: Mapped[str] = mapped_column(String(255), default="", server_default="", index=True)
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    country: Mapped[Country | None] = relationship()
    lead_organisation: Mapped[Organisation | None] = relationship()
    participants: Mapped[list[Participant]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan", order_by="Participant.position"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=engagement_tag)
    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan", order_by="Commitment.id"
    )

    def refresh_derived(self, participant_names: list[str]) -> None:
        """Recompute the search text; participants' names make a meeting findable by them."""
        self.search_text = search_blob(
            self.title, self.place, self.sector, self.agenda, self.outcome, *participant_names
        )


class Participant(Base):
    """A person at an engagement, on our side or theirs, with a role."""

    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    # For someone with no record of their own, e.g. "interpreter".
    name: Mapped[str] = mapped_column(String(500), default="", server_default="")
    side: Mapped[Side] = mapped_column(enum_column(Side), default=Side.THEIRS)
    role: Mapped[str] = mapped_column(String(300), default="", server_default="")
    position: Mapped[int] = mapped_column(default=0)

    engagement: Mapped[Engagement] = relationship(back_populates="participants")
    person: Mapped[Person | None] = relationship()


class Commitment(RecordMixin, Base):
    """A follow-up promised in an engagement, by us or by them, until it is closed."""

    __tablename__ = "commitment"
    # Today asks for open ones by due date; the person's page for those they owe.
    __table_args__ = (
        Index("ix_commitment_status_due", "status", "due_date", "id"),
        Index("ix_commitment_owner", "owner_person_id", "status"),
    )

    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    side: Mapped[Side] = mapped_column(enum_column(Side), default=Side.OURS)
    owner_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    # Who owes it when that is not one person: "Trade section", "their MFA".
    owner: Mapped[str] = mapped_column(String(300), default="", server_default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[CommitmentStatus] = mapped_column(
        enum_column(CommitmentStatus), default=CommitmentStatus.OPEN
    )
    closed_on: Mapped[date | None] = mapped_column(Date)
    closing_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    classification: Mapped[str] = mapped_column(String(16), default="U", server_default="U")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    engagement: Mapped[Engagement] = relationship(back_populates="commitments")
    owner_person: Mapped[Person | None] = relationship()

    def refresh_derived(self, owner_name: str = "") -> None:
        """Recompute the search text from what was promised and who owes it."""
        self.search_text = search_blob(self.description, self.owner, owner_name, self.closing_note)
