"""People, their contact points, and the posts they hold over time (Popolo)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilatdesk.domain import names
from bilatdesk.domain.base import Base, RecordMixin, enum_column
from bilatdesk.domain.enums import Gender, MissionClass, NameOrder
from bilatdesk.domain.phones import point_search_text
from bilatdesk.domain.tag import Tag, person_tag
from bilatdesk.domain.text import search_blob

if TYPE_CHECKING:
    from bilatdesk.domain.country import Country
    from bilatdesk.domain.organisation import Organisation


class Person(RecordMixin, Base):
    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_sort", "sort_name", "id"),
        Index("ix_person_country_sort", "country_id", "sort_name", "id"),
        Index("ix_person_birthday", "birthday", "id"),
    )

    honorific: Mapped[str] = mapped_column(String(100), default="", server_default="")
    given_name: Mapped[str] = mapped_column(String(300), default="", server_default="")
    family_name: Mapped[str] = mapped_column(String(300), default="", server_default="")
    other_names: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    name_original: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    # The order the name is written in (inferred from its script and country when the record
    # is created or imported, changeable in the form) and the display form the person's own
    # card gave when it differs from what the parts give in that order ("" = the parts).
    name_order: Mapped[NameOrder] = mapped_column(
        enum_column(NameOrder), default=NameOrder.GIVEN_FIRST, server_default="given_first"
    )
    name_shown: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    pronunciation: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    gender: Mapped[Gender] = mapped_column(enum_column(Gender), default=Gender.UNSPECIFIED)
    birth_date: Mapped[date | None] = mapped_column(Date)
    # Month and day as MMDD (0415): known alone when a card gives no year, and indexed so the
    # reminders find the next 30 days of birthdays without reading every person.
    birthday: Mapped[int | None] = mapped_column(Integer)
    languages: Mapped[str] = mapped_column(String(300), default="", server_default="")
    country_id: Mapped[int | None] = mapped_column(
        ForeignKey("country.id", ondelete="SET NULL"), index=True
    )
    biography: Mapped[str] = mapped_column(Text, default="", server_default="")
    biography_source: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    biography_as_of: Mapped[date | None] = mapped_column(Date)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    photo_type: Mapped[str] = mapped_column(String(50), default="", server_default="")
    classification: Mapped[str] = mapped_column(String(16), default="U", server_default="U")
    # The protocol block: empty means "use the proposed default" (see domain.protocol).
    rank: Mapped[str] = mapped_column(String(100), default="", server_default="")
    addressee_line: Mapped[str] = mapped_column(String(500), default="", server_default="")
    salutation: Mapped[str] = mapped_column(String(300), default="", server_default="")
    complimentary_close: Mapped[str] = mapped_column(String(500), default="", server_default="")
    form_of_address: Mapped[str] = mapped_column(String(300), default="", server_default="")
    correspondence_language: Mapped[str] = mapped_column(String(50), default="", server_default="")
    sort_name: Mapped[str] = mapped_column(String(700), default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    country: Mapped[Country | None] = relationship()
    contact_points: Mapped[list[ContactPoint]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="ContactPoint.position"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Membership.start_date"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=person_tag)

    @property
    def display_name(self) -> str:
        """Name as its owner writes it, in their order, falling back to the original script."""
        return names.display_name(
            self.given_name,
            self.family_name,
            self.name_original,
            self.other_names,
            order=self.name_order,
            shown=self.name_shown or "",  # None on a record not yet flushed
        )

    def refresh_derived(self, country_name: str | None = None) -> None:
        """Recompute the sort key (family name first), the birthday key and the search text.

        The search text holds the names, contact points, posts with their organisations and
        the country (`country_name`, else the loaded country's), so "minister jordan" finds.
        """
        if self.birth_date is not None:
            self.birthday = self.birth_date.month * 100 + self.birth_date.day
        self.sort_name = names.sort_name(self.family_name, self.given_name, self.name_original)
        self.search_text = search_blob(
            self.honorific,
            self.given_name,
            self.family_name,
            self.other_names,
            self.name_original,
            self.name_shown,
            *(point_search_text(point.kind, point.value) for point in self.contact_points),
            *(part for m in self.memberships for part in _post_words(m)),
            self.country.name if country_name is None and self.country else country_name,
        )

    def current_memberships(self, day: date) -> list[Membership]:
        """Posts held on a day, derived from dated memberships and never stored."""
        return [m for m in self.memberships if m.is_current(day)]


def _post_words(membership: Membership) -> tuple[str, ...]:
    """A post's title and its organisation's name, as far as they are known."""
    post = membership.post
    if post is None:
        return ()
    organisation = post.organisation
    return (post.title, organisation.name if organisation else "")


class ContactPoint(Base):
    """An e-mail address, telephone number, address or web page of a person."""

    __tablename__ = "contact_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # email, phone, address, url
    label: Mapped[str] = mapped_column(String(50), default="", server_default="")
    value: Mapped[str] = mapped_column(String(1000))
    position: Mapped[int] = mapped_column(default=0)

    person: Mapped[Person] = relationship(back_populates="contact_points")


class Post(RecordMixin, Base):
    """An office, such as "Minister of Foreign Affairs", within an organisation."""

    __tablename__ = "post"

    title: Mapped[str] = mapped_column(String(500))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )

    organisation: Mapped[Organisation | None] = relationship(back_populates="posts")
    memberships: Mapped[list[Membership]] = relationship(back_populates="post")


class Membership(RecordMixin, Base):
    """Who held a post from when to when, and whether as acting holder."""

    __tablename__ = "membership"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="RESTRICT"), index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    acting: Mapped[bool] = mapped_column(default=False)
    # For a head of mission: the class (VCDR art. 14) and the day credentials were presented,
    # which order the diplomatic list and make the longest-serving ambassador the dean.
    mission_class: Mapped[MissionClass] = mapped_column(
        enum_column(MissionClass), default=MissionClass.NONE, server_default=""
    )
    credentials_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    person: Mapped[Person] = relationship(back_populates="memberships")
    post: Mapped[Post] = relationship(back_populates="memberships")

    def is_current(self, day: date) -> bool:
        started = self.start_date is None or self.start_date <= day
        not_ended = self.end_date is None or self.end_date >= day
        return started and not_ended


class NamedRow(Protocol):
    """A result row that selected the name columns (PERSON_NAME_COLUMNS)."""

    given_name: str
    family_name: str
    name_original: str
    other_names: str
    name_order: NameOrder | str
    name_shown: str


# What a query selects to show a person's name by `person_name` (the one display rule).
PERSON_NAME_COLUMNS = (
    Person.given_name,
    Person.family_name,
    Person.name_original,
    Person.other_names,
    Person.name_order,
    Person.name_shown,
)


def person_name(row: NamedRow) -> str:
    """A person's display name from a row that selected PERSON_NAME_COLUMNS."""
    return names.display_name(
        row.given_name or "",
        row.family_name or "",
        row.name_original or "",
        row.other_names or "",
        order=row.name_order or None,
        shown=row.name_shown or "",
    )
