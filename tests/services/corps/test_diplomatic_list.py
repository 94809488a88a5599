"""The diplomatic list: heads of the foreign missions in a capital, in order of precedence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from bilatdesk.domain import Organisation
from bilatdesk.domain.enums import MissionClass, OrganisationKind, RelationshipScope
from bilatdesk.domain.person import Membership
from bilatdesk.domain.relationship import Relationship, RelationshipType
from bilatdesk.services.corps.diplomatic_list import DiplomaticListService, printable
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.kernel.errors import NotFoundError, ValidationError
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.store.database import Database
from tests.databases import DEMO_DAY
from tests.reports import pdfread

ON = date(2026, 11, 22)
A, E, C = MissionClass.AMBASSADOR, MissionClass.ENVOY, MissionClass.CHARGE_D_AFFAIRES


@dataclass
class Corps:
    """Ids of a small corps in Vienna; `mission` maps a sending state to its mission id."""

    db: Database
    austria: int
    mission: dict[str, int]


def _mission(db: Database, country: int, state: str, name: str = "") -> int:
    data = OrganisationInput(
        name or f"Embassy of {state}",
        OrganisationKind.MISSION,
        country_id=country,
        sending_state=state,
    )
    return OrganisationService(db).create(data).id


def _head(
    db: Database,
    mission: int,
    name: tuple[str, str],
    cls: MissionClass,
    *,
    credentials: date | None = None,
    start: date | None = date(2020, 1, 1),
    end: date | None = None,
    acting: bool = False,
    title: str = "Ambassador Extraordinary and Plenipotentiary",
    honorific: str = "",
    original: str = "",
    classification: str = "U",
) -> int:
    """A person holding a head-of-mission post; class and credentials set on the membership."""
    person = PersonService(db).create(
        PersonInput(
            given_name=name[0],
            family_name=name[1],
            honorific=honorific,
            name_original=original,
            classification=classification,
            memberships=(MembershipInput(title, mission, start, end, acting),),
        )
    )
    with db.session() as session:
        membership = session.scalars(
            select(Membership).where(Membership.person_id == person.id)
        ).one()
        membership.mission_class = cls
        membership.credentials_on = credentials
    return person.id


def _spouse(
    db: Database, head: int, name: tuple[str, str], *, reverse: bool = False, **dates: date
) -> int:
    """A spouse tied to `head` by a "spouse" relationship (the head as object if `reverse`)."""
    spouse = PersonService(db).create(PersonInput(given_name=name[0], family_name=name[1])).id
    with db.session() as session:
        kind = session.scalars(select(RelationshipType).where(RelationshipType.name == "spouse"))
        found = kind.first()
        if found is None:
            found = RelationshipType(
                name="spouse",
                forward_label="spouse of",
                reverse_label="spouse of",
                scope=RelationshipScope.PEOPLE,
            )
            session.add(found)
            session.flush()
        subject, obj = (spouse, head) if reverse else (head, spouse)
        session.add(
            Relationship(
                type_id=found.id,
                subject_person_id=subject,
                object_person_id=obj,
                start_date=dates.get("start"),
                end_date=dates.get("end"),
            )
        )
    return spouse


@pytest.fixture
def corps(database: Database) -> Corps:
    """Vienna with three ambassadors, an envoy, two chargés, an empty mission and noise."""
    countries = CountryService(database)
    austria = countries.create(CountryInput("AT", "Austria", capital="Vienna")).id
    jordan = countries.create(CountryInput("JO", "Jordan", capital="Amman")).id
    m = {s: _mission(database, austria, s) for s in ("France", "Japan", "Brazil", "Egypt")}
    m |= {s: _mission(database, austria, s) for s in ("Malta", "Iceland", "Chad", "Peru")}
    m["Jordan-side"] = _mission(database, jordan, "Germany", "Embassy of Germany in Amman")
    c = Corps(database, austria, m)
    _head(database, m["France"], ("Claire", "Martin"), A, credentials=date(2021, 6, 3))
    _head(
        database,
        m["Japan"],
        ("Hiroshi", "Tanaka"),
        A,
        credentials=date(2014, 2, 12),
        original="田中 博",
        honorific="H.E. Dr",
        classification="R",
    )
    _head(database, m["Brazil"], ("Ana", "Souza"), A, credentials=date(2021, 6, 3))
    _head(
        database,
        m["Egypt"],
        ("Karim", "Hassan"),
        E,
        credentials=date(2010, 1, 5),
        title="Envoy Extraordinary and Minister Plenipotentiary",
    )
    _head(
        database,
        m["Iceland"],
        ("Jón", "Sigurðsson"),
        C,
        start=date(2026, 9, 1),
        acting=True,
        title="Chargé d'affaires a.i.",
        honorific="H.E.",
    )
    _head(
        database,
        m["Chad"],
        ("Amina", "Deby"),
        C,
        start=date(2023, 4, 1),
        acting=True,
        title="Chargé d'affaires a.i.",
    )
    # Noise: an ended head, a future head, a non-head in a mission, a mission elsewhere.
    _head(
        database,
        m["Malta"],
        ("Old", "Head"),
        A,
        credentials=date(2001, 1, 1),
        end=ON.replace(day=21),
    )
    _head(
        database,
        m["Peru"],
        ("Next", "Head"),
        A,
        credentials=date(2027, 1, 9),
        start=date(2026, 12, 1),
    )
    _head(database, m["France"], ("Paul", "Deputy"), MissionClass.NONE, title="Counsellor")
    _head(database, m["Jordan-side"], ("Far", "Away"), A, credentials=date(1999, 1, 1))
    return c


def test_order_is_class_then_credentials_then_name(corps: Corps) -> None:
    """Ambassadors by credentials date (same day by name), then the envoy, then chargés."""
    built = DiplomaticListService(corps.db).build(corps.austria, ON)
    assert [e.head_name for e in built.entries] == [
        "Tanaka Hiroshi",
        "Claire Martin",  # same day as Souza: Martin before Souza by family name
        "Ana Souza",
        "Karim Hassan",
        "Amina Deby",  # a.i. since 2023
        "Jón Sigurðsson",  # a.i. since 2026
    ]
    assert [e.position for e in built.entries] == [1, 2, 3, 4, 5, 6]
    assert built.host_country == "Austria" and built.capital == "Vienna" and built.on == ON
    assert built.title == "Diplomatic list — Vienna, as of 22 November 2026"


def test_dean_is_the_longest_serving_ambassador(corps: Corps) -> None:
    """The Japanese ambassador (2014) is dean, not the envoy whose letters are older."""
    built = DiplomaticListService(corps.db).build(corps.austria, ON)
    deans = [e for e in built.entries if e.is_dean]
    assert [e.head_name for e in deans] == ["Tanaka Hiroshi"]
    assert built.dean == deans[0]
    assert built.dean_line == (
        "Dean of the Diplomatic Corps: H.E. Dr Tanaka Hiroshi (Japan), "
        "credentials presented 12 Feb 2014."
    )


def test_entry_fields(corps: Corps) -> None:
    """Each entry carries mission, state, forms of address, class labels, dates and title."""
    entries = {
        e.head_name: e for e in DiplomaticListService(corps.db).build(corps.austria, ON).entries
    }
    tanaka = entries["Tanaka Hiroshi"]
    assert tanaka.sending_state == "Japan" and tanaka.mission_name == "Embassy of Japan"
    assert tanaka.form_of_address == "H.E. Dr" and tanaka.formal_name == "H.E. Dr Tanaka Hiroshi"
    assert tanaka.name_original == "田中 博"
    assert tanaka.class_label == "Ambassador"
    assert tanaka.functional_title == "Ambassador Extraordinary and Plenipotentiary"
    assert tanaka.credentials_on == date(2014, 2, 12) == tanaka.took_up
    assert tanaka.classification == "R"
    assert entries["Claire Martin"].form_of_address == "H.E."
    envoy = entries["Karim Hassan"]
    # Envoys present letters of credence too: "H.E." once in functions, as ambassadors.
    assert envoy.form_of_address == "H.E." and envoy.class_label == "Envoy"
    charge = entries["Jón Sigurðsson"]
    # "H.E." belongs to ambassadors and envoys: a chargé's stored "H.E." is not printed.
    assert charge.form_of_address == "" and charge.class_label == "Chargé d'affaires a.i."
    assert charge.acting and charge.credentials_on is None and charge.took_up == date(2026, 9, 1)


def test_ended_and_not_yet_started_memberships_are_left_out(corps: Corps) -> None:
    """A head whose post ended the day before, or starts later, is not on the list."""
    service = DiplomaticListService(corps.db)
    names = {e.head_name for e in service.build(corps.austria, ON).entries}
    assert not names & {"Old Head", "Next Head", "Paul Deputy", "Far Away"}
    earlier = {e.head_name for e in service.build(corps.austria, date(2026, 11, 21)).entries}
    assert "Old Head" in earlier  # the last day of a membership still counts
    later = service.build(corps.austria, date(2027, 2, 1))
    assert "Next Head" in {e.head_name for e in later.entries}
    # Three years before, the Icelandic chargé had not started and Chad's had.
    past = {e.head_name for e in service.build(corps.austria, date(2024, 1, 1)).entries}
    assert "Amina Deby" in past and "Jón Sigurðsson" not in past


def test_credentials_after_the_day_make_a_designate(corps: Corps) -> None:
    """Credentials fixed for a later day are not yet presented: no H.E., listed last, said."""
    service = DiplomaticListService(corps.db)
    built = service.build(corps.austria, date(2026, 12, 15))
    peru = next(e for e in built.entries if e.head_name == "Next Head")
    assert peru.class_label == "Ambassador-designate" and peru.form_of_address == ""
    assert peru.credentials_on is None and not peru.is_dean
    ambassadors = [e.head_name for e in built.entries if e.mission_class == A]
    assert ambassadors[-1] == "Next Head"
    assert (
        "Next Head (Peru) has not presented credentials by 15 December 2026; listed after "
        "those who have." in built.missing
    )


def test_missing_heads_are_said(corps: Corps) -> None:
    """A mission with no head on the day gets a sentence; one elsewhere does not."""
    built = DiplomaticListService(corps.db).build(corps.austria, ON)
    assert built.missing == (
        "The Embassy of Malta has no head of mission recorded on 22 November 2026.",
        "The Embassy of Peru has no head of mission recorded on 22 November 2026.",
    )


def test_mission_without_sending_state_and_second_head_are_said(corps: Corps) -> None:
    """A mission with no sending state is listed by name; a second head is named, not listed."""
    nameless = _mission(corps.db, corps.austria, "", "Apostolic Nunciature")
    _head(corps.db, nameless, ("Luigi", "Rossi"), A, credentials=date(2019, 5, 5))
    _head(
        corps.db,
        corps.mission["France"],
        ("Marc", "Petit"),
        C,
        start=date(2026, 10, 1),
        acting=True,
    )
    built = DiplomaticListService(corps.db).build(corps.austria, ON)
    names = [e.head_name for e in built.entries]
    assert "Marc Petit" not in names and names.count("Claire Martin") == 1
    assert (
        "The Embassy of France has more than one head of mission recorded on 22 November "
        "2026; Claire Martin is listed, not Marc Petit." in built.missing
    )
    assert (
        "Apostolic Nunciature has no sending state recorded; it is listed by its name."
        in built.missing
    )
    nuncio = next(e for e in built.entries if e.head_name == "Luigi Rossi")
    data = printable(built)
    printed = next(e for g in data.groups for e in g.entries if "Rossi" in e.head_name)
    # Every mission is named the same way on the list: "... in Vienna".
    assert nuncio.sending_state == "" and printed.mission_name == "Apostolic Nunciature in Vienna"


def test_spouse_either_way_and_only_while_current(corps: Corps) -> None:
    """A current spouse tie names the spouse whichever side the head is on; an ended one not."""
    ids = {
        e.head_name: e.person_id
        for e in DiplomaticListService(corps.db).build(corps.austria, ON).entries
    }
    _spouse(corps.db, ids["Claire Martin"], ("Luc", "Martin"), start=date(2001, 5, 1))
    _spouse(corps.db, ids["Tanaka Hiroshi"], ("Yuki", "Tanaka"), reverse=True)
    _spouse(corps.db, ids["Ana Souza"], ("Ex", "Souza"), end=date(2020, 1, 1))
    entries = {
        e.head_name: e for e in DiplomaticListService(corps.db).build(corps.austria, ON).entries
    }
    assert entries["Claire Martin"].spouse == "Luc Martin"
    assert entries["Tanaka Hiroshi"].spouse == "Yuki Tanaka"
    assert entries["Ana Souza"].spouse == ""
    assert entries["Karim Hassan"].spouse == ""


def test_no_ambassador_means_no_dean(database: Database) -> None:
    """With only an envoy and a chargé there is no dean, and the list says so."""
    country = CountryService(database).create(CountryInput("GR", "Greece", capital="Athens")).id
    _head(
        database,
        _mission(database, country, "Chile"),
        ("Rosa", "Díaz"),
        E,
        credentials=date(2018, 1, 1),
    )
    _head(database, _mission(database, country, "Fiji"), ("Sam", "Vula"), C, acting=True)
    built = DiplomaticListService(database).build(country, ON)
    assert [e.head_name for e in built.entries] == ["Rosa Díaz", "Sam Vula"]
    assert built.dean is None and not any(e.is_dean for e in built.entries)
    assert built.dean_line == (
        "There is no dean: no ambassador has presented credentials in Greece by 22 November 2026."
    )


def test_empty_capital_and_unknown_country(database: Database) -> None:
    """A country with no missions gives an empty list; a deleted one a clear refusal."""
    country = CountryService(database).create(CountryInput("BG", "Bulgaria")).id
    built = DiplomaticListService(database).build(country, ON)
    assert built.entries == () and built.missing == () and built.capital == "Bulgaria"
    with pytest.raises(NotFoundError, match="no longer exists"):
        DiplomaticListService(database).build(country + 999, ON)


def test_marking_is_the_highest_entry_and_pdf_carries_it(corps: Corps) -> None:
    """The Japanese head's RESTRICTED record marks the whole list, printed on every page."""
    service = DiplomaticListService(corps.db)
    built = service.build(corps.austria, ON)
    assert built.classification == "R"
    pdf = service.pdf(corps.austria, ON)
    texts = pdfread.page_texts(pdf)
    assert all("RESTRICTED" in text for text in texts)
    assert "Diplomatic list — Vienna, as of 22 November 2026" in texts[0]
    assert service.pdf(corps.austria, ON) == pdf  # the same data, the same bytes


