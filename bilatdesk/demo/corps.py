"""The demo's diplomatic corps in Vienna: foreign missions and their heads in all three classes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pycountry
from sqlalchemy import select
from sqlalchemy.orm import Session

from bilatdesk.domain import Country, Gender, Organisation, OrganisationKind, Person
from bilatdesk.domain.enums import Accreditation, MissionClass, RelationshipScope
from bilatdesk.domain.person import Membership, Post
from bilatdesk.domain.relationship import Relationship, RelationshipType
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.relationships import RelationshipService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.store.database import Database

HOST = "AT"  # Vienna: the resident country of the demo post
AMBASSADOR_TITLE = "Ambassador Extraordinary and Plenipotentiary"
ENVOY_TITLE = "Envoy Extraordinary and Minister Plenipotentiary"
CHARGE_TITLE = "Chargé d'affaires a.i."
OUR_STATE = "Veloria"
OUR_EMBASSY = "Embassy of the Republic of Veloria"
CHINA_EMBASSY = "Embassy of the People's Republic of China in Vienna"  # made by the colleagues


@dataclass(frozen=True)
class SeedHead:
    """A head of mission: names, class, and days before `today` of post and credentials."""

    state: str
    mission: str
    given: str
    family: str
    original: str
    gender: str
    mission_class: MissionClass
    started: int  # days before today the post was taken up
    credentials: int | None  # days before today credentials were presented (negative: later)
    honorific: str = ""
    languages: str = ""
    spouse: tuple[str, str, str] | None = None  # given, family, original script


# Spread over nine years, so the dean (Brazil) is clear and the order reads as a real list.
HEADS: tuple[SeedHead, ...] = (
    SeedHead(
        "Brazil",
        "Embassy of the Federative Republic of Brazil",
        "Ana Beatriz",
        "Carvalho Lins",
        "",
        "female",
        MissionClass.AMBASSADOR,
        3320,
        3301,
        languages="pt, en, de, es",
        spouse=("Ricardo", "Lins", ""),
    ),
    SeedHead(
        "Japan",
        "Embassy of Japan",
        "Kenji",
        "Morimoto",
        "森本 健二",
        "male",
        MissionClass.AMBASSADOR,
        1950,
        1921,
        languages="ja, en, de",
        spouse=("Yuko", "Morimoto", "森本 優子"),
    ),
    SeedHead(
        "France",
        "Embassy of France",
        "Claire",
        "Delmas",
        "",
        "female",
        MissionClass.AMBASSADOR,
        1530,
        1502,
        languages="fr, en, de",
        spouse=("Antoine", "Roussel", ""),
    ),
    SeedHead(
        "Egypt",
        "Embassy of the Arab Republic of Egypt",
        "Ahmed",
        "Farouk Mansour",
        "أحمد فاروق منصور",
        "male",
        MissionClass.AMBASSADOR,
        1240,
        1213,
        languages="ar, en, fr",
    ),
    SeedHead(
        "Germany",
        "Embassy of the Federal Republic of Germany",
        "Matthias",
        "Krüger",
        "",
        "male",
        MissionClass.AMBASSADOR,
        930,
        902,
        honorific="Dr",
        languages="de, en, fr",
        spouse=("Katrin", "Krüger-Hahn", ""),
    ),
    SeedHead(
        "Greece",
        "Embassy of the Hellenic Republic",
        "Nikolaos",
        "Andreou",
        "Νικόλαος Ανδρέου",
        "male",
        MissionClass.AMBASSADOR,
        790,
        761,
        languages="el, en, de",
    ),
    SeedHead(
        "Italy",
        "Embassy of Italy",
        "Giulia",
        "Ferrante",
        "",
        "female",
        MissionClass.AMBASSADOR,
        430,
        402,
        languages="it, en, de",
    ),
    # Arrived a fortnight ago; the credentials ceremony is next week: an ambassador-designate.
    SeedHead(
        "India",
        "Embassy of India",
        "Rajesh",
        "Iyer",
        "",
        "male",
        MissionClass.AMBASSADOR,
        14,
        -6,
        languages="hi, en",
    ),
    SeedHead(
        "Poland",
        "Embassy of the Republic of Poland",
        "Tomasz",
        "Wiśniewski",
        "",
        "male",
        MissionClass.ENVOY,
        1130,
        1110,
        languages="pl, en, de",
    ),
    SeedHead(
        "Mexico",
        "Embassy of Mexico",
        "María Fernanda",
        "Ortiz Reyes",
        "",
        "female",
        MissionClass.ENVOY,
        520,
        497,
        languages="es, en",
    ),
    SeedHead(
        "Canada",
        "Embassy of Canada",
        "Jean-Philippe",
        "Tremblay",
        "",
        "male",
        MissionClass.CHARGE_D_AFFAIRES,
        75,
        None,
        languages="fr, en",
    ),
)
# Canada's ambassador left before the chargé took over: the post has a history.
CANADA_PREDECESSOR = ("Sarah", "Whitfield", 1400, 76)  # given, family, started, ended (days ago)


def build_demo_corps(db: Database, today: date) -> None:
    """The missions in Vienna with their heads; deterministic for one `today`."""
    with db.read() as session:
        host = session.scalars(select(Country.id).where(Country.iso_code == HOST)).first()
    if host is None:
        return  # a demo without Austria has no corps in Vienna to list
    organisations = OrganisationService(db)
    people = PersonService(db)
    countries = CountryService(db)
    spouses: list[tuple[int, int]] = []
    for seed in HEADS:
        # The head of mission and family are citizens of the sending state; it decides their
        # name order too (Japan's ambassador is Morimoto Kenji).
        state = _sending_state(countries, seed.state)
        mission = organisations.create(
            OrganisationInput(
                seed.mission, OrganisationKind.MISSION, country_id=host, sending_state=seed.state
            )
        ).id
        memberships = [_membership(seed, mission, today)]
        if seed.state == "Canada":
            given, family, started, ended = CANADA_PREDECESSOR
            people.create(
                PersonInput(
                    given_name=given,
                    family_name=family,
                    country_id=state,
                    gender=Gender.FEMALE,
                    languages="en, fr",
                    memberships=(
                        MembershipInput(
                            AMBASSADOR_TITLE,
                            mission,
                            today - timedelta(days=started),
                            today - timedelta(days=ended),
                            mission_class=MissionClass.AMBASSADOR,
                            credentials_on=today - timedelta(days=started - 21),
                        ),
                    ),
                )
            )
        head = people.create(
            PersonInput(
                given_name=seed.given,
                family_name=seed.family,
                name_original=seed.original,
                honorific=seed.honorific,
                gender=Gender(seed.gender),
                languages=seed.languages,
                country_id=state,
                memberships=tuple(memberships),
            )
        ).id
        if seed.spouse is not None:
            given, family, original = seed.spouse
            spouse = people.create(
                PersonInput(
                    given_name=given, family_name=family, name_original=original, country_id=state
                )
            ).id
            spouses.append((head, spouse))
    _resident_missions(db, host, today)
    _marry(db, spouses)


def _sending_state(countries: CountryService, state: str) -> int | None:
    """The sending state as a country of the database, added (not accredited) when missing;
    None for a state ISO 3166 does not know (the demo's own Veloria)."""
    try:
        code = pycountry.countries.lookup(state).alpha_2
    except LookupError:
        return None
    found = countries.by_code(code)
    if found is not None:
        return found.id
    return countries.create(
        CountryInput(iso_code=code, accredited=False, accreditation=Accreditation.NON_RESIDENT)
    ).id


def _membership(seed: SeedHead, mission: int, today: date) -> MembershipInput:
    title = {
        MissionClass.AMBASSADOR: AMBASSADOR_TITLE,
        MissionClass.ENVOY: ENVOY_TITLE,
        MissionClass.CHARGE_D_AFFAIRES: CHARGE_TITLE,
    }[seed.mission_class]
    return MembershipInput(
        title,
        mission,
        today - timedelta(days=seed.started),
        acting=seed.mission_class == MissionClass.CHARGE_D_AFFAIRES,
        mission_class=seed.mission_class,
        credentials_on=None
        if seed.credentials is None
        else today - timedelta(days=seed.credentials),
    )


def _resident_missions(db: Database, host: int, today: date) -> None:
    """Our own embassy, and China's (made with the colleagues), as missions in Vienna."""
    with db.session() as session:
        china = session.scalars(
            select(Organisation).where(Organisation.name == CHINA_EMBASSY)
        ).first()
        if china is not None:
            # Made under China by the colleagues; a mission belongs to its host country.
            china.country_id = host
            china.sending_state = "China"
            _make_head(session, china.id, "Ambassador", date(2024, 9, 20))
        ours = Organisation(name=OUR_EMBASSY, kind=OrganisationKind.MISSION, country_id=host)
        ours.sending_state = OUR_STATE
        ours.refresh_derived()
        session.add(ours)
        session.flush()
        held = session.execute(
            select(Membership, Person)
            .join(Post, Post.id == Membership.post_id)
            .join(Person, Person.id == Membership.person_id)
            .where(
                Post.title == "Ambassador",
                Post.organisation_id.is_(None),
                Person.country_id.is_(None),
            )
            .order_by(Membership.id)
        ).first()
        if held is None:
            return
        membership, _person = held
        # Our ambassador's post moves into our embassy; her credentials a month after arrival.
        post = Post(title=membership.post.title, organisation_id=ours.id)
        session.add(post)
        session.flush()
        membership.post_id = post.id
        session.flush()
        start = membership.start_date or today
        _make_head(session, ours.id, "Ambassador", max(today - timedelta(days=670), start))


def _make_head(session: Session, mission_id: int, title: str, credentials: date) -> None:
    """The holder of `title` at the mission becomes its ambassador, unless already classed."""
    for membership in session.scalars(
        select(Membership)
        .join(Post, Post.id == Membership.post_id)
        .where(Post.organisation_id == mission_id, Post.title.startswith(title))
        .order_by(Membership.id)
    ):
        if membership.mission_class == MissionClass.NONE:
            membership.mission_class = MissionClass.AMBASSADOR
            start = membership.start_date
            membership.credentials_on = max(credentials, start) if start else credentials
        return


def _marry(db: Database, couples: list[tuple[int, int]]) -> None:
    """Spouse ties, under the "spouse" type of the relationship vocabulary."""
    if not couples:
        return
    # Asking for the types seeds the default vocabulary ("spouse" among it) on a new database;
    # a type made here first would stop that seeding, which only runs on an empty vocabulary.
    RelationshipService(db).types(RelationshipScope.PEOPLE)
    with db.session() as session:
        kind = session.scalars(
            select(RelationshipType).where(RelationshipType.name == "spouse")
        ).first()
        if kind is None:
            kind = RelationshipType(
                name="spouse",
                forward_label="spouse of",
                reverse_label="spouse of",
                scope=RelationshipScope.PEOPLE,
            )
            session.add(kind)
            session.flush()
        for head, spouse in couples:
            session.add(
                Relationship(type_id=kind.id, subject_person_id=head, object_person_id=spouse)
            )
