"""The cable's transition table: one place says which step is allowed from which status."""

from __future__ import annotations

from bilatdesk.domain.cable import CableStatus
from bilatdesk.domain.cable_workflow import (
    ALLOWED,
    LEADS_TO,
    ON_BEHALF,
    STEPS,
    CableAction,
    ClearanceManner,
    allows,
    approval_refusal,
    clearance_refusal,
    status_after,
)

S, A = CableStatus, CableAction


def test_every_status_has_a_row_and_every_step_a_target() -> None:
    """No status is missing from the table, and each workflow step says where it leads."""
    assert set(ALLOWED) == set(CableStatus)
    assert set(LEADS_TO) == set(STEPS)


def test_the_clearance_path_runs_draft_to_dispatched() -> None:
    """Submit, approve and dispatch walk a draft to dispatched, each allowed where it stands."""
    status = S.DRAFT
    for step in (A.SUBMIT, A.CLEAR, A.APPROVE, A.DISPATCH):
        assert allows(status, step)
        status = status_after(step)
    assert status is S.DISPATCHED


def test_allowed_steps_per_status() -> None:
    """Only a draft is edited; return works out for clearance or approved, never on a draft."""
    assert {a for a in A if allows(S.DRAFT, a)} == {A.EDIT, A.SUBMIT}
    assert {a for a in A if allows(S.FOR_CLEARANCE, a)} == {A.CLEAR, A.APPROVE, A.RETURN}
    assert {a for a in A if allows(S.APPROVED, a)} == {A.DISPATCH, A.RETURN}
    assert {a for a in A if allows(S.DISPATCHED, a)} == {A.CORRECT}
    assert not allows(S.DRAFT, A.RETURN)


def test_a_dispatched_cable_takes_no_step_and_no_edit() -> None:
    """Once dispatched a cable never changes: only a correction (a new cable) remains."""
    assert not any(allows(S.DISPATCHED, step) for step in STEPS)
    assert not allows(S.DISPATCHED, A.EDIT)


def test_a_clearer_clears_in_their_own_name_others_record_how_it_was_given() -> None:
    """Only the named clearer gives "self"; anyone may record one given in person, by
    telephone or by e-mail; names compare regardless of case and spacing."""
    assert clearance_refusal("Tomás Ó Briain", " tomás  ó briain", ClearanceManner.SELF) is None
    refused = clearance_refusal("Tomás Ó Briain", "Marta", ClearanceManner.SELF)
    assert refused is not None and "on their behalf" in refused
    for manner in ON_BEHALF:
        assert clearance_refusal("Tomás Ó Briain", "Marta", manner) is None
    assert clearance_refusal("Tomás", " ", ClearanceManner.TELEPHONE) is not None


def test_the_drafter_approves_their_own_cable_only_where_allowed() -> None:
    """Approval by the drafter is refused unless the post allows it; others always may."""
    assert approval_refusal("Marta", "MARTA", drafter_may_approve=False) is not None
    assert approval_refusal("Marta", "MARTA", drafter_may_approve=True) is None
    assert approval_refusal("Marta", "Ana", drafter_may_approve=False) is None
    assert approval_refusal("", "Ana", drafter_may_approve=False) is None
