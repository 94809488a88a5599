"""Relationship statuses a post configures, and the country timeline that accepts them."""

from __future__ import annotations

from datetime import date

import pytest

from bilatdesk.domain import RelationStatus
from bilatdesk.services.countries.service import CountryInput, CountryService, StatusEntry
from bilatdesk.services.kernel.errors import ValidationError
from bilatdesk.services.kernel.settings import PostSettings, post_settings, save_post_settings
from bilatdesk.store.database import Database


def configure(database: Database, *statuses: str) -> PostSettings:
    return save_post_settings(database, PostSettings(relation_statuses=statuses))


def test_configured_statuses_round_trip_in_order(database: Database) -> None:
    """Statuses are kept trimmed, in the order given, blank lines dropped, any script kept."""
    saved = configure(database, "  Suspended ", "", "Strategic partnership", "Заморозка")
    assert saved.relation_statuses == ("Suspended", "Strategic partnership", "Заморозка")
    assert post_settings(database).relation_statuses == saved.relation_statuses
    assert post_settings(database).relation_statuses != ()


def test_post_settings_keep_state_name_and_precedences(database: Database) -> None:
    """Saving the post settings keeps our state's name and the precedence list given."""
    save_post_settings(
        database,
        PostSettings(state_name="the Republic", precedences=("routine", "flash")),
    )
    stored = post_settings(database)
    assert stored.state_name == "the Republic"
    assert stored.precedences == ("ROUTINE", "FLASH")


@pytest.mark.parametrize(
    ("statuses", "words"),
    [
        (("Suspended", "suspended"), "listed twice"),
        (("Deep Freeze",), "built-in"),
        (("deep_freeze",), "built-in"),
        (("x" * 33,), "too long"),
        (("Bad\x00one",), "control character"),
        (("Two\nlines",), "line break"),
    ],
)
def test_bad_statuses_are_refused_with_a_sentence(
    database: Database, statuses: tuple[str, ...], words: str
) -> None:
    """Repeats (folded), built-in names, overlong, control characters and breaks are refused."""
    with pytest.raises(ValidationError) as refused:
        configure(database, *statuses)
    assert words in refused.value.errors["relation_statuses"]
    assert post_settings(database).relation_statuses == ()


def test_country_accepts_built_in_and_configured_statuses(database: Database) -> None:
    """Built-in statuses by value or label, configured ones in any case, stored canonically."""
    configure(database, "Suspended")
    countries = CountryService(database)
    created = countries.create(
        CountryInput(
            "BG",
            statuses=(
                StatusEntry("normal", date(1992, 1, 1)),
                StatusEntry("Deep freeze", date(2020, 1, 1), "Expulsions"),
                StatusEntry("SUSPENDED", date(2024, 5, 1), "Embassy closed"),
            ),
        )
    )
    assert [s.status for s in created.data.statuses] == [
        RelationStatus.NORMAL,
        RelationStatus.DEEP_FREEZE,
        "Suspended",
    ]


def test_unknown_status_is_refused_and_nothing_saved(database: Database) -> None:
    """A status neither built in nor configured is refused at the timeline with a sentence."""
    countries = CountryService(database)
    with pytest.raises(ValidationError) as refused:
        countries.create(CountryInput("BG", statuses=(StatusEntry("Cordial", date(2024, 1, 1)),)))
    assert "'Cordial' is not a relationship status" in refused.value.errors["statuses"]
    assert "Post settings" in refused.value.errors["statuses"]
    assert countries.by_code("BG") is None


def test_a_status_in_use_cannot_be_removed(database: Database) -> None:
    """Removing a configured status still on a timeline is refused; an unused one goes."""
    configure(database, "Suspended", "Strategic partnership")
    CountryService(database).create(
        CountryInput("BG", statuses=(StatusEntry("Suspended", date(2024, 5, 1)),))
    )
    with pytest.raises(ValidationError) as refused:
        configure(database, "Strategic partnership")
    assert "'Suspended' is used by 1 timeline entry" in refused.value.errors["relation_statuses"]
    assert post_settings(database).relation_statuses == ("Suspended", "Strategic partnership")
    configure(database, "Suspended")
    assert post_settings(database).relation_statuses == ("Suspended",)


def test_a_status_the_country_already_holds_stays_saveable(database: Database) -> None:
    """A country keeps a status it holds even if the post's list no longer has it."""
    configure(database, "Suspended")
    countries = CountryService(database)
    created = countries.create(
        CountryInput("BG", statuses=(StatusEntry("Suspended", date(2024, 5, 1)),))
    )
    # Another user's older settings, written straight, dropped it meanwhile.
    from bilatdesk.domain import Setting

    with database.session() as session:
        row = session.get(Setting, "relation_statuses")
        assert row is not None
        row.value = "[]"
    updated = countries.update(
        created.id,
        CountryInput(
            "BG",
            capital="Sofia",
            statuses=(StatusEntry("Suspended", date(2024, 5, 1), "Still closed"),),
        ),
        created.version,
    )
    assert updated.data.statuses[0].status == "Suspended"
    with pytest.raises(ValidationError):
        countries.create(CountryInput("RO", statuses=(StatusEntry("Suspended", date(2024, 1, 1)),)))


def test_damaged_stored_list_reads_as_none(database: Database) -> None:
    """A setting that is not a JSON list of texts reads as no configured status."""
    from bilatdesk.domain import Setting

    with database.session() as session:
        session.add(Setting(key="relation_statuses", value="{not json"))
    assert post_settings(database).relation_statuses == ()
