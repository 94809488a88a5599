"""Reading a calendar and importing it (or its dry run) off the GUI thread, cancellable.

The worker calls `read_ics` then `import_events`; it reports only through a relay's queued
signals and never touches a widget. Cancel makes the progress callbacks answer False, so the
read stops, or the import raises ImportCancelledError and its one transaction rolls back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bilatdesk.services.calendar_io.importing import IcsImportReport, IcsRead, read_ics
from bilatdesk.services.calendar_io.service import CalendarExchange
from bilatdesk.ui.kit.exchange.jobs import BackgroundRun, Progress, reading
from bilatdesk.ui.kit.texts import tr


@dataclass(frozen=True)
class CalendarSettings:
    """What the import reads and where it puts it."""

    path: Path
    window_start: date
    window_end: date
    country_id: int | None
    floating_zone: str


@dataclass(frozen=True)
class CalendarResult:
    settings: CalendarSettings
    read: IcsRead
    report: IcsImportReport


class CalendarRun(BackgroundRun):
    """One read-and-import (or dry run) at a time, reported by signals on the GUI thread.

    `progress` carries a sentence ("120 events read…"), `finished` the CalendarResult.
    """

    def start(
        self,
        calendar: CalendarExchange,
        settings: CalendarSettings,
        *,
        dry_run: bool,
        read: IcsRead | None = None,
    ) -> bool:
        """Start in the background (False if one is already running). With `read`, the file
        is not read again."""

        def work(progress: Progress) -> CalendarResult:
            def reading_events(count: int) -> bool:
                return progress(tr("%1 events read…").replace("%1", f"{count:,}"))

            def writing_events(count: int) -> bool:
                return progress(tr("%1 events checked…").replace("%1", f"{count:,}"))

            events = read or read_ics(
                settings.path,
                window_start=settings.window_start,
                window_end=settings.window_end,
                floating_zone=settings.floating_zone,
                progress=reading_events,
            )
            progress.check()
            report = calendar.import_events(
                events.events,
                dry_run=dry_run,
                country_id=settings.country_id,
                progress=writing_events,
                source=settings.path.name,
            )
            return CalendarResult(settings, events, report)

        could_not_read = tr("The file %1 could not be read (%2); nothing was imported.")
        return self.start_work(work, reading(settings.path, could_not_read))
