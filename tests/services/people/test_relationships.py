"""Relationships: default vocabulary, two-way labels, dates, refusals and conflicts."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest

from bilatdesk.domain import RelationshipScope
from bilatdesk.services.kernel.errors import ConflictError, NotFoundError, ValidationError
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.relationships import (
    RelationshipInput,
    RelationshipService,
    TieDraft,
    tie_draft,
)
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database

PEOPLE, ORGS = RelationshipScope.PEOPLE, RelationshipScope.ORGANISATIONS


@dataclass
class Cast:
    ties: RelationshipService
    kinds: dict[str, int]
    ana: int
    tomas: int
    leila: int
    ministry: int
    company: int


@pytest.fixture
def cast(database: Database) -> Cast:
    people = PersonService(database)
    orgs = OrganisationService(database)
    ties = RelationshipService(database)
    kinds = {t.name: t.id for t in ties.types(PEOPLE) + ties.types(ORGS)}
    return Cast(
        ties,
        kinds,
        people.create(PersonInput(given_name="Ana", family_name="Kovačević-Brandt")).id,
        people.create(PersonInput(given_name="Tomás", family_name="Ó Briain")).id,
        people.create(PersonInput(name_original="ليلى الحسن")).id,
        orgs.create(OrganisationInput("Ministry of Economy")).id,
        orgs.create(OrganisationInput("Österreichische Energie AG")).id,
    )


def test_default_vocabulary_is_seeded_once(database: Database) -> None:
    """An empty vocabulary gets the defaults, by scope, and asking again adds nothing."""
    ties = RelationshipService(database)
    people = ties.types(PEOPLE)
    assert {t.name for t in people} == {
        "adviser",
        "spouse",
        "deputy",
        "reports",
        "relative",
        "colleague",
    }
    adviser = next(t for t in people if t.name == "adviser")
    assert (adviser.forward_label, adviser.reverse_label) == ("adviser to", "advised by")
    orgs = ties.types(ORGS)
    assert {t.name for t in orgs} == {"partner", "subsidiary", "funding", "member"}
    assert all(t.scope is ORGS for t in orgs)
    assert ties.types(PEOPLE) == people


def test_add_type(database: Database) -> None:
    """A new type joins its scope; a blank reverse label reads the same both ways."""
    ties = RelationshipService(database)
    ties.types(PEOPLE)
    mentor = ties.add_type("mentor", "mentor of", "mentored by", PEOPLE)
    friend = ties.add_type("friend", "friend of", "", PEOPLE)
    assert friend.reverse_label == "friend of"
    assert mentor in ties.types(PEOPLE) and mentor not in ties.types(ORGS)
    with pytest.raises(ValidationError) as refused:
        ties.add_type("Mentor", "x", "y", ORGS)
    assert "already exists" in refused.value.errors["name"]
    with pytest.raises(ValidationError) as blank:
        ties.add_type("", "", "", PEOPLE)
    assert {"name", "forward_label"} <= set(blank.value.errors)


def test_labels_read_from_each_side(cast: Cast) -> None:
    """The subject sees the forward label, the object the reverse one, each naming the other."""
    made = cast.ties.create(RelationshipInput(cast.kinds["adviser"], cast.tomas, cast.ana))
    assert (made.label, made.other_name, made.outgoing) == (
        "adviser to",
        "Ana Kovačević-Brandt",
        True,
    )
    (from_ana,) = cast.ties.for_person(cast.ana)
    assert (from_ana.label, from_ana.other_id, from_ana.outgoing) == (
        "advised by",
        cast.tomas,
        False,
    )
    assert from_ana.other_name == "Tomás Ó Briain"
    (from_tomas,) = cast.ties.for_person(cast.tomas)
    assert from_tomas.label == "adviser to" and from_tomas.id == made.id


def test_organisations_are_linked_with_organisation_types(cast: Cast) -> None:
    """A subsidiary reads "parent company of" from the parent's side."""
    cast.ties.create(
        RelationshipInput(cast.kinds["subsidiary"], cast.company, cast.ministry, scope=ORGS)
    )
    (seen,) = cast.ties.for_organisation(cast.ministry)
    assert seen.label == "parent company of" and seen.other_name == "Österreichische Energie AG"
    assert cast.ties.for_person(cast.ana) == []


def test_current_and_on_a_day(cast: Cast) -> None:
    """Ended ties are not current; `on` keeps only the ties in force that day."""
    ended = cast.ties.create(
        RelationshipInput(
            cast.kinds["colleague"], cast.ana, cast.tomas, date(2015, 1, 1), date(2019, 12, 31)
        )
    )
    cast.ties.create(
        RelationshipInput(cast.kinds["spouse"], cast.ana, cast.leila, date(2020, 6, 1))
    )
    views = cast.ties.for_person(cast.ana)
    assert [v.current for v in views] == [True, False]  # in force first
    assert views[1].id == ended.id
    assert [v.label for v in cast.ties.for_person(cast.ana, on=date(2018, 1, 1))] == [
        "former colleague of"
    ]
    assert [v.id for v in cast.ties.for_person(cast.ana, on=date(2019, 12, 31))] == [ended.id]
    assert [v.label for v in cast.ties.for_person(cast.ana, on=date(2020, 6, 1))] == ["spouse of"]
    assert cast.ties.for_person(cast.ana, on=date(2010, 1, 1)) == []


