"""Lists show the text: the title takes the spare width, the rest their content, widths kept."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QHeaderView, QStyle, QTableView
from pytestqt.qtbot import QtBot

from bilatdesk.domain.enums import EngagementKind, Formality
from bilatdesk.services.catalog import Services
from bilatdesk.services.countries.service import CountryInput
from bilatdesk.services.engagements.service import EngagementInput
from bilatdesk.store.database import Database
from bilatdesk.ui.kit.column_widths import LEAST, OTHERS_SHARE, ColumnWidths, _share
from bilatdesk.ui.kit.list_page import ListPageController, ListPageView
from bilatdesk.ui.models.columns import COL_ENG_PLACE, COL_ENG_START, COL_ENG_TITLE
from bilatdesk.ui.models.paged_model import PagedTableModel
from bilatdesk.ui.shell import areas
from bilatdesk.ui.shell.main_window import MainWindow

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


def _not_elided(table: QTableView, column: int) -> list[str]:
    """The texts of `column` that its width would cut (none when every row shows whole)."""
    model = table.model()
    width = table.horizontalHeader().sectionSize(column)
    margins = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    metrics = table.fontMetrics()
    texts = [str(model.index(row, column).data()) for row in range(model.rowCount())]
    return [text for text in texts if metrics.horizontalAdvance(text) + margins > width]


def test_engagement_starts_show_whole_in_a_1280_by_800_window(
    qtbot: QtBot, services: Services, db: Database
) -> None:
    """The Starts column takes its text's width however wide the other columns' contents are;
    a later row with a longer start widens it too. The title keeps the spare width."""
    bosnia = services.countries.create(CountryInput("BA", "Bosnia and Herzegovina")).id
    services.engagements.create(
        EngagementInput(
            "Talks",
            datetime(2026, 9, 30, 21, 45, tzinfo=UTC),
            kind=EngagementKind.NEGOTIATION_ROUND,
            time_zone="Asia/Kathmandu",  # "Thu 1 Oct 2026 03:30 +0545"
            country_id=bosnia,
            place="Ministry of Foreign Affairs, Trg Bosne i Hercegovine 1, Sarajevo",
            formality=Formality.OFF_THE_RECORD,
            classification="C",
        )
    )
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.resize(1280, 800)
    qtbot.waitExposed(window)
    window.show_area("engagements")
    controller = window.controllers["engagements"]
    assert isinstance(controller, ListPageController)
    table = controller.view.table
    assert table.model().rowCount() == 1
    assert _not_elided(table, COL_ENG_START) == []
    assert _not_elided(table, COL_ENG_TITLE) == []  # the short title has the spare width
    services.engagements.create(
        EngagementInput(
            "Working lunch",
            datetime(2026, 11, 25, 20, 45, tzinfo=UTC),
            time_zone="Pacific/Chatham",  # a longer start: "Thu 26 Nov 2026 10:30 +1345"
            country_id=bosnia,
        )
    )
    controller.refresh()
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    assert _not_elided(table, COL_ENG_START) == []


def test_short_titles_leave_their_room_to_the_other_columns(
    qtbot: QtBot, populated: Services
) -> None:
    """With titles shorter than their share, the kind, place and marking show whole."""
    for hour in range(3):
        populated.engagements.create(
            EngagementInput(
                "Talks",
                datetime(2026, 5, 4, 8 + hour, tzinfo=UTC),
                kind=EngagementKind.BILATERAL_MEETING,
                formality=Formality.OFF_THE_RECORD,
                place="Alexander Zhendov 2, Sofia",
            )
        )
    controller = engagements_page(qtbot, populated)
    table = controller.view.table
    header = table.horizontalHeader()
    for column in range(header.count()):
        if column != COL_ENG_TITLE and not header.isSectionHidden(column):
            assert _not_elided(table, column) == [], header.model().headerData(column, 1)
