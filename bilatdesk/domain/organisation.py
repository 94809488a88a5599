"""Organisations: ministries down to units, companies, missions, with a parent chain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilatdesk.domain.base import Base, RecordMixin, enum_column
from bilatdesk.domain.enums import OrganisationKind
from bilatdesk.domain.tag import Tag, organisation_tag
from bilatdesk.domain.text import fold, search_blob

if TYPE_CHECKING:
    from bilatdesk.domain.country import Country
    from bilatdesk.domain.person import Post


class Organisation(RecordMixin, Base):
    __tablename__ = "organisation"
    __table_args__ = (
        Index("ix_organisation_sort", "sort_name", "id"),
        Index("ix_organisation_country_sort", "country_id", "sort_name", "id"),
    )

    name: Mapped[str] = mapped_column(String(500))
    other_names: Mapped[str] = mapped_column(Text, default="", server_default="")
    abbreviation: Mapped[str] = mapped_column(String(50), default="", server_default="")
    kind: Mapped[OrganisationKind] = mapped_column(
        enum_column(OrganisationKind), default=OrganisationKind.MINISTRY
    )
    country_id: Mapped[int | None] = mapped_column(
        ForeignKey("country.id", ondelete="SET NULL"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    # For a mission: the state it represents ("France"), shown on the diplomatic list.
    sending_state: Mapped[str] = mapped_column(String(200), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    sort_name: Mapped[str] = mapped_column(String(500), default="", server_default="")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    country: Mapped[Country | None] = relationship(back_populates="organisations")
    parent: Mapped[Organisation | None] = relationship(
        remote_side="Organisation.id", back_populates="children"
    )
    children: Mapped[list[Organisation]] = relationship(back_populates="parent")
    posts: Mapped[list[Post]] = relationship(back_populates="organisation")
    tags: Mapped[list[Tag]] = relationship(secondary=organisation_tag)

    def refresh_derived(self) -> None:
        """Recompute the sort key and search text from the displayed fields."""
        self.sort_name = fold(self.name)
        self.search_text = search_blob(self.name, self.abbreviation, self.other_names)

    def ancestry(self) -> list[Organisation]:
        """This organisation and its parents, nearest first, stopping at any cycle."""
        chain: list[Organisation] = []
        node: Organisation | None = self
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return chain
