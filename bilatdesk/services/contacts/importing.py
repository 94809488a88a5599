"""Importing contact cards (vCard, CSV) into people: match, create or update, in one transaction.

Cards are consumed as a stream in batches: each card is checked as it comes (contact_check),
a batch's possible matches are looked up with a few set-based queries (contact_match), every
card is decided in file order, and the batch is written in bulk (contact_write), new
organisations and posts included (contact_posts). Every batch of one import goes into ONE
transaction, so an import is written whole or not at all; a dry run runs the very same code
and rolls back, so its report is the real one's. Photos are scaled down as each card is
checked, and a batch ends early once it holds BATCH_PHOTO_BYTES of them, so memory stays
bounded whatever the file's length. On SQLite, each batch's new people are indexed for
search on a helper thread while the next batch is read and checked (contact_write).

A card that matches someone updates them without deleting or overwriting anything
(contact_people); one that matches no one creates a person, in the country chosen for the
import if any.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from typing import Any, Literal

from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bilatdesk.domain.enums import NameOrder
from bilatdesk.domain.names import infer_name_order
from bilatdesk.domain.phones import store_phone
from bilatdesk.exchange.checks import CheckedCard, checked
from bilatdesk.exchange.errors import ImportCancelledError
from bilatdesk.exchange.places import country_from_contacts
from bilatdesk.exchange.records import (
    CardProblem,
    ContactCard,
    ImportReport,
    Outcome,
    ReportLine,
)
from bilatdesk.services.contacts.audit import ImportAudit
from bilatdesk.services.contacts.match import PeopleIndex
from bilatdesk.services.contacts.people import (
    NewPerson,
    PersonState,
    fill,
    load_states,
    new_person,
)
from bilatdesk.services.contacts.posts import Directory
from bilatdesk.services.contacts.write import BulkWriter, Driver, id_of
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.store.audit_hooks import SOURCE_KEY
from bilatdesk.store.database import Database
from bilatdesk.store.errors import RefusedByDatabaseError

__all__ = [
    "BATCH_CARDS",
    "ImportCancelledError",
    "ImportFailedError",
    "OnMatch",
    "import_cards",
]

# Cards per batch: each batch costs a few queries, and holds its cards and rows in memory.
BATCH_CARDS = 2000
# A batch also ends when the photos it holds reach this, so memory stays bounded.
BATCH_PHOTO_BYTES = 8 * 1024 * 1024
PROGRESS_EVERY = 200

OnMatch = Literal["update", "skip"]


class ImportFailedError(ServiceError):
    """The database refused a write; the whole import was rolled back."""


IMPORT_CACHE_KIB = -65536
"""SQLite's cache_size during an import (negative: KiB), 64 MB."""
DEFAULT_CACHE_KIB = -2000
"""SQLite's own default, given back to the pooled connection after the import."""


def import_cards(
    db: Database,
    cards: Iterable[ContactCard | CardProblem],
    *,
    dry_run: bool,
    on_match: OnMatch = "update",
    progress: Callable[[int], bool] | None = None,
    today: date | None = None,
    country_id: int | None = None,
    source: str = "",
) -> ImportReport:
    """Import the cards whole or not at all; a dry run reports the same and writes nothing.

    `source` names the file in the audit trail's entry of each person created or changed.

    `progress(n)` is called every PROGRESS_EVERY cards; returning False cancels the import
    (ImportCancelledError is raised and nothing is written). `country_id` is the country the
    file's people belong to: new people get it, and it tells same-named organisations apart
    for people who have no country of their own.
    """
    report = ImportReport(dry_run=dry_run)
    day = today or date.today()
    try:
        with _no_collections(), db.session() as session:
            run = _Run(session, report, on_match, day, country_id)
            if run.writer.sqlite:
                # SQLite's 2 MB page cache spills a bulk import's index pages to the WAL and
                # reads them back; 64 MB holds them (this connection only, reset below).
                run.driver.execute(f"PRAGMA cache_size={IMPORT_CACHE_KIB}")
            session.info[SOURCE_KEY] = source
            if db.auditing:
                run.audit = ImportAudit(run.connection, run.driver, db.identity(), source)
            try:
                count = 0
                for card in cards:
                    run.take(checked(card, day))
                    count += 1
                    if progress is not None and count % PROGRESS_EVERY == 0 and not progress(count):
                        raise ImportCancelledError()
                run.end_batch()
                if progress is not None and count % PROGRESS_EVERY and not progress(count):
                    raise ImportCancelledError()
                run.finish()
            finally:
                if run.writer.sqlite:
                    # Never hides the import's own fault; the connection is discarded then.
                    with suppress(SQLAlchemyError):
                        run.driver.execute(f"PRAGMA cache_size={DEFAULT_CACHE_KIB}")
                run.close()
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


class _DryRunError(Exception):
    """Raised at the end of a dry run so the transaction rolls back."""


class _Collector:
    """Whether the cyclic garbage collector was on before the first running import."""

    lock = threading.Lock()
    running = 0
    was_enabled = True


