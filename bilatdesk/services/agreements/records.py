"""What the agreement screens send and get back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from bilatdesk.domain import (
    AgreementKind,
    AgreementStatus,
    ConsentMethod,
    LinkKind,
    PeriodUnit,
)
from bilatdesk.domain.agreement_rules import Contradiction


@dataclass(frozen=True)
class PartyInput:
    name: str
    signature_date: date | None = None
    signature_place: str = ""
    signatory: str = ""
    consent_method: ConsentMethod = ConsentMethod.UNSPECIFIED
    consent_date: date | None = None
    entry_into_force: date | None = None
    reservations: str = ""


@dataclass(frozen=True)
class AgreementInput:
    title: str
    kind: AgreementKind = AgreementKind.AGREEMENT
    legally_binding: bool = True
    other_titles: str = ""  # one per line: "de: Abkommen über ..."
    short_title: str = ""
    subjects: str = ""
    sector: str = ""
    country_id: int | None = None
    lead_organisation_id: int | None = None
    lead_negotiator: str = ""
    entry_into_force_condition: str = ""
    entry_into_force: date | None = None
    provisional_application_from: date | None = None
    fixed_term: bool = False
    term: tuple[int, PeriodUnit] | None = None  # initial term of a fixed-term agreement
    renewal: tuple[int, PeriodUnit] | None = None  # automatic (tacit) renewal term
    notice: tuple[int, PeriodUnit] | None = None  # notice period to denounce
    un_registration_number: str = ""
    un_registration_date: date | None = None
    national_series_number: str = ""
    authentic_languages: str = ""
    classification: str = "U"
    notes: str = ""
    parties: tuple[PartyInput, ...] = ()
    links: tuple[tuple[LinkKind, int], ...] = ()  # (amends|supersedes|implements, agreement id)
    round_ids: tuple[int, ...] = ()  # negotiation rounds: engagement ids
    tag_ids: tuple[int, ...] | None = None  # None keeps the tags it has (imports, scripts)


@dataclass(frozen=True)
class AgreementRow:
    id: int
    uid: uuid.UUID
    version: int
    title: str
    short_title: str
    kind: AgreementKind
    status: AgreementStatus
    country: str
    signed_on: date | None
    entry_into_force: date | None
    expiry_date: date | None
    notice_deadline: date | None
    classification: str
    group: str  # the register group: "In force", "Signed, not in force", ...
    problems: tuple[str, ...] = ()  # where its dates contradict each other, in sentences


@dataclass(frozen=True)
class StatusStep:
    status: AgreementStatus
    on: date
    note: str


@dataclass(frozen=True)
class Recording:
    """An agreement recorded at its present status in one go: each step with its own day
    (initialled, signed, in force ...), where it was signed, when consent to be bound was
    given."""

    steps: tuple[StatusStep, ...]
    signed_at: str = ""
    consent_on: date | None = None


@dataclass(frozen=True)
class AttachmentView:
    id: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    classification: str
    description: str
    added_at: datetime


@dataclass(frozen=True)
class AgreementDetail:
    id: int
    uid: uuid.UUID
    version: int
    status: AgreementStatus
    data: AgreementInput
    expiry_date: date | None
    notice_deadline: date | None
    history: tuple[StatusStep, ...]
    next_statuses: tuple[AgreementStatus, ...]  # where the lifecycle may go from here
    attachments: tuple[AttachmentView, ...]
    problems: tuple[Contradiction, ...] = ()  # its dates that contradict each other


@dataclass(frozen=True)
class AgreementCheck:
    """One agreement whose dates contradict each other, and how, for the register's check."""

    agreement_id: int
    title: str
    country: str
    status: AgreementStatus
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Deadline:
    """A date on Today: an agreement's notice deadline or expiry, and the days left."""

    agreement_id: int
    title: str
    country: str
    what: str  # "notice deadline" or "expiry"
    on: date
    days_left: int
