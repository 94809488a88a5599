"""What the cable screens send and get back: inputs, list rows, details."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from bilatdesk.domain import CableKind, CableNature, CableStatus, ParagraphSection
from bilatdesk.domain.cable_workflow import CableAction, allows

PARAGRAPH_MAX = 20_000
PARAGRAPHS_MAX = 500


@dataclass(frozen=True)
class ParagraphInput:
    text: str
    portion: str = "U"
    section: ParagraphSection = ParagraphSection.BODY


@dataclass(frozen=True)
class CableInput:
    subject: str = ""
    kind: CableKind = CableKind.GENERAL
    country_id: int | None = None
    precedence: str = "ROUTINE"
    deskby_at: datetime | None = None
    night_action: str = ""
    to_addressees: tuple[str, ...] = ()
    info_addressees: tuple[str, ...] = ()
    classification: str = "U"
    caveats: str = ""
    classified_by: str = ""
    classification_reason: str = ""
    declassify_on: date | None = None
    nature: CableNature = CableNature.INFORMATION
    instructions_by: date | None = None
    signature: str = ""
    paragraphs: tuple[ParagraphInput, ...] = ()
    references: tuple[int, ...] = ()  # ids of dispatched cables, lettered (A), (B), ...
    tag_ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
    engagement_id: int | None = None


@dataclass(frozen=True)
class CableFilters:
    """The register's filters beyond text and country."""

    status: CableStatus | None = None
    classification: str | None = None
    tag_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class CableRow:
    id: int
    uid: uuid.UUID
    version: int
    serial: str
    status: CableStatus
    classification: str
    precedence: str
    subject: str
    country: str
    updated_at: datetime
    dtg: str


@dataclass(frozen=True)
class Clearance:
    name: str
    cleared_at: datetime | None
    comment: str
    manner: str = ""  # a ClearanceManner value once cleared
    recorded_by: str = ""


@dataclass(frozen=True)
class CableDetail:
    id: int
    uid: uuid.UUID
    version: int
    status: CableStatus
    post: str
    serial: str
    dtg: str
    dispatched_at: datetime | None
    drafter: str
    submitted_at: datetime | None
    approved_by: str
    approved_at: datetime | None
    clearances: tuple[Clearance, ...]
    reference_serials: tuple[str, ...]  # lettered (A), (B), ... in this order
    data: CableInput

    @property
    def editable(self) -> bool:
        return allows(self.status, CableAction.EDIT)
