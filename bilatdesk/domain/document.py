"""Generated documents: every PDF produced, with its hash, marking and inputs."""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bilatdesk.domain.base import Base, RecordMixin


class GeneratedDocument(RecordMixin, Base):
    """Every PDF produced: kept with its hash, marking, and what it was built from."""

    __tablename__ = "generated_document"

    kind: Mapped[str] = mapped_column(String(30))  # cable, brief, register
    source_uid: Mapped[str] = mapped_column(String(36), index=True)
    title: Mapped[str] = mapped_column(String(500), default="", server_default="")
    classification: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    inputs: Mapped[str] = mapped_column(Text, default="", server_default="")
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
