"""The diplomatic list of a capital: the heads of the foreign missions there, in precedence.

A foreign mission is an organisation of kind Mission whose country is the host; its head is
whoever holds, on the day, a post there with a head-of-mission class. The order and the dean
come from domain.precedence; what the records lack is said in sentences (`missing`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bilatdesk.domain import DEFAULT_SCHEME, ClassificationScheme, Country, Organisation, Person
from bilatdesk.domain.enums import MissionClass, OrganisationKind
from bilatdesk.domain.marking import marked, overall_marking
from bilatdesk.domain.person import Membership, Post
from bilatdesk.domain.precedence import (
    CLASS_ORDER,
    HeadOfMission,
    dean_of,
    order_heads_of_mission,
    precedence_key,
    took_up_functions,
)
from bilatdesk.domain.relationship import Relationship, RelationshipType
from bilatdesk.reports.diplomatic_list_records import DiplomaticListData, ListEntry, ListGroup
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.services.kernel.settings import read_post_settings
from bilatdesk.store.database import Database

SPOUSE_TYPE = "spouse"  # the RelationshipType name that marks a spouse
EXCELLENCY = "H.E."
# Forms of "Excellency" a record may carry in its honorific; the list grants the style itself
# (to ambassadors only), so a stored one is dropped rather than printed twice or wrongly.
_EXCELLENCY = re.compile(
    r"\b(?:H\.\s?E\.|HE|S\.\s?E\.|His Excellency|Her Excellency|Son Excellence)(?=\s|$)",
    re.IGNORECASE,
)
# Mission names that read as a common noun take "The" at the start of a sentence.
_COMMON_NOUNS = ("embassy", "mission", "permanent", "delegation", "office", "representation")
CLASS_LABELS = {
    MissionClass.AMBASSADOR: "Ambassador",
    MissionClass.ENVOY: "Envoy",
    MissionClass.CHARGE_D_AFFAIRES: "Chargé d'affaires",
}
GROUP_HEADINGS = {
    MissionClass.AMBASSADOR: "Ambassadors",
    MissionClass.ENVOY: "Envoys and ministers",
    MissionClass.CHARGE_D_AFFAIRES: "Chargés d'affaires",
}


def long_date(day: date) -> str:
    """ "22 November 2026", without a leading zero on any platform."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: date | None) -> str:
    """ "14 Mar 2019", or "" for no date."""
    return f"{day.day} {day:%b %Y}" if day else ""


@dataclass(frozen=True)
class Entry:
    """One head of mission on the list, in the order of precedence."""

    position: int  # from 1
    mission_id: int
    person_id: int
    sending_state: str
    mission_name: str
    head_name: str  # as the person writes it: given then family name
    name_original: str  # in the person's own script, may be ""
    form_of_address: str  # "H.E." for an ambassador in functions, else the person's honorific
    mission_class: MissionClass
    acting: bool  # a chargé d'affaires a.i.
    class_label: str  # "Ambassador", "Ambassador-designate", "Chargé d'affaires a.i."
    functional_title: str  # the post held: "Ambassador Extraordinary and Plenipotentiary"
    credentials_on: date | None  # credentials presented (by the day of the list)
    took_up: date | None  # the day that orders the entry within its class
    spouse: str
    is_dean: bool
    classification: str  # the highest level of the head's and the spouse's records

    @property
    def formal_name(self) -> str:
        """The name with its form of address: "H.E. Dr Claire Martin"."""
        return f"{self.form_of_address} {self.head_name}".strip()