@contextmanager
def _no_collections() -> Iterator[None]:
    """Keep the cyclic garbage collector from running during the import.

    An import makes tens of objects per card that live until its batch is written, and the
    collector walked them again and again: with the default thresholds its full collections
    took a fifth of a 100,000-row import, and with raised ones it still took 0.4 s of 8. Cards
    make no reference cycles (reference counting frees them), so nothing is held longer for
    it. Other threads' cycles wait for the end of the import, when it is switched on again.
    """
    with _Collector.lock:
        if _Collector.running == 0:
            _Collector.was_enabled = gc.isenabled()
            gc.disable()
        _Collector.running += 1
    try:
        yield
    finally:
        with _Collector.lock:
            _Collector.running -= 1
            if _Collector.running == 0 and _Collector.was_enabled:
                gc.enable()


def _store_phones(card: CheckedCard, region: str) -> None:
    """The card's numbers in E.164, read in the person's country; one that cannot be read is
    kept as written and said in the report."""
    phones: dict[str, str] = {}
    for number, label in card.phones:
        stored = store_phone(number, region)
        if not stored.read:
            card.problems.append(
                f"phone {number} kept as written: it cannot be read as a number "
                "(no country, or too short)"
            )
        phones.setdefault(stored.value, label)
    card.phones = list(phones.items())


def _line(
    line: int,
    outcome: Outcome,
    name: str,
    reason: str = "",
    *,
    person_id: int | None = None,
    problems: list[str] | None = None,
) -> ReportLine:
    """A ReportLine without the frozen dataclass's field-by-field __init__ (one per card)."""
    made: Any = object.__new__(ReportLine)
    made.__dict__.update(
        line=line,
        outcome=outcome,
        name=name,
        reason=reason,
        person_id=person_id,
        problems=tuple(problems) if problems else (),
    )
    return made  # type: ignore[no-any-return]


