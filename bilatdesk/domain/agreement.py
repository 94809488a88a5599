"""Agreements: the record, its parties, its status history, its links and negotiation rounds."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilatdesk.domain.agreement_rules import (
    AgreementStatus,
    ConsentMethod,
    PeriodUnit,
    current_expiry,
    notice_deadline,
)
from bilatdesk.domain.base import Base, RecordMixin, enum_column
from bilatdesk.domain.tag import Tag, agreement_tag
from bilatdesk.domain.text import search_blob

if TYPE_CHECKING:
    from bilatdesk.domain.country import Country
    from bilatdesk.domain.engagement import Engagement


class AgreementKind(StrEnum):
    TREATY = "treaty"
    CONVENTION = "convention"
    AGREEMENT = "agreement"
    PROTOCOL = "protocol"
    EXCHANGE_OF_NOTES = "exchange_of_notes"
    EXCHANGE_OF_LETTERS = "exchange_of_letters"
    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding"
    JOINT_DECLARATION = "joint_declaration"
    ARRANGEMENT = "arrangement"


class LinkKind(StrEnum):
    AMENDS = "amends"
    SUPERSEDES = "supersedes"
    IMPLEMENTS = "implements"


agreement_engagement = Table(
    "agreement_engagement",
    Base.metadata,
    Column("agreement_id", ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "engagement_id",
        ForeignKey("engagement.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class Agreement(RecordMixin, Base):
    __tablename__ = "agreement"
    __table_args__ = (Index("ix_agreement_country_status", "country_id", "status", "id"),)

    kind: Mapped[AgreementKind] = mapped_column(
        enum_column(AgreementKind), default=AgreementKind.AGREEMENT
    )
    legally_binding: Mapped[bool] = mapped_column(default=True)
    title: Mapped[str] = mapped_column(String(1000))
    other_titles: Mapped[str] = mapped_column(Text, default="", server_default="")
    short_title: Mapped[str] = mapped_column(String(300), default="", server_default="")
    subjects: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    sector: Mapped[str] = mapped_column(String(100), default="", server_default="")
    country_id: Mapped[int | None] = mapped_column(ForeignKey("country.id", ondelete="RESTRICT"))
    lead_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    lead_negotiator: Mapped[str] = mapped_column(String(300), default="", server_default="")
    status: Mapped[AgreementStatus] = mapped_column(
        enum_column(AgreementStatus), default=AgreementStatus.PROPOSED
    )
    entry_into_force_condition: Mapped[str] = mapped_column(Text, default="", server_default="")
    entry_into_force: Mapped[date | None] = mapped_column(Date)
    provisional_application_from: Mapped[date | None] = mapped_column(Date)
    fixed_term: Mapped[bool] = mapped_column(default=False)
    term_value: Mapped[int | None] = mapped_column(Integer)
    term_unit: Mapped[PeriodUnit] = mapped_column(enum_column(PeriodUnit), default=PeriodUnit.YEARS)
    renewal_value: Mapped[int | None] = mapped_column(Integer)
    renewal_unit: Mapped[PeriodUnit] = mapped_column(
        enum_column(PeriodUnit), default=PeriodUnit.YEARS
    )
    notice_value: Mapped[int | None] = mapped_column(Integer)
    notice_unit: Mapped[PeriodUnit] = mapped_column(
        enum_column(PeriodUnit), default=PeriodUnit.MONTHS
    )
    un_registration_number: Mapped[str] = mapped_column(String(50), default="", server_default="")
    un_registration_date: Mapped[date | None] = mapped_column(Date)
    national_series_number: Mapped[str] = mapped_column(String(50), default="", server_default="")
    authentic_languages: Mapped[str] = mapped_column(String(200), default="", server_default="")
    classification: Mapped[str] = mapped_column(String(16), default="U", server_default="U")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    country: Mapped[Country | None] = relationship()
    parties: Mapped[list[AgreementParty]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementParty.position"
    )
    history: Mapped[list[AgreementStatusChange]] = relationship(
        back_populates="agreement",
        cascade="all, delete-orphan",
        order_by="(AgreementStatusChange.on, AgreementStatusChange.id)",
    )
    links: Mapped[list[AgreementLink]] = relationship(
        back_populates="agreement",
        cascade="all, delete-orphan",
        foreign_keys="AgreementLink.agreement_id",
    )
    rounds: Mapped[list[Engagement]] = relationship(secondary=agreement_engagement)
    tags: Mapped[list[Tag]] = relationship(secondary=agreement_tag)

    def expiry(self, today: date) -> date | None:
        """End of the current term, for a fixed-term agreement with a known start."""
        start = self.entry_into_force or self.provisional_application_from
        if not self.fixed_term or start is None or not self.term_value:
            return None
        renewal = (self.renewal_value, self.renewal_unit) if self.renewal_value else None
        return current_expiry(start, (self.term_value, self.term_unit), renewal, today)

    def notice_deadline(self, today: date) -> date | None:
        """Last day to denounce before tacit renewal (only renewing agreements have one)."""
        expiry = self.expiry(today)
        if expiry is None or not self.renewal_value or not self.notice_value:
            return None
        return notice_deadline(expiry, (self.notice_value, self.notice_unit))

    def refresh_derived(self) -> None:
        self.search_text = search_blob(
            self.title,
            self.short_title,
            self.other_titles,
            self.subjects,
            self.sector,
            self.un_registration_number,
            self.national_series_number,
        )


class AgreementParty(Base):
    """One party's signature, consent to be bound, entry into force and reservations."""

    __tablename__ = "agreement_party"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(300))
    signature_date: Mapped[date | None] = mapped_column(Date)
    signature_place: Mapped[str] = mapped_column(String(300), default="", server_default="")
    signatory: Mapped[str] = mapped_column(String(300), default="", server_default="")
    consent_method: Mapped[ConsentMethod] = mapped_column(
        enum_column(ConsentMethod), default=ConsentMethod.UNSPECIFIED
    )
    consent_date: Mapped[date | None] = mapped_column(Date)
    entry_into_force: Mapped[date | None] = mapped_column(Date)
    reservations: Mapped[str] = mapped_column(Text, default="", server_default="")

    agreement: Mapped[Agreement] = relationship(back_populates="parties")


class AgreementStatusChange(Base):
    """One step of the agreement's history: which status, from which day, and why."""

    __tablename__ = "agreement_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[AgreementStatus] = mapped_column(enum_column(AgreementStatus))
    on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    agreement: Mapped[Agreement] = relationship(back_populates="history")


class AgreementLink(Base):
    """This agreement amends, supersedes or implements another."""

    __tablename__ = "agreement_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[LinkKind] = mapped_column(enum_column(LinkKind))
    target_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )

    agreement: Mapped[Agreement] = relationship(back_populates="links", foreign_keys=[agreement_id])
    target: Mapped[Agreement] = relationship(foreign_keys=[target_id])
