"""Posts over time: who held a post on a day, timelines, succession, and organisation charts."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bilatdesk.domain import Membership, Organisation, OrganisationKind
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.kernel.errors import ConflictError, NotFoundError, ValidationError
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.posts import PostService
from bilatdesk.services.people.service import MembershipInput, PersonInput, PersonService
from bilatdesk.store.database import Database

MFA = "Minister of Foreign Affairs"


@dataclass
class World:
    db: Database
    greece: int
    bulgaria: int
    ministry: int
    protocol: int
    bg_ministry: int
    eleni: int
    georgios: int
    acting: int
    ivan: int


@pytest.fixture
def world(database: Database) -> World:
    countries = CountryService(database)
    greece = countries.create(CountryInput(iso_code="GR")).id
    bulgaria = countries.create(CountryInput(iso_code="BG")).id
    orgs = OrganisationService(database)
    ministry = orgs.create(OrganisationInput("Ministry of Foreign Affairs", country_id=greece)).id
    protocol = orgs.create(
        OrganisationInput(
            "Diplomatic Protocol",
            OrganisationKind.DIRECTORATE,
            country_id=greece,
            parent_id=ministry,
        )
    ).id
    bg_ministry = orgs.create(
        OrganisationInput("Ministry of Foreign Affairs", country_id=bulgaria)
    ).id
    people = PersonService(database)

    def person(given: str, family: str, original: str, *memberships: MembershipInput) -> int:
        return people.create(
            PersonInput(
                given_name=given,
                family_name=family,
                name_original=original,
                country_id=bulgaria if original.startswith("И") else greece,
                memberships=memberships,
            )
        ).id

    eleni = person(
        "Eleni",
        "Papadopoulou",
        "Ελένη Παπαδοπούλου",
        MembershipInput(MFA, ministry, date(2021, 1, 1), date(2025, 6, 30)),
        MembershipInput("Member of Parliament", None, date(2025, 7, 1)),
    )
    georgios = person(
        "Georgios",
        "Konstantinou",
        "Γεώργιος Κωνσταντίνου",
        MembershipInput(MFA, ministry, date(2025, 7, 1)),
    )
    acting = person(
        "Stavros",
        "Theodorakis",
        "Σταύρος Θεοδωράκης",
        MembershipInput("Chief of Protocol", protocol, date(2026, 3, 1), acting=True),
    )
    ivan = person(
        "Ivan", "Petrov", "Иван Петров", MembershipInput(MFA, bg_ministry, date(2024, 5, 1))
    )
    return World(
        database, greece, bulgaria, ministry, protocol, bg_ministry, eleni, georgios, acting, ivan
    )


def _names(holders: list) -> list[str]:  # type: ignore[type-arg]
    return [h.name for h in holders]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2020, 12, 31), []),
        (date(2021, 1, 1), ["Eleni Papadopoulou"]),  # first day counts
        (date(2025, 6, 30), ["Eleni Papadopoulou"]),  # last day counts
        (date(2025, 7, 1), ["Georgios Konstantinou"]),  # handover day
        (date(2030, 1, 1), ["Georgios Konstantinou"]),  # open end
    ],
)
def test_who_held_the_post_on_a_day(world: World, day: date, expected: list[str]) -> None:
    """Both ends of a membership count; the next holder takes over on the handover day."""
    holders = PostService(world.db).holders(MFA, world.greece, day)
    assert _names(holders) == expected
    for holder in holders:
        assert holder.organisation == "Ministry of Foreign Affairs"
        assert holder.post_title == MFA


def test_title_is_matched_folded_and_by_country(world: World) -> None:
    """Case and accents do not matter; the country is the post's organisation's."""
    posts = PostService(world.db)
    assert _names(
        posts.holders("MINISTER of foreign affairs", world.bulgaria, date(2026, 1, 1))
    ) == ["Ivan Petrov"]
    assert _names(posts.holders("mínister of fóreign affairs", world.greece, date(2026, 1, 1))) == [
        "Georgios Konstantinou"
    ]


def test_part_of_a_title_finds_posts_containing_it(world: World) -> None:
    """No exact title: every post containing the words is searched."""
    posts = PostService(world.db)
    assert _names(posts.holders("foreign", world.greece, date(2026, 1, 1))) == [
        "Georgios Konstantinou"
    ]
    assert _names(posts.holders("protocol", world.greece, date(2026, 3, 1))) == [
        "Stavros Theodorakis"
    ]


def test_exact_title_wins_over_containing_titles(world: World) -> None:
    """ "Minister" finds the Minister, not the Deputy Minister, when both exist."""
    people = PersonService(world.db)
    people.create(
        PersonInput(
            family_name="Deputy",
            memberships=(MembershipInput("Deputy Minister", world.ministry, date(2020, 1, 1)),),
        )
    )
    people.create(
        PersonInput(
            family_name="Boss",
            memberships=(MembershipInput("Minister", world.ministry, date(2020, 1, 1)),),
        )
    )
    posts = PostService(world.db)
    assert _names(posts.holders("minister", world.greece, date(2026, 1, 1))) == ["Boss"]
    assert set(_names(posts.holders("ministe", world.greece, date(2026, 1, 1)))) == {
        "Boss",
        "Deputy",
        "Georgios Konstantinou",
    }


def test_post_without_organisation_takes_the_holders_country(world: World) -> None:
    """Member of Parliament has no organisation: the holder's country places it."""
    posts = PostService(world.db)
    assert _names(posts.holders("Member of Parliament", world.greece, date(2026, 1, 1))) == [
        "Eleni Papadopoulou"
    ]
    assert posts.holders("Member of Parliament", world.bulgaria, date(2026, 1, 1)) == []


