"""The engagement form's commitments: drafts checked together, then written with it."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from bilatdesk.domain import (
    ClassificationScheme,
    Commitment,
    CommitmentStatus,
    Engagement,
    Person,
    Side,
)
from bilatdesk.services.engagements.commitment_checks import (
    check_closing,
    check_commitment,
    describe,
    owner_name,
    short,
)
from bilatdesk.services.kernel.errors import require_version
from bilatdesk.services.kernel.validation import Checker


@dataclass(frozen=True)
class CommitmentDraft:
    """A commitment as the engagement form edits it, saved with the engagement.

    `id` None is a new one; otherwise `version` is the one the form read, so a change made
    elsewhere meanwhile is caught. `removed` deletes a stored one. Send the new, changed and
    removed ones: stored commitments the list does not mention are left as they are (a
    colleague may have closed or added one meanwhile), and one sent unchanged is skipped.
    """

    description: str
    side: Side = Side.OURS
    owner_person_id: int | None = None
    owner: str = ""
    due_date: date | None = None
    classification: str = "U"
    status: CommitmentStatus = CommitmentStatus.OPEN
    closed_on: date | None = None
    closing_note: str = ""
    id: int | None = None
    version: int | None = None
    removed: bool = False


@dataclass(frozen=True)
class PlannedCommitment:
    """A checked draft, ready to write: its cleaned texts and the stored one it changes."""

    draft: CommitmentDraft
    stored: Commitment | None
    description: str = ""
    owner: str = ""
    classification: str = "U"
    closing_note: str = ""


def plan_drafts(
    check: Checker,
    session: Session,
    scheme: ClassificationScheme,
    stored: Sequence[Commitment],
    drafts: Sequence[CommitmentDraft],
    *,
    made_on: date,
    today: date | None = None,
) -> builtins.list[PlannedCommitment]:
    """Check the engagement form's commitments before anything is written.

    Problems go to the field "commitments", each naming the commitment by its place in the
    list. A stored one sent with different values after it changed elsewhere is a conflict;
    one sent with the values it has now is skipped.
    """
    today = today or date.today()
    by_id = {c.id: c for c in stored}
    planned: builtins.list[PlannedCommitment] = []
    problems: builtins.list[str] = []  # one field holds them all, each naming its commitment
    for number, draft in enumerate(drafts, start=1):
        existing = by_id.get(draft.id) if draft.id is not None else None
        if draft.id is not None and existing is None:
            if not draft.removed:
                problems.append(
                    f"Commitment {number} no longer exists; it may have been deleted meanwhile. "
                    "Close the engagement and open it again."
                )
            continue
        if existing is not None and _same(existing, draft):
            continue
        if existing is not None:
            require_version(existing.version, draft.version or 0, describe(existing))
        if draft.removed:
            if existing is not None:
                planned.append(PlannedCommitment(draft, existing))
            continue
        own = Checker()
        text, owner, code = check_commitment(
            own,
            session,
            scheme,
            description=draft.description,
            owner_person_id=draft.owner_person_id,
            owner=draft.owner,
            due_date=draft.due_date,
            classification=draft.classification,
            made_on=made_on,
        )
        note = check_closing(
            own,
            status=draft.status,
            closed_on=draft.closed_on,
            note=draft.closing_note,
            made_on=made_on,
            today=today,
        )
        if own.errors:
            label = short(draft.description)
            named = f"Commitment {number} ({label})" if label else f"Commitment {number}"
            problems.append(f"{named}: " + " ".join(own.errors.values()))
        planned.append(PlannedCommitment(draft, existing, text, owner, code, note))
    if problems:
        check.fail("commitments", " ".join(problems))
    return planned


def apply_planned(
    session: Session, engagement: Engagement, planned: Sequence[PlannedCommitment]
) -> None:
    """Write checked drafts into the engagement's commitments (its transaction)."""
    for plan in planned:
        draft = plan.draft
        if draft.removed:
            if plan.stored is not None:
                engagement.commitments.remove(plan.stored)
            continue
        commitment = plan.stored or Commitment(description="")
        commitment.description = plan.description
        commitment.side = draft.side
        commitment.owner_person_id = draft.owner_person_id
        commitment.owner = plan.owner
        commitment.due_date = draft.due_date
        commitment.classification = plan.classification
        is_open = draft.status is CommitmentStatus.OPEN
        commitment.status = draft.status
        commitment.closed_on = None if is_open else draft.closed_on
        commitment.closing_note = "" if is_open else plan.closing_note
        person = session.get(Person, draft.owner_person_id) if draft.owner_person_id else None
        commitment.refresh_derived(owner_name(person))
        if plan.stored is None:
            engagement.commitments.append(commitment)


def draft_of(commitment: Commitment) -> CommitmentDraft:
    """A stored commitment as the engagement form starts editing it."""
    return CommitmentDraft(
        description=commitment.description,
        side=commitment.side,
        owner_person_id=commitment.owner_person_id,
        owner=commitment.owner,
        due_date=commitment.due_date,
        classification=commitment.classification,
        status=commitment.status,
        closed_on=commitment.closed_on,
        closing_note=commitment.closing_note,
        id=commitment.id,
        version=commitment.version,
    )


def _same(stored: Commitment, draft: CommitmentDraft) -> bool:
    return not draft.removed and replace(draft_of(stored), version=draft.version) == draft
