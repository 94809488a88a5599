"""Pure rules on entities: status timeline, current posts, organisation chains, UTC times."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bilatdesk.domain import (
    Country,
    CountryStatus,
    Membership,
    Organisation,
    Person,
    RelationStatus,
)
from bilatdesk.domain.base import UTCDateTime


def test_status_on_takes_latest_entry_started_by_that_day() -> None:
    """The relationship status on a day is the latest entry that began by then."""
    country = Country(iso_code="BG", name="Bulgaria")
    country.statuses = [
        CountryStatus(status=RelationStatus.NORMAL, from_date=date(1992, 1, 1)),
        CountryStatus(status=RelationStatus.SLOWDOWN, from_date=date(2026, 3, 1)),
        CountryStatus(status=RelationStatus.NORMAL, from_date=date(2026, 9, 1)),
    ]
    assert country.status_on(date(1991, 1, 1)) is None
    slowdown = country.status_on(date(2026, 5, 1))
    assert slowdown is not None and slowdown.status is RelationStatus.SLOWDOWN
    latest = country.status_on(date(2026, 11, 1))
    assert latest is not None and latest.status is RelationStatus.NORMAL


def test_current_memberships_are_derived_from_dates() -> None:
    """A post counts as current between its start and end dates, both inclusive."""
    person = Person(given_name="Ivan", family_name="Petrov")
    old = Membership(start_date=date(2020, 1, 1), end_date=date(2024, 12, 31))
    new = Membership(start_date=date(2025, 1, 1), end_date=None)
    person.memberships = [old, new]
    assert person.current_memberships(date(2024, 12, 31)) == [old]
    assert person.current_memberships(date(2025, 1, 1)) == [new]


def test_ancestry_stops_at_a_cycle() -> None:
    """A parent chain that loops back does not hang."""
    ministry = Organisation(name="Ministry")
    unit = Organisation(name="Unit", parent=ministry)
    ministry.parent = unit
    assert [o.name for o in unit.ancestry()] == ["Unit", "Ministry"]


def test_person_display_name_falls_back_to_original_script() -> None:
    """A person known only by an original-script name is shown by it."""
    assert Person(name_original="王立新").display_name == "王立新"
    assert Person(given_name="Layla", family_name="Al-Hassan").display_name == "Layla Al-Hassan"


def test_utc_datetime_refuses_naive_values() -> None:
    """A naive moment is ambiguous and never reaches the database."""
    column_type = UTCDateTime()
    from sqlalchemy.dialects import sqlite

    with pytest.raises(ValueError, match="naive"):
        column_type.process_bind_param(datetime(2026, 1, 1), sqlite.dialect())
    aware = datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert column_type.process_bind_param(aware, sqlite.dialect()) == datetime(2026, 1, 1, 12)
