"""The calendar in and out of one database: the ICS import and export, as both faces call them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bilatdesk.store.database import Database

if TYPE_CHECKING:
    from bilatdesk.exchange.ics.read import ImportedEvent
    from bilatdesk.services.calendar_io.exporting import IcsExportResult
    from bilatdesk.services.calendar_io.importing import IcsImportReport


class CalendarExchange:
    """Events into engagements, and engagements with national days out to an ICS file.

    The importer and the writer are imported when first used: opening a database does not
    load them.
    """

    def __init__(self, database: Database) -> None:
        self.db = database

    def import_events(
        self,
        events: Iterable[ImportedEvent],
        *,
        dry_run: bool,
        country_id: int | None,
        progress: Callable[[int], bool] | None = None,
        source: str = "",
    ) -> IcsImportReport:
        """Create or update the engagements whole or not at all (see `import_events`)."""
        from bilatdesk.services.calendar_io.importing import import_events

        return import_events(
            self.db,
            events,
            dry_run=dry_run,
            country_id=country_id,
            progress=progress,
            source=source,
        )

    def export_ics(
        self,
        path: Path,
        *,
        country_id: int | None,
        start: date | None,
        end: date | None,
        ceiling: str | None,
    ) -> IcsExportResult:
        """Write the calendar to `path` (atomically); None as ceiling means no ceiling."""
        from bilatdesk.services.calendar_io.exporting import export_ics

        return export_ics(
            self.db, path, country_id=country_id, start=start, end=end, ceiling=ceiling
        )