def test_update_and_delete_with_versions(cast: Cast) -> None:
    """Edits need the version read; a stale one is a conflict; delete removes it from both sides."""
    made = cast.ties.create(RelationshipInput(cast.kinds["deputy"], cast.tomas, cast.ana))
    data = RelationshipInput(
        cast.kinds["reports"], cast.tomas, cast.ana, date(2024, 1, 1), note="Since the move"
    )
    updated = cast.ties.update(made.id, data, made.version)
    assert updated.label == "reports to" and updated.version == made.version + 1
    assert updated.note == "Since the move"
    with pytest.raises(ConflictError):
        cast.ties.update(made.id, data, made.version)
    with pytest.raises(ConflictError):
        cast.ties.delete(made.id, made.version)
    cast.ties.delete(made.id, updated.version)
    assert cast.ties.for_person(cast.ana) == [] and cast.ties.for_person(cast.tomas) == []
    with pytest.raises(NotFoundError):
        cast.ties.delete(made.id, updated.version)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"object_id": "ana"}, "object_id", "two different"),
        ({"object_id": 99999}, "object_id", "no longer exists"),
        ({"subject_id": 99999}, "subject_id", "no longer exists"),
        ({"start_date": date(2025, 1, 1), "end_date": date(2024, 1, 1)}, "end_date", "ends before"),
        ({"type_id": 99999}, "type_id", "no longer exists"),
        ({"scope": ORGS}, "type_id", "links people, not organisations"),
        ({"note": "bad\x00note"}, "note", "U+0000"),
    ],
    ids=["self", "unknown object", "unknown subject", "dates", "unknown type", "scope", "nul"],
)
def test_refusals(cast: Cast, change: dict[str, Any], field: str, words: str) -> None:
    """Self-ties, unknown records, reversed dates, a people type for organisations: refused."""
    values: dict[str, Any] = {k: (cast.ana if v == "ana" else v) for k, v in change.items()}
    data = replace(RelationshipInput(cast.kinds["adviser"], cast.ana, cast.tomas), **values)
    with pytest.raises(ValidationError) as refused:
        cast.ties.create(data)
    assert words in refused.value.errors[field]
    assert cast.ties.for_person(cast.ana) == []


def test_people_type_on_organisation_ids_is_refused(cast: Cast) -> None:
    """Organisation ids under a people type are unknown people, not a silent mix-up."""
    with pytest.raises(ValidationError):
        cast.ties.create(
            RelationshipInput(cast.kinds["adviser"], cast.ministry + 1000, cast.company + 1000)
        )
    with pytest.raises(ValidationError) as refused:
        cast.ties.create(
            RelationshipInput(cast.kinds["partner"], cast.ministry, cast.company, scope=PEOPLE)
        )
    assert "links organisations, not people" in refused.value.errors["type_id"]


def test_deleting_a_person_removes_their_ties(cast: Cast, database: Database) -> None:
    """A deleted person's relationships go with them."""
    cast.ties.create(RelationshipInput(cast.kinds["spouse"], cast.ana, cast.tomas))
    people = PersonService(database)
    people.delete(cast.tomas, people.get(cast.tomas).version)
    assert cast.ties.for_person(cast.ana) == []
    with pytest.raises(NotFoundError):
        cast.ties.for_person(cast.tomas)


@pytest.mark.parametrize(
    "text", ["=cmd|' /C calc'!A0", "../../x", "עברית — right to left", "王立新 ليلى Ελένη Иван"]
)
def test_notes_and_names_survive(cast: Cast, text: str) -> None:
    """Hostile notes are kept literally; names in every script come back in NFC."""
    made = cast.ties.create(
        RelationshipInput(cast.kinds["relative"], cast.ana, cast.leila, note=text)
    )
    assert made.note == unicodedata.normalize("NFC", text)
    (seen,) = cast.ties.for_person(cast.leila)
    assert seen.other_name == unicodedata.normalize("NFC", "Ana Kovačević-Brandt")
    assert made.other_name == unicodedata.normalize("NFC", "ليلى الحسن")


