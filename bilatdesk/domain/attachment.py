"""Files attached to records: content stored once by SHA-256, names made safe."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from bilatdesk.domain.base import Base, RecordMixin, utcnow


class Blob(Base):
    """File content, stored once however many records attach it (deduplicated by hash)."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class Attachment(RecordMixin, Base):
    """A file attached to a record (for now: agreements), by the record's table and id."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_table", "owner_id"),)

    owner_table: Mapped[str] = mapped_column(String(50))
    owner_id: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))  # safe: no folder, no device name
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256", ondelete="RESTRICT"), index=True)
    size: Mapped[int] = mapped_column(Integer)
    classification: Mapped[str] = mapped_column(String(16), default="U", server_default="U")
    description: Mapped[str] = mapped_column(String(500), default="", server_default="")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
