"""Human text for the domain's enums and codes; the domain itself carries no display text."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from bilatdesk.domain import DEFAULT_SCHEME
from bilatdesk.domain.cable import CableKind, CableNature, CableStatus, ParagraphSection
from bilatdesk.domain.enums import (
    Accreditation,
    EngagementKind,
    Formality,
    Gender,
    MissionFunction,
    OrganisationKind,
    RelationStatus,
    Side,
)


def tr(text: str) -> str:
    """Translate a string of the shared "bilatdesk" context (module-level texts have no QObject)."""
    return QCoreApplication.translate("bilatdesk", text)


_TEXTS: dict[StrEnum, str] = {
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
    EngagementKind.COURTESY_CALL: "Courtesy call",
    EngagementKind.BILATERAL_MEETING: "Bilateral meeting",
    EngagementKind.WORKING_LUNCH: "Working lunch",
    EngagementKind.CALL: "Call",
    EngagementKind.DEMARCHE: "Démarche",
    EngagementKind.SUMMIT: "Summit",
    EngagementKind.VISIT: "Visit",
    EngagementKind.RECEPTION: "Reception",
    EngagementKind.NEGOTIATION_ROUND: "Negotiation round",
    EngagementKind.VIDEO_CALL: "Video call",
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
}


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
