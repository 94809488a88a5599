"""The lazy table model: keyset pages, SQL sorting and filtering, and Qt's model contract."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from bilatdesk.services.catalog import Services
from bilatdesk.ui.models.columns import (
    COL_PERSON_NAME,
    COL_PERSON_POSTS,
    country_columns,
    engagement_columns,
    organisation_columns,
    person_columns,
)
from bilatdesk.ui.models.paged_model import ID_ROLE, PagedTableModel
from tests.ui.conftest import add_people


def test_every_area_model_passes_the_model_tester(
    populated: Services, qtmodeltester: ModelTester
) -> None:
    """Each area's model keeps Qt's model contract on real rows."""
    for fetch, columns in [
        (populated.countries.list, country_columns()),
        (populated.people.list, person_columns()),
        (populated.organisations.list, organisation_columns()),
        (populated.engagements.list, engagement_columns()),
    ]:
        model = PagedTableModel(fetch, columns)
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_model_fetches_pages_lazily(services: Services, qtmodeltester: ModelTester) -> None:
    """With more than two pages, the model starts with one page and grows with fetchMore."""
    add_people(services, 12)
    model = PagedTableModel(services.people.list, person_columns(), page_size=5, sort="name")
    assert model.rowCount() == 5
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 10
    qtmodeltester.check(model)
    model.fetchMore()
    assert model.rowCount() == 12
    assert not model.canFetchMore()
    names = [model.index(r, COL_PERSON_NAME).data() for r in range(12)]
    assert names == [f"Person {n:03d}" for n in range(12)]
    assert len({model.index(r, 0).data(ID_ROLE) for r in range(12)}) == 12


def test_sorting_a_column_requeries_in_sql(services: Services, qtmodeltester: ModelTester) -> None:
    """Sorting descending starts from the last record of the whole table, not of the page."""
    add_people(services, 12)
    model = PagedTableModel(services.people.list, person_columns(), page_size=5, sort="name")
    model.sort(COL_PERSON_NAME, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 5
    assert model.index(0, COL_PERSON_NAME).data() == "Person 011"
    model.fetchMore()
    assert model.index(9, COL_PERSON_NAME).data() == "Person 002"
    qtmodeltester.check(model)
    model.sort(COL_PERSON_POSTS, Qt.SortOrder.AscendingOrder)  # no sort key: order kept
    assert model.index(0, COL_PERSON_NAME).data() == "Person 011"
    assert model.query.descending


def test_filter_and_scope_narrow_the_rows(populated: Services) -> None:
    """Filter text and country scope re-query; clearing them brings every row back."""
    model = PagedTableModel(populated.people.list, person_columns())
    assert model.rowCount() == 5
    model.set_filter_text("hofstatter")  # accents folded by the search index
    assert [model.index(0, COL_PERSON_NAME).data()] == ["Lukas Hofstätter"]
    model.set_filter_text("")
    jordan = populated.countries.by_code("JO")
    assert jordan is not None
    model.set_scope(jordan.id)
    assert model.rowCount() == 3
    model.set_scope(None)
    assert model.rowCount() == 5


def test_engagement_start_shows_in_its_own_zone(populated: Services) -> None:
    """An engagement's start is shown in its own time zone with the zone's abbreviation."""
    model = PagedTableModel(populated.engagements.list, engagement_columns(), sort="title")
    old = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Old talks")
    # 08:00 UTC on 4 May 2020 is 08:00 UTC in the default zone "UTC".
    assert model.index(old, 0).data().endswith("08:00 UTC")
    assert "2020" in model.index(old, 0).data()
