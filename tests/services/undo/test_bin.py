"""The bin: deleted records listed, restored whole with their links (under new numbers when
theirs were given away), purged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.services.people.service import MembershipInput, PersonInput
from bilatdesk.store.database import Database


def _deleted_organisation(services: Services) -> tuple[int, int]:
    """A ministry with a department under it, deleted: (ministry id, department id)."""
    ministry = services.organisations.create(OrganisationInput(name="Ministry of Justice"))
    department = services.organisations.create(
        OrganisationInput(name="Treaty Department", parent_id=ministry.id)
    )
    services.organisations.delete(ministry.id, ministry.version)
    return ministry.id, department.id


def test_restore_brings_the_record_back_with_its_links(database: Database) -> None:
    """Restored from the bin, the ministry is whole and its department under it again."""
    services = Services(database)
    ministry_id, department_id = _deleted_organisation(services)
    assert services.organisations.get(department_id).data.parent_id is None
    [entry] = services.bin.list()
    assert (entry.kind, entry.title) == ("organisation", "Ministry of Justice")
    tables = services.bin.restore(entry.id)
    assert "organisation" in tables
    assert services.organisations.get(ministry_id).data.name == "Ministry of Justice"
    assert services.organisations.get(department_id).data.parent_id == ministry_id
    assert services.bin.list() == []
    with pytest.raises(NotFoundError):
        services.bin.restore(entry.id)


def test_purge_forgets_one_record(database: Database) -> None:
    """A purged record is gone from the bin and cannot be restored."""
    services = Services(database)
    _deleted_organisation(services)
    [entry] = services.bin.list()
    services.bin.purge(entry.id)
    assert services.bin.list() == []


def test_start_up_purges_what_is_older_than_thirty_days(database: Database) -> None:
    """Only records deleted more than 30 days ago go at start-up."""
    services = Services(database)
    _deleted_organisation(services)
    now = datetime.now(UTC)
    assert services.bin.purge_older(now=now + timedelta(days=29)) == 0
    assert len(services.bin.list()) == 1
    assert services.bin.purge_older(now=now + timedelta(days=31)) == 1
    assert services.bin.list() == []


def test_a_person_comes_back_after_a_new_one_took_their_numbers(database: Database) -> None:
    """On SQLite a new person takes the deleted one's number and their e-mail's row's; the
    bin restores the old one under new numbers, and the new one keeps theirs."""
    services = Services(database)
    ana = services.people.create(PersonInput("Ana", "Kovačević", emails=("ana@example.org",)))
    services.people.delete(ana.id, ana.version)
    bob = services.people.create(PersonInput("Bob", "Horvat", emails=("bob@example.org",)))
    if database.is_sqlite:
        assert bob.id == ana.id
    [entry] = services.bin.list()
    services.bin.restore(entry.id)
    assert services.people.get(bob.id).data.emails == ("bob@example.org",)
    back = next(r for r in services.people.list().rows if r.uid == ana.uid)
    assert services.people.get(back.id).data.emails == ("ana@example.org",)
    assert services.bin.list() == []


def test_a_link_to_a_record_deleted_since_is_cleared(database: Database) -> None:
    """A person's organisation deleted after them: the person comes back without it."""
    services = Services(database)
    ministry = services.organisations.create(OrganisationInput(name="Ministry of Justice"))
    ana = services.people.create(
        PersonInput(
            "Ana",
            "Kovačević",
            memberships=(MembershipInput("Director", ministry.id, date(2020, 1, 1)),),
        )
    )
    services.people.delete(ana.id, ana.version)
    services.organisations.delete(ministry.id, services.organisations.get(ministry.id).version)
    entry = next(e for e in services.bin.list() if e.kind == "person")
    services.bin.restore(entry.id)
    [membership] = services.people.get(ana.id).data.memberships
    assert (membership.post_title, membership.organisation_id) == ("Director", None)
