"""The demo's people extras: relationships, tags, protocol, ranks and a succession or two."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select

from bilatdesk.domain import Gender, MissionClass, Organisation, Person, RelationshipScope
from bilatdesk.services.people.posts import PostService
from bilatdesk.services.people.relationships import RelationshipInput, RelationshipService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.services.tags import ensure_tags, link_table, set_record_tags
from bilatdesk.store.database import Database

# (subject, type, object, days ago it began or None, days ago it ended or None, note)
PEOPLE_TIES: tuple[tuple[str, str, str, int | None, int | None, str], ...] = (
    ("Tomás Ó Briain", "deputy", "Ana Kovačević-Brandt", 700, None, ""),
    ("Marta Şahin", "reports", "Tomás Ó Briain", 700, None, ""),
    ("Lukas Hofstätter", "adviser", "Jürgen Grünwald-Österle", 380, None, "Sherpa for the EU file"),
    ("Matthäus Kövesi", "reports", "Lukas Hofstätter", None, None, ""),
    ("Theresia Schönbäck-Größl", "colleague", "Jürgen Grünwald-Österle", 1500, 400, ""),
    ("Maria Nikolaou", "reports", "Dimitris Alexiou", None, None, ""),
    ("Stavros Theodorakis", "spouse", "Sofia Zervou", None, None, "Married in 2009"),
    ("Stoyan Dimitrov", "deputy", "Mariya Georgieva", 399, None, ""),
    ("Kaloyan Yordanov", "spouse", "Desislava Hristova", None, None, ""),
    ("Sami Al-Nabulsi", "adviser", "Omar Al-Khatib", 350, None, "Speechwriter"),
    ("Khaled Haddad", "reports", "Rana Al-Abbadi", None, None, ""),
)
ORGANISATION_TIES = (
    (
        "Federal Ministry of Economy and Trade",
        "partner",
        "Federal Ministry for European and International Affairs",
        "Joint export-promotion desk",
    ),
    (
        "Ministry of Industry, Trade and Supply",
        "partner",
        "Ministry of Foreign Affairs and Expatriates",
        "Economic diplomacy taskforce",
    ),
    (
        "Federal Ministry of Arts and Culture",
        "funding",
        "Unit for South-Eastern Europe",
        "Cultural programme in the Western Balkans",
    ),
)
PEOPLE_TAGS = {
    "Key contact": (
        "Ana Kovačević-Brandt",
        "Jürgen Grünwald-Österle",
        "Georgios Konstantinou",
        "Mariya Georgieva",
        "Omar Al-Khatib",
        "Lixin Wang",
    ),
    "Trade": ("Françoise Lehár", "Katerina Vlachou", "Desislava Hristova", "Dina Masri"),
    "Energy": ("Katerina Vlachou", "Desislava Hristova", "Lukas Hofstätter"),
    "Culture": ("Anneliese Würthner", "Sofia Zervou", "Tsvetelina Koleva", "Hala Saleh"),
    "Security": ("Dimitris Alexiou", "Stoyan Dimitrov", "Sami Al-Nabulsi"),
}
ORGANISATION_TAGS = {
    "Trade": (
        "Federal Ministry of Economy and Trade",
        "Ministry of Development",
        "Ministry of Economy and Industry",
        "Ministry of Industry, Trade and Supply",
    ),
    "Culture": ("Federal Ministry of Arts and Culture",),
    "Energy": ("Ministry of Economy and Industry",),
}
RANKS_HELD = {
    "Ana Kovačević-Brandt": "Ambassador Extraordinary and Plenipotentiary",
    "Tomás Ó Briain": "Minister-Counsellor",
    "Marta Şahin": "First Secretary",
    "Lixin Wang": "Ambassador Extraordinary and Plenipotentiary",
    "Meiling Chen": "Counsellor",
}

# Our own staff were made without a gender; it decides "Her Excellency" and "Ms".
OUR_GENDERS = {
    "Ana Kovačević-Brandt": Gender.FEMALE,
    "Tomás Ó Briain": Gender.MALE,
    "Marta Şahin": Gender.FEMALE,
}


def build_demo_people(db: Database, today: date) -> None:
    """Ties, tags, protocol and post histories on the demo's people; the same for one day."""
    people = PersonService(db)
    ids = _people_ids(db)
    _heads_of_mission(people, ids, today)
    _protocol_overrides(people, ids)
    _successions(db, people, ids, today)
    _relationships(db, ids, today)
    _tags(db, ids)


def _people_ids(db: Database) -> dict[str, int]:
    with db.read() as session:
        rows = session.execute(select(Person.id, Person.given_name, Person.family_name))
        return {f"{r.given_name} {r.family_name}": r.id for r in rows}


def _organisation_ids(db: Database) -> dict[str, int]:
    with db.read() as session:
        # Names repeat across countries ("Ministry of Culture"); the demo ties unique ones.
        rows = session.execute(select(Organisation.id, Organisation.name).order_by(Organisation.id))
        found: dict[str, int] = {}
        for r in rows:
            found.setdefault(r.name, r.id)
        return found


def _heads_of_mission(people: PersonService, ids: dict[str, int], today: date) -> None:
    """Ranks on the diplomats; the two ambassadors get their class and credentials dates."""
    credentials = {
        # Our ambassador presented credentials a month after taking up the post.
        "Ana Kovačević-Brandt": today - timedelta(days=670),
        "Lixin Wang": date(2024, 9, 20),
    }
    for name, rank in RANKS_HELD.items():
        detail = people.get(ids[name], today=today)
        memberships = list(detail.data.memberships)
        for index, held in enumerate(memberships):
            # The head-of-mission post, unless the diplomatic list's demo classed it already.
            if (
                name in credentials
                and held.post_title.startswith("Ambassador")
                and held.mission_class is MissionClass.NONE
            ):
                day = credentials[name]
                memberships[index] = replace(
                    held,
                    mission_class=MissionClass.AMBASSADOR,
                    credentials_on=max(day, held.start_date) if held.start_date else day,
                )
        gender = OUR_GENDERS.get(name, detail.data.gender)
        people.update(
            detail.id,
            replace(detail.data, rank=rank, gender=gender, memberships=tuple(memberships)),
            detail.version,
        )


