"""Global search: every kind, any script, hostile input, filters, the ceiling, both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import EngagementInput, EngagementService
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.inputs import MembershipInput, PersonInput
from bilatdesk.services.people.service import PersonService
from bilatdesk.services.search.records import SearchQuery, highlight_spans, snippet_of
from bilatdesk.services.search.service import SMALL, SearchService
from bilatdesk.store.database import Database

HOSTILE = [
    "cable 2024-17",
    "NOT",
    '"',
    "'",
    "(",
    ")",
    "*",
    "NEAR(",
    "^",
    "-",
    "a OR b",
    "col:val",
    "'; DROP TABLE person; --",
    "1' OR '1'='1",
    "\\",
    "%_",
    "!",
    "&|",
    "",
    "   ",
]


@pytest.fixture
def filled(database: Database) -> Database:
    """A small world: Jordan's foreign minister, Müller, 王小明, a few meetings."""
    countries = CountryService(database)
    jordan = countries.create(CountryInput("JO", name="Jordan")).id
    austria = countries.create(CountryInput("AT", name="Austria")).id
    ministry = OrganisationService(database).create(
        OrganisationInput(name="Ministry of Foreign Affairs", country_id=jordan)
    )
    people = PersonService(database)
    people.create(
        PersonInput(
            given_name="Ayman",
            family_name="Safadi",
            country_id=jordan,
            emails=("a.safadi@mfa.gov.jo",),
            memberships=(MembershipInput("Foreign Minister", organisation_id=ministry.id),),
        )
    )
    people.create(PersonInput(given_name="Jürgen", family_name="Müller", country_id=austria))
    people.create(PersonInput(name_original="王小明", given_name="Xiaoming", family_name="Wang"))
    meetings = EngagementService(database)
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    meetings.create(
        EngagementInput(
            title="Ferry strike talks", starts_at=start, place="Piraeus", country_id=austria
        )
    )
    meetings.create(
        EngagementInput(
            title="Economic talks with the Greek economic secretary",
            starts_at=start + timedelta(days=3),
            country_id=jordan,
            classification="S",
        )
    )
    return database


def _found(service: SearchService, text: str, **filters: object) -> list[tuple[str, str]]:
    results = service.search(SearchQuery(text, **filters))  # type: ignore[arg-type]
    return [(hit.kind, hit.title) for hit in results.hits]


def test_words_across_fields_in_any_order(filled: Database) -> None:
    """ "foreign minister jordan" finds the person by post, organisation and country."""
    found = _found(SearchService(filled), "jordan minister foreign")
    assert ("person", "Ayman Safadi") in found
    assert _found(SearchService(filled), "safadi mfa") == [("person", "Ayman Safadi")]


def test_a_person_found_shows_the_post_held_today_and_no_date(filled: Database) -> None:
    """ "minister" finds Safadi by his post, so his line shows the post; a person's last-saved
    day is no date worth showing, a meeting's day is."""
    results = SearchService(filled).search(SearchQuery("minister"))
    (safadi,) = [hit for hit in results.hits if hit.kind == "person"]
    assert safadi.snippet == "Foreign Minister"
    assert safadi.when is None
    (talks,) = SearchService(filled).search(SearchQuery("ferry")).hits
    assert talks.when == date(2026, 3, 1)


def test_case_accents_scripts_and_prefixes(filled: Database) -> None:
    """müller, MULLER and mül find Müller; 小明 finds 王小明; "fer stri" finds the strike."""
    search = SearchService(filled)
    for text in ("müller", "MULLER", "mül jür"):
        assert [t for _, t in _found(search, text)] == ["Jürgen Müller"], text
    assert [k for k, _ in _found(search, "小明")] == ["person"]
    assert _found(search, "明王") == []
    assert _found(search, "fer stri") == [("engagement", "Ferry strike talks")]


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_input_answers_normally(filled: Database, raw: str) -> None:
    """Operators, quotes, brackets and SQL answer as plain words (or nothing) on both backends."""
    SearchService(filled).search(SearchQuery(raw))
    SearchService(filled).search(SearchQuery(raw + " talks"))


def test_filters_and_the_screen_ceiling(filled: Database) -> None:
    """Kind, country, dates, classification; nothing above the ceiling ever shows."""
    search = SearchService(filled)
    assert len(_found(search, "talks")) == 2
    assert _found(search, "talks", kinds=("person",)) == []
    assert len(_found(search, "talks", date_from=date(2026, 3, 2))) == 1
    assert len(_found(search, "talks", date_to=date(2026, 3, 1))) == 1
    assert len(_found(search, "talks", classification="S")) == 1
    search.set_screen_ceiling("C")
    assert _found(search, "talks") == [("engagement", "Ferry strike talks")]
    assert search.screen_ceiling() == "C"


def test_many_hits_come_newest_first_and_counted(database: Database) -> None:
    """Beyond SMALL hits a kind is read newest first, and its count says how many."""
    meetings = EngagementService(database)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for day in range(SMALL + 5):
        meetings.create(EngagementInput(title=f"Round {day}", starts_at=start + timedelta(day)))
    results = SearchService(database).search(SearchQuery("round", limit=3))
    group = results.groups[0]
    assert group.total == SMALL + 5 and group.total_exact
    assert [hit.title for hit in group.hits] == [f"Round {SMALL + 4 - i}" for i in range(3)]


def test_highlights_and_snippets() -> None:
    """The words typed light up where they start words, whatever their case and accents."""
    text = "Jürgen MÜLLER met Banana Anna"
    assert [text[a:b] for a, b in highlight_spans(text, "muller ann")] == ["MÜLLER", "Ann"]
    assert highlight_spans("王小明", "小明") == [(1, 3)]
    long = "x " * 200 + "the ferry strike" + " y" * 200
    assert "ferry" in snippet_of(long, "ferry") and snippet_of(long, "ferry").startswith("…")
