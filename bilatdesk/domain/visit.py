"""Visits: who goes where and when, why, and the free-text parts of the brief."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilatdesk.domain.base import Base, RecordMixin
from bilatdesk.domain.text import search_blob

if TYPE_CHECKING:
    from bilatdesk.domain.country import Country

# The steering brief's free-text parts, in the order the brief prints them.
STEERING_PARTS = (
    ("purpose", "Purpose"),
    ("objectives", "Our objectives"),
    ("key_messages", "Key messages"),
    ("asks", "Asks and deliverables"),
    ("their_objectives", "Their likely objectives, and our responses"),
    ("sensitivities", "Sensitivities"),
    ("press_line", "Press line"),
    ("background", "Background"),
)


class Visit(RecordMixin, Base):
    __tablename__ = "visit"

    principal: Mapped[str] = mapped_column(String(300))  # "the Minister of Foreign Affairs"
    country_id: Mapped[int] = mapped_column(
        ForeignKey("country.id", ondelete="RESTRICT"), index=True
    )
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    delegation: Mapped[str] = mapped_column(Text, default="", server_default="")
    classification: Mapped[str] = mapped_column(String(16), default="U", server_default="U")
    brief_version: Mapped[int] = mapped_column(default=1)
    purpose: Mapped[str] = mapped_column(Text, default="", server_default="")
    objectives: Mapped[str] = mapped_column(Text, default="", server_default="")
    key_messages: Mapped[str] = mapped_column(Text, default="", server_default="")
    asks: Mapped[str] = mapped_column(Text, default="", server_default="")
    their_objectives: Mapped[str] = mapped_column(Text, default="", server_default="")
    sensitivities: Mapped[str] = mapped_column(Text, default="", server_default="")
    press_line: Mapped[str] = mapped_column(Text, default="", server_default="")
    background: Mapped[str] = mapped_column(Text, default="", server_default="")
    protocol_notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    country: Mapped[Country] = relationship()
    call_notes: Mapped[list[CallNote]] = relationship(
        back_populates="visit", cascade="all, delete-orphan"
    )

    def refresh_derived(self, country_name: str = "") -> None:
        self.search_text = search_blob(self.principal, country_name, self.purpose, self.delegation)


class CallNote(Base):
    """What we want from one meeting of the programme: the call brief's own words."""

    __tablename__ = "visit_call_note"
    __table_args__ = (
        UniqueConstraint("visit_id", "engagement_id", name="uq_visit_call_note_meeting"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    objectives: Mapped[str] = mapped_column(Text, default="", server_default="")
    points_to_make: Mapped[str] = mapped_column(Text, default="", server_default="")
    their_points: Mapped[str] = mapped_column(Text, default="", server_default="")

    visit: Mapped[Visit] = relationship(back_populates="call_notes")
