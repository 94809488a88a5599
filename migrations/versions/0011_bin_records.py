"""The "Recently deleted" bin: deleted records kept whole with their links (issue 19).

Revision ID: 0011_bin_records
Revises: 0012_phones
Create Date: 2026-12-06 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0011_bin_records"
down_revision: str | None = "0012_phones"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the bin's table; nothing deleted before this revision is in it."""
    op.create_table(
        "deleted_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_uid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_record")),
    )
    op.create_index(
        op.f("ix_deleted_record_record_uid"), "deleted_record", ["record_uid"], unique=False
    )
    op.create_index(
        op.f("ix_deleted_record_deleted_at"), "deleted_record", ["deleted_at"], unique=False
    )


def downgrade() -> None:
    """Drop the bin (what it held is gone with it)."""
    op.drop_index(op.f("ix_deleted_record_deleted_at"), table_name="deleted_record")
    op.drop_index(op.f("ix_deleted_record_record_uid"), table_name="deleted_record")
    op.drop_table("deleted_record")
