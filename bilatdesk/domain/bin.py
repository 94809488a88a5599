"""The "Recently deleted" bin: each deleted record kept whole, with its links, for a while."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bilatdesk.domain.base import Base, UTCDateTime, utcnow

BIN_DAYS = 30
"""How long a deleted record stays in the bin before start-up purges it."""


class DeletedRecord(Base):
    """One deleted record: its kind, uid and title, and a JSON snapshot of its rows and links."""

    __tablename__ = "deleted_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_uid: Mapped[str] = mapped_column(String(36), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    snapshot: Mapped[str] = mapped_column(Text)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    deleted_by: Mapped[str] = mapped_column(String(200), default="")
