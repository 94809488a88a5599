"""Running a contact import (or its dry run) off the GUI thread, cancellable between cards.

The worker reads the file and calls `import_cards`; it reports only through a relay's queued
signals and never touches a widget. Cancel makes the progress callback answer False, so the
import raises ImportCancelledError and its one transaction rolls back: nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bilatdesk.exchange.csv.read import read_csv_cards
from bilatdesk.exchange.records import CardProblem, ContactCard, ImportReport
from bilatdesk.services.contacts.service import ContactExchange
from bilatdesk.ui.kit.exchange.jobs import BackgroundRun, Progress, reading
from bilatdesk.ui.kit.texts import tr

VCARD_SUFFIXES = (".vcf", ".vcard")


@dataclass(frozen=True)
class ContactSource:
    """A file to import: vCard or CSV (with the column mapping chosen for it)."""

    path: Path
    kind: Literal["vcard", "csv"]
    mapping: dict[str, str] | None = None

    @classmethod
    def of(cls, path: Path) -> ContactSource:
        return cls(path, "vcard" if path.suffix.lower() in VCARD_SUFFIXES else "csv")

    def cards(self) -> Iterator[ContactCard | CardProblem]:
        """The file's cards, read as the import consumes them; the file closes at the end."""
        if self.kind == "csv":
            yield from read_csv_cards(self.path, self.mapping).cards
            return
        from bilatdesk.exchange.vcard.read import read_vcards

        with self.path.open("rb") as stream:
            yield from read_vcards(stream)


class ImportRun(BackgroundRun):
    """One import or dry run at a time, reported by signals on the GUI thread.

    `progress` carries how many cards have been read so far, `finished` the ImportReport.
    """

    def start(
        self,
        contacts: ContactExchange,
        source: ContactSource,
        *,
        dry_run: bool,
        on_match: Literal["update", "skip"],
    ) -> bool:
        """Start in the background (False if one is already running)."""

        def work(progress: Progress) -> ImportReport:
            return contacts.import_cards(
                source.cards(),
                dry_run=dry_run,
                on_match=on_match,
                progress=progress,
                source=source.path.name,
            )

        return self.start_work(
            work, reading(source.path, tr("The file %1 could not be read (%2)."))
        )
