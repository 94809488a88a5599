"""The catalogue: every service both faces call, over one database, and Today's sources."""

from __future__ import annotations

from datetime import UTC, date
from functools import cached_property

from bilatdesk.services.catalog import Services, today_sources
from bilatdesk.services.kernel.settings import PostSettings
from bilatdesk.services.today.reminders import ReminderService
from bilatdesk.store.database import Database
from tests.services.today.test_reminders import BUILT_IN_SECTIONS

TODAY = date(2026, 11, 22)


def test_every_service_is_built_over_the_one_database(database: Database) -> None:
    """Each service the catalogue names exists, once, and works on the database it was given."""
    services = Services.over(database)
    names = [name for name, kind in vars(Services).items() if isinstance(kind, cached_property)]
    assert len(names) >= 26
    for name in names:
        assert getattr(services, name).db is database, name
        assert getattr(services, name) is getattr(services, name), name
    assert services.display_location == database.display_location
    assert services.people.undo is services.undo is services.engagements.undo


def test_settings_are_read_and_written_through_the_catalogue(database: Database) -> None:
    """The post's settings start at their defaults, and what is saved is read back."""
    services = Services.over(database)
    assert services.settings.post() == PostSettings()
    assert not services.settings.is_demo()
    saved = services.settings.save_post(PostSettings("vie", "EMBASSY VIENNA"))
    assert saved.code == "VIE"
    assert Services.over(database).settings.post() == saved


def test_todays_sections_are_the_built_in_set(database: Database) -> None:
    """The catalogue's Today has the built-in sections, in order, and reads them all."""
    services = Services.over(database)
    assert [s.key for s in services.reminders.sources] == BUILT_IN_SECTIONS
    assert [s.key for s in today_sources()] == BUILT_IN_SECTIONS
    sections = services.reminders.sections(TODAY, zone=UTC)
    assert [s.key for s in sections] == BUILT_IN_SECTIONS
    assert all(not s.reminders for s in sections)


def test_each_catalogue_has_its_own_reminders(database: Database) -> None:
    """A source registered with one catalogue's Today does not leak into another's."""
    first, second = Services.over(database), Services.over(database)
    assert first.reminders is not second.reminders
    assert isinstance(first.reminders, ReminderService)
    first.reminders.register(today_sources()[0])
    assert len(second.reminders.sources) == len(BUILT_IN_SECTIONS)
