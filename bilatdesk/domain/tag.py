"""Tags from one controlled vocabulary, shared by people, engagements, cables and agreements."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from bilatdesk.domain.base import Base, RecordMixin


class Tag(RecordMixin, Base):
    __tablename__ = "tag"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(String(500), default="", server_default="")


def _link_table(owner: str) -> Table:
    return Table(
        f"{owner}_tag",
        Base.metadata,
        Column(f"{owner}_id", ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True),
        Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
    )


person_tag = _link_table("person")
organisation_tag = _link_table("organisation")
engagement_tag = _link_table("engagement")
agreement_tag = _link_table("agreement")
