"""Entities and pure rules of the relations log: no session, no Qt."""

from bilatdesk.domain.agreement import (
    Agreement,
    AgreementKind,
    AgreementLink,
    AgreementParty,
    AgreementStatusChange,
    LinkKind,
)
from bilatdesk.domain.agreement_rules import AgreementStatus, ConsentMethod, PeriodUnit
from bilatdesk.domain.attachment import Attachment, Blob
from bilatdesk.domain.audit import AuditAction, AuditEntry
from bilatdesk.domain.base import Base
from bilatdesk.domain.bin import DeletedRecord
from bilatdesk.domain.cable import (
    Cable,
    CableClearance,
    CableKind,
    CableNature,
    CableParagraph,
    CableReference,
    CableSerial,
    CableStatus,
    ParagraphSection,
)
from bilatdesk.domain.classification import (
    DEFAULT_SCHEME,
    ClassificationLevel,
    ClassificationScheme,
)
from bilatdesk.domain.country import Country, CountryStatus
from bilatdesk.domain.document import GeneratedDocument
from bilatdesk.domain.engagement import Commitment, Engagement, Participant
from bilatdesk.domain.enums import (
    Accreditation,
    CommitmentStatus,
    EngagementKind,
    Formality,
    Gender,
    MissionClass,
    MissionFunction,
    OrganisationKind,
    RelationshipScope,
    RelationStatus,
    Side,
)
from bilatdesk.domain.organisation import Organisation
from bilatdesk.domain.person import ContactPoint, Membership, Person, Post
from bilatdesk.domain.relationship import Relationship, RelationshipType
from bilatdesk.domain.setting import DEMO_KEY, Setting
from bilatdesk.domain.tag import Tag
from bilatdesk.domain.visit import STEERING_PARTS, CallNote, Visit

__all__ = [
    "DEFAULT_SCHEME",
    "DEMO_KEY",
    "STEERING_PARTS",
    "Accreditation",
    "Agreement",
    "AgreementKind",
    "AgreementLink",
    "AgreementParty",
    "AgreementStatus",
    "AgreementStatusChange",
    "Attachment",
    "AuditAction",
    "AuditEntry",
    "Base",
    "Blob",
    "Cable",
    "CableClearance",
    "CableKind",
    "CableNature",
    "CableParagraph",
    "CableReference",
    "CableSerial",
    "CableStatus",
    "CallNote",
    "ClassificationLevel",
    "ClassificationScheme",
    "Commitment",
    "CommitmentStatus",
    "ConsentMethod",
    "ContactPoint",
    "Country",
    "CountryStatus",
    "DeletedRecord",
    "Engagement",
    "EngagementKind",
    "Formality",
    "Gender",
    "GeneratedDocument",
    "LinkKind",
    "Membership",
    "MissionClass",
    "MissionFunction",
    "Organisation",
    "OrganisationKind",
    "ParagraphSection",
    "Participant",
    "PeriodUnit",
    "Person",
    "Post",
    "RelationStatus",
    "Relationship",
    "RelationshipScope",
    "RelationshipType",
    "Setting",
    "Side",
    "Tag",
    "Visit",
]
