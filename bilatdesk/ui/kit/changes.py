"""What an action changed, as kinds of records, so each page re-reads only for its own kinds.

Every action that writes (a form saved, a record deleted, an import, a merge) says which kinds
it changed; every page says which kinds its rows show (a person's row shows their country and
organisation too). The main window re-reads only the pages whose kinds changed.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    COUNTRIES = "countries"
    PEOPLE = "people"
    ORGANISATIONS = "organisations"
    ENGAGEMENTS = "engagements"
    COMMITMENTS = "commitments"
    CABLES = "cables"
    AGREEMENTS = "agreements"
    VISITS = "visits"
    TAGS = "tags"
    SETTINGS = "settings"


Changes = frozenset[Kind]

NOTHING: Changes = frozenset()
EVERYTHING: Changes = frozenset(Kind)


def changes(*kinds: Kind) -> Changes:
    return frozenset(kinds)


_ALSO: dict[Kind, Changes] = {
    # Their forms carry a commitments tab, closed or reopened with the record's save.
    Kind.COUNTRIES: frozenset({Kind.COMMITMENTS}),
    Kind.PEOPLE: frozenset({Kind.COMMITMENTS}),
    Kind.ENGAGEMENTS: frozenset({Kind.COMMITMENTS}),
}


def saving(kind: Kind) -> Changes:
    """What saving or deleting one record of `kind` may change: itself and what goes with it."""
    return frozenset({kind}) | _ALSO.get(kind, NOTHING)


# The tables a step wrote, as the kinds of records the pages show (parts count for owners).
_KINDS: dict[str, Kind] = {
    "country": Kind.COUNTRIES,
    "country_status": Kind.COUNTRIES,
    "person": Kind.PEOPLE,
    "contact_point": Kind.PEOPLE,
    "membership": Kind.PEOPLE,
    "relationship": Kind.PEOPLE,
    "person_tag": Kind.PEOPLE,
    "organisation": Kind.ORGANISATIONS,
    "post": Kind.ORGANISATIONS,
    "engagement": Kind.ENGAGEMENTS,
    "participant": Kind.ENGAGEMENTS,
    "commitment": Kind.COMMITMENTS,
    "cable": Kind.CABLES,
    "cable_recipient": Kind.CABLES,
    "agreement": Kind.AGREEMENTS,
    "agreement_party": Kind.AGREEMENTS,
    "agreement_status_change": Kind.AGREEMENTS,
    "visit": Kind.VISITS,
    "tag": Kind.TAGS,
}


def kinds_of(tables: frozenset[str]) -> Changes:
    """What the pages must re-read after rows of `tables` were written."""
    found: set[Kind] = set()
    for name in tables:
        kind = _KINDS.get(name)
        if kind is None and name.endswith("_tag"):
            kind = _KINDS.get(name.removesuffix("_tag"))
        if kind is not None:
            found |= saving(kind)
    return frozenset(found)
