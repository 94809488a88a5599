"""Protocol rules: diplomatic ranks and the proposed way to write to and address a person."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from bilatdesk.domain.enums import Gender, MissionClass, NameOrder
from bilatdesk.domain.names import display_name
from bilatdesk.domain.text import fold

# Diplomatic ranks, highest first (the order of a diplomatic list within one mission).
RANKS: tuple[str, ...] = (
    "Ambassador Extraordinary and Plenipotentiary",
    "Minister Plenipotentiary",
    "Minister-Counsellor",
    "Counsellor",
    "First Secretary",
    "Second Secretary",
    "Third Secretary",
    "Attaché",
)

# Honorifics that say "Excellency" or "Honourable": never used in place of Mr/Ms, because
# "Dear H.E. Smith" and "Dear The Hon. Smith" are both wrong; the excellency forms are
# proposed only from the facts (an accredited ambassador), not from what a card says.
_STYLE_HONORIFICS = ("h.e.", "he", "his excellency", "her excellency", "the hon", "hon.", "hon")

# Cabinet offices, matched at the start of a post title (folded), longest first so
# "Deputy Prime Minister" is not read as "Prime Minister"; the value is how the office is
# named in a salutation ("Dear Deputy Minister,"). "Federal Minister" is written as plain
# "Minister" in English letters.
_MINISTERIAL_OFFICES: tuple[tuple[str, str], ...] = (
    ("deputy prime minister", "Deputy Prime Minister"),
    ("prime minister", "Prime Minister"),
    ("deputy minister", "Deputy Minister"),
    ("vice-minister", "Vice-Minister"),
    ("vice minister", "Vice-Minister"),
    ("federal minister", "Minister"),
    ("minister", "Minister"),
)
# Ranks of diplomats that begin with "Minister" but are not cabinet offices.
_NOT_MINISTERIAL = ("minister-counsellor", "minister counsellor", "minister plenipotentiary")

_EXCELLENCY_CLOSE = "Please accept, Excellency, the assurances of my highest consideration."
_PLAIN_CLOSE = "Yours sincerely,"


@dataclass(frozen=True)
class ProtocolFacts:
    """What the rules need to know about a person, all derived from their record."""

    gender: Gender
    rank: str
    honorific: str
    given_name: str
    family_name: str
    accredited_ambassador: bool
    current_posts: tuple[str, ...]
    languages: str
    name_order: NameOrder | None = None  # None: the script decides (domain.names)


@dataclass(frozen=True)
class ProtocolBlock:
    """How to address a person: stored per person, an empty field meaning "use the default"."""

    honorific: str = ""
    rank: str = ""
    addressee_line: str = ""
    salutation: str = ""
    complimentary_close: str = ""
    form_of_address: str = ""
    correspondence_language: str = ""


def propose_protocol(facts: ProtocolFacts) -> ProtocolBlock:
    """The conventional protocol block for a person, from their gender, posts and status."""
    full_name = display_name(
        facts.given_name.strip(), facts.family_name.strip(), order=facts.name_order
    )
    # A surname alone after the title ("Mr Smith"); a mononym is its own surname.
    surname = facts.family_name.strip() or facts.given_name.strip()
    title = _courtesy_title(facts.gender, facts.honorific)
    rank = facts.rank.strip() or _rank_from_posts(facts.current_posts)
    language = _first_language(facts.languages)
    first_post = next((p.strip() for p in facts.current_posts if p.strip()), "")

    if facts.accredited_ambassador:
        # "His/Her Excellency" goes only to accredited ambassadors (Vienna Convention
        # practice); gender unknown gives the neutral written form "His/Her Excellency".
        excellency = {
            Gender.MALE: "His Excellency",
            Gender.FEMALE: "Her Excellency",
        }.get(facts.gender, "His/Her Excellency")
        # UN Protocol style: "His Excellency Mr John Smith", the office on the next line.
        lines = [_join(excellency, title, full_name), first_post]
        return ProtocolBlock(
            honorific="H.E.",
            rank=rank,
            addressee_line="\n".join(line for line in lines if line),
            salutation="Excellency,",
            complimentary_close=_EXCELLENCY_CLOSE,
            form_of_address="Your Excellency",
            correspondence_language=language,
        )

    honorific = "" if _is_style_honorific(facts.honorific) else facts.honorific.strip()
    office, ministerial_post = _ministerial_office(facts.current_posts)
    if office:
        # Ministers are addressed by office, not name ("Dear Minister,"); the addressee line
        # puts the office first, as the envelope to a ministry does. No "The Honourable":
        # that style is national (Commonwealth) and a clerk adds it when it applies.
        lines = [ministerial_post, _join(title, full_name)]
        return ProtocolBlock(
            honorific=honorific,
            rank=rank,
            addressee_line="\n".join(line for line in lines if line),
            salutation=f"Dear {office},",
            complimentary_close=_PLAIN_CLOSE,
            form_of_address=office,
            correspondence_language=language,
        )

    # Everyone else: title and surname ("Dear Dr Müller,"); with neither a known gender nor an
    # academic title the full name is used, so nobody is misgendered by a default.
    addressed = _join(title, surname) if title else full_name
    lines = [_join(title, full_name), first_post]
    return ProtocolBlock(
        honorific=honorific,
        rank=rank,
        addressee_line="\n".join(line for line in lines if line),
        salutation=f"Dear {addressed}," if addressed else "Dear Sir or Madam,",
        complimentary_close=_PLAIN_CLOSE,
        form_of_address=addressed,
        correspondence_language=language,
    )


def is_accredited_ambassador(
    current_posts: Iterable[tuple[MissionClass, date | None]], today: date
) -> bool:
    """An ambassador is "Excellency" once accredited: credentials presented, not merely named.

    `current_posts` are (head-of-mission class, credentials date) of the posts held today.
    """
    return any(
        mission_class is MissionClass.AMBASSADOR
        and credentials is not None
        and credentials <= today
        for mission_class, credentials in current_posts
    )


def effective_protocol(stored: ProtocolBlock, proposed: ProtocolBlock) -> ProtocolBlock:
    """The block in use: each stored field that is not blank, else the proposed default."""
    chosen: dict[str, str] = {}
    for field in fields(ProtocolBlock):
        own: str = getattr(stored, field.name)
        chosen[field.name] = own if own.strip() else getattr(proposed, field.name)
    return ProtocolBlock(**chosen)


# -- inside ------------------------------------------------------------------------------------
def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _is_style_honorific(honorific: str) -> bool:
    folded = fold(honorific.strip())
    return any(folded == style or folded.startswith(style + " ") for style in _STYLE_HONORIFICS)


def _courtesy_title(gender: Gender, honorific: str) -> str:
    """An academic or professional honorific ("Dr", "Prof.") replaces Mr/Ms, as in German and
    English usage; otherwise Mr or Ms by gender, Mx for a gender recorded as other, and nothing
    when the gender is not known."""
    clean = honorific.strip()
    if clean and not _is_style_honorific(clean):
        return clean
    return {Gender.MALE: "Mr", Gender.FEMALE: "Ms", Gender.OTHER: "Mx"}.get(gender, "")


def _ministerial_office(posts: tuple[str, ...]) -> tuple[str, str]:
    """The office word of the first cabinet post held ("Minister") and that post's title."""
    for post in posts:
        folded = " ".join(fold(post).split())
        if folded.startswith(_NOT_MINISTERIAL):
            continue
        for prefix, office in _MINISTERIAL_OFFICES:
            # A whole word: "Ministerialrat" is not a minister.
            if (
                folded == prefix
                or folded.startswith(prefix + " ")
                or folded.startswith(prefix + ",")
            ):
                return office, post.strip()
    return "", ""


def _rank_from_posts(posts: tuple[str, ...]) -> str:
    """A rank named by a current post ("Counsellor"), when no rank is recorded."""
    folded_ranks = {fold(rank): rank for rank in RANKS}
    for post in posts:
        rank = folded_ranks.get(" ".join(fold(post).split()))
        if rank is not None:
            return rank
    return ""


def _first_language(languages: str) -> str:
    """The first of a list written "de, en" or "de; en": the language they read most easily."""
    for part in re.split(r"[,;]", languages):
        if part.strip():
            return part.strip()
    return ""
