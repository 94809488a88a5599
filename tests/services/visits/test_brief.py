"""Visits and their briefs: the programme, every section, what is missing, cancelling."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from bilatdesk.domain import AgreementStatus, PeriodUnit, Side
from bilatdesk.domain.marking import text_of
from bilatdesk.services.agreements.records import AgreementInput
from bilatdesk.services.agreements.service import AgreementService
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import (
    EngagementInput,
    EngagementService,
    ParticipantInput,
)
from bilatdesk.services.kernel.errors import ValidationError
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.services.visits.brief.assemble import BriefCancelled, BriefService
from bilatdesk.services.visits.service import CallNoteInput, VisitInput, VisitService
from bilatdesk.store.database import Database

START = date(2026, 12, 7)


def _setup(db: Database) -> tuple[int, int, list[int]]:
    country = CountryService(db).create(CountryInput("GR", capital="Athens", national_day=(3, 25)))
    minister = PersonService(db).create(
        PersonInput(
            given_name="Eleni",
            family_name="Papadopoulou",
            name_original="Ελένη Παπαδοπούλου",
            country_id=country.id,
            classification="C",
            memberships=(MembershipInput("Minister of Foreign Affairs", None, date(2025, 1, 1)),),
        )
    )
    engagements = EngagementService(db)
    earlier = engagements.create(
        EngagementInput(
            "Courtesy call",
            datetime(2026, 3, 12, 9, tzinfo=UTC),
            country_id=country.id,
            place="Athens",
            outcome="Agreed to meet again.",
            participants=(ParticipantInput(minister.id, side=Side.THEIRS),),
        )
    )
    inside = [
        engagements.create(
            EngagementInput(
                title,
                datetime.combine(START + timedelta(days=offset), time(hour), tzinfo=UTC),
                time_zone="Europe/Athens",
                country_id=country.id,
                classification=marking,
                participants=(
                    ParticipantInput(minister.id, side=Side.THEIRS, role="host"),
                    ParticipantInput(None, "the Minister", Side.OURS),
                ),
            )
        ).id
        for title, offset, hour, marking in (
            ("Talks", 0, 8, "R"),
            ("Lunch", 0, 11, "U"),
            ("Call", 1, 7, "U"),
        )
    ]
    outside = engagements.create(
        EngagementInput(
            "After the visit",
            datetime.combine(START + timedelta(days=3), time(8), tzinfo=UTC),
            country_id=country.id,
        )
    )
    assert earlier.id and outside.id
    return country.id, minister.id, inside


def _visit(db: Database, country_id: int, **changes: object) -> int:
    data = VisitInput(
        principal="the Minister of Foreign Affairs",
        country_id=country_id,
        starts_on=START,
        ends_on=START + timedelta(days=1),
        objectives="Relaunch consultations.",
    )
    return VisitService(db).create(VisitInput(**{**data.__dict__, **changes})).id


def test_programme_is_the_engagements_inside_the_visit(database: Database) -> None:
    """Engagements of the country on the visit's local days, in order; none outside."""
    country_id, _minister, inside = _setup(database)
    visit_id = _visit(database, country_id)
    assert VisitService(database).programme_ids(visit_id) == inside


def test_brief_data_has_every_section(database: Database) -> None:
    """Programme by day, call briefs with the last meeting, biographies, key facts, relations,
    agreements; the overall marking is the highest part (a CONFIDENTIAL biography)."""
    country_id, _minister, inside = _setup(database)
    AgreementService(database).create(
        AgreementInput(
            "Agreement on Maritime Transport",
            country_id=country_id,
            entry_into_force=date(2020, 1, 1),
            fixed_term=True,
            term=(7, PeriodUnit.YEARS),
        ),
        AgreementStatus.IN_FORCE,
    )
    visit_id = _visit(
        database,
        country_id,
        call_notes=(CallNoteInput(inside[0], "Agree the consultations calendar."),),
    )
    data = BriefService(database).data(visit_id)
    assert data.title == "Visit of the Minister of Foreign Affairs to Greece, 7–8 December 2026"
    assert data.classification == "CONFIDENTIAL"
    assert [len(d.items) for d in data.programme] == [2, 1]
    assert data.calls[0].objectives == "Agree the consultations calendar."
    assert "Agreed to meet again." in text_of(data.calls[0].last_meeting)
    assert "not written yet" in " ".join(data.calls[1].missing)
    assert [b.name for b in data.biographies] == ["Eleni Papadopoulou"]
    assert data.biographies[0].original_script == "Ελένη Παπαδοπούλου"
    assert text_of(data.biographies[0].previous_contacts[0]).endswith("Courtesy call")
    facts = {i.label: i.text for i in data.key_facts.items}
    assert facts["Foreign minister"].startswith("Eleni Papadopoulou")
    assert facts["Capital"] == "Athens" and facts["National day"] == "25 March"
    groups = dict(data.agreements.groups)
    assert [line.title for line in groups["In force"]] == ["Agreement on Maritime Transport"]
    assert [line.title for line in groups["Expiring or up for renewal within 24 months"]] == [
        "Agreement on Maritime Transport"
    ]


def test_a_visit_with_nothing_still_gives_a_brief_saying_so(database: Database) -> None:
    """No programme, no people, no agreements: the data says what is missing."""
    country = CountryService(database).create(CountryInput("JO"))
    visit_id = _visit(database, country.id, objectives="")
    data = BriefService(database).data(visit_id)
    assert data.programme == () and "No engagements" in data.programme_missing
    assert data.calls == () and data.biographies == ()
    assert any("Our objectives" in m for m in data.steering.missing)