def _protocol_overrides(people: PersonService, ids: dict[str, int]) -> None:
    """Two people written to as their own usage has it, not as the English default."""
    overrides = {
        "Theresia Schönbäck-Größl": {
            "addressee_line": "Frau Abgeordnete zum Nationalrat\nDr. Theresia Schönbäck-Größl",
            "salutation": "Sehr geehrte Frau Abgeordnete,",
            "complimentary_close": "Mit freundlichen Grüßen",
            "correspondence_language": "de",
        },
        # A former minister in Jordan keeps the style "Ma'ali" (Her Excellency).
        "Layla Al-Hassan": {
            "addressee_line": "معالي السيدة ليلى الحسن\nH.E. Ms Layla Al-Hassan",
            "salutation": "Your Excellency,",
            "form_of_address": "Your Excellency",
            "correspondence_language": "ar",
        },
    }
    for name, fields in overrides.items():
        detail = people.get(ids[name])
        data: PersonInput = replace(detail.data, **fields)  # type: ignore[arg-type]
        people.update(detail.id, data, detail.version)


def _successions(db: Database, people: PersonService, ids: dict[str, int], today: date) -> None:
    """A new Chief of Protocol in Sofia, and an acting head of the Europe desk in Amman."""
    posts = PostService(db)
    for predecessor, title, successor, days_ago, acting, birthday_in in (
        (
            "Kaloyan Yordanov",
            "Chief of Protocol",
            PersonInput(
                given_name="Nadezhda",
                family_name="Ilieva",
                name_original="Надежда Илиева",
                pronunciation="na-DEZH-da ee-LEE-eh-va",
                gender=Gender.FEMALE,
                languages="bg, en, fr",
            ),
            90,
            False,
            10,
        ),
        (
            "Yousef Qasem",
            "Head of Unit, Neighbouring Countries",
            PersonInput(
                given_name="Nour",
                family_name="Al-Zoubi",
                name_original="نور الزعبي",
                pronunciation="NOOR az-ZOH-bee",
                gender=Gender.MALE,
                languages="ar, en",
            ),
            30,
            True,
            None,
        ),
    ):
        holder = people.get(ids[predecessor], today=today)
        held = next(m for m in holder.memberships if m.post_title == title and m.current)
        country = holder.data.country_id
        # A birthday without a year, as a business card gives it, due in ten days.
        birthday = None
        if birthday_in is not None:
            day = today + timedelta(days=birthday_in)
            birthday = day.month * 100 + day.day
        made = people.create(replace(successor, country_id=country, birthday=birthday))
        ids[f"{successor.given_name} {successor.family_name}"] = made.id
        posts.appoint_successor(
            held.id,
            made.id,
            today - timedelta(days=days_ago),
            acting=acting,
            note="Acting until a permanent appointment" if acting else "",
        )
    # The predecessor in Sofia moved on to the Europe directorate.
    moved = people.get(ids["Kaloyan Yordanov"], today=today)
    europe = _organisation_ids(db)["Directorate for Europe"]
    people.update(
        moved.id,
        replace(
            moved.data,
            memberships=(
                *moved.data.memberships,
                MembershipInput("Deputy Director", europe, today - timedelta(days=89)),
            ),
        ),
        moved.version,
    )


def _relationships(db: Database, ids: dict[str, int], today: date) -> None:
    ties = RelationshipService(db)
    kinds = {t.name: t.id for t in ties.types(RelationshipScope.PEOPLE)}
    kinds |= {t.name: t.id for t in ties.types(RelationshipScope.ORGANISATIONS)}
    for subject, kind, obj, began, ended, note in PEOPLE_TIES:
        ties.create(
            RelationshipInput(
                kinds[kind],
                ids[subject],
                ids[obj],
                None if began is None else today - timedelta(days=began),
                None if ended is None else today - timedelta(days=ended),
                note,
                RelationshipScope.PEOPLE,
            )
        )
    organisations = _organisation_ids(db)
    for subject, kind, obj, note in ORGANISATION_TIES:
        ties.create(
            RelationshipInput(
                kinds[kind],
                organisations[subject],
                organisations[obj],
                note=note,
                scope=RelationshipScope.ORGANISATIONS,
            )
        )


def _tags(db: Database, ids: dict[str, int]) -> None:
    organisations = _organisation_ids(db)
    wanted: dict[tuple[str, int], list[str]] = {}
    for names, owner, lookup in (
        (PEOPLE_TAGS, "person", ids),
        (ORGANISATION_TAGS, "organisation", organisations),
    ):
        for tag, records in names.items():
            for record in records:
                wanted.setdefault((owner, lookup[record]), []).append(tag)
    with db.session() as session:
        # Matched case- and accent-blind, so the cables' "trade" serves as "Trade".
        tag_ids = ensure_tags(session, sorted({t for tags in wanted.values() for t in tags}))
        for (owner, record_id), tags in sorted(wanted.items()):
            link = link_table(owner)
            kept = session.scalars(
                select(link.c.tag_id).where(link.c[f"{owner}_id"] == record_id)
            ).all()
            set_record_tags(session, owner, record_id, [*kept, *(tag_ids[t] for t in tags)])
