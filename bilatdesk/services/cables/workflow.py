"""Clearance workflow: draft → for clearance → approved → dispatched (serial, DTG, PDF kept)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    Cable,
    CableClearance,
    CableSerial,
    CableStatus,
    ClassificationScheme,
)
from bilatdesk.domain.cable import format_serial
from bilatdesk.domain.cable_workflow import (
    CableAction,
    ClearanceManner,
    allows,
    approval_refusal,
    clearance_refusal,
    same_person,
    status_after,
)
from bilatdesk.services.cables.clearers import Clearer, clearer_names, our_side_people
from bilatdesk.services.cables.documents import cable_data, keep_document, render
from bilatdesk.services.cables.records import CableDetail
from bilatdesk.services.cables.service import (
    DispatchedCableError,
    detail_of,
    load_cable,
)
from bilatdesk.services.kernel.errors import ServiceError, ValidationError, require_version
from bilatdesk.services.kernel.settings import read_post_settings
from bilatdesk.store.database import Database


class WorkflowError(ServiceError):
    """A step taken out of order, with what to do instead."""


# Why each step is refused where the transition table does not allow it.
_REFUSED = {
    CableAction.SUBMIT: (
        "This cable is out for clearance or approved. Return it to draft to change it."
    ),
    CableAction.CLEAR: "Only a cable out for clearance can be cleared.",
    CableAction.APPROVE: "Submit the cable for clearance before approving it.",
    CableAction.RETURN: "The cable is a draft already.",
    CableAction.DISPATCH: "Only an approved cable can be dispatched.",
}


def _require(cable: Cable, action: CableAction) -> None:
    """Refuse a step that the domain's transition table does not allow from the status."""
    if allows(cable.status, action):
        return
    if cable.status is CableStatus.DISPATCHED and action in (
        CableAction.SUBMIT,
        CableAction.RETURN,
    ):
        raise DispatchedCableError(cable.serial or "")
    raise WorkflowError(_REFUSED[action])


