"""Calendar events into engagements: create or update by source_uid, in ONE transaction.

`read_ics` (ics_read) makes the events; `import_events` writes them whole or not at all, and a
dry run runs the very same code and rolls back, so its report is the report of the import.

- An event whose key (source_uid) no engagement has yet: created, in the country given, with
  the participants the calendar names.
- An engagement with that key: updated. The calendar owns the title, times, zone, place and
  agenda, which are rewritten; the classification is never lowered (the higher of the two);
  the country is set only when the engagement has none; the kind, formality, outcome,
  participants and commitments stay as the clerk left them. An update changing nothing is a
  skip ("already up to date").
- Cancelled in the calendar (STATUS:CANCELLED): skipped; an engagement imported before stays.
- The same key twice in the file: the first is imported, the others skipped.
- Refused at reading (bad date, unknown zone, ...): a refused line with the sentence.

Engagements are written in batches with set-based statements (a 100,000-event file must not
take a query per event), all inside the one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bilatdesk.domain import DEFAULT_SCHEME, ClassificationScheme, Country, Person
from bilatdesk.domain.audit import AuditAction, Identity
from bilatdesk.domain.base import table_of, utcnow
from bilatdesk.domain.classification import UnknownClassificationError
from bilatdesk.domain.engagement import Engagement, Participant
from bilatdesk.domain.enums import Formality, MissionFunction
from bilatdesk.domain.names import display_name
from bilatdesk.domain.text import search_blob
from bilatdesk.domain.uids import new_uid
from bilatdesk.exchange.errors import ImportCancelledError
from bilatdesk.exchange.ics.read import (
    IcsError,
    IcsRead,
    ImportedEvent,
    default_window,
    local_text,
    local_zone,
    read_ics,
)
from bilatdesk.exchange.records import Outcome
from bilatdesk.services.contacts.importing import ImportFailedError
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.store.audit import Pending, append
from bilatdesk.store.audit_hooks import DERIVED, SOURCE_KEY, plain
from bilatdesk.store.database import Database
from bilatdesk.store.errors import RefusedByDatabaseError

__all__ = [
    "IcsError",
    "IcsImportReport",
    "IcsRead",
    "IcsReportLine",
    "ImportedEvent",
    "Outcome",
    "default_window",
    "import_events",
    "local_text",
    "local_zone",
    "read_ics",
]

PROGRESS_EVERY = 500
BATCH = 500
_ENGAGEMENT: Table = table_of(Engagement)
_PARTICIPANT: Table = table_of(Participant)


@dataclass(frozen=True)
class IcsReportLine:
    outcome: Outcome
    title: str
    starts_at: datetime | None
    time_zone: str
    reason: str
    line: int = 0
    all_day: bool = False

    @property
    def when(self) -> str:
        """The local start, as the preview and the command line show it."""
        return local_text(self.starts_at, self.time_zone, all_day=self.all_day)

    def describe(self) -> str:
        """One line for the command line: outcome, local start, title, reason."""
        when = self.when
        words = {
            Outcome.CREATE: "create",
            Outcome.UPDATE: "update",
            Outcome.SKIP: "skip",
            Outcome.REFUSE: "refused",
        }
        text = f"{words[self.outcome]}: {when} {self.title}".replace("  ", " ")
        return f"{text}: {self.reason}" if self.reason else text


@dataclass
class IcsImportReport:
    lines: list[IcsReportLine] = field(default_factory=list)
    dry_run: bool = True

    def count(self, outcome: Outcome) -> int:
        return sum(1 for line in self.lines if line.outcome is outcome)

    @property
    def created(self) -> int:
        return self.count(Outcome.CREATE)

    @property
    def updated(self) -> int:
        return self.count(Outcome.UPDATE)

    @property
    def skipped(self) -> int:
        return self.count(Outcome.SKIP)

    @property
    def refused(self) -> int:
        return self.count(Outcome.REFUSE)

    def summary(self) -> str:
        return (
            f"{self.created:,} created, {self.updated:,} updated, "
            f"{self.skipped:,} skipped, {self.refused:,} refused"
        )


# -- importing ---------------------------------------------------------------------------------
class _DryRunError(Exception):
    """Raised at the end of a dry run so the transaction rolls back."""


def import_events(
    db: Database,
    events: Iterable[ImportedEvent],
    *,
    dry_run: bool,
    country_id: int | None,
    progress: Callable[[int], bool] | None = None,
    scheme: ClassificationScheme = DEFAULT_SCHEME,
    source: str = "",
) -> IcsImportReport:
    """Create or update the engagements, whole or not at all; a dry run writes nothing.

    `progress(n)` is called every PROGRESS_EVERY events; False cancels (ImportCancelledError,
    nothing written).
    """
    report = IcsImportReport(dry_run=dry_run)
    try:
        with db.session() as session:
            if country_id is not None and session.get(Country, country_id) is None:
                raise ServiceError("That country no longer exists; choose another.")
            run = _Import(session, report, country_id, scheme)
            session.info[SOURCE_KEY] = source
            run.audit = (db.identity(), source) if db.auditing else None
            batch: list[ImportedEvent] = []
            for count, event in enumerate(events, 1):
                batch.append(event)
                if len(batch) >= BATCH:
                    run.batch(batch)
                    batch = []
                if progress is not None and count % PROGRESS_EVERY == 0 and not progress(count):
                    raise ImportCancelledError()
            run.batch(batch)
            if dry_run:
                raise _DryRunError()
    except _DryRunError:
        pass
    except (SQLAlchemyError, RefusedByDatabaseError) as exc:
        cause = exc.__cause__ if isinstance(exc, RefusedByDatabaseError) else exc
        detail = str(getattr(cause, "orig", None) or cause).strip().splitlines()[0][:200]
        raise ImportFailedError(
            f"The database refused the import ({detail}); nothing was written."
        ) from exc
    return report


class _Import:
    def __init__(
        self,
        session: Session,
        report: IcsImportReport,
        country_id: int | None,
        scheme: ClassificationScheme,
    ) -> None:
        self.session, self.report, self.country_id, self.scheme = (
            session,
            report,
            country_id,
            scheme,
        )
        self.seen: set[str] = set()
        self.audit: tuple[Identity, str] | None = None  # who imports, and the file's name

    def batch(self, events: list[ImportedEvent]) -> None:
        if not events:
            return
        keys = {e.key for e in events if e.key and not e.refusal}
        existing = self._existing(keys)
        creates: list[ImportedEvent] = []
        updates: list[tuple[ImportedEvent, Any]] = []
        for event in events:
            self._decide(event, existing, creates, updates)
        self._create(creates)
        self._update(updates)

    def _line(self, outcome: Outcome, event: ImportedEvent, reason: str = "") -> None:
        text = " ".join(part for part in (reason, *event.notes) if part)
        self.report.lines.append(
            IcsReportLine(
                outcome,
                event.title,
                event.starts_at,
                event.time_zone,
                text,
                event.line,
                event.all_day,
            )
        )

    def _decide(
        self,
        event: ImportedEvent,
        existing: dict[str, Any],
        creates: list[ImportedEvent],
        updates: list[tuple[ImportedEvent, Any]],
    ) -> None:
        if event.refusal:
            self._line(Outcome.REFUSE, event, event.refusal)
            return
        if event.key in self.seen:
            self._line(
                Outcome.SKIP,
                event,
                "The same event is in the file twice; the first one is imported.",
            )
            return
        self.seen.add(event.key)
        found = existing.get(event.key)
        if event.cancelled:
            reason = "It is cancelled in the calendar."
            if found is not None:
                reason += " The engagement imported before is left as it is."
            self._line(Outcome.SKIP, event, reason)
            return
        if found is None:
            creates.append(event)
            self._line(Outcome.CREATE, event)
            return
        if self._unchanged(event, found):
            self._line(Outcome.SKIP, event, "Already up to date.")
            return
        updates.append((event, found))
        self._line(Outcome.UPDATE, event)

    def _existing(self, keys: set[str]) -> dict[str, Any]:
        if not keys:
            return {}
        found: dict[str, Any] = {}
        statement = (
            select(
                _ENGAGEMENT.c.id,
                _ENGAGEMENT.c.source_uid,
                _ENGAGEMENT.c.title,
                _ENGAGEMENT.c.starts_at,
                _ENGAGEMENT.c.ends_at,
                _ENGAGEMENT.c.time_zone,
                _ENGAGEMENT.c.place,
                _ENGAGEMENT.c.agenda,
                _ENGAGEMENT.c.classification,
                _ENGAGEMENT.c.country_id,
                _ENGAGEMENT.c.sector,
                _ENGAGEMENT.c.outcome,
            )
            .where(_ENGAGEMENT.c.source_uid.in_(keys))
            .order_by(_ENGAGEMENT.c.id)
        )
        for row in self.session.execute(statement):
            found.setdefault(row.source_uid, row)  # the oldest, should there be two
        return found

    def _classification(self, event: ImportedEvent, current: str) -> str:
        """Never lower: the higher of the stored marking and the calendar's."""
        try:
            return self.scheme.highest([current, event.classification]).code
        except UnknownClassificationError:
            return event.classification

    def _unchanged(self, event: ImportedEvent, row: Any) -> bool:
        return (
            row.title == event.title
            and row.starts_at == event.starts_at
            and row.ends_at == event.ends_at
            and row.time_zone == event.time_zone
            and row.place == event.place
            and row.agenda == event.agenda
            and row.classification == self._classification(event, row.classification)
            and (row.country_id is not None or self.country_id is None)
        )

    def _create(self, events: list[ImportedEvent]) -> None:
        if not events:
            return
        now = utcnow()
        rows = [
            {
                "uid": new_uid(),
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "title": e.title,
                "kind": e.kind,
                "starts_at": e.starts_at,
                "ends_at": e.ends_at,
                "time_zone": e.time_zone,
                "place": e.place,
                "country_id": self.country_id,
                "formality": Formality.FORMAL,
                "function": MissionFunction.UNSPECIFIED,
                "sector": "",
                "classification": e.classification,
                "agenda": e.agenda,
                "outcome": "",
                "source_uid": e.key,
                "search_text": search_blob(
                    e.title, e.place, e.agenda, *(name for name, _ in e.participants)
                ),
            }
            for e in events
        ]
        # One executemany (RETURNING would cost a statement per row on SQLite); the new rows'
        # ids come back by their keys, which no other engagement had before this batch.
        self.session.execute(insert(_ENGAGEMENT), rows)
        named = [e for e in events if e.participants]
        if not named and self.audit is None:
            return
        wanted = events if self.audit is not None else named
        ids = dict(
            self.session.execute(
                select(_ENGAGEMENT.c.source_uid, _ENGAGEMENT.c.id).where(
                    _ENGAGEMENT.c.source_uid.in_([e.key for e in wanted])
                )
            )
            .tuples()
            .all()
        )
        self._record(
            (ids[e.key], str(row["uid"]), _imported({}, row))
            for e, row in zip(events, rows, strict=True)
        )
        people = [
            {
                "engagement_id": ids[event.key],
                "person_id": None,
                "name": name,
                "side": side,
                "role": "",
                "position": position,
            }
            for event in named
            for position, (name, side) in enumerate(event.participants)
        ]
        if people:
            self.session.execute(insert(_PARTICIPANT), people)

    def _update(self, pairs: list[tuple[ImportedEvent, Any]]) -> None:
        if not pairs:
            return
        names = self._participant_names([row.id for _, row in pairs])
        now = utcnow()
        values = [
            {
                "b_id": row.id,
                "b_title": e.title,
                "b_starts_at": e.starts_at,
                "b_ends_at": e.ends_at,
                "b_time_zone": e.time_zone,
                "b_place": e.place,
                "b_agenda": e.agenda,
                "b_classification": self._classification(e, row.classification),
                "b_country_id": row.country_id if row.country_id is not None else self.country_id,
                "b_updated_at": now,
                "b_search_text": search_blob(
                    e.title, e.place, row.sector, e.agenda, row.outcome, *names.get(row.id, ())
                ),
            }
            for e, row in pairs
        ]
        statement = (
            update(_ENGAGEMENT)
            .where(_ENGAGEMENT.c.id == bindparam("b_id"))
            .values(
                title=bindparam("b_title"),
                starts_at=bindparam("b_starts_at", type_=_ENGAGEMENT.c.starts_at.type),
                ends_at=bindparam("b_ends_at", type_=_ENGAGEMENT.c.ends_at.type),
                time_zone=bindparam("b_time_zone"),
                place=bindparam("b_place"),
                agenda=bindparam("b_agenda"),
                classification=bindparam("b_classification"),
                country_id=bindparam("b_country_id"),
                updated_at=bindparam("b_updated_at", type_=_ENGAGEMENT.c.updated_at.type),
                search_text=bindparam("b_search_text"),
                version=_ENGAGEMENT.c.version + 1,
            )
        )
        self.session.connection().execute(statement, values)
        self._record(
            (row.id, "", _imported(row._mapping, {name[2:]: v for name, v in new.items()}))
            for (_, row), new in zip(pairs, values, strict=True)
        )

    def _record(self, made: Iterable[tuple[int, str, dict[str, Any]]]) -> None:
        """One audit entry per engagement the import created or changed, naming the file."""
        if self.audit is None:
            return
        identity, source = self.audit
        action = AuditAction.IMPORT.value
        entries = [Pending(action, "engagement", i, uid, c, source) for i, uid, c in made]
        append(self.session.connection(), identity, entries)

    def _participant_names(self, ids: list[int]) -> dict[int, list[str]]:
        names: dict[int, list[str]] = {}
        statement = (
            select(
                Participant.engagement_id,
                Participant.name,
                Person.given_name,
                Person.family_name,
                Person.name_original,
                Person.name_order,
                Person.name_shown,
            )
            .outerjoin(Person, Person.id == Participant.person_id)
            .where(Participant.engagement_id.in_(ids))
        )
        for row in self.session.execute(statement):
            found = names.setdefault(row.engagement_id, [])
            if row.name:
                found.append(row.name)
            if row.given_name or row.family_name or row.name_original:
                found.append(
                    display_name(
                        row.given_name,
                        row.family_name,
                        row.name_original,
                        order=row.name_order,
                        shown=row.name_shown or "",
                    )
                )
                found.append(row.name_original)
        return names


def _imported(old: Any, new: dict[str, Any]) -> dict[str, Any]:
    """The fields an import set, each as [old, new] (old None for a new engagement)."""
    changes: dict[str, Any] = {}
    for name, value in new.items():
        if name in DERIVED or name in _NOT_AUDITED:
            continue
        before = plain(old.get(name)) if old else None
        after = plain(value)
        if before != after and not (before is None and after in (None, "")):
            changes[name] = [before, after]
    return changes


# Kept by the program for itself, not a change anyone made.
_NOT_AUDITED = frozenset({"source_uid"})
