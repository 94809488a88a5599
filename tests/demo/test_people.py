"""The demo's people extras: ties, tags, protocol, our ambassador, and post histories."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from bilatdesk.domain import MissionClass, Relationship
from bilatdesk.domain.tag import organisation_tag, person_tag
from bilatdesk.services.countries.service import CountryService
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.people.posts import PostService
from bilatdesk.services.people.relationships import RelationshipService
from bilatdesk.services.people.service import PersonService
from bilatdesk.store.database import Database
from tests.databases import DEMO_DAY


def _person(db: Database, text: str) -> int:
    (row,) = PersonService(db).list(ListQuery(text=text), today=DEMO_DAY).rows
    return row.id


def test_demo_has_relationships_and_tags(demo_file: Path) -> None:
    """About ten ties between people, a few between organisations, tags on many records."""
    with Database.open(demo_file, lock=False) as db:
        with db.read() as session:
            between_people = session.scalar(
                select(func.count()).where(Relationship.subject_person_id.is_not(None))
            )
            between_orgs = session.scalar(
                select(func.count()).where(Relationship.subject_organisation_id.is_not(None))
            )
            tagged_people = session.scalar(
                select(func.count(func.distinct(person_tag.c.person_id)))
            )
            tagged_orgs = session.scalar(
                select(func.count(func.distinct(organisation_tag.c.organisation_id)))
            )
        assert between_people is not None and between_people >= 10
        assert between_orgs is not None and between_orgs >= 2
        assert tagged_people is not None and tagged_people >= 15
        assert tagged_orgs is not None and tagged_orgs >= 5
        deputy = RelationshipService(db).for_person(_person(db, "Kovačević"), on=DEMO_DAY)
        assert ("has as deputy", "Tomás Ó Briain") in {(v.label, v.other_name) for v in deputy}


def test_our_ambassador_is_her_excellency(demo_file: Path) -> None:
    """Our ambassador: rank E&P, class ambassador with credentials, so Her Excellency."""
    with Database.open(demo_file, lock=False) as db:
        ana = PersonService(db).get(_person(db, "Kovačević"), today=DEMO_DAY)
        assert ana.data.rank == "Ambassador Extraordinary and Plenipotentiary"
        (post,) = ana.memberships
        assert post.mission_class is MissionClass.AMBASSADOR
        assert post.credentials_on is not None and post.credentials_on <= DEMO_DAY
        assert ana.protocol.addressee_line.startswith("Her Excellency Ms Ana Kovačević-Brandt")
        assert [t.name for t in ana.tags] == ["Key contact"]


def test_protocol_overrides_win(demo_file: Path) -> None:
    """Two people carry their own protocol lines, kept in German and Arabic."""
    with Database.open(demo_file, lock=False) as db:
        people = PersonService(db)
        theresia = people.get(_person(db, "Schönbäck"), today=DEMO_DAY)
        assert theresia.protocol.salutation == "Sehr geehrte Frau Abgeordnete,"
        assert theresia.proposed.salutation == "Dear Dr Schönbäck-Größl,"
        layla = people.get(_person(db, "Al-Hassan"), today=DEMO_DAY)
        assert layla.protocol.addressee_line.startswith("معالي السيدة ليلى الحسن")


def test_succession_and_acting_histories(demo_file: Path) -> None:
    """Sofia's Chief of Protocol changed 90 days ago; Amman's desk has an acting head."""
    with Database.open(demo_file, lock=False) as db:
        countries = CountryService(db)
        bulgaria, jordan = (countries.by_code(code) for code in ("BG", "JO"))
        assert bulgaria is not None and jordan is not None
        posts = PostService(db)
        handover = DEMO_DAY - timedelta(days=90)
        now = posts.holders("Chief of Protocol", bulgaria.id, handover)
        before = posts.holders("Chief of Protocol", bulgaria.id, handover - timedelta(days=1))
        assert [h.name for h in now] == ["Nadezhda Ilieva"]
        assert [h.name for h in before] == ["Kaloyan Yordanov"]
        (acting,) = posts.holders("Head of Unit", jordan.id, DEMO_DAY)
        assert acting.acting and acting.name == "Nour Al-Zoubi"
        timeline = posts.timeline(before[0].person_id, today=DEMO_DAY)
        assert [v.post_title for v in timeline][:2] == ["Deputy Director", "Chief of Protocol"]
