"""Telephone numbers in E.164, and every run of their digits in the people's search text.

Revision ID: 0012_phones
Revises: 0009_search (the lead re-chains it when the branches merge)
Create Date: 2026-12-08 09:00:00
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bilatdesk.domain.phones import point_search_text, store_phone
from bilatdesk.domain.text import search_blob

revision: str = "0012_phones"
down_revision: str | None = "0009_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 500


def upgrade() -> None:
    """Each number phonenumbers reads (in the person's country when written without "+")
    is stored in E.164, its extension kept; one it cannot read stays as written. The search
    text of everyone with a number is made again as Person.refresh_derived makes it."""
    bind = op.get_bind()
    points = bind.execute(
        sa.text(
            "SELECT contact_point.id, contact_point.person_id, contact_point.value,"
            " country.iso_code FROM contact_point JOIN person ON person.id ="
            " contact_point.person_id LEFT JOIN country ON country.id = person.country_id"
            " WHERE contact_point.kind = 'phone'"
        )
    ).all()
    changed = []
    people: set[int] = set()
    for point in points:
        people.add(point.person_id)
        stored = store_phone(point.value, point.iso_code or "")
        if stored.value != point.value:
            changed.append({"point_id": point.id, "stored": stored.value})
    for start in range(0, len(changed), _BATCH):
        bind.execute(
            sa.text("UPDATE contact_point SET value = :stored WHERE id = :point_id"),
            changed[start : start + _BATCH],
        )
    ids = sorted(people)
    for start in range(0, len(ids), _BATCH):
        _search_again(bind, ids[start : start + _BATCH])


def _search_again(bind: sa.Connection, ids: list[int]) -> None:
    expanding = sa.bindparam("ids", expanding=True)
    points: dict[int, list[str]] = defaultdict(list)
    for row in bind.execute(
        sa.text(
            "SELECT person_id, kind, value FROM contact_point WHERE person_id IN :ids"
            " ORDER BY person_id, position, id"
        ).bindparams(expanding),
        {"ids": ids},
    ):
        points[row.person_id].append(point_search_text(row.kind, row.value))
    texts = [
        {
            "person_id": row.id,
            "text": search_blob(
                row.honorific,
                row.given_name,
                row.family_name,
                row.other_names,
                row.name_original,
                row.name_shown,
                *points[row.id],
            ),
        }
        for row in bind.execute(
            sa.text(
                "SELECT id, honorific, given_name, family_name, other_names, name_original,"
                " name_shown FROM person WHERE id IN :ids"
            ).bindparams(expanding),
            {"ids": ids},
        )
    ]
    bind.execute(sa.text("UPDATE person SET search_text = :text WHERE id = :person_id"), texts)


def downgrade() -> None:
    """Nothing to undo in the schema; numbers stay in E.164 (the form written is not kept)."""
