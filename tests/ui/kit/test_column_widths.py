"""Lists show the text: the title takes the spare width, the rest their content, widths kept."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.ui.kit.column_widths import LEAST, OTHERS_SHARE, ColumnWidths, _share
from bilatdesk.ui.kit.list_page import ListPageController, ListPageView
from bilatdesk.ui.models.columns import COL_ENG_PLACE, COL_ENG_TITLE
from bilatdesk.ui.models.paged_model import PagedTableModel
from bilatdesk.ui.shell import areas

LONG = "Courtesy call on the new Director-General for Cultural Affairs and Public Diplomacy"


def engagements_page(qtbot: QtBot, services: Services) -> ListPageController:
    view = ListPageView()
    view.setObjectName("page_engagements")
    qtbot.addWidget(view)
    controller = ListPageController(view, areas.engagement_area(services))
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    return controller


def test_the_title_takes_the_spare_width_and_tells_the_rest(
    qtbot: QtBot, populated: Services
) -> None:
    """The title column stretches and is the widest; its full text is in the tooltip."""
    from datetime import UTC, datetime

    populated.engagements.create(EngagementInput(LONG, datetime(2026, 5, 4, 8, tzinfo=UTC)))
    controller = engagements_page(qtbot, populated)
    table = controller.view.table
    header = table.horizontalHeader()
    assert header.sectionResizeMode(COL_ENG_TITLE) == QHeaderView.ResizeMode.Stretch
    others = sum(header.sectionSize(c) for c in range(header.count()) if c != COL_ENG_TITLE)
    assert others <= table.viewport().width() * OTHERS_SHARE + header.count() * 2
    assert header.sectionSize(COL_ENG_TITLE) == max(
        header.sectionSize(c) for c in range(header.count())
    )
    model = table.model()
    assert isinstance(model, PagedTableModel)
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_ENG_TITLE).data() == LONG)
    assert model.index(row, COL_ENG_TITLE).data(3) == LONG  # Qt.ToolTipRole


def test_widths_the_user_drags_are_remembered_per_list(qtbot: QtBot, populated: Services) -> None:
    """A column dragged wider keeps its width when the list opens again."""
    controller = engagements_page(qtbot, populated)
    controller.view.table.horizontalHeader().resizeSection(COL_ENG_PLACE, 211)
    again = engagements_page(qtbot, populated)
    assert again.view.table.horizontalHeader().sectionSize(COL_ENG_PLACE) == 211
    assert again.column_widths.key() == "columns/page_engagements"


def test_sharing_narrows_the_widest_most() -> None:
    """Columns over their share shrink in proportion, never below the least width."""
    widths = {0: 400, 1: 100, 2: 60}
    _share(widths, 280)
    assert sum(widths.values()) <= 280 + LEAST and widths[0] > widths[1] >= LEAST
    assert 400 - widths[0] > 100 - widths[1]


def test_a_table_without_a_page_name_keys_by_its_class(qtbot: QtBot) -> None:
    """A table outside any named page still has a key of its own."""
    from PySide6.QtWidgets import QTableView

    table = QTableView()
    qtbot.addWidget(table)
    assert ColumnWidths(table, 0).key() == "columns/QTableView"
    assert ColumnWidths(table, 0, "today").key() == "columns/today"
