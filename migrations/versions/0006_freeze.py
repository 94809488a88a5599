"""The dispatched-cable freeze against every SQL path (conflict clauses, links, kept documents).

Revision ID: 0006_freeze
Revises: 0005_people_commitments
Create Date: 2026-12-06 07:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0006_freeze"
down_revision: str | None = "0005_people_commitments"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Filled in by the freeze work (issue 15); a placeholder keeps the revision chain fixed."""


def downgrade() -> None:
    """Nothing to undo yet."""