@dataclass(frozen=True)
class DiplomaticList:
    host_country: str
    capital: str
    on: date
    entries: tuple[Entry, ...]
    missing: tuple[str, ...]
    classification: str = "U"  # the highest level of the entries and the people notes name
    # Per note of `missing`, the highest level of the people it names ("" for none).
    missing_classifications: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"Diplomatic list — {self.capital}, as of {long_date(self.on)}"

    @property
    def dean(self) -> Entry | None:
        return next((entry for entry in self.entries if entry.is_dean), None)

    @property
    def dean_line(self) -> str:
        """Who the dean is, or why there is none, as one sentence."""
        dean = self.dean
        if dean is None:
            return (
                f"There is no dean: no ambassador has presented credentials in "
                f"{self.host_country} by {long_date(self.on)}."
            )
        state = dean.sending_state or dean.mission_name
        since = f", credentials presented {short_date(dean.credentials_on)}"
        return f"Dean of the Diplomatic Corps: {dean.formal_name} ({state}){since}."


@dataclass(frozen=True)
class _Held:
    """A current head-of-mission membership with its holder, post and mission."""

    membership: Membership
    person: Person
    post: Post
    mission: Organisation


class DiplomaticListService:
    def __init__(self, database: Database, scheme: ClassificationScheme = DEFAULT_SCHEME) -> None:
        self.db = database
        self.scheme = scheme

    def build(self, country_id: int, on: date) -> DiplomaticList:
        """The heads of the foreign missions in a host country on a day, in precedence."""
        with self.db.read() as session:
            return self._build(session, country_id, on)

    def data(self, country_id: int, on: date) -> DiplomaticListData:
        """The list as the printed document's data."""
        return self.document_data(self.build(country_id, on))

    def document_data(self, built: DiplomaticList) -> DiplomaticListData:
        """A list already built as the printed document's data, prepared by this post."""
        with self.db.read() as session:
            post = read_post_settings(session)
        return printable(built, self.scheme, prepared_by=post.name)

    def pdf(self, country_id: int, on: date) -> bytes:
        return self.render(self.build(country_id, on))

    def render(self, built: DiplomaticList) -> bytes:
        """A list already built (the one on screen) as PDF bytes."""
        from bilatdesk.reports.diplomatic_list import render_diplomatic_list

        return render_diplomatic_list(self.document_data(built))

    # -- building ---------------------------------------------------------------------------
    def _build(self, session: Session, country_id: int, on: date) -> DiplomaticList:
        country = session.get(Country, country_id)
        if country is None:
            raise NotFoundError("That country no longer exists; it may have been deleted.")
        missions = list(
            session.scalars(
                select(Organisation)
                .where(
                    Organisation.kind == OrganisationKind.MISSION,
                    Organisation.country_id == country_id,
                )
                .order_by(Organisation.sort_name, Organisation.id)
            )
        )
        held = _current_heads(session, country_id, on)
        missing: list[str] = []
        named: list[str] = []  # per note, the classification of the people it names
        # One head per mission: the one who ranks first (an ambassador over a chargé a.i.
        # standing in for them); a second is a gap in the records worth saying.
        facts = {h.membership.id: _facts(h, on) for h in held}
        by_mission: dict[int, list[_Held]] = {}
        for h in sorted(held, key=lambda h: precedence_key(facts[h.membership.id])):
            by_mission.setdefault(h.mission.id, []).append(h)
        heads: list[_Held] = []
        for mission in missions:
            found = by_mission.get(mission.id, [])
            if not found:
                named.append("")
                missing.append(
                    f"{_sentence_name(mission.name)} has no head of mission recorded on "
                    f"{long_date(on)}."
                )
                continue
            heads.append(found[0])
            if len(found) > 1:
                others = "; ".join(h.person.display_name for h in found[1:])
                named.append(self.scheme.highest(h.person.classification for h in found).code)
                missing.append(
                    f"{_sentence_name(mission.name)} has more than one head of mission recorded "
                    f"on {long_date(on)}; {found[0].person.display_name} is listed, not "
                    f"{others}."
                )
            if not mission.sending_state.strip():
                named.append("")
                missing.append(
                    f"{_sentence_name(mission.name)} has no sending state recorded; it is "
                    "listed by its name."
                )
        ordered = order_heads_of_mission(facts[h.membership.id] for h in heads)
        dean = dean_of(ordered)
        by_key = {h.membership.id: h for h in heads}
        spouses = _spouses(session, [h.person.id for h in heads], on)
        entries: list[Entry] = []
        for position, fact in enumerate(ordered, start=1):
            h = by_key[fact.key]
            if fact.mission_class != MissionClass.CHARGE_D_AFFAIRES and fact.credentials_on is None:
                named.append(h.person.classification)
                missing.append(
                    f"{h.person.display_name} ({h.mission.sending_state or h.mission.name}) has "
                    f"not presented credentials by {long_date(on)}; listed after those who have."
                )
            spouse = spouses.get(h.person.id)
            levels = [h.person.classification] + ([spouse.classification] if spouse else [])
            entries.append(
                Entry(
                    position=position,
                    mission_id=h.mission.id,
                    person_id=h.person.id,
                    sending_state=h.mission.sending_state,
                    mission_name=h.mission.name,
                    head_name=h.person.display_name,
                    name_original=h.person.name_original,
                    form_of_address=_form_of_address(h.person.honorific, fact),
                    mission_class=fact.mission_class,
                    acting=fact.acting,
                    class_label=_class_label(fact),
                    functional_title=h.post.title,
                    credentials_on=fact.credentials_on,
                    took_up=took_up_functions(fact),
                    spouse=spouse.display_name if spouse else "",
                    is_dean=dean is not None and fact.key == dean.key,
                    classification=self.scheme.highest(levels).code,
                )
            )
        return DiplomaticList(
            host_country=country.name,
            capital=country.capital or country.name,
            on=on,
            entries=tuple(entries),
            missing=tuple(missing),
            missing_classifications=tuple(named),
            classification=self.scheme.highest(
                [*(e.classification for e in entries), *(code for code in named if code)]
            ).code,
        )


