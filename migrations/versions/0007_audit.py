"""The audit trail: an append-only table the database refuses to change or empty.

Revision ID: 0007_audit
Revises: 0006_freeze
Create Date: 2026-12-06 07:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bilatdesk.store.audit import (
    postgresql_audit_ddl,
    postgresql_audit_drop_ddl,
    sqlite_audit_ddl,
    sqlite_audit_drop_ddl,
)

revision: str = "0007_audit"
down_revision: str | None = "0006_freeze"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), server_default="", nullable=False),
        sa.Column("database_user", sa.String(length=200), server_default="", nullable=False),
        sa.Column("host", sa.String(length=255), server_default="", nullable=False),
        sa.Column("program_version", sa.String(length=50), server_default="", nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("record_kind", sa.String(length=50), server_default="", nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("record_uid", sa.String(length=36), server_default="", nullable=False),
        sa.Column("changes", sa.Text(), server_default="{}", nullable=False),
        sa.Column("source", sa.String(length=500), server_default="", nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_record", ["record_kind", "record_id"], unique=False)
    ddl = sqlite_audit_ddl() if op.get_bind().dialect.name == "sqlite" else postgresql_audit_ddl()
    for statement in ddl:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        drops = sqlite_audit_drop_ddl()
    else:
        drops = postgresql_audit_drop_ddl()
    for statement in drops:
        op.execute(statement)
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_record")
    op.drop_table("audit_entry")