def test_acting_holders_are_flagged(world: World) -> None:
    """An acting holder is reported as acting."""
    (holder,) = PostService(world.db).holders("Chief of Protocol", world.greece, date(2026, 4, 1))
    assert holder.acting
    assert holder.organisation == "Diplomatic Protocol"


def test_an_empty_title_is_refused(world: World) -> None:
    """Asking for no post at all is a sentence, not every post."""
    with pytest.raises(ValidationError):
        PostService(world.db).holders("  ", world.greece, date(2026, 1, 1))


def test_timeline_is_newest_first(world: World) -> None:
    """A person's posts, newest first, with current and acting flags."""
    timeline = PostService(world.db).timeline(world.eleni, today=date(2026, 1, 1))
    assert [v.post_title for v in timeline] == ["Member of Parliament", MFA]
    assert [v.current for v in timeline] == [True, False]
    with pytest.raises(NotFoundError):
        PostService(world.db).timeline(9999)


def _membership(db: Database, person_id: int, title: str) -> int:
    detail = PersonService(db).get(person_id)
    return next(m.id for m in detail.memberships if m.post_title == title)


def test_appoint_successor_hands_over_the_post(world: World) -> None:
    """The holder's membership ends the day before; the successor holds the same post."""
    posts = PostService(world.db)
    people = PersonService(world.db)
    before = people.get(world.georgios).version
    newcomer = people.create(
        PersonInput(given_name="Sofia", family_name="Zervou", name_original="Σοφία Ζέρβου")
    ).id
    handed = posts.appoint_successor(
        _membership(world.db, world.georgios, MFA), newcomer, date(2026, 9, 1), note="Reshuffle"
    )
    assert handed.name == "Sofia Zervou" and handed.post_title == MFA
    assert handed.start_date == date(2026, 9, 1) and handed.note == "Reshuffle"
    assert _names(posts.holders(MFA, world.greece, date(2026, 8, 31))) == ["Georgios Konstantinou"]
    assert _names(posts.holders(MFA, world.greece, date(2026, 9, 1))) == ["Sofia Zervou"]
    previous = people.get(world.georgios)
    assert previous.memberships[0].end_date == date(2026, 8, 31)
    # The predecessor's record moved on a version: a form opened before cannot undo this.
    assert previous.version > before
    with pytest.raises(ConflictError):
        people.update(world.georgios, replace(previous.data), before)
    # Both held one and the same post.
    with world.db.read() as session:
        post_ids = set(
            session.scalars(
                select(Membership.post_id).where(
                    Membership.id.in_([handed.membership_id, previous.memberships[0].id])
                )
            )
        )
    assert len(post_ids) == 1