def printable(
    built: DiplomaticList, scheme: ClassificationScheme = DEFAULT_SCHEME, *, prepared_by: str = ""
) -> DiplomaticListData:
    """The list as the printed document's data: grouped by class, every field formatted."""
    groups: list[ListGroup] = []
    for mission_class in CLASS_ORDER:
        members = [e for e in built.entries if e.mission_class == mission_class]
        if not members:
            continue
        heading = GROUP_HEADINGS[mission_class]
        if mission_class == MissionClass.CHARGE_D_AFFAIRES:
            acting = {e.acting for e in members}
            heading = {
                frozenset({True}): "Chargés d'affaires a.i.",
                frozenset({False}): "Chargés d'affaires",
            }.get(frozenset(acting), "Chargés d'affaires and chargés d'affaires a.i.")
        groups.append(
            ListGroup(heading, tuple(_printed(e, scheme, built.capital) for e in members))
        )
    dean = built.dean
    notes = tuple(
        marked(scheme, code, note) if code else note
        for note, code in zip(
            built.missing,
            built.missing_classifications or ("",) * len(built.missing),
            strict=True,
        )
    )
    data = DiplomaticListData(
        title=built.title,
        classification="",
        subtitle=f"Heads of mission in {built.host_country}, in order of precedence",
        prepared_by=prepared_by,
        # An empty list says so in one plain sentence; no dean line above it.
        dean=marked(scheme, dean.classification, built.dean_line)
        if dean
        else (built.dean_line if built.entries else ""),
        empty=f"No head of mission is recorded in {built.capital} on {long_date(built.on)}.",
        groups=tuple(groups),
        notes=notes,
        produced_at=datetime.combine(built.on, time(0), tzinfo=UTC).isoformat(),
    )
    # The marking is the highest of what prints (entries, the dean's line, the notes).
    return replace(data, classification=overall_marking(scheme, data.portions()).name)


def _in_capital(mission_name: str, capital: str) -> str:
    """ "Embassy of Japan in Vienna": every mission named the same way, whether or not its
    record carries the place."""
    name = mission_name.strip()
    place = f" in {capital}"
    if not name or not capital.strip() or name.casefold().endswith(place.casefold()):
        return name
    return name + place


