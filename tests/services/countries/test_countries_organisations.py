"""Countries and organisations: ISO codes, timelines, parents, validation, deletion."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from bilatdesk.domain import CommitmentStatus, RelationStatus
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput, CountryService, StatusEntry
from bilatdesk.services.engagements.commitments import CommitmentClosing, CommitmentInput
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.services.kernel.errors import ConflictError, ValidationError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.store.database import Database


def test_country_name_comes_from_iso_code(database: Database) -> None:
    """A country created from its code gets the ISO 3166 name; the code is upper-cased."""
    created = CountryService(database).create(CountryInput("jo", capital="Amman"))
    assert created.data.iso_code == "JO"
    assert created.data.name == "Jordan"


def test_unknown_and_duplicate_codes_are_refused(database: Database) -> None:
    """A made-up code and a second entry for one country are refused at the code field."""
    countries = CountryService(database)
    with pytest.raises(ValidationError) as unknown:
        countries.create(CountryInput("QQ"))
    assert "ISO 3166" in unknown.value.errors["iso_code"]
    countries.create(CountryInput("AT"))
    with pytest.raises(ValidationError) as duplicate:
        countries.create(CountryInput("at"))
    assert "already" in duplicate.value.errors["iso_code"]


def test_relationship_timeline_round_trip_and_current_status(database: Database) -> None:
    """The dated status timeline is kept in order; the list shows the status in force."""
    countries = CountryService(database)
    created = countries.create(
        CountryInput(
            "BG",
            statuses=(
                StatusEntry(RelationStatus.SLOWDOWN, date(2026, 3, 1), "Transit dispute"),
                StatusEntry(RelationStatus.NORMAL, date(1992, 1, 1), "Established"),
            ),
        )
    )
    assert [s.status for s in created.data.statuses] == [
        RelationStatus.NORMAL,
        RelationStatus.SLOWDOWN,
    ]
    row = countries.list(ListQuery(), today=date(2026, 6, 1)).rows[0]
    assert row.status == RelationStatus.SLOWDOWN
    updated = countries.update(
        created.id,
        CountryInput(
            "BG", statuses=(StatusEntry(RelationStatus.DEEP_FREEZE, date(2026, 3, 1), "Worse"),)
        ),
        created.version,
    )
    assert [s.status for s in updated.data.statuses] == [RelationStatus.DEEP_FREEZE]


def test_impossible_national_day_is_refused(database: Database) -> None:
    """30 February is refused; 29 February is a real national day."""
    countries = CountryService(database)
    with pytest.raises(ValidationError) as refused:
        countries.create(CountryInput("GR", national_day=(2, 30)))
    assert "national_day" in refused.value.errors
    assert countries.create(CountryInput("GR", national_day=(2, 29))).data.national_day == (2, 29)


def test_choices_list_only_accredited_countries(database: Database) -> None:
    """The scope selector offers the countries of accreditation only."""
    countries = CountryService(database)
    countries.create(CountryInput("AT"))
    countries.create(CountryInput("CN", accredited=False))
    assert [c.name for c in countries.choices()] == ["Austria"]


def test_deleting_a_country_keeps_its_organisations(database: Database) -> None:
    """Organisations of a deleted country stay, without a country; the impact says so."""
    countries = CountryService(database)
    organisations = OrganisationService(database)
    country = countries.create(CountryInput("AT"))
    ministry = organisations.create(OrganisationInput("Ministry", country_id=country.id))
    assert any("organisation" in note for note in countries.delete_impact(country.id).consequences)
    countries.delete(country.id, country.version)
    assert organisations.get(ministry.id).data.country_id is None


def test_organisation_hierarchy_refuses_cycles(database: Database) -> None:
    """A ministry cannot be put under one of its own units."""
    organisations = OrganisationService(database)
    ministry = organisations.create(OrganisationInput("Ministry"))
    unit = organisations.create(OrganisationInput("Unit", parent_id=ministry.id))
    with pytest.raises(ValidationError) as refused:
        organisations.update(
            ministry.id, OrganisationInput("Ministry", parent_id=unit.id), ministry.version
        )
    assert "itself" in refused.value.errors["parent_id"]
    rows = organisations.list().rows
    assert {(r.name, r.parent) for r in rows} == {("Ministry", ""), ("Unit", "Ministry")}


def test_organisation_stale_edit_is_refused(database: Database) -> None:
    """Optimistic locking holds for organisations too."""
    organisations = OrganisationService(database)
    created = organisations.create(OrganisationInput("Agency"))
    organisations.update(created.id, OrganisationInput("Agency 2"), created.version)
    with pytest.raises(ConflictError):
        organisations.delete(created.id, created.version)


def test_organisation_tags_are_saved_with_the_record(database: Database) -> None:
    """Tags go in the organisation's own save: kept when left unsaid, and a removed tag
    refuses the whole save so no organisation is written without its tags."""
    from dataclasses import replace

    from bilatdesk.services.tags import TagService

    energy = TagService(database).create("Energy").id
    organisations = OrganisationService(database)
    created = organisations.create(OrganisationInput("Ministry of Energy", tag_ids=(energy,)))
    assert created.data.tag_ids == (energy,)
    kept = organisations.update(
        created.id, replace(created.data, notes="x", tag_ids=None), created.version
    )
    assert kept.data.tag_ids == (energy,)
    with pytest.raises(ValidationError):
        organisations.create(OrganisationInput("Ghost", tag_ids=(energy + 99,)))
    assert [r.name for r in organisations.list(ListQuery(tags=(energy,))).rows] == [
        "Ministry of Energy"
    ]
    assert [r.name for r in organisations.list(ListQuery(text="Ghost")).rows] == []


def test_commitments_closed_on_the_country_page_are_saved_with_it(database: Database) -> None:
    """Save writes the country and the closings in one undo step; a refused closing leaves
    both as they were."""
    services = Services(database)
    austria = services.countries.create(CountryInput("AT"))
    engagement = services.engagements.create(
        EngagementInput("Talks", datetime(2026, 1, 5, 9, tzinfo=UTC), country_id=austria.id)
    )
    owed = services.commitments.create(CommitmentInput(engagement.id, "Send the draft"))
    closing = CommitmentClosing(
        owed.id, owed.version, date(2026, 1, 20), CommitmentStatus.DROPPED, ""
    )
    edited = replace(austria.data, capital="Wien")
    with pytest.raises(ValidationError) as refused:
        services.countries.update(austria.id, edited, austria.version, closings=(closing,))
    assert "Say why it was dropped" in refused.value.errors["commitments"]
    assert services.countries.get(austria.id) == austria
    assert services.commitments.get(owed.id).status is CommitmentStatus.OPEN
    closing = replace(closing, note="Overtaken by events.")
    services.countries.update(austria.id, edited, austria.version, closings=(closing,))
    assert services.commitments.get(owed.id).status is CommitmentStatus.DROPPED
    assert services.undo.undo_label == "edit Austria"
    services.undo.undo()
    assert services.commitments.get(owed.id).status is CommitmentStatus.OPEN
    assert services.countries.get(austria.id).data.capital == ""
