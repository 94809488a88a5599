"""The human labels every face shows for engagement kinds and formality: plain English.

Enums carry no display text (STYLE.md), so the labels sit beside them rather than on them:
services, reports, files and the demo print these strings as they are, and the UI passes
them through tr(). This module imports only the vocabularies, so any layer may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from bilatdesk.domain.enums import EngagementKind, Formality

K = EngagementKind

ENGAGEMENT_KIND_LABELS: Mapping[EngagementKind, str] = MappingProxyType(
    {
        K.COURTESY_CALL: "Courtesy call",
        K.BILATERAL_MEETING: "Bilateral meeting",
        K.WORKING_LUNCH: "Working lunch",
        K.CALL: "Call",
        K.DEMARCHE: "Démarche",
        K.SUMMIT: "Summit",
        K.VISIT: "Visit",
        K.RECEPTION: "Reception",
        K.NEGOTIATION_ROUND: "Negotiation round",
        K.VIDEO_CALL: "Video call",
    }
)


def engagement_kind_label(kind: EngagementKind | str) -> str:
    """The label of an engagement kind; a value no kind has reads as its words."""
    try:
        return ENGAGEMENT_KIND_LABELS[EngagementKind(kind)]
    except ValueError:
        return str(kind).replace("_", " ").capitalize()


FORMALITY_LABELS: Mapping[Formality, str] = MappingProxyType(
    {
        Formality.FORMAL: "Formal",
        Formality.INFORMAL: "Informal",
        Formality.OFF_THE_RECORD: "Off the record",
    }
)


def formality_label(formality: Formality | str) -> str:
    """The label of a formality; a value no formality has reads as its words."""
    try:
        return FORMALITY_LABELS[Formality(formality)]
    except ValueError:
        return str(formality).replace("_", " ").capitalize()