def _printed(entry: Entry, scheme: ClassificationScheme, capital: str) -> ListEntry:
    if entry.credentials_on is not None:
        credentials = short_date(entry.credentials_on)
    elif entry.took_up is not None:
        credentials = f"{'a.i. ' if entry.acting else ''}since {short_date(entry.took_up)}"
    else:
        credentials = "Not yet presented"
    return ListEntry(
        position=entry.position,
        sending_state=entry.sending_state,
        mission_name=_in_capital(entry.mission_name, capital),
        head_name=entry.formal_name,
        name_original=entry.name_original,
        functional_title=entry.functional_title,
        class_label=entry.class_label,
        credentials=credentials,
        spouse=entry.spouse,
        is_dean=entry.is_dean,
        portion_mark=scheme.level(entry.classification).portion_mark,
        classification=entry.classification,
    )


def _current_heads(session: Session, country_id: int, on: date) -> list[_Held]:
    statement = (
        select(Membership, Person, Post, Organisation)
        .join(Post, Post.id == Membership.post_id)
        .join(Organisation, Organisation.id == Post.organisation_id)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Organisation.kind == OrganisationKind.MISSION,
            Organisation.country_id == country_id,
            Membership.mission_class != MissionClass.NONE,
            or_(Membership.start_date.is_(None), Membership.start_date <= on),
            or_(Membership.end_date.is_(None), Membership.end_date >= on),
        )
        .order_by(Membership.id)
    )
    return [_Held(*row) for row in session.execute(statement).tuples()]


def _facts(held: _Held, on: date) -> HeadOfMission:
    membership = held.membership
    presented = membership.credentials_on
    if presented is not None and presented > on:
        presented = None  # credentials fixed for a later day are not presented yet
    return HeadOfMission(
        key=membership.id,
        name_key=held.person.sort_name,
        mission_class=MissionClass(membership.mission_class),
        credentials_on=presented,
        start_date=membership.start_date,
        acting=membership.acting,
    )


def _spouses(session: Session, person_ids: list[int], on: date) -> dict[int, Person]:
    """Each head's spouse on the day, either way round; the earliest tie when there are two."""
    if not person_ids:
        return {}
    ties = session.scalars(
        select(Relationship)
        .join(RelationshipType, RelationshipType.id == Relationship.type_id)
        .where(
            RelationshipType.name == SPOUSE_TYPE,
            or_(
                Relationship.subject_person_id.in_(person_ids),
                Relationship.object_person_id.in_(person_ids),
            ),
        )
        .order_by(Relationship.start_date, Relationship.id)
    )
    found: dict[int, Person] = {}
    wanted = set(person_ids)
    for tie in ties:
        if not tie.is_current(on):
            continue
        pairs = (
            (tie.subject_person_id, tie.object_person),
            (tie.object_person_id, tie.subject_person),
        )
        for head, other in pairs:
            if head in wanted and other is not None and head not in found:
                found[head] = other
    return found


def _form_of_address(honorific: str, fact: HeadOfMission) -> str:
    """ "H.E." before an ambassador or envoy in functions (both present letters of credence to
    the head of state), and only then; other titles kept ("Dr")."""
    own = " ".join(_EXCELLENCY.sub(" ", honorific).split())
    accredited = fact.mission_class in {MissionClass.AMBASSADOR, MissionClass.ENVOY}
    excellency = accredited and fact.credentials_on is not None
    return " ".join(part for part in (EXCELLENCY if excellency else "", own) if part)


def _class_label(fact: HeadOfMission) -> str:
    if fact.mission_class == MissionClass.CHARGE_D_AFFAIRES and fact.acting:
        return "Chargé d'affaires a.i."
    label = CLASS_LABELS[fact.mission_class]
    if fact.mission_class != MissionClass.CHARGE_D_AFFAIRES and fact.credentials_on is None:
        return f"{label}-designate"
    return label


def _sentence_name(name: str) -> str:
    """A mission's name to open a sentence: "The Embassy of France", "Apostolic Nunciature"."""
    first = name.split(" ", 1)[0].casefold()
    return f"The {name}" if first in _COMMON_NOUNS else name