def test_printable_groups_by_class_with_charge_heading(corps: Corps) -> None:
    """The printed data groups ambassadors, envoys and chargés a.i., numbered in one run."""
    data = DiplomaticListService(corps.db).data(corps.austria, ON)
    assert [g.heading for g in data.groups] == [
        "Ambassadors",
        "Envoys and ministers",
        "Chargés d'affaires a.i.",
    ]
    flat = [e for g in data.groups for e in g.entries]
    assert [e.position for e in flat] == [1, 2, 3, 4, 5, 6]
    assert flat[0].head_name == "H.E. Dr Tanaka Hiroshi" and flat[0].is_dean
    assert flat[-1].credentials == "a.i. since 1 Sep 2026"
    assert flat[0].credentials == "12 Feb 2014"
    assert data.classification == "RESTRICTED"
    assert data.notes[0].startswith("The Embassy of Malta")


def test_sending_state_is_kept_and_checked(database: Database) -> None:
    """The organisation service stores a mission's sending state and refuses a bad one."""
    service = OrganisationService(database)
    created = service.create(
        OrganisationInput("Embassy of France", OrganisationKind.MISSION, sending_state=" France ")
    )
    assert created.data.sending_state == "France"
    assert service.get(created.id).data.sending_state == "France"
    row = service.list().rows[0]
    assert row.sending_state == "France"
    for bad, message in (("Fr\x07ance", "control character"), ("x" * 201, "too long")):
        with pytest.raises(ValidationError) as refused:
            service.create(OrganisationInput("E", OrganisationKind.MISSION, sending_state=bad))
        assert message in refused.value.errors["sending_state"]
    with database.read() as session:
        assert session.scalars(select(Organisation.sending_state)).all() == ["France"]


def test_demo_corps_in_vienna(demo_file: Path) -> None:
    """The demo's Vienna list: every class, a dean, a designate, spouses, names in scripts."""
    with Database.open(demo_file, lock=False) as db:
        austria = CountryService(db).by_code("AT")
        assert austria is not None
        built = DiplomaticListService(db).build(austria.id, DEMO_DAY)
    assert built.capital == "Vienna" and len(built.entries) >= 13
    assert {e.mission_class for e in built.entries} == {A, E, C}
    assert built.dean is not None and built.dean.sending_state == "Brazil"
    states = [e.sending_state for e in built.entries]
    for state in ("France", "Germany", "Italy", "Japan", "Egypt", "India", "China", "Greece"):
        assert state in states
    assert "Veloria" in states  # our own embassy is part of the corps
    originals = " ".join(e.name_original for e in built.entries)
    for sample in ("Νικόλαος", "王立新", "أحمد"):
        assert sample in originals
    assert sum(1 for e in built.entries if e.spouse) >= 3
    assert states[-1] == "Canada" and built.entries[-1].acting
    assert any("India" in sentence for sentence in built.missing)
