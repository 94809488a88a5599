"""Closed vocabularies of the domain, stored by value; display text lives in the UI."""

from __future__ import annotations

from enum import StrEnum


class Accreditation(StrEnum):
    RESIDENT = "resident"
    NON_RESIDENT = "non_resident"


class RelationStatus(StrEnum):
    """Phases a bilateral relationship moves through; a post may configure more."""

    NORMAL = "normal"
    SLOWDOWN = "slowdown"
    DEEP_FREEZE = "deep_freeze"


def relation_status_label(value: str) -> str:
    """How a status reads in documents: "deep_freeze" as "Deep freeze", configured ones as kept."""
    if value in RelationStatus._value2member_map_:
        return value.replace("_", " ").capitalize()
    return value


class OrganisationKind(StrEnum):
    MINISTRY = "ministry"
    DIRECTORATE = "directorate"
    UNIT = "unit"
    AGENCY = "agency"
    PARLIAMENT = "parliament"
    HEAD_OF_STATE_OFFICE = "head_of_state_office"
    COMPANY = "company"
    NGO = "ngo"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    MISSION = "mission"
    OTHER = "other"


class Gender(StrEnum):
    UNSPECIFIED = ""
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class NameOrder(StrEnum):
    """Which part of a person's name comes first when it is written out."""

    GIVEN_FIRST = "given_first"
    FAMILY_FIRST = "family_first"


class EngagementKind(StrEnum):
    COURTESY_CALL = "courtesy_call"
    BILATERAL_MEETING = "bilateral_meeting"
    WORKING_LUNCH = "working_lunch"
    CALL = "call"
    DEMARCHE = "demarche"
    SUMMIT = "summit"
    VISIT = "visit"
    RECEPTION = "reception"
    NEGOTIATION_ROUND = "negotiation_round"
    VIDEO_CALL = "video_call"


class Formality(StrEnum):
    FORMAL = "formal"
    INFORMAL = "informal"
    OFF_THE_RECORD = "off_the_record"


class MissionFunction(StrEnum):
    """The functions of a mission, VCDR article 3."""

    UNSPECIFIED = ""
    REPRESENTING = "representing"
    PROTECTING = "protecting"
    NEGOTIATING = "negotiating"
    REPORTING = "reporting"
    PROMOTING = "promoting"


class Side(StrEnum):
    """Which side of the table a participant sat on."""

    OURS = "ours"
    THEIRS = "theirs"


class CommitmentStatus(StrEnum):
    """Where a follow-up stands; only an open one is shown as due."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class MissionClass(StrEnum):
    """Classes of heads of mission (VCDR art. 14), highest first; empty for other posts."""

    NONE = ""
    AMBASSADOR = "ambassador"
    ENVOY = "envoy"
    CHARGE_D_AFFAIRES = "charge_d_affaires"


class RelationshipScope(StrEnum):
    """Which records a relationship type links."""

    PEOPLE = "people"
    ORGANISATIONS = "organisations"
