"""Precedence of heads of mission (VCDR arts. 14, 16 and 19): the order of a diplomatic list.

Heads rank by class (ambassadors, then envoys, then chargés d'affaires), and within a class by
the day they took up functions: the day credentials were presented, or for a chargé d'affaires
without letters the day the post was taken. The dean is the longest-serving ambassador.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bilatdesk.domain.enums import MissionClass

# Highest first; MissionClass.NONE is not a head of mission and never ranks.
CLASS_ORDER: tuple[MissionClass, ...] = (
    MissionClass.AMBASSADOR,
    MissionClass.ENVOY,
    MissionClass.CHARGE_D_AFFAIRES,
)


@dataclass(frozen=True)
class HeadOfMission:
    """The facts that decide one head's place on the list.

    `key` identifies the head to the caller (a membership id) and breaks the last ties, so the
    order is total: the same heads give the same list whatever order they arrive in.
    """

    key: int
    name_key: str  # the folded sort name (family name first)
    mission_class: MissionClass
    # The day credentials were presented, if they have been by the day of the list.
    credentials_on: date | None = None
    # The day the post was taken (membership start): orders chargés d'affaires without letters.
    start_date: date | None = None
    # A chargé d'affaires ad interim stands in for an absent head (art. 19); those with letters
    # (en pied) precede them.
    acting: bool = False


def took_up_functions(head: HeadOfMission) -> date | None:
    """The day that orders a head within the class: credentials, else (chargés) the start."""
    if head.credentials_on is not None:
        return head.credentials_on
    if head.mission_class == MissionClass.CHARGE_D_AFFAIRES:
        return head.start_date
    return None  # an ambassador or envoy who has not presented credentials


def precedence_key(head: HeadOfMission) -> tuple[int, int, int, date, str, int]:
    """Sort key: class, (chargés) en pied before a.i., dated before undated, date, name, key."""
    if head.mission_class not in CLASS_ORDER:
        raise ValueError(f"{head.mission_class!r} is not a class of heads of mission")
    day = took_up_functions(head)
    acting = int(head.acting and head.mission_class == MissionClass.CHARGE_D_AFFAIRES)
    return (
        CLASS_ORDER.index(head.mission_class),
        acting,
        int(day is None),  # not yet in functions: after those who are, in name order
        day or date.min,
        head.name_key,
        head.key,
    )


def order_heads_of_mission(heads: Iterable[HeadOfMission]) -> list[HeadOfMission]:
    """The heads in order of precedence; heads without a class are refused (ValueError)."""
    return sorted(heads, key=precedence_key)


def dean_of(heads: Iterable[HeadOfMission]) -> HeadOfMission | None:
    """The longest-serving ambassador who has presented credentials; None when there is none."""
    ambassadors = [
        head
        for head in heads
        if head.mission_class == MissionClass.AMBASSADOR and head.credentials_on is not None
    ]
    return min(ambassadors, key=precedence_key) if ambassadors else None


# Protocol order of the people at one engagement, by the words of their role: the leader of
# each side first (our principal, their host), then office holders by rank. Highest first.
_ROLE_RANKS: tuple[tuple[str, ...], ...] = (
    ("principal", "host", "head of delegation"),
    ("head of state", "president", "king", "queen", "emir", "monarch"),
    ("prime minister", "chancellor", "head of government", "premier"),
    ("minister",),
    ("state secretary", "secretary of state", "secretary-general"),
    ("ambassador",),
    ("director-general", "political director"),
    ("director",),
)
_DEPUTY = ("deputy", "vice")


def protocol_rank(role: str) -> int:
    """The rank a role's words give in protocol order: lower first, a deputy just below the
    office, a role with no known word last (callers keep their own order among equals)."""
    words = role.casefold()
    for rank, names in enumerate(_ROLE_RANKS):
        if any(name in words for name in names):
            deputy = rank > 0 and any(word in words for word in _DEPUTY)
            return 2 * rank + int(deputy)
    return 2 * len(_ROLE_RANKS)