def test_visit_validation(database: Database) -> None:
    """A visit ending before it starts, or without a principal, is refused at the field."""
    country = CountryService(database).create(CountryInput("AT"))
    with pytest.raises(ValidationError) as refused:
        VisitService(database).create(VisitInput(" ", country.id, START, START - timedelta(1)))
    assert set(refused.value.errors) == {"principal", "ends_on"}


def test_cancelling_stops_the_build_and_keeps_nothing(database: Database) -> None:
    """A cancel between steps raises BriefCancelled; steps report progress until then."""
    country_id, _minister, _inside = _setup(database)
    visit_id = _visit(database, country_id)
    seen: list[str] = []
    with pytest.raises(BriefCancelled):
        BriefService(database).build(
            visit_id,
            progress=lambda i, n, what: seen.append(what),
            cancelled=lambda: len(seen) >= 2,
        )
    assert seen == ["Programme", "Call briefs"]


def test_build_and_keep_the_brief(database: Database, tmp_path: Path) -> None:
    """The brief renders to a PDF, and keeping it records its hash."""
    country_id, _minister, _inside = _setup(database)
    visit_id = _visit(database, country_id)
    briefs = BriefService(database)
    pdf = briefs.build(visit_id).pdf
    assert pdf.startswith(b"%PDF")
    import hashlib

    assert briefs.keep(visit_id, pdf) == hashlib.sha256(pdf).hexdigest()
    from sqlalchemy import select

    from bilatdesk.domain import GeneratedDocument

    with database.read() as session:
        kept = session.execute(
            select(GeneratedDocument.classification, GeneratedDocument.size).where(
                GeneratedDocument.kind == "brief"
            )
        ).one()
    # The visit is UNCLASSIFIED; its minister's biography is CONFIDENTIAL, so is the brief.
    assert tuple(kept) == ("C", len(pdf))


def test_the_build_report_names_a_small_photo_and_a_character_no_font_has(
    database: Database,
) -> None:
    """A clean build reports nothing; a minister's 100-pixel photo and a hieroglyph in the
    objectives are each reported with the PDF, and the hieroglyph prints as its name."""
    import io

    from PIL import Image

    from tests.reports.pdfread import page_texts

    country_id, minister, _inside = _setup(database)
    visit_id = _visit(database, country_id)
    assert BriefService(database).build(visit_id).notices == ()
    buffer = io.BytesIO()
    Image.new("RGB", (100, 80), "grey").save(buffer, "PNG")
    people = PersonService(database)
    people.set_photo(minister, buffer.getvalue(), people.get(minister).version)
    odd = _visit(database, country_id, objectives="Present the gift \U00013000 in person.")
    built = BriefService(database).build(odd)
    photo, character = built.notices
    assert "Eleni Papadopoulou" in photo and "100 × 80 pixels" in photo
    assert character == (
        "No font has the character U+13000 EGYPTIAN HIEROGLYPH A001; "
        "it prints as [U+13000 EGYPTIAN HIEROGLYPH A001]."
    )
    assert "[U+13000 EGYPTIAN HIEROGLYPH A001]" in "".join(page_texts(built.pdf))


def test_call_briefs_list_open_commitments_until_closed(database: Database) -> None:
    """Open follow-ups from earlier meetings with the interlocutor appear in each call brief
    (overdue marked); closed ones and those made after the visit starts do not."""
    from bilatdesk.domain import Commitment, CommitmentStatus, Engagement

    country_id, minister_id, _inside = _setup(database)
    visit_id = _visit(database, country_id)
    with database.session() as session:
        earlier = session.query(Engagement).filter_by(title="Courtesy call").one()
        session.add_all(
            [
                Commitment(
                    engagement_id=earlier.id,
                    description="Send the draft MoU",
                    side=Side.OURS,
                    due_date=date(2026, 4, 30),
                ),
                Commitment(
                    engagement_id=earlier.id,
                    description="Name a contact point",
                    side=Side.THEIRS,
                    owner_person_id=minister_id,
                ),
                Commitment(
                    engagement_id=earlier.id,
                    description="Already done",
                    status=CommitmentStatus.DONE,
                    closed_on=date(2026, 4, 1),
                ),
            ]
        )
    calls = BriefService(database).data(visit_id).calls
    assert tuple(text_of(line) for line in calls[0].commitments) == (
        "We promised on 12 Mar 2026: Send the draft MoU, due 30 Apr 2026 (overdue).",
        "They promised on 12 Mar 2026: Name a contact point.",
    )
    assert all("Commitments are not recorded" not in m for c in calls for m in c.missing)


def test_biographies_say_how_to_address_them_from_the_protocol_block(database: Database) -> None:
    """The biography's form of address follows the person's protocol block: the proposed
    default from their post, or the override a clerk recorded."""
    from bilatdesk.domain import Person

    country_id, minister_id, _inside = _setup(database)
    visit_id = _visit(database, country_id)
    bio = BriefService(database).data(visit_id).biographies[0]
    assert bio.form_of_address == "Minister; in writing “Dear Minister,”"
    with database.session() as session:
        person = session.get(Person, minister_id)
        assert person is not None
        person.form_of_address = "Madam Minister"
    bio = BriefService(database).data(visit_id).biographies[0]
    assert bio.form_of_address.startswith("Madam Minister;")
