"""The cable's clearance workflow as one table: what may be done to a cable in each status."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from bilatdesk.domain.cable import CableStatus


class CableAction(StrEnum):
    """What a person may do to a cable; the workflow steps are also the editor's buttons."""

    EDIT = "edit"
    SUBMIT = "submit"
    CLEAR = "clear"
    APPROVE = "approve"
    RETURN = "return"
    DISPATCH = "dispatch"
    CORRECT = "correct"  # write a new cable that corrects a dispatched one


A = CableAction
S = CableStatus

# The one table: the service refuses, and the editor disables, whatever is not listed here.
ALLOWED: Mapping[CableStatus, frozenset[CableAction]] = MappingProxyType(
    {
        S.DRAFT: frozenset({A.EDIT, A.SUBMIT}),
        S.FOR_CLEARANCE: frozenset({A.CLEAR, A.APPROVE, A.RETURN}),
        S.APPROVED: frozenset({A.DISPATCH, A.RETURN}),
        S.DISPATCHED: frozenset({A.CORRECT}),
    }
)

# Where each step leaves the cable (editing and corrections leave its status alone).
LEADS_TO: Mapping[CableAction, CableStatus] = MappingProxyType(
    {
        A.SUBMIT: S.FOR_CLEARANCE,
        A.CLEAR: S.FOR_CLEARANCE,
        A.APPROVE: S.APPROVED,
        A.RETURN: S.DRAFT,
        A.DISPATCH: S.DISPATCHED,
    }
)

STEPS: tuple[CableAction, ...] = (A.SUBMIT, A.CLEAR, A.APPROVE, A.RETURN, A.DISPATCH)
"""The workflow steps in the order the editor's bar shows them."""


def allows(status: CableStatus, action: CableAction) -> bool:
    """Whether `action` may be taken on a cable in `status`."""
    return action in ALLOWED[status]


def status_after(action: CableAction) -> CableStatus:
    """The status a workflow step leaves the cable in."""
    return LEADS_TO[action]


class ClearanceManner(StrEnum):
    """How a clearance reached the register: from the clearer's own hand, or told to another."""

    SELF = "self"  # the clearer recorded it themselves
    IN_PERSON = "in_person"
    TELEPHONE = "telephone"
    EMAIL = "email"


ON_BEHALF: tuple[ClearanceManner, ...] = (
    ClearanceManner.IN_PERSON,
    ClearanceManner.TELEPHONE,
    ClearanceManner.EMAIL,
)
"""The ways a clearance given to someone else may be recorded on the clearer's behalf."""


def same_person(first: str, second: str) -> bool:
    """Whether two names written in the register name the same person (case and spaces aside)."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def clearance_refusal(clearer: str, actor: str, manner: ClearanceManner) -> str | None:
    """Why `actor` may not record `clearer`'s clearance given as `manner`, or None.

    A clearer clears for themselves; anyone else records it on their behalf and says how it
    was given, so the register never shows a clearance the named clearer did not give.
    """
    if not actor.strip():
        return "Say who is recording the clearance."
    if manner is ClearanceManner.SELF and not same_person(clearer, actor):
        return (
            f"Only {clearer} can clear in their own name. Record it on their behalf and "
            "say how it was given (in person, by telephone or by e-mail)."
        )
    return None


def approval_refusal(drafter: str, approver: str, *, drafter_may_approve: bool) -> str | None:
    """Why `approver` may not approve a cable `drafter` wrote, or None.

    Two pairs of eyes by default; a one-person post turns this off in its settings.
    """
    if not approver.strip():
        return "Say who approves the cable."
    if drafter.strip() and same_person(drafter, approver) and not drafter_may_approve:
        return (
            "The drafter cannot approve their own cable. Ask the head of mission or a "
            "colleague, or allow it in the post's settings if you are a one-person post."
        )
    return None
