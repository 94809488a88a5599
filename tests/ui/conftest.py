"""UI fixtures: a populated temporary database, its services, and settings kept in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from bilatdesk.domain.enums import EngagementKind, OrganisationKind, Side
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.service import EngagementInput, ParticipantInput
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.services.people.service import MembershipInput, PersonInput
from bilatdesk.store.database import Database
from bilatdesk.ui.kit.background import pool
from bilatdesk.ui.kit.collector import install_collector

if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    # Qt's offscreen screen is 800x800 unless told; the windows are sized to their screen, so
    # the tests run on a laptop's 1280x800, as the real-screen test does under Xvfb.
    _screens = Path(tempfile.mkdtemp(prefix="bilatdesk-screen-")) / "screens.json"
    _screens.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800}]})
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screens}"


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> Iterator[Path]:
    """QSettings of each test live in its own folder, never in the real home."""
    folder = tmp_path / "settings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder


COLLECT_BETWEEN_TESTS_ONLY_MS = 24 * 3600 * 1000


@pytest.fixture(autouse=True)
def gui_thread_collector(qapp: QApplication) -> Iterator[None]:
    """Cyclic garbage is collected on the GUI thread, as in the application (ui/kit/collector)."""
    collector = install_collector(qapp)
    # Not during the test: a dialog the test let go of would be collected before pytest-qt
    # closes and deletes it, its model emptied while its view still asked it for data.
    collector.timer.setInterval(COLLECT_BETWEEN_TESTS_ONLY_MS)
    yield
    pool().waitForDone(30_000)
    # pytest-qt closed the test's widgets with deleteLater, which processEvents never runs:
    # delete them now, whole, before the collector empties their Python side (a dialog
    # deleted later, in the next test's event loop, asked a model with no attributes left).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector.collect_due()


@pytest.fixture
def db(tmp_path: Path, _sqlite_template: Path) -> Iterator[Database]:
    """An empty, migrated database file (a copy of the one migrated once per run)."""
    target = tmp_path / "t.sqlite"
    shutil.copyfile(_sqlite_template, target)
    database = Database.open(target)
    yield database
    # Background renders finish and open editors are forgotten before the database closes.
    from bilatdesk.ui.areas.cables.editor import CableEditor

    pool().waitForDone(30_000)
    CableEditor._open_editors.clear()
    database.close()


@pytest.fixture
def services(db: Database) -> Services:
    return Services.over(db)


@pytest.fixture
def populated(services: Services) -> Services:
    """Two countries, with organisations, people holding posts, and engagements in each."""
    at = services.countries.create(CountryInput("AT", "Austria")).id
    jo = services.countries.create(CountryInput("JO", "Jordan")).id
    services.countries.create(CountryInput("FR", "France", accredited=False))
    mfa_at = services.organisations.create(
        OrganisationInput(
            "Federal Ministry for European and International Affairs",
            OrganisationKind.MINISTRY,
            "BMEIA",
            country_id=at,
        )
    ).id
    mfa_jo = services.organisations.create(
        OrganisationInput("Ministry of Foreign Affairs", OrganisationKind.MINISTRY, country_id=jo)
    ).id
    people = [
        ("Lukas", "Hofstätter", at, mfa_at),
        ("Anna", "Berger", at, mfa_at),
        ("Omar", "Al-Khatib", jo, mfa_jo),
        ("Rana", "Al-Abbadi", jo, mfa_jo),
        ("Dina", "Masri", jo, None),
    ]
    ids = []
    for given, family, country, org in people:
        ids.append(
            services.people.create(
                PersonInput(
                    given_name=given,
                    family_name=family,
                    country_id=country,
                    memberships=(MembershipInput("Director", org, date(2020, 1, 1)),),
                )
            ).id
        )
    soon = datetime.now(UTC) + timedelta(days=2)
    for n, country in enumerate([at, jo, jo]):
        services.engagements.create(
            EngagementInput(
                f"Meeting {n}",
                soon + timedelta(hours=n),
                kind=EngagementKind.COURTESY_CALL,
                time_zone="Europe/Vienna",
                country_id=country,
                participants=(
                    ParticipantInput(ids[0], side=Side.THEIRS),
                    ParticipantInput(None, "Interpreter", Side.OURS),
                ),
            )
        )
    services.engagements.create(
        EngagementInput("Old talks", datetime(2020, 5, 4, 8, tzinfo=UTC), country_id=at)
    )
    return services


def add_people(services: Services, count: int, prefix: str = "Person") -> None:
    """Many people with sortable names, for paging tests."""
    for n in range(count):
        services.people.create(PersonInput(given_name=prefix, family_name=f"{n:03d}"))
