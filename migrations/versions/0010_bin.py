"""How each clearance was given and who recorded it (issue 19).

Revision ID: 0010_bin
Revises: 0008_names (re-chained after the desk branch's revision when the branches merge)
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_bin"
down_revision: str | None = "0008_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add columns only (no table rebuild), so the freeze triggers on clearances stay.

    Clearances given before this revision keep an empty manner, read as given by the clearer
    (the freeze triggers would refuse filling it in on a dispatched cable anyway).
    """
    op.add_column(
        "cable_clearance",
        sa.Column("manner", sa.String(length=20), server_default="", nullable=False),
    )
    op.add_column(
        "cable_clearance",
        sa.Column("recorded_by", sa.String(length=200), server_default="", nullable=False),
    )


def downgrade() -> None:
    """Drop the two columns."""
    with op.batch_alter_table("cable_clearance") as batch:
        batch.drop_column("recorded_by")
        batch.drop_column("manner")
