"""Hostile text in every text field of every record: saved unchanged, or refused whole."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from bilatdesk.services.countries.service import CountryInput, CountryService
from bilatdesk.services.engagements.service import EngagementInput, EngagementService
from bilatdesk.services.kernel.errors import ValidationError
from bilatdesk.services.organisations.service import OrganisationInput, OrganisationService
from bilatdesk.services.people.service import PersonInput, PersonService
from bilatdesk.store.database import Database

HOSTILE = (
    "<script>alert(1)</script> <img src='file:///etc/passwd'> &amp; R&D",
    "\"double\" 'single' `back` \\ backslash; DROP TABLE person;--",
    "🙂👍🏽👨‍👩‍👧 ≠ ∞",
    "مرحبا بالعالم — שלום עולם \u200fRTL mark",
    "王立新 · Ελένη · Иван · Müller",
)
REFUSED = ("NUL\x00byte", "bell\x07", "x" * 200_001)

# Service, a valid input, and its free-text fields.
Case = tuple[Callable[[Database], Any], Any, tuple[str, ...]]
CASES: dict[str, Case] = {
    "country": (
        CountryService,
        CountryInput("AT"),
        ("name", "official_name", "resident_in", "charge_d_affaires", "capital", "notes"),
    ),
    "organisation": (
        OrganisationService,
        OrganisationInput("Ministry"),
        ("name", "other_names", "notes"),
    ),
    "person": (
        PersonService,
        PersonInput(family_name="Petrov"),
        (
            "given_name",
            "family_name",
            "honorific",
            "other_names",
            "name_original",
            "pronunciation",
            "languages",
            "address",
            "biography",
            "biography_source",
        ),
    ),
    "engagement": (
        EngagementService,
        EngagementInput("Call", datetime(2026, 1, 1, 9, tzinfo=UTC)),
        ("title", "place", "sector", "agenda", "outcome"),
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_hostile_text_round_trips_in_every_field(database: Database, kind: str) -> None:
    """Markup, quotes, emoji, bidi controls and every script come back as saved (NFC)."""
    make, base, text_fields = CASES[kind]
    service = make(database)
    for field in text_fields:
        for value in HOSTILE:
            if kind == "country":  # one record per ISO code: edit the same one
                existing = service.list().rows
                data = dataclasses.replace(base, **{field: value})
                if existing:
                    saved = service.update(existing[0].id, data, existing[0].version)
                else:
                    saved = service.create(data)
            else:
                saved = service.create(dataclasses.replace(base, **{field: value}))
            loaded = service.get(saved.id)
            expected = unicodedata.normalize("NFC", value).strip()
            assert getattr(loaded.data, field) == expected, (kind, field)


@pytest.mark.parametrize("kind", sorted(CASES))
def test_control_characters_and_huge_text_are_refused_whole(database: Database, kind: str) -> None:
    """NUL, other control characters and 200,001 characters are refused at the field."""
    make, base, text_fields = CASES[kind]
    service = make(database)
    for field in text_fields:
        for value in REFUSED:
            with pytest.raises(ValidationError) as refused:
                service.create(dataclasses.replace(base, **{field: value}))
            assert field in refused.value.errors, (kind, field)
    assert service.list().rows == ()


MODELS = {
    "country": "Country",
    "organisation": "Organisation",
    "person": "Person",
    "engagement": "Engagement",
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_field_takes_exactly_what_its_column_holds(database: Database, kind: str) -> None:
    """At a String column's length a value is saved; one character more is refused politely.

    PostgreSQL enforces VARCHAR lengths; validation must refuse first, with a sentence.
    """
    from bilatdesk import domain
    from bilatdesk.domain.base import table_of

    make, base, text_fields = CASES[kind]
    service = make(database)
    model = getattr(domain, MODELS[kind])
    for field in text_fields:
        column = table_of(model).columns.get(field)
        length = getattr(column.type, "length", None) if column is not None else None
        if not length:
            continue
        with pytest.raises(ValidationError) as refused:
            service.create(dataclasses.replace(base, **{field: "é" * (length + 1)}))
        assert "too long" in refused.value.errors[field]
        if kind == "country":
            continue  # one record per code; the round-trip test covers saving
        saved = service.create(dataclasses.replace(base, **{field: "é" * length}))
        assert getattr(service.get(saved.id).data, field) == "é" * length


@pytest.mark.parametrize("kind", sorted(CASES))
def test_direction_overrides_are_refused_in_every_short_field(
    database: Database, kind: str
) -> None:
    """An override (U+202E) in any short field is refused with a sentence at that field."""
    make, base, text_fields = CASES[kind]
    service = make(database)
    refused_somewhere = False
    for field in text_fields:
        try:
            service.create(dataclasses.replace(base, **{field: "Ann\u202eaidni"}))
        except ValidationError as refused:
            refused_somewhere = True
            assert "direction override (U+202E)" in refused.errors[field], (kind, field)
    assert refused_somewhere, kind
