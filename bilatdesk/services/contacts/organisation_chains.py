"""Organisation names from the top of the parent chain down, for the people's exports."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import Organisation


class OrganisationChains:
    """Every organisation's name and parent, loaded once per export."""

    def __init__(self, session: Session) -> None:
        self.tree: dict[int, tuple[str, int | None]] = {
            oid: (name, parent)
            for oid, name, parent in session.execute(
                select(Organisation.id, Organisation.name, Organisation.parent_id)
            )
        }

    def chain(self, organisation_id: int | None) -> tuple[str, ...]:
        """Names from the top (the ministry) down to the unit ("Ministry", "Unit"); a cycle
        in the data stops the walk instead of looping."""
        names: list[str] = []
        seen: set[int] = set()
        node = organisation_id
        while node is not None and node not in seen and node in self.tree:
            seen.add(node)
            name, node = self.tree[node]
            names.append(name)
        return tuple(names[::-1])