def test_appoint_an_acting_successor(world: World) -> None:
    """An acting successor is recorded as acting."""
    newcomer = PersonService(world.db).create(PersonInput(family_name="Interim")).id
    handed = PostService(world.db).appoint_successor(
        _membership(world.db, world.acting, "Chief of Protocol"),
        newcomer,
        date(2026, 6, 1),
        acting=True,
    )
    assert handed.acting
    (holder,) = PostService(world.db).holders("Chief of Protocol", world.greece, date(2026, 6, 1))
    assert holder.name == "Interim" and holder.acting


def test_handover_right_after_an_end_is_allowed(world: World) -> None:
    """A membership that already ends the day before the successor starts can be succeeded."""
    newcomer = PersonService(world.db).create(PersonInput(family_name="Next")).id
    posts = PostService(world.db)
    handed = posts.appoint_successor(
        _membership(world.db, world.eleni, MFA), newcomer, date(2025, 7, 1)
    )
    assert handed.start_date == date(2025, 7, 1)
    assert set(_names(posts.holders(MFA, world.greece, date(2025, 7, 1)))) == {
        "Georgios Konstantinou",
        "Next",
    }


@pytest.mark.parametrize(
    ("who", "day", "field", "words"),
    [
        ("newcomer", date(2025, 7, 1), "start_date", "must start after"),
        ("newcomer", date(2025, 6, 1), "start_date", "must start after"),
        ("georgios", date(2026, 9, 1), "successor_person_id", "choose someone else"),
        ("eleni", date(2026, 9, 1), "successor_person_id", "already holds"),
    ],
    ids=["same start", "before start", "same person", "already holds it"],
)
def test_appoint_successor_refusals(
    world: World, who: str, day: date, field: str, words: str
) -> None:
    """Bad successions are refused with a sentence at the field; nothing changes."""
    posts = PostService(world.db)
    people = PersonService(world.db)
    newcomer = people.create(PersonInput(family_name="Newcomer")).id
    if who == "eleni":  # Eleni becomes minister again alongside, so she already holds it
        detail = people.get(world.eleni)
        people.update(
            world.eleni,
            replace(
                detail.data,
                memberships=(
                    *detail.data.memberships,
                    MembershipInput(MFA, world.ministry, date(2026, 1, 1)),
                ),
            ),
            detail.version,
        )
    successor = {"newcomer": newcomer, "georgios": world.georgios, "eleni": world.eleni}[who]
    membership = _membership(world.db, world.georgios, MFA)
    with pytest.raises(ValidationError) as refused:
        posts.appoint_successor(membership, successor, day)
    assert words in refused.value.errors[field]
    assert PersonService(world.db).get(world.georgios).memberships[0].end_date is None


def test_appoint_successor_after_the_holder_left_is_refused(world: World) -> None:
    """The holder left long before: that is a gap, not a succession."""
    newcomer = PersonService(world.db).create(PersonInput(family_name="Late")).id
    with pytest.raises(ValidationError) as refused:
        PostService(world.db).appoint_successor(
            _membership(world.db, world.eleni, MFA), newcomer, date(2026, 1, 1)
        )
    assert "left the post" in refused.value.errors["start_date"]


def test_appoint_a_missing_successor_or_membership(world: World) -> None:
    """A successor or membership deleted meanwhile is reported, and nothing changes."""
    posts = PostService(world.db)
    membership = _membership(world.db, world.georgios, MFA)
    with pytest.raises(ValidationError) as refused:
        posts.appoint_successor(membership, 9999, date(2026, 9, 1))
    assert "no longer exists" in refused.value.errors["successor_person_id"]
    with pytest.raises(NotFoundError):
        posts.appoint_successor(9999, world.eleni, date(2026, 9, 1))


