"""A dispatched cable with every kind of part, and a draft beside it, for the freeze tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

from bilatdesk.domain import ParagraphSection
from bilatdesk.services.cables.records import CableInput, ParagraphInput
from bilatdesk.services.cables.service import CableService
from bilatdesk.services.cables.workflow import CableWorkflow
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import EngagementInput, EngagementService
from bilatdesk.services.kernel.settings import PostSettings, save_post_settings
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.services.tags import TagService
from bilatdesk.store.database import Database

NOW = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Frozen:
    """The ids a test aims its raw statements at."""

    cable: int
    original: int
    draft: int
    """A cable still open, with paragraphs, a reference, a clearance, the tag and the person."""
    person: int
    other_person: int
    tag: int
    other_tag: int
    engagement: int
    country: int
    document: int
    source_uid: str
    serial: str


def cable_input(**changes: object) -> CableInput:
    base = CableInput(
        subject="AUSTRIA: NEW FOREIGN MINISTER",
        to_addressees=("MFA CAPITAL / EUROPE DESK",),
        classification="C",
        classified_by="A. Kovačević-Brandt, Ambassador",
        paragraphs=(
            ParagraphInput("The new minister was sworn in today.", "U", ParagraphSection.SUMMARY),
            ParagraphInput("She told us privately she will visit in spring.", "C"),
        ),
    )
    return CableInput(**{**base.__dict__, **changes})


def dispatch(db: Database, clearers: tuple[str, ...] = (), **changes: object) -> int:
    """A cable taken through clearance to dispatch; returns its id."""
    cables, flow = CableService(db), CableWorkflow(db)
    draft = cables.create(cable_input(**changes), drafter="Marta Şahin")
    sent = flow.submit(draft.id, draft.version, clearers=list(clearers), actor="Marta", now=NOW)
    for clearer in clearers:
        sent = flow.clear(sent.id, sent.version, actor=clearer, comment="OK", now=NOW)
    approved = flow.approve(sent.id, sent.version, actor="Ana Kovačević-Brandt", now=NOW)
    return flow.dispatch(approved.id, approved.version, now=NOW).id


def build(db: Database) -> Frozen:
    """VIE 2026/001 (cited), then VIE 2026/002 with every part, and a draft."""
    save_post_settings(
        db, PostSettings("VIE", "EMBASSY VIENNA", "KOVAČEVIĆ-BRANDT", "MFA CAPITAL / EUROPE DESK")
    )
    country = CountryService(db).create(CountryInput("AT"))
    people = PersonService(db)
    person = people.create(PersonInput(given_name="Layla", family_name="Al-Hassan"))
    other_person = people.create(PersonInput(given_name="Jonas", family_name="Berger"))
    tags = TagService(db)
    tag, other_tag = tags.create("Energy"), tags.create("Transport")
    engagement = EngagementService(db).create(EngagementInput(title="Call", starts_at=NOW))
    original = dispatch(db)
    cable = dispatch(
        db,
        clearers=("Tomás Ó Briain",),
        country_id=country.id,
        references=(original,),
        tag_ids=(tag.id,),
        person_ids=(person.id,),
        engagement_id=engagement.id,
    )
    # A cable still open (out for clearance) with a part of every kind, sharing the tag and the
    # person, so REPLACE on its rows meets the frozen ones.
    opened = CableService(db).create(
        cable_input(
            subject="OPEN", references=(original,), tag_ids=(tag.id,), person_ids=(person.id,)
        ),
        drafter="Marta Şahin",
    )
    draft = (
        CableWorkflow(db)
        .submit(opened.id, opened.version, clearers=["Ana"], actor="Marta", now=NOW)
        .id
    )
    with db.read() as session:
        serial = session.scalar(text("SELECT serial FROM cable WHERE id = :id"), {"id": cable})
        document, source_uid = session.execute(
            text("SELECT id, source_uid FROM generated_document WHERE title LIKE :serial"),
            {"serial": f"{serial}%"},
        ).one()
    return Frozen(
        cable=cable,
        original=original,
        draft=draft,
        person=person.id,
        other_person=other_person.id,
        tag=tag.id,
        other_tag=other_tag.id,
        engagement=engagement.id,
        country=country.id,
        document=document,
        source_uid=source_uid,
        serial=serial,
    )


def snapshot(db: Database, f: Frozen) -> dict[str, object]:
    """Everything a dispatched cable is made of, read raw, to compare before and after."""
    queries = {
        "cable": "SELECT * FROM cable WHERE id = :id",
        "paragraphs": "SELECT * FROM cable_paragraph WHERE cable_id = :id ORDER BY id",
        "references": "SELECT * FROM cable_reference WHERE cable_id = :id ORDER BY id",
        "clearances": "SELECT * FROM cable_clearance WHERE cable_id = :id ORDER BY id",
        "tags": "SELECT * FROM cable_tag WHERE cable_id = :id ORDER BY tag_id",
        "people": "SELECT * FROM cable_person WHERE cable_id = :id ORDER BY person_id",
        "document": "SELECT * FROM generated_document WHERE id = :document",
        "documents": "SELECT count(*) FROM generated_document",
        "cables": "SELECT count(*) FROM cable",
    }
    with db.read() as session:
        return {
            name: [
                tuple(row)
                for row in session.execute(text(sql), {"id": f.cable, "document": f.document})
            ]
            for name, sql in queries.items()
        }
