"""What a commitment must satisfy before it is written, shared by the service and the form."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from bilatdesk.domain import ClassificationScheme, Commitment, CommitmentStatus, Person
from bilatdesk.services.kernel.validation import Checker, column_limit

DESCRIPTION_MAX = 4_000
NOTE_MAX = 4_000


def check_commitment(
    check: Checker,
    session: Session,
    scheme: ClassificationScheme,
    *,
    description: str,
    owner_person_id: int | None,
    owner: str,
    due_date: date | None,
    classification: str,
    made_on: date | None,
) -> tuple[str, str, str]:
    """Cleaned (description, owner, classification); problems recorded at their fields."""
    text = check.text(
        "description", "What was promised", description, required=True, max_length=DESCRIPTION_MAX
    )
    owner_text = check.text("owner", "Owner", owner, max_length=column_limit(Commitment.owner))
    check.exists("owner_person_id", session, Person, owner_person_id, "The owner's record")
    if due_date is not None and made_on is not None and due_date < made_on:
        check.fail(
            "due_date",
            f"It is due on {due_date.isoformat()}, before the engagement of "
            f"{made_on.isoformat()} where it was made; give a later due date.",
        )
    code = check.classification("classification", scheme, classification)
    return text, owner_text, code


def check_closing(
    check: Checker,
    *,
    status: CommitmentStatus,
    closed_on: date | None,
    note: str,
    made_on: date | None,
    today: date,
) -> str:
    """The cleaned closing note; a closing needs a day between the engagement and today."""
    text = check.text("closing_note", "The closing note", note, max_length=NOTE_MAX)
    if status is CommitmentStatus.OPEN:
        return text
    if closed_on is None:
        check.fail("closed_on", "Give the day it was closed.")
    elif made_on is not None and closed_on < made_on:
        check.fail(
            "closed_on",
            f"It cannot be closed on {closed_on.isoformat()}, before the engagement of "
            f"{made_on.isoformat()} where it was made.",
        )
    elif closed_on > today:
        check.fail(
            "closed_on",
            f"{closed_on.isoformat()} is still to come; close it on the day it was done.",
        )
    if status is CommitmentStatus.DROPPED and not text and "closing_note" not in check.errors:
        check.fail("closing_note", "Say why it was dropped.")
    return text


def owner_name(person: Person | None) -> str:
    """The owing person's names as the commitment's search text holds them."""
    if person is None:
        return ""
    return " ".join(
        part for part in (person.display_name, person.name_original, person.other_names) if part
    )


def short(text: str, width: int = 40) -> str:
    """A description on one line, cut to `width` characters, to name it in a sentence."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def describe(commitment: Commitment) -> str:
    """How a sentence names the commitment ("The commitment '...'")."""
    return f"The commitment '{short(commitment.description)}'"
