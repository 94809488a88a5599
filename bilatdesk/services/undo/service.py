"""Undo and redo of the session's steps, each in one transaction, refused if changed since.

A service that changes records opens a watch in its unit of work before the change (the
roots' rows are captured as data) and closes it after (captured again); the step joins the
history only once the transaction commits. Undo puts the "before" rows back, redo the "after"
ones, each after checking that the roots are still as the step left them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from bilatdesk.domain.audit import AuditAction
from bilatdesk.domain.errors import ServiceError
from bilatdesk.services.undo import bin as bin_rows
from bilatdesk.services.undo.history import History, Step
from bilatdesk.services.undo.placing import PlacingError
from bilatdesk.services.undo.rows import Root, State, capture, restore
from bilatdesk.store.audit_hooks import DERIVED, plain
from bilatdesk.store.database import Database

_PENDING = "undo_pending"
"""Session.info key: the steps of the transaction, pushed on the history when it commits."""


class ChangedSinceError(ServiceError):
    """The record of a step was changed after it (by this user or another): not undone."""


@dataclass(frozen=True)
class Outcome:
    """What an undo or redo did: the step's name and the tables it wrote."""

    label: str
    tables: frozenset[str]


class Watch:
    """One step being recorded inside a service's unit of work."""

    def __init__(
        self,
        undo: UndoService,
        session: Session,
        roots: Sequence[Root],
        binned: bool,
        coalesce: bool = False,
    ) -> None:
        self._undo = undo
        self._session = session
        self._roots = tuple(roots)
        self._binned = binned
        self._coalesce = coalesce
        session.flush()
        self._before = capture(session.connection(), self._roots)

    def done(self, label: str, *titles: str) -> None:
        """The change is made: capture the roots after it; the step counts once committed.

        `label` names the step ("delete Ana Kovačević"), `titles` each root in turn.
        """
        self._session.flush()
        connection = self._session.connection()
        after = capture(connection, self._roots)
        named = dict(zip(self._roots, titles, strict=False))
        step = Step(label, self._roots, self._before, after, self._binned, named)
        step.coalesce = self._coalesce
        step.expected = dict(after.versions)
        if self._binned:
            bin_rows.put(connection, step, self._undo.actor())
        self._undo.pending(self._session, step)


class _NoWatch(Watch):
    """A watch that records nothing (a service built without a history, e.g. in a test)."""

    def __init__(self) -> None:
        pass

    def done(self, label: str, *titles: str) -> None:
        return None


class UndoService:
    """The undo and redo of the steps done since the program started."""

    def __init__(self, db: Database, history: History | None = None) -> None:
        self.db = db
        self.history = history if history is not None else History()

    def actor(self) -> str:
        return self.db.identity().actor

    # -- recording --------------------------------------------------------------------------
    def watch(
        self, session: Session, *roots: Root, binned: bool = False, coalesce: bool = False
    ) -> Watch:
        """Start recording a step over `roots` (capture them now, before the change).

        `coalesce`: a step right after the same step of the same record joins it (a form that
        saves as it is typed is undone as one edit).
        """
        return Watch(self, session, roots, binned, coalesce)

    def pending(self, session: Session, step: Step) -> None:
        steps: list[Step] | None = session.info.get(_PENDING)
        if steps is None:
            steps = session.info[_PENDING] = []
            event.listen(session, "after_commit", self._committed)
            event.listen(session, "after_rollback", self._rolled_back)
        steps.append(step)

    def _committed(self, session: Session) -> None:
        for step in session.info.pop(_PENDING, []):
            self.history.push(step)

    @staticmethod
    def _rolled_back(session: Session) -> None:
        session.info.pop(_PENDING, None)

    # -- undoing ----------------------------------------------------------------------------
    @property
    def undo_label(self) -> str:
        return self.history.undo_label

    @property
    def redo_label(self) -> str:
        return self.history.redo_label

    def undo(self) -> Outcome:
        """Put the last step's records back as they were before it."""
        step = self.history.next_undo()
        if step is None:
            raise ServiceError("There is nothing to undo.")
        tables = self._apply(step, step.before, step.after, undoing=True)
        self.history.undone(step)
        return Outcome(step.label, tables)

    def redo(self) -> Outcome:
        """Do the last undone step again."""
        step = self.history.next_redo()
        if step is None:
            raise ServiceError("There is nothing to redo.")
        tables = self._apply(step, step.after, step.before, undoing=False)
        self.history.redone(step)
        return Outcome(step.label, tables)

    def _apply(self, step: Step, target: State, source: State, *, undoing: bool) -> frozenset[str]:
        word = "undone" if undoing else "redone"
        changed_since = ""
        with self.db.session() as session:
            connection = session.connection()
            current = capture(connection, step.roots)
            for root in step.roots:
                if current.versions.get(root) != step.expected.get(root):
                    changed_since = _changed_since(step, root, current)
                    break
            else:
                try:
                    written = restore(connection, target, current).tables
                except PlacingError as exc:
                    raise ServiceError(f"“{step.label}” cannot be {word}: {exc.reason}.") from exc
                if step.binned:
                    if undoing:
                        bin_rows.take(connection, step)
                    else:
                        bin_rows.put(connection, step, self.actor())
                now = capture(connection, step.roots)
                step.expected = dict(now.versions)
                self._audit(session, step, current, now, "undo" if undoing else "redo")
        if changed_since:
            self.history.drop(step)
            raise ChangedSinceError(f"“{step.label}” cannot be {word}: {changed_since}")
        return frozenset(written)

    def _audit(self, session: Session, step: Step, was: State, now: State, source: str) -> None:
        """One entry per root in the audit trail, with the fields the undo or redo changed."""
        for root in step.roots:
            old, new = was.root_row(root), now.root_row(root)
            if old is None and new is None:
                continue
            action = (
                AuditAction.CREATE
                if old is None
                else AuditAction.DELETE
                if new is None
                else AuditAction.UPDATE
            )
            changes = _field_changes(old or {}, new or {})
            uid = (new or old or {}).get("uid")
            self.db.record_event(
                session,
                action.value,
                source=f"{source}: {step.label}",
                record_kind=root.kind,
                record_id=root.record_id,
                record_uid=str(uid or ""),
                changes=changes,
            )


def _changed_since(step: Step, root: Root, current: State) -> str:
    """Why a root is no longer as the step left it, and what to do, in sentences."""
    title = step.titles.get(root) or step.label
    was = step.before.root_row(root) or step.after.root_row(root) or {}
    now = current.root_row(root) or {}
    if step.binned and now and was.get("uid") not in (None, now.get("uid")):
        # SQLite gives a deleted record's number to the next one made: the bin still has it.
        return (
            f"its number went to a record made since. The step is taken off the list; "
            f"Tools ▸ Recently deleted restores {title} under a new one."
        )
    return (
        f"{title} was changed after it. "
        "The step is taken off the list; change the record by hand instead."
    )


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in sorted(set(old) | set(new)):
        if name in DERIVED:
            continue
        before, after = plain(old.get(name)), plain(new.get(name))
        if before != after:
            changes[name] = [before, after]
    return changes


def watching(
    undo: UndoService | None,
    session: Session,
    *roots: Root,
    binned: bool = False,
    coalesce: bool = False,
) -> Watch:
    """A watch over `roots`, or one that records nothing when the service has no history."""
    if undo is None:
        return _NoWatch()
    return undo.watch(session, *roots, binned=binned, coalesce=coalesce)
