"""Countries of accreditation and the dated timeline of each relationship."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilatdesk.domain.base import Base, RecordMixin, enum_column
from bilatdesk.domain.enums import Accreditation
from bilatdesk.domain.text import fold, search_blob

if TYPE_CHECKING:
    from bilatdesk.domain.organisation import Organisation


class Country(RecordMixin, Base):
    __tablename__ = "country"
    __table_args__ = (Index("ix_country_sort", "sort_name", "id"),)

    iso_code: Mapped[str] = mapped_column(String(2), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    official_name: Mapped[str] = mapped_column(String(500), default="", server_default="")
    accredited: Mapped[bool] = mapped_column(default=True)
    accreditation: Mapped[Accreditation] = mapped_column(
        enum_column(Accreditation), default=Accreditation.NON_RESIDENT
    )
    resident_in: Mapped[str] = mapped_column(String(200), default="", server_default="")
    credentials_presented_on: Mapped[date | None] = mapped_column(Date)
    charge_d_affaires: Mapped[str] = mapped_column(String(300), default="", server_default="")
    relations_since: Mapped[date | None] = mapped_column(Date)
    priority_circle: Mapped[int] = mapped_column(Integer, default=2)
    national_day_month: Mapped[int | None] = mapped_column(Integer)
    national_day_day: Mapped[int | None] = mapped_column(Integer)
    capital: Mapped[str] = mapped_column(String(200), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    sort_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    statuses: Mapped[list[CountryStatus]] = relationship(
        back_populates="country",
        cascade="all, delete-orphan",
        order_by="CountryStatus.from_date",
    )
    organisations: Mapped[list[Organisation]] = relationship(back_populates="country")

    def refresh_derived(self) -> None:
        """Recompute the sort key and search text from the displayed fields."""
        self.sort_name = fold(self.name)
        self.search_text = search_blob(self.iso_code, self.name, self.official_name, self.capital)

    def status_on(self, day: date) -> CountryStatus | None:
        """The relationship status in force on a day: the latest entry starting by then."""
        current: CountryStatus | None = None
        for entry in sorted(self.statuses, key=lambda s: s.from_date):
            if entry.from_date <= day:
                current = entry
        return current


class CountryStatus(RecordMixin, Base):
    """One entry of the relationship timeline: a status from a date, with its reason."""

    __tablename__ = "country_status"

    country_id: Mapped[int] = mapped_column(
        ForeignKey("country.id", ondelete="CASCADE"), index=True
    )
    # One of RelationStatus, or a status the post configured; kept as its plain value.
    status: Mapped[str] = mapped_column(String(32))
    from_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    country: Mapped[Country] = relationship(back_populates="statuses")
