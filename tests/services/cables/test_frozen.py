"""What a dispatched cable names cannot be deleted or merged away: a sentence names the cable."""

from __future__ import annotations

import pytest

from bilatdesk.services.cables.frozen import NamedByCableError
from bilatdesk.services.cables.service import CableService
from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import EngagementInput, EngagementService
from bilatdesk.services.people.merge import MergeService
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.services.tags import TagService
from bilatdesk.store.database import Database
from tests.store.freeze_setup import NOW, Frozen, build, cable_input, snapshot


@pytest.fixture
def frozen(database: Database) -> Frozen:
    return build(database)


def test_deleting_the_meeting_a_cable_reports_is_refused(
    database: Database, frozen: Frozen
) -> None:
    """The confirmation and the deletion both say which cable reports the meeting."""
    engagements = EngagementService(database)
    sentence = (
        "VIE 2026/002 reports this meeting; a dispatched cable never changes, "
        "so the meeting cannot be deleted."
    )
    with pytest.raises(NamedByCableError) as refused:
        engagements.delete_impact(frozen.engagement)
    assert str(refused.value) == sentence
    version = engagements.get(frozen.engagement).version
    with pytest.raises(NamedByCableError, match="VIE 2026/002 reports this meeting"):
        engagements.delete(frozen.engagement, version)
    assert engagements.get(frozen.engagement).version == version


def test_deleting_a_named_person_tag_or_country_is_refused(
    database: Database, frozen: Frozen
) -> None:
    """Person, tag and country each name the cable; nothing of the cable changes."""
    before = snapshot(database, frozen)
    people, tags, countries = (
        PersonService(database),
        TagService(database),
        CountryService(database),
    )
    with pytest.raises(NamedByCableError, match=r"^VIE 2026/002 names this person; a dispatched"):
        people.delete_impact(frozen.person)
    with pytest.raises(NamedByCableError, match="so the person cannot be deleted"):
        people.delete(frozen.person, people.get(frozen.person).version)
    with pytest.raises(NamedByCableError, match=r"^VIE 2026/002 carries this tag"):
        tags.delete_impact(frozen.tag)
    tag_version = next(row.version for row in tags.vocabulary() if row.id == frozen.tag)
    with pytest.raises(NamedByCableError, match="the tag cannot be deleted"):
        tags.delete(frozen.tag, tag_version)
    with pytest.raises(NamedByCableError, match=r"^VIE 2026/002 is filed under this country"):
        countries.delete_impact(frozen.country)
    with pytest.raises(NamedByCableError, match="the country cannot be deleted"):
        countries.delete(frozen.country, countries.get(frozen.country).version)
    assert snapshot(database, frozen) == before


def test_a_country_with_a_cable_draft_is_refused_with_a_sentence(
    database: Database, frozen: Frozen
) -> None:
    """A draft filed under a country keeps it too (no IntegrityError reaches the clerk)."""
    countries = CountryService(database)
    country = countries.create(CountryInput("DE"))
    CableService(database).create(cable_input(subject="BERLIN", country_id=country.id), drafter="x")
    with pytest.raises(NamedByCableError) as refused:
        countries.delete(country.id, country.version)
    assert str(refused.value) == (
        "The cable draft “BERLIN” is filed under this country; "
        "file it under another country or delete it first."
    )
    empty = countries.create(CountryInput("FR"))
    countries.delete(empty.id, empty.version)


def test_a_draft_lets_its_meeting_and_person_go_and_the_confirmation_says_so(
    database: Database, frozen: Frozen
) -> None:
    """Only dispatched cables hold on: a draft's meeting and person are deleted, named first."""
    engagements = EngagementService(database)
    meeting = engagements.create(EngagementInput(title="Lunch", starts_at=NOW))
    cables = CableService(database)
    draft = cables.create(cable_input(subject="LUNCH", engagement_id=meeting.id), drafter="x")
    impact = engagements.delete_impact(meeting.id)
    assert "the cable draft “LUNCH” no longer report it" in impact.consequences
    engagements.delete(meeting.id, meeting.version)
    assert cables.get(draft.id).data.engagement_id is None
    people = PersonService(database)
    guest = people.create(PersonInput(given_name="Eva", family_name="Gruber"))
    cables.create(cable_input(subject="GUEST", person_ids=(guest.id,)), drafter="x")
    impact = people.delete_impact(guest.id)
    assert "they are no longer named in the cable draft “GUEST”" in impact.consequences
    people.delete(guest.id, guest.version)


def test_a_person_a_dispatched_cable_names_is_never_merged_away(
    database: Database, frozen: Frozen
) -> None:
    """The merge is refused with a sentence; merging the other way round keeps them."""
    merge = MergeService(database)
    with pytest.raises(NamedByCableError) as refused:
        merge.preview(frozen.other_person, frozen.person)
    assert str(refused.value) == (
        "VIE 2026/002 names Layla Al-Hassan; a dispatched cable never changes, so Layla "
        "Al-Hassan cannot be merged into Jonas Berger. Merge the other way round: keep Layla "
        "Al-Hassan."
    )
    comparison = merge.compare(frozen.other_person, frozen.person)
    with pytest.raises(NamedByCableError):
        merge.merge(
            frozen.other_person,
            frozen.person,
            {},
            comparison.keep_version,
            comparison.other_version,
        )
    before = snapshot(database, frozen)
    comparison = merge.compare(frozen.person, frozen.other_person)
    kept = merge.merge(
        frozen.person, frozen.other_person, {}, comparison.keep_version, comparison.other_version
    )
    assert kept == frozen.person
    assert snapshot(database, frozen) == before