# -- ties saved with their record's form -------------------------------------------------------
def test_preview_reads_a_draft_from_its_record_and_checks_it(cast: Cast) -> None:
    """A draft reads as it will once saved, also for a record not saved yet; refusals are the
    service's sentences, and nothing is written."""
    draft = TieDraft(cast.kinds["adviser"], cast.tomas, outgoing=False, note="EU file")
    seen = cast.ties.preview(PEOPLE, cast.ana, draft)
    assert (seen.id, seen.label, seen.other_name, seen.note, seen.current) == (
        0,
        "advised by",
        "Tomás Ó Briain",
        "EU file",
        True,
    )
    assert cast.ties.preview(PEOPLE, None, draft).label == "advised by"
    with pytest.raises(ValidationError) as itself:
        cast.ties.preview(PEOPLE, cast.ana, replace(draft, other_id=cast.ana))
    assert "two different people" in itself.value.errors["object_id"]
    backwards = replace(draft, start_date=date(2021, 1, 1), end_date=date(2020, 1, 1))
    with pytest.raises(ValidationError):
        cast.ties.preview(PEOPLE, None, backwards)
    with pytest.raises(ValidationError) as nobody:  # 0 stands for no one once saved
        cast.ties.preview(PEOPLE, cast.ana, replace(draft, other_id=0))
    assert "no longer exists" in " ".join(nobody.value.errors.values())
    with pytest.raises(ValidationError) as wrong_scope:
        cast.ties.preview(ORGS, cast.ministry, draft)
    assert "links people" in wrong_scope.value.errors["type_id"]
    assert cast.ties.for_person(cast.ana) == []


def test_ties_are_written_with_the_person_or_refused_with_them(
    cast: Cast, database: Database
) -> None:
    """Save writes new, changed and removed ties with the person; one refused tie leaves the
    person and every other tie as they were, and says which tie it is."""
    people = PersonService(database)
    kept = cast.ties.create(RelationshipInput(cast.kinds["spouse"], cast.ana, cast.leila))
    gone = cast.ties.create(RelationshipInput(cast.kinds["colleague"], cast.tomas, cast.ana))
    (stored_gone,) = [v for v in cast.ties.for_person(cast.ana) if v.id == gone.id]
    (stored_kept,) = [v for v in cast.ties.for_person(cast.ana) if v.id == kept.id]
    before = people.get(cast.ana)
    wanted = (
        TieDraft(cast.kinds["adviser"], cast.tomas, outgoing=False),
        replace(tie_draft(stored_kept), note="since 2001"),
        replace(tie_draft(stored_gone), removed=True),
    )
    refused = (*wanted, TieDraft(cast.kinds["deputy"], cast.ana))  # with herself
    with pytest.raises(ValidationError) as told:
        people.update(
            cast.ana, replace(before.data, given_name="Anna"), before.version, ties=refused
        )
    assert told.value.errors["relationships"].startswith(
        "The relationship 'deputy to Anna Kovačević-Brandt': A relationship links two different"
    )
    assert people.get(cast.ana) == before
    assert {(v.id, v.note) for v in cast.ties.for_person(cast.ana)} == {
        (kept.id, ""),
        (gone.id, ""),
    }
    people.update(cast.ana, before.data, before.version, ties=wanted)
    assert sorted((v.label, v.other_name, v.note) for v in cast.ties.for_person(cast.ana)) == [
        ("advised by", "Tomás Ó Briain", ""),
        ("spouse of", "ليلى الحسن", "since 2001"),
    ]
    stale = replace(tie_draft(stored_kept), note="again")  # the version read before the save
    current = people.get(cast.ana)
    with pytest.raises(ConflictError):
        people.update(cast.ana, current.data, current.version, ties=(stale,))


def test_a_new_person_and_organisation_are_saved_with_their_ties(
    cast: Cast, database: Database
) -> None:
    """A record without an id yet gets its ties in the transaction that creates it."""
    people = PersonService(database)
    made = people.create(
        PersonInput(given_name="Eva", family_name="Lind"),
        ties=(TieDraft(cast.kinds["deputy"], cast.ana),),
    )
    assert [(v.label, v.other_id) for v in cast.ties.for_person(made.id)] == [
        ("deputy to", cast.ana)
    ]
    with pytest.raises(ValidationError):
        people.create(
            PersonInput(given_name="Nobody", family_name="Here"),
            ties=(TieDraft(cast.kinds["deputy"], 4242),),
        )
    assert [r.name for r in people.list().rows].count("Nobody Here") == 0
    organisations = OrganisationService(database)
    unit = organisations.create(
        OrganisationInput("Energy Unit"),
        ties=(TieDraft(cast.kinds["member"], cast.ministry),),
    )
    assert [(v.label, v.other_id) for v in cast.ties.for_organisation(unit.id)] == [
        ("member of", cast.ministry)
    ]
    again = organisations.get(unit.id)
    (tie,) = cast.ties.for_organisation(unit.id)
    organisations.update(
        unit.id, again.data, again.version, ties=(replace(tie_draft(tie), removed=True),)
    )
    assert cast.ties.for_organisation(unit.id) == []