class CableWorkflow:
    def __init__(self, database: Database, scheme: ClassificationScheme = DEFAULT_SCHEME) -> None:
        self.db = database
        self.scheme = scheme

    def clearers(self) -> list[Clearer]:
        """The people of our side who may be asked to clear a cable."""
        with self.db.read() as session:
            return our_side_people(session)

    def submit(
        self,
        cable_id: int,
        expected_version: int,
        *,
        clearers: Sequence[str] = (),
        clearer_ids: Sequence[int] = (),
        actor: str,
        now: datetime | None = None,
    ) -> CableDetail:
        """Send a draft for clearance by the people named (none: straight to approval).

        `clearer_ids` are people of our side picked from the register; `clearers` names
        written out (the demo and the command line)."""
        with self.db.session() as session:
            cable = self._load(session, cable_id, expected_version)
            _require(cable, CableAction.SUBMIT)
            _require_complete(cable, self.scheme)
            names = clearer_names(session, clearer_ids, clearers)
            cable.clearances = [CableClearance(position=i, name=n) for i, n in enumerate(names)]
            cable.status = status_after(CableAction.SUBMIT)
            cable.submitted_at = now or datetime.now(UTC)
            cable.drafter = cable.drafter or actor.strip()[:200]
            session.flush()
            return detail_of(cable)

    def clear(
        self,
        cable_id: int,
        expected_version: int,
        *,
        actor: str,
        clearer: str | None = None,
        manner: ClearanceManner = ClearanceManner.SELF,
        comment: str = "",
        now: datetime | None = None,
    ) -> CableDetail:
        """Record `clearer`'s clearance (by default the actor's own).

        Only a named clearer clears; anyone else records a clearance given to them in person,
        by telephone or by e-mail, on the clearer's behalf. The row keeps how and by whom, and
        the audit trail keeps the change.
        """
        who = (clearer if clearer is not None else actor).strip()
        with self.db.session() as session:
            cable = self._load(session, cable_id, expected_version)
            _require(cable, CableAction.CLEAR)
            pending = [c for c in cable.clearances if c.cleared_at is None]
            named = next((c for c in pending if same_person(c.name, who)), None)
            if named is None:
                raise WorkflowError(_not_named(cable, who))
            refused = clearance_refusal(named.name, actor, manner)
            if refused:
                raise WorkflowError(refused)
            by_self = same_person(named.name, actor) and manner is ClearanceManner.SELF
            named.cleared_at = now or datetime.now(UTC)
            named.comment = comment.strip()[:1000]
            named.manner = ClearanceManner.SELF.value if by_self else manner.value
            named.recorded_by = actor.strip()[:200]
            session.flush()
            return detail_of(cable)

    def approve(
        self, cable_id: int, expected_version: int, *, actor: str, now: datetime | None = None
    ) -> CableDetail:
        with self.db.session() as session:
            cable = self._load(session, cable_id, expected_version)
            _require(cable, CableAction.APPROVE)
            waiting = [c.name for c in cable.clearances if c.cleared_at is None]
            if waiting:
                raise WorkflowError(f"Still waiting for clearance by {', '.join(waiting)}.")
            refused = approval_refusal(
                cable.drafter,
                actor,
                drafter_may_approve=read_post_settings(session).drafter_may_approve,
            )
            if refused:
                raise WorkflowError(refused)
            cable.status = status_after(CableAction.APPROVE)
            cable.approved_by = actor.strip()[:200]
            cable.approved_at = now or datetime.now(UTC)
            session.flush()
            return detail_of(cable)

    def return_to_draft(self, cable_id: int, expected_version: int) -> CableDetail:
        """Take a cable back for changes; its clearances are asked again next time."""
        with self.db.session() as session:
            cable = self._load(session, cable_id, expected_version)
            _require(cable, CableAction.RETURN)
            cable.status = status_after(CableAction.RETURN)
            cable.approved_by = ""
            cable.approved_at = None
            for clearance in cable.clearances:
                clearance.cleared_at = None
            session.flush()
            return detail_of(cable)

    def dispatch(
        self, cable_id: int, expected_version: int, *, now: datetime | None = None
    ) -> CableDetail:
        """Number, date and print an approved cable; from here on it never changes.

        The serial comes from a per-post, per-year counter row updated under its row lock in
        this same transaction, so two people dispatching at once never share a number, and a
        number is never given twice.
        """
        now = (now or datetime.now(UTC)).astimezone(UTC)
        with self.db.session() as session:
            cable = self._load(session, cable_id, expected_version)
            _require(cable, CableAction.DISPATCH)
            _require_complete(cable, self.scheme)
            post = read_post_settings(session).code
            number = _next_serial(session, post, now.year)
            country = cable.country.name if cable.country else ""
            # One UPDATE: a second one (autoflushed midway) would stamp updated_at again.
            with session.no_autoflush:
                cable.post = post
                cable.serial_year = now.year
                cable.serial_number = number
                cable.serial = format_serial(post, now.year, number)
                cable.dispatched_at = now
                cable.updated_at = now
                cable.refresh_derived(country)
                cable.status = status_after(CableAction.DISPATCH)
            session.flush()
            data = cable_data(session, cable, self.scheme)
            pdf = render(data)
            keep_document(session, cable, pdf, data, self.scheme)
            return detail_of(cable)

    @staticmethod
    def _load(session: Session, cable_id: int, expected_version: int) -> Cable:
        cable = load_cable(session, cable_id)
        require_version(cable.version, expected_version, f"The cable '{cable.subject}'")
        return cable


def _not_named(cable: Cable, who: str) -> str:
    """Why `who` cannot clear: not asked, or cleared already; and who is still waited for."""
    if any(same_person(c.name, who) for c in cable.clearances):
        return f"{who} has cleared this cable already."
    pending = [c.name for c in cable.clearances if c.cleared_at is None]
    if not pending:
        return "No clearance is pending; the cable can be approved."
    return (
        f"{who} is not asked to clear this cable; it waits for {', '.join(pending)}. "
        "Record their clearance on their behalf, or return the cable to draft to add a clearer."
    )


def _next_serial(session: Session, post: str, year: int) -> int:
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(CableSerial)
        .values(post=post, year=year, last_number=0)
        .on_conflict_do_nothing(index_elements=["post", "year"])
    )
    number = session.execute(
        update(CableSerial)
        .where(CableSerial.post == post, CableSerial.year == year)
        .values(last_number=CableSerial.last_number + 1)
        .returning(CableSerial.last_number)
    ).scalar_one()
    return int(number)


def _require_complete(cable: Cable, scheme: ClassificationScheme) -> None:
    """What a cable needs before it leaves the drafter: addressees, subject, text, marking."""
    errors: dict[str, str] = {}
    if not cable.subject.strip():
        errors["subject"] = "A cable needs a subject, such as 'AUSTRIA: NEW FOREIGN MINISTER'."
    if not cable.to_addressees.strip():
        errors["to_addressees"] = "Name at least one action addressee (TO)."
    if not any(p.text.strip() for p in cable.paragraphs):
        errors["paragraphs"] = "The cable has no text yet."
    if cable.classification != scheme.lowest.code and not cable.classified_by.strip():
        errors["classified_by"] = "A classified cable names who classified it."
    if errors:
        raise ValidationError(errors)
