"""Every change of every record kind adds exactly one readable audit entry, on both backends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bilatdesk.services.agreements.records import AgreementInput
from bilatdesk.services.cables.records import CableInput, ParagraphInput
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.services.people.service import PersonInput
from bilatdesk.services.visits.service import VisitInput
from bilatdesk.store.database import Database

Make = Callable[[Services, int], Any]


def _country(services: Services) -> int:
    return services.countries.create(CountryInput(iso_code="AT", name="Austria")).id


MAKERS: dict[str, Make] = {
    "person": lambda s, c: s.people.create(PersonInput(given_name="Hans", family_name="Müller")),
    "organisation": lambda s, c: s.organisations.create(OrganisationInput(name="Ministry")),
    "country": lambda s, c: s.countries.get(c),
    "engagement": lambda s, c: s.engagements.create(
        EngagementInput(title="Talks", starts_at=datetime(2026, 12, 1, 9, tzinfo=UTC))
    ),
    "agreement": lambda s, c: s.agreements.create(AgreementInput(title="Air transport")),
    "visit": lambda s, c: s.visits.create(
        VisitInput(
            principal="Minister", country_id=c, starts_on=date(2027, 1, 5), ends_on=date(2027, 1, 6)
        )
    ),
    "cable": lambda s, c: s.cables.create(
        CableInput(subject="Talks", country_id=c, paragraphs=(ParagraphInput("First."),)),
        drafter="A. Kovačević",
    ),
}
# One text field of each kind, its label, and the new value given.
CHANGES = {
    "person": ("family_name", "Family name", "Müller-Lüdenscheid"),
    "organisation": ("name", "Name", "Ministry of Foreign Affairs"),
    "country": ("capital", "Capital", "Wien"),
    "engagement": ("title", "Title", "Talks on transit"),
    "agreement": ("title", "Title", "Air services"),
    "visit": ("principal", "Principal", "Foreign Minister"),
    "cable": ("subject", "Subject", "Talks on transit"),
}


def _update(services: Services, kind: str, record: Any, data: Any) -> Any:
    service = getattr(services, {"person": "people", "country": "countries"}.get(kind, kind + "s"))
    return service.update(record.id, data, record.version)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_changing_a_field_adds_one_readable_entry(database: Database, kind: str) -> None:
    """One saved change is one entry of that record, "Label: old → new", by the named actor."""
    database.actor = "A. Kovačević"
    services = Services(database)
    record = MAKERS[kind](services, _country(services))
    before = services.audit.entries()
    field, label, new = CHANGES[kind]
    old = getattr(record.data, field)
    _update(services, kind, record, replace(record.data, **{field: new}))
    added = services.audit.entries()[len(before) :]
    assert len(added) == 1
    (entry,) = added
    assert (entry.record_kind, entry.record_id, entry.action) == (kind, record.id, "update")
    assert entry.actor == "A. Kovačević"
    expected = f"{label}: {old} → {new}" if old else f"{label}: {new}"
    assert entry.summary() == expected
    assert services.audit.history(kind, record.id)[0] == entry


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_created_record_has_one_creation_entry(database: Database, kind: str) -> None:
    """Creating a record (with its parts) is one entry naming it; saving unchanged adds none."""
    services = Services(database)
    country = _country(services)
    before = len(services.audit.entries())
    record = MAKERS[kind](services, country)
    added = services.audit.entries()[before:]
    if kind != "country":
        assert [(e.record_kind, e.record_id, e.action) for e in added] == [
            (kind, record.id, "create")
        ]
    count = len(services.audit.entries())
    _update(services, kind, record, record.data)
    assert len(services.audit.entries()) == count


def test_parts_and_tags_are_changes_of_their_owner(database: Database) -> None:
    """A new e-mail address and a tag are one entry of the person, with nothing re-listed."""
    services = Services(database)
    tag = services.tags.create("Protocol")
    person = services.people.create(PersonInput(family_name="Şahin", emails=("a@mfa.example",)))
    count = len(services.audit.entries())
    changed = replace(person.data, emails=("a@mfa.example", "b@mfa.example"), tag_ids=(tag.id,))
    services.people.update(person.id, changed, person.version)
    (entry,) = services.audit.entries()[count:]
    assert entry.record_kind == "person"
    assert {c.field: (c.old, c.new) for c in entry.changes} == {
        "contact_point": ("", "email, b@mfa.example"),
        "tags": ("", "Protocol"),
    }


def test_deleting_a_record_is_recorded(database: Database) -> None:
    """A deletion names the record and what it held."""
    services = Services(database)
    record = services.organisations.create(OrganisationInput(name="Chancellery"))
    services.organisations.delete(record.id, record.version)
    entry = services.audit.history("organisation", record.id)[0]
    assert entry.action == "delete"
    assert "Name: Chancellery" in entry.summary()


def test_history_reads_as_a_sentence(database: Database) -> None:
    """An entry reads "Family name: Müller → Müller-Lüdenscheid, <day> <time>, <who>"."""
    database.actor = "A. Kovačević"
    services = Services(database)
    person = services.people.create(PersonInput(given_name="Hans", family_name="Müller"))
    services.people.update(
        person.id, replace(person.data, family_name="Müller-Lüdenscheid"), person.version
    )
    line = services.audit.history("person", person.id)[0].describe()
    assert line.startswith("Family name: Müller → Müller-Lüdenscheid, ")
    # On PostgreSQL the database's own user follows, in brackets.
    assert line.endswith(", A. Kovačević") if database.is_sqlite else ", A. Kovačević (" in line


def test_the_chain_runs_on_through_an_import(database: Database, tmp_path: Any) -> None:
    """An import appends one entry per person it creates or changes, naming its file; the
    chain stays whole across it and the changes after it."""
    from bilatdesk.exchange.csv.read import read_csv_cards

    services = Services(database)
    services.people.create(PersonInput(given_name="Hans", family_name="Müller"))
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Given name,Family name,E-mail\nAnna,Berger,anna@example.org\nOmar,Al-Khatib,\n"
        "Hans,Müller,hans@example.org\n",
        encoding="utf-8",
    )
    before = len(services.audit.entries())
    services.contacts.import_cards(
        read_csv_cards(path).cards, dry_run=False, source=path.name, on_match="update"
    )
    added = services.audit.entries()[before:]
    assert [(e.action, e.source) for e in added] == [("import", "contacts.csv")] * 3
    assert {e.record_id for e in added} == {p.id for p in services.people.list().rows}
    person = services.people.create(PersonInput(family_name="After"))
    assert services.audit.history("person", person.id)[0].action == "create"
    report = database.check()
    assert report.audit_intact, report.audit


def test_a_merge_is_in_both_histories(database: Database) -> None:
    """Merging two people says, in each one's history, what became of the other."""
    services = Services(database)
    keep = services.people.create(PersonInput(given_name="Hans", family_name="Müller"))
    other = services.people.create(PersonInput(given_name="H.", family_name="Müller"))
    services.merge.merge(keep.id, other.id, {}, keep.version, other.version)
    kept = services.audit.history("person", keep.id)
    assert kept[0].action == "merge" or kept[1].action == "merge"
    gone = services.audit.history("person", other.id)[0]
    assert gone.summary() == f"Merged: Merged into: H. Müller → Hans Müller (#{keep.id})"
    assert database.check().audit_intact


def test_a_cables_named_people_are_listed_by_name(database: Database) -> None:
    """Naming a person on a cable is a change of the cable, the person given by name."""
    services = Services(database)
    country = _country(services)
    person = services.people.create(PersonInput(given_name="Hans", family_name="Müller"))
    cable = MAKERS["cable"](services, country)
    services.cables.update(cable.id, replace(cable.data, person_ids=(person.id,)), cable.version)
    entry = services.audit.history("cable", cable.id)[0]
    assert entry.summary() == "People named: Hans Müller"
