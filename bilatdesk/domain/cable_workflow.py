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
