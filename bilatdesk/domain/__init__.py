"""Entities and pure rules of the relations log: no session, no Qt."""

from bilatdesk.domain.base import Base
from bilatdesk.domain.classification import (
    DEFAULT_SCHEME,
    ClassificationLevel,
    ClassificationScheme,
)
from bilatdesk.domain.country import Country, CountryStatus
from bilatdesk.domain.engagement import Engagement, Participant
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
from bilatdesk.domain.organisation import Organisation
from bilatdesk.domain.person import ContactPoint, Membership, Person, Post
from bilatdesk.domain.setting import DEMO_KEY, Setting
from bilatdesk.domain.tag import Tag

__all__ = [
    "DEFAULT_SCHEME",
    "DEMO_KEY",
    "Accreditation",
    "Base",
    "ClassificationLevel",
    "ClassificationScheme",
    "ContactPoint",
    "Country",
    "CountryStatus",
    "Engagement",
    "EngagementKind",
    "Formality",
    "Gender",
    "Membership",
    "MissionFunction",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "Person",
    "Post",
    "RelationStatus",
    "Setting",
    "Side",
    "Tag",
]
