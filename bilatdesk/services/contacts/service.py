"""Contacts in and out of one database: the import and the exports, as both faces call them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from bilatdesk.store.database import Database

if TYPE_CHECKING:
    from bilatdesk.exchange.records import CardProblem, ContactCard, ImportReport
    from bilatdesk.services.contacts.importing import OnMatch


class ContactExchange:
    """People from vCard or CSV cards, and people out to a vCard or CSV file.

    The writers are imported when first used: opening a database does not load them.
    """

    def __init__(self, database: Database) -> None:
        self.db = database

    def import_cards(
        self,
        cards: Iterable[ContactCard | CardProblem],
        *,
        dry_run: bool,
        on_match: OnMatch = "update",
        progress: Callable[[int], bool] | None = None,
        country_id: int | None = None,
        source: str = "",
    ) -> ImportReport:
        """Import the cards whole or not at all (see `importing.import_cards`)."""
        from bilatdesk.services.contacts.importing import import_cards

        return import_cards(
            self.db,
            cards,
            dry_run=dry_run,
            on_match=on_match,
            progress=progress,
            country_id=country_id,
            source=source,
        )

    def export_csv(self, path: Path, *, country_id: int | None, ceiling: str | None) -> int:
        """Write the people to `path` as CSV (atomically); how many were written."""
        from bilatdesk.services.contacts.csv_export import export_csv

        return export_csv(self.db, path, country_id=country_id, ceiling=ceiling)

    def export_vcards(self, path: Path, *, country_id: int | None, ceiling: str | None) -> int:
        """Write the people to `path` as vCard 4.0 (atomically); how many were written."""
        from bilatdesk.services.contacts.vcard_export import export_vcards

        return export_vcards(self.db, path, country_id=country_id, ceiling=ceiling)
