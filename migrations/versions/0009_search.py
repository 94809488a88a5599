"""Search text as index words: CJK characters apart, numbers also without leading zeros,
people's posts, organisations and country, cables' tags (issue 18).

Revision ID: 0009_search
Revises: 0010_bin (re-chained when the branches merge)
Create Date: 2026-12-06 10:00:00
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bilatdesk.domain.text import index_text, search_blob
from bilatdesk.store.search import SEARCHABLE_TABLES

revision: str = "0009_search"
down_revision: str | None = "0010_bin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5_000

_PERSON_EXTRAS = """
SELECT m.person_id, p.title, COALESCE(o.name, '') FROM membership m
JOIN post p ON p.id = m.post_id LEFT JOIN organisation o ON o.id = p.organisation_id
ORDER BY m.person_id, m.start_date, m.id
"""
_PERSON_COUNTRY = """
SELECT person.id, country.name FROM person JOIN country ON country.id = person.country_id
"""
_CABLE_TAGS = """
SELECT ct.cable_id, t.name FROM cable_tag ct JOIN tag t ON t.id = ct.tag_id ORDER BY ct.cable_id
"""


def _extras(bind: sa.Connection, name: str) -> dict[int, list[str]]:
    """What the search text of a record of `name` now holds beyond its own fields."""
    found: dict[int, list[str]] = defaultdict(list)
    if name == "person":
        for person_id, title, organisation in bind.execute(sa.text(_PERSON_EXTRAS)):
            found[person_id] += [title, organisation]
        for person_id, country in bind.execute(sa.text(_PERSON_COUNTRY)):
            found[person_id].append(country)
    elif name == "cable":
        for cable_id, tag in bind.execute(sa.text(_CABLE_TAGS)):
            found[cable_id].append(tag)
    return found


def upgrade() -> None:
    """Recompute every search text in batches; the triggers (or the generated column) follow.

    The old text is the folded fields, so its index words are the new text of those fields,
    and the extras are the same words a save now adds."""
    bind = op.get_bind()
    for name in SEARCHABLE_TABLES:
        extras = _extras(bind, name)
        last = 0
        while True:
            rows = bind.execute(
                sa.text(
                    f"SELECT id, search_text FROM {name} WHERE id > :last ORDER BY id LIMIT :n"
                ),
                {"last": last, "n": _BATCH},
            ).all()
            if not rows:
                break
            last = rows[-1][0]
            changed = []
            for row_id, old in rows:
                new = " ".join(
                    part for part in (index_text(old), search_blob(*extras.get(row_id, ()))) if part
                )
                if new != old:
                    changed.append({"row_id": row_id, "text": new})
            if changed:
                bind.execute(
                    sa.text(f"UPDATE {name} SET search_text = :text WHERE id = :row_id"), changed
                )


def downgrade() -> None:
    """Nothing to undo: the older program finds the same words in the new search text."""
