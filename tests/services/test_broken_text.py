"""Half a character (a lone surrogate) is refused at the field, never as UnicodeEncodeError."""

from __future__ import annotations

import dataclasses

import pytest

from bilatdesk.services.cables.records import ParagraphInput
from bilatdesk.services.cables.service import CableService
from bilatdesk.services.kernel.errors import ServiceError, ValidationError
from bilatdesk.services.kernel.listing import ListQuery
from bilatdesk.services.people.service import PersonService
from bilatdesk.services.tags import TagService
from bilatdesk.store.database import Database
from tests.services.test_hostile_text import CASES
from tests.store.freeze_setup import cable_input

BROKEN = ("lone\ud800", "\udfff", "paired but separate \ud83d\ude00")


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_lone_surrogate_is_refused_at_each_field(database: Database, kind: str) -> None:
    """Every free-text field of every record refuses a lone surrogate at that field."""
    make, base, text_fields = CASES[kind]
    service = make(database)
    for field in text_fields:
        for value in BROKEN:
            with pytest.raises(ValidationError) as refused:
                service.create(dataclasses.replace(base, **{field: value}))
            assert "unpaired surrogate" in refused.value.errors[field], (kind, field)
    assert service.list().rows == ()


def test_cables_and_tags_refuse_a_lone_surrogate(database: Database) -> None:
    """A cable's subject and paragraph, and a tag's name, refuse it at the field."""
    cables = CableService(database)
    with pytest.raises(ValidationError) as refused:
        cables.create(cable_input(subject="AUSTRIA\ud800"), drafter="x")
    assert "subject" in refused.value.errors
    with pytest.raises(ValidationError) as refused:
        cables.create(cable_input(paragraphs=(ParagraphInput("a\ud800", "U"),)), drafter="x")
    assert any("unpaired surrogate" in error for error in refused.value.errors.values())
    with pytest.raises(ValidationError):
        TagService(database).create("Energy\ud800")


def test_a_search_for_a_lone_surrogate_is_a_sentence(database: Database) -> None:
    """The search box may hold anything: a broken character finds nothing or says why."""
    try:
        rows = PersonService(database).list(ListQuery(text="M\ud800")).rows
    except ServiceError as refused:
        assert "unpaired surrogate" in str(refused)
    else:
        assert rows == ()
