"""The demo's visit: the minister to Athens in a fortnight, with a programme of meetings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bilatdesk.domain import EngagementKind, Formality, MissionFunction, Side
from bilatdesk.services.countries.service import CountryService
from bilatdesk.services.engagements.service import (
    EngagementInput,
    EngagementService,
    ParticipantInput,
)
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.people.service import PersonService
from bilatdesk.services.visits.service import CallNoteInput, VisitInput, VisitService
from bilatdesk.store.database import Database

ATHENS = ZoneInfo("Europe/Athens")
# (day of the visit, hour, minutes, kind, title, place, counterpart family names, call note)
PROGRAMME = (
    (
        0,
        10,
        60,
        EngagementKind.BILATERAL_MEETING,
        "Talks with the Minister of Foreign Affairs",
        "Vasilissis Sofias 1, Athens",
        ("Konstantinou", "Nikolaou"),
        (
            "Agree the calendar of political consultations for 2027; secure support for our "
            "candidature to the Human Rights Council.",
            "Thank Greece for consular help during the ferry strike. Propose a working group on "
            "maritime transport so the signed agreement can enter into force.",
            "Greece will raise the energy interconnector and ask us to back its position in "
            "Brussels.",
        ),
    ),
    (
        0,
        13,
        90,
        EngagementKind.WORKING_LUNCH,
        "Working lunch hosted by the Secretary-General",
        "Maximos Mansion, Athens",
        ("Alexiou",),
        ("Take stock of the economic relationship; prepare the joint economic commission.", "", ""),
    ),
    (
        1,
        9,
        45,
        EngagementKind.COURTESY_CALL,
        "Call on the Minister of Economy and Trade",
        "Ministry of Development, Athens",
        ("Vlachou",),
        ("Follow up the investment conference; invite the minister to visit us.", "", ""),
    ),
    (
        1,
        12,
        30,
        EngagementKind.RECEPTION,
        "Reception for the Greek community of Veloria",
        "Embassy residence, Athens",
        ("Theodorakis",),
        ("", "", ""),
    ),
)


def build_demo_visit(db: Database, today: date) -> None:
    country = CountryService(db).by_code("GR")
    assert country is not None
    people = {
        row.name.split()[-1]: row.id
        for row in PersonService(db).list(ListQuery(country_id=country.id, limit=200)).rows
    }
    ours = [row.id for row in PersonService(db).list(ListQuery(text="Kovačević", limit=5)).rows]
    engagements = EngagementService(db)
    start = today + timedelta(days=14)
    notes = []
    for offset, hour, minutes, kind, title, place, counterparts, note in PROGRAMME:
        local = datetime.combine(start + timedelta(days=offset), time(hour), tzinfo=ATHENS)
        made = engagements.create(
            EngagementInput(
                title=title,
                kind=kind,
                starts_at=local.astimezone(UTC),
                ends_at=(local + timedelta(minutes=minutes)).astimezone(UTC),
                time_zone="Europe/Athens",
                place=place,
                country_id=country.id,
                formality=Formality.FORMAL,
                function=MissionFunction.REPRESENTING,
                sector="political",
                classification="R" if offset == 0 else "U",
                participants=(
                    *(
                        ParticipantInput(ours[0], side=Side.OURS, role="Ambassador")
                        for _ in ours[:1]
                    ),
                    ParticipantInput(
                        None, "the Minister of Foreign Affairs", Side.OURS, "principal"
                    ),
                    *(
                        ParticipantInput(
                            people[name], side=Side.THEIRS, role="host" if i == 0 else ""
                        )
                        for i, name in enumerate(counterparts)
                        if name in people
                    ),
                ),
            )
        )
        objectives, points, theirs = note
        notes.append(CallNoteInput(made.id, objectives, points, theirs))
    VisitService(db).create(
        VisitInput(
            principal="the Minister of Foreign Affairs",
            country_id=country.id,
            starts_on=start,
            ends_on=start + timedelta(days=1),
            delegation="Minister of Foreign Affairs\nAmbassador Ana Kovačević-Brandt\n"
            "Director for Europe\nSpokesperson",
            classification="R",
            purpose="First bilateral visit of the minister to Greece since 2019.",
            objectives="Relaunch political consultations; unblock the maritime transport "
            "agreement; secure support for our Human Rights Council candidature.",
            key_messages="We value Greece as a partner in the Mediterranean and in the EU.\n"
            "We want the signed maritime agreement in force within a year.",
            asks="Greek support for our candidature; a date for the joint economic commission.",
            their_objectives="Support on the energy interconnector: we can offer a technical "
            "dialogue, not a political commitment.",
            sensitivities="Avoid commenting on Greek-Turkish maritime issues.",
            press_line="A warm visit between close partners; no press conference, a joint "
            "photo opportunity only.",
            background="Relations are excellent; the ferry strike in September showed good "
            "consular cooperation.",
            protocol_notes="The minister is received at the ministry's main entrance. Gifts: "
            "a book of Velorian photography. No dietary restrictions known.",
            call_notes=tuple(notes),
        )
    )