class _Run:
    """One import: the batch being gathered, the look-ups, the writer and the report."""

    def __init__(
        self,
        session: Session,
        report: ImportReport,
        on_match: OnMatch,
        today: date,
        country_id: int | None,
    ) -> None:
        self.session = session
        # Core statements go to the connection: the ORM session's own execute() costs more
        # than many of these small queries take.
        self.connection = session.connection()
        self.driver = Driver(self.connection)
        self.writer = BulkWriter(self.connection, self.driver)
        # Every statement of the session (the ORM's, Core's) first waits for the one the
        # driver runs behind: the connection serves one thread at a time.
        event.listen(self.connection, "before_cursor_execute", self._settle)
        self.report = report
        self.on_match = on_match
        self.today = today
        self.country_id = country_id
        self.batch: list[CheckedCard | CardProblem] = []
        self.batch_photo_bytes = 0
        # Loaded with the first card that can be imported (a file of refusals needs neither).
        self.people: PeopleIndex | None = None
        self.directory: Directory | None = None
        # Per batch: people to create, and existing people as loaded and changed.
        self.new: list[NewPerson] = []
        self.states: dict[int, PersonState] = {}
        self.audit: ImportAudit | None = None

    # -- gathering ---------------------------------------------------------------------------
    def take(self, item: CheckedCard | CardProblem) -> None:
        self.batch.append(item)
        if isinstance(item, CheckedCard) and item.photo:
            self.batch_photo_bytes += len(item.photo)
        if len(self.batch) >= BATCH_CARDS or self.batch_photo_bytes >= BATCH_PHOTO_BYTES:
            self.end_batch()

    def end_batch(self) -> None:
        batch, self.batch, self.batch_photo_bytes = self.batch, [], 0
        cards = [item for item in batch if isinstance(item, CheckedCard)]
        if cards:
            if self.people is None:
                self.people = PeopleIndex(self.connection, self.driver)
                self.directory = Directory(self.session, self.connection)
            candidates = self.people.look_up(cards) - self.states.keys()
            self.states.update(load_states(self.connection, candidates, self.today))
        lines = self.report.lines
        for item in batch:
            if isinstance(item, CardProblem):
                lines.append(_line(item.line, Outcome.REFUSE, item.name, item.reason))
            else:
                self._decide(item)
                item.photo = None  # written or not, the batch no longer needs it
        self._write()
        self.writer.index_new_people(behind=True)
        if self.people is not None:
            self.people.end_batch()
        self.states = {}

    def finish(self) -> None:
        """Before commit: what the writer changed for the import is put back."""
        self.writer.finish()

    def close(self) -> None:
        event.remove(self.connection, "before_cursor_execute", self._settle)
        self.driver.close()

    def _settle(self, *_args: object) -> None:
        self.driver.settle()

    # -- deciding ----------------------------------------------------------------------------
    def _decide(self, card: CheckedCard) -> None:
        assert self.people is not None
        match = self.people.match(card, self.states)
        if match is None:
            reason = self._create(card)
            self.report.lines.append(
                _line(card.line, Outcome.CREATE, card.name, reason, problems=card.problems)
            )
            return
        target, why = match
        if isinstance(target, NewPerson):
            if target.id is None:
                # The earlier card of this batch must be written before it can be updated.
                self._write()
            target = _id_of_new(target)
        state = self.states.get(target)
        if state is None:
            self.states.update(load_states(self.connection, {target}, self.today))
            state = self.states[target]
        if card.uid is not None:
            self.people.uid_alias.setdefault(card.uid, state.id)
        reason = f"matches {state.name} ({why})"
        if self.on_match == "skip":
            outcome, added = Outcome.SKIP, []
        else:
            added = self._update(state, card)
            outcome = Outcome.UPDATE if added else Outcome.SKIP
        if outcome is Outcome.UPDATE:
            reason += "; adds " + ", ".join(added)
        elif self.on_match == "update":
            reason = f"already up to date ({reason})"
        self.report.lines.append(
            _line(card.line, outcome, card.name, reason, person_id=state.id, problems=card.problems)
        )

    def _create(self, card: CheckedCard) -> str:
        """Decide the new person; the reason the report gives (where their country came from)."""
        assert self.people is not None and self.directory is not None
        directory = self.directory
        uid = card.uid if card.uid is not None and card.uid not in self.people.found_uids else None
        country_id, reason = self.country_id, ""
        if country_id is None:
            # A new person takes the country of the organisation they work for, and the
            # report says so, so the clerk can change it before anything is written.
            country_id, organisation = directory.country_of(card.organisation)
            if country_id is not None:
                reason = f"country from organisation {organisation}"
        if country_id is None:
            # Else the country the phones and mail domains agree on, which an organisation
            # the card makes takes too.
            country_id, reason = self._country_guess(card)
        post, problem = directory.post(card.organisation, card.title, country_id)
        if problem:
            card.problems.append(problem)
        region = directory.iso_code(country_id)
        _store_phones(card, region)
        order = NameOrder(card.name_order) if card.name_order else None
        if order is None:
            order = infer_name_order(card.given, card.family, region, card.name_shown)
        person = new_person(
            card,
            uid,
            country_id,
            post,
            directory.tag_ids(card.tags) if card.tags else [],
            name_order=order,
        )
        self.new.append(person)
        self.people.add_new(person, card, uid)
        return reason

    def _country_guess(self, card: CheckedCard) -> tuple[int | None, str]:
        """The country the card's phones and mail domains agree on, and why; (None, "")."""
        assert self.directory is not None
        guess = country_from_contacts(
            [number for number, _ in card.phones], [address for address, _ in card.emails]
        )
        if guess is None:
            return None, ""
        country_id = self.directory.country_id(guess.code)
        return (country_id, f"country from {guess.evidence}") if country_id else (None, "")

    def _update(self, state: PersonState, card: CheckedCard) -> list[str]:
        assert self.people is not None and self.directory is not None
        country = state.country_id if state.country_id is not None else self.country_id
        post, problem = self.directory.post(card.organisation, card.title, country)
        if problem:
            card.problems.append(problem)
        _store_phones(card, self.directory.iso_code(country))
        added = fill(state, card, post, self.directory.tag_ids(card.tags))
        emails = self.people.emails
        for address, _ in card.emails:
            emails.setdefault(address.lower(), state.id)
        return added

    # -- writing -----------------------------------------------------------------------------
    def _write(self) -> None:
        """Write what the batch decided so far: new records, new people, changes to others."""
        if self.directory is None or self.people is None:
            return  # nothing was looked up, so nothing was decided: only refusals so far
        writer = self.writer
        writer.insert_records(self.directory.take_new_records())
        points: list[tuple[int, str, str, str, int]] = []
        memberships: list[tuple[int, int, str]] = []
        links: list[tuple[int, int]] = []
        new, self.new = self.new, []
        if new:
            rows = [person.row for person in new]
            ids, uids = writer.insert_people(rows)  # type: ignore[arg-type]
            if self.audit is not None:
                self.audit.created(ids, uids, rows)  # type: ignore[arg-type]
            for person, pid in zip(new, ids, strict=True):
                person.id = pid
                person.row = None
                for position, (kind, value, label) in enumerate(person.points):
                    points.append((pid, kind, label, value, position))
                for post, note in person.posts:
                    memberships.append((pid, id_of(post), note))
                for tag_id in person.tag_ids:
                    links.append((pid, tag_id))
            self.people.written()
        for state in self.states.values():
            start = len(state.points)
            for offset, (kind, value, label) in enumerate(state.new_points):
                points.append((state.id, kind, label, value, start + offset))
            memberships.extend((state.id, id_of(post), note) for post, note in state.new_posts)
            links.extend((state.id, tag_id) for tag_id in state.new_tags)
            values = state.person_values()
            if values:
                writer.update_person(state.id, state.version, values, state.name)
            if self.audit is not None and (values or state.new_posts or state.new_tags):
                self.audit.updated(state)
            state.settle()
        writer.insert_points(points)
        writer.insert_memberships(memberships)
        writer.insert_tag_links(links)
        if self.audit is not None:
            self.audit.flush()


def _id_of_new(person: NewPerson) -> int:
    if person.id is None:
        raise RuntimeError("a new person was matched before it was written")
    return person.id
