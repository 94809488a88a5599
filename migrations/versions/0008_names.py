"""A person's name order and the display form their card gave (issue 17).

Revision ID: 0008_names
Revises: 0007_audit (re-chained after 0007_audit when the branches merge)
Create Date: 2026-12-06 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bilatdesk.domain.names import infer_name_order

revision: str = "0008_names"
down_revision: str | None = "0007_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the two columns (no table rebuild, so the search triggers stay), then give every
    existing person the order their script and country imply, as a new record would get."""
    op.add_column(
        "person",
        sa.Column(
            "name_order",
            sa.Enum(
                "given_first", "family_first", name="nameorder", native_enum=False, length=32
            ),
            server_default="given_first",
            nullable=False,
        ),
    )
    op.add_column(
        "person",
        sa.Column("name_shown", sa.String(length=1000), server_default="", nullable=False),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT person.id, person.given_name, person.family_name, person.name_original,"
            " country.iso_code FROM person LEFT JOIN country ON country.id = person.country_id"
        )
    )
    family_first = [
        row.id
        for row in rows
        if infer_name_order(
            row.given_name, row.family_name, row.iso_code or "", row.name_original
        )
        == "family_first"
    ]
    for start in range(0, len(family_first), 500):
        bind.execute(
            sa.text("UPDATE person SET name_order = 'family_first' WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": family_first[start : start + 500]},
        )


def downgrade() -> None:
    """Drop the two columns."""
    with op.batch_alter_table("person") as batch:
        batch.drop_column("name_shown")
        batch.drop_column("name_order")
