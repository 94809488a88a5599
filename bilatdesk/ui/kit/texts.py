"""Human text for the domain's enums and codes; the domain itself carries no display text."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from bilatdesk.domain import (
    DEFAULT_SCHEME,
    AgreementKind,
    AgreementStatus,
    ConsentMethod,
    LinkKind,
    PeriodUnit,
)
from bilatdesk.domain.cable import CableKind, CableNature, CableStatus, ParagraphSection
from bilatdesk.domain.enums import (
    Accreditation,
    Formality,
    Gender,
    MissionFunction,
    NameOrder,
    OrganisationKind,
    RelationStatus,
    Side,
)
from bilatdesk.domain.labels import ENGAGEMENT_KIND_LABELS


def tr(text: str) -> str:
    """Translate a string of the shared "bilatdesk" context (module-level texts have no QObject)."""
    return QCoreApplication.translate("bilatdesk", text)


_TEXTS: dict[StrEnum, str] = dict(ENGAGEMENT_KIND_LABELS.items()) | {
    Accreditation.RESIDENT: "Resident",
    Accreditation.NON_RESIDENT: "Non-resident",
    RelationStatus.NORMAL: "Normal",
    RelationStatus.SLOWDOWN: "Slowdown",
    RelationStatus.DEEP_FREEZE: "Deep freeze",
    OrganisationKind.MINISTRY: "Ministry",
    OrganisationKind.DIRECTORATE: "Directorate",
    OrganisationKind.UNIT: "Unit",
    OrganisationKind.AGENCY: "Agency",
    OrganisationKind.PARLIAMENT: "Parliament",
    OrganisationKind.HEAD_OF_STATE_OFFICE: "Office of the head of state",
    OrganisationKind.COMPANY: "Company",
    OrganisationKind.NGO: "NGO",
    OrganisationKind.INTERNATIONAL_ORGANISATION: "International organisation",
    OrganisationKind.MISSION: "Mission",
    OrganisationKind.OTHER: "Other",
    Gender.UNSPECIFIED: "Not given",
    Gender.FEMALE: "Female",
    Gender.MALE: "Male",
    Gender.OTHER: "Other",
    NameOrder.GIVEN_FIRST: "Given name first",
    NameOrder.FAMILY_FIRST: "Family name first",
    Formality.FORMAL: "Formal",
    Formality.INFORMAL: "Informal",
    Formality.OFF_THE_RECORD: "Off the record",
    MissionFunction.UNSPECIFIED: "Not given",
    MissionFunction.REPRESENTING: "Representing",
    MissionFunction.PROTECTING: "Protecting",
    MissionFunction.NEGOTIATING: "Negotiating",
    MissionFunction.REPORTING: "Reporting",
    MissionFunction.PROMOTING: "Promoting",
    Side.OURS: "Our side",
    Side.THEIRS: "Their side",
    CableStatus.DRAFT: "Draft",
    CableStatus.FOR_CLEARANCE: "For clearance",
    CableStatus.APPROVED: "Approved",
    CableStatus.DISPATCHED: "Dispatched",
    CableNature.INFORMATION: "For information",
    CableNature.ACTION_REQUESTED: "Action requested",
    CableNature.INSTRUCTIONS_REQUESTED: "Instructions requested",
    CableKind.GENERAL: "Blank cable",
    CableKind.READOUT: "Meeting readout",
    CableKind.SCENESETTER: "Scenesetter for a visit",
    CableKind.SITUATION_REPORT: "Situation report",
    CableKind.DEMARCHE_REPORT: "Démarche report",
    CableKind.CREDENTIALS_REPORT: "Credentials report",
    CableKind.BIOGRAPHIC_NOTE: "Biographic note",
    CableKind.END_OF_TOUR: "End-of-tour report",
    ParagraphSection.BODY: "Body",
    ParagraphSection.SUMMARY: "Summary",
    ParagraphSection.COMMENT: "Comment",
    ParagraphSection.ACTION: "Action requested",
    AgreementKind.TREATY: "Treaty",
    AgreementKind.CONVENTION: "Convention",
    AgreementKind.AGREEMENT: "Agreement",
    AgreementKind.PROTOCOL: "Protocol",
    AgreementKind.EXCHANGE_OF_NOTES: "Exchange of notes",
    AgreementKind.EXCHANGE_OF_LETTERS: "Exchange of letters",
    AgreementKind.MEMORANDUM_OF_UNDERSTANDING: "Memorandum of understanding",
    AgreementKind.JOINT_DECLARATION: "Joint declaration",
    AgreementKind.ARRANGEMENT: "Arrangement",
    AgreementStatus.PROPOSED: "Proposed",
    AgreementStatus.UNDER_NEGOTIATION: "Under negotiation",
    AgreementStatus.INITIALLED: "Initialled",
    AgreementStatus.SIGNED: "Signed",
    AgreementStatus.PENDING_INTERNAL_PROCEDURES: "Pending internal procedures",
    AgreementStatus.IN_FORCE: "In force",
    AgreementStatus.PROVISIONALLY_APPLIED: "Provisionally applied",
    AgreementStatus.SUSPENDED: "Suspended",
    AgreementStatus.TERMINATED: "Terminated",
    AgreementStatus.DENOUNCED: "Denounced",
    AgreementStatus.EXPIRED: "Expired",
    AgreementStatus.SUPERSEDED: "Superseded",
    AgreementStatus.NOT_PROCEEDING: "Not proceeding",
    ConsentMethod.UNSPECIFIED: "Not given",
    ConsentMethod.DEFINITIVE_SIGNATURE: "Definitive signature",
    ConsentMethod.RATIFICATION: "Ratification",
    ConsentMethod.ACCEPTANCE: "Acceptance",
    ConsentMethod.APPROVAL: "Approval",
    ConsentMethod.ACCESSION: "Accession",
    ConsentMethod.NOTIFICATION: "Notification of internal procedures",
    LinkKind.AMENDS: "Amends",
    LinkKind.SUPERSEDES: "Supersedes",
    LinkKind.IMPLEMENTS: "Implements",
    PeriodUnit.DAYS: "days",
    PeriodUnit.MONTHS: "months",
    PeriodUnit.YEARS: "years",
}

# The register's group headings and Today's deadline kinds arrive as the service's English
# keys; these are their display texts.
_KEY_TEXTS = {
    "In force": "In force",
    "Signed, not in force": "Signed, not in force",
    "Under negotiation": "Under negotiation",
    "Expired or ended": "Expired or ended",
    "Not proceeding": "Not proceeding",
    "notice deadline": "Notice deadline",
    "expiry": "Expiry",
}


def key_text(key: str) -> str:
    """The display text of a register group heading or a deadline kind."""
    return tr(_KEY_TEXTS.get(key, key))


def enum_text(value: StrEnum | None) -> str:
    """The display text of an enum member ("" for None); unknown members show their value."""
    if value is None:
        return ""
    known = _TEXTS.get(value)
    return tr(known) if known is not None else str(value)


# Marking colours, saturated enough to read on light and dark backgrounds alike.
_LEVEL_COLOURS = {"U": "#2e7d32", "R": "#1565c0", "C": "#ef6c00", "S": "#c62828", "TS": "#6a1b9a"}


def classification_colour(code: str) -> QColor | None:
    """The badge colour of a classification level, or None for an unknown code."""
    colour = _LEVEL_COLOURS.get(code)
    return QColor(colour) if colour else None


def classification_text(code: str) -> str:
    """The level's name for a classification code, e.g. "CONFIDENTIAL" for C."""
    for level in DEFAULT_SCHEME.levels:
        if level.code == code:
            return tr(level.name)
    return code