def test_appoint_successor_is_one_transaction(world: World) -> None:
    """A failure after both writes were flushed undoes both: the holder is not left ended."""
    posts = PostService(world.db)
    newcomer = PersonService(world.db).create(PersonInput(family_name="Doomed")).id
    membership = _membership(world.db, world.georgios, MFA)
    original = world.db.session
    seen: list[int] = []

    class CommitInterruptedError(Exception):
        pass

    @contextmanager
    def interrupted_session() -> Iterator[Session]:
        # The real write transaction, failing at commit time after everything was flushed.
        with original() as session:
            yield session
            session.flush()
            seen.extend(
                session.scalars(select(Membership.id).where(Membership.person_id == newcomer))
            )
            raise CommitInterruptedError

    world.db.session = interrupted_session  # type: ignore[method-assign]
    try:
        with pytest.raises(CommitInterruptedError):
            posts.appoint_successor(membership, newcomer, date(2026, 9, 1))
    finally:
        world.db.session = original  # type: ignore[method-assign]
    assert seen, "the successor's membership was written inside the transaction"
    assert PersonService(world.db).get(world.georgios).memberships[0].end_date is None
    assert PersonService(world.db).get(newcomer).memberships == ()
    assert _names(posts.holders(MFA, world.greece, date(2026, 9, 2))) == ["Georgios Konstantinou"]


def test_organisation_tree_with_ancestors_and_holders(world: World) -> None:
    """The chart lists parents top-down and each post with who held it that day."""
    posts = PostService(world.db)
    ancestors, node = posts.organisation_tree(world.protocol, date(2026, 4, 1))
    assert [a.name for a in ancestors] == ["Ministry of Foreign Affairs"]
    assert node.name == "Diplomatic Protocol" and node.kind is OrganisationKind.DIRECTORATE
    assert [(p.title, p.holders) for p in node.posts] == [
        ("Chief of Protocol", ("Stavros Theodorakis (acting)",))
    ]
    top_ancestors, top = posts.organisation_tree(world.ministry, date(2024, 1, 1))
    assert top_ancestors == ()
    assert [(p.title, p.holders) for p in top.posts] == [(MFA, ("Eleni Papadopoulou",))]
    assert [c.name for c in top.children] == ["Diplomatic Protocol"]
    assert top.children[0].posts[0].holders == ()  # nobody held it in 2024


def test_organisation_tree_survives_a_cycle(world: World) -> None:
    """A parent loop (written around the service) neither hangs nor repeats a unit."""
    with world.db.session() as session:
        session.execute(
            update(Organisation)
            .where(Organisation.id == world.ministry)
            .values(parent_id=world.protocol)
        )
    ancestors, node = PostService(world.db).organisation_tree(world.ministry, date(2026, 1, 1))
    assert [a.name for a in ancestors] == ["Diplomatic Protocol"]
    assert [c.name for c in node.children] == ["Diplomatic Protocol"]
    assert node.children[0].children == ()


def test_organisation_tree_reads_few_queries(world: World) -> None:
    """A deep, wide chart costs a handful of queries, not one per unit."""
    from sqlalchemy import event

    orgs = OrganisationService(world.db)
    parent = world.ministry
    for depth in range(6):
        for width in range(5):
            made = orgs.create(
                OrganisationInput(
                    f"Unit {depth}.{width}",
                    OrganisationKind.UNIT,
                    country_id=world.greece,
                    parent_id=parent,
                )
            ).id
        parent = made
    posts = PostService(world.db)
    posts.organisation_tree(world.ministry, date(2026, 1, 1))  # connections warmed up
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(world.db.engine, "before_cursor_execute", count)
    try:
        _, node = posts.organisation_tree(world.ministry, date(2026, 1, 1))
    finally:
        event.remove(world.db.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 6
    depth = 0
    while node.children:
        node = node.children[-1]
        depth += 1
    assert depth == 6


def test_names_in_every_script_survive(world: World) -> None:
    """Greek and Cyrillic originals are what holders are named by when no Latin name exists."""
    people = PersonService(world.db)
    for original in ("Ελένη Αλεξίου", "Иван Иванов", "ليلى الحسن", "王立新"):
        people.create(
            PersonInput(
                name_original=original,
                country_id=world.greece,
                memberships=(MembershipInput("Adviser", world.ministry, date(2026, 1, 1)),),
            )
        )
    names = _names(PostService(world.db).holders("Adviser", world.greece, date(2026, 2, 1)))
    assert sorted(unicodedata.normalize("NFC", n) for n in names) == sorted(
        unicodedata.normalize("NFC", n)
        for n in ("Ελένη Αλεξίου", "Иван Иванов", "ليلى الحسن", "王立新")
    )
