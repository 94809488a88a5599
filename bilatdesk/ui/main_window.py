"""The main window: areas in a sidebar, one page each, the country scope, menus and settings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from bilatdesk.store.database import Database
from bilatdesk.ui.context import Services
from bilatdesk.ui.dialogs.files import DatabaseFileDialog
from bilatdesk.ui.icons import icon
from bilatdesk.ui.pages import areas
from bilatdesk.ui.pages.list_page import ListPageController, ListPageView
from bilatdesk.ui.pages.placeholder import PlaceholderPage
from bilatdesk.ui.pages.today_page import TodayController, TodayView


class PageController(Protocol):
    """What the main window asks of a page's controller."""

    changed: SignalInstance

    def set_scope(self, country_id: int | None) -> None: ...
    def refresh(self) -> None: ...
    def focus_filter(self) -> None: ...
    def new_record(self) -> None: ...
    def edit_record(self) -> None: ...
    def delete_record(self) -> None: ...


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    icon: str


def settings() -> QSettings:
    """The app's settings; organisation and app are fixed so tests and runs agree."""
    return QSettings("bilatdesk", "bilatdesk")


class MainWindow(QMainWindow):
    """One window over one open database."""

    open_requested = Signal(str)
    """A path the user chose in File › New database… or Open…; the app reopens on it."""

    def __init__(self, db: Database, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.services = Services.over(db)
        self.areas = [
            Area("today", self.tr("Today"), "today"),
            Area("countries", self.tr("Countries"), "countries"),
            Area("people", self.tr("People"), "people"),
            Area("organisations", self.tr("Organisations"), "organisations"),
            Area("engagements", self.tr("Engagements"), "engagements"),
            Area("cables", self.tr("Cables"), "cables"),
            Area("agreements", self.tr("Agreements"), "agreements"),
            Area("visits", self.tr("Visits and briefs"), "visits"),
        ]
        name = Path(db.display_location).name if db.is_sqlite else db.display_location
        self.setWindowTitle(f"bilatdesk — {name}" + (" — DEMO" if demo else ""))
        self.controllers: dict[str, PageController] = {}
        self._build_pages()
        self._build_toolbar()
        self._build_menus()
        location = QLabel(db.display_location)
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(location)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_currentRowChanged)
        self.scope_combo.currentIndexChanged.connect(self._on_scope_combo_currentIndexChanged)
        for controller in self.controllers.values():
            controller.changed.connect(self._on_page_changed)
        self.resize(1200, 760)
        self._restore_settings()

    # -- building -------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.sidebar = QListWidget()
        self.sidebar.setIconSize(QSize(18, 18))
        self.sidebar.setFixedWidth(190)
        self.sidebar.setSpacing(2)
        self.stack = QStackedWidget()
        specs = {
            "countries": areas.country_area,
            "people": areas.person_area,
            "organisations": areas.organisation_area,
            "engagements": areas.engagement_area,
        }
        for area in self.areas:
            QListWidgetItem(icon(area.icon), area.title, self.sidebar)
            page: QWidget
            if area.key == "today":
                page = TodayView()
                self.controllers[area.key] = TodayController(page, self.services, self)
            elif area.key in specs:
                page = ListPageView()
                self.controllers[area.key] = ListPageController(
                    page, specs[area.key](self.services), self
                )
            else:
                page = PlaceholderPage(area.title)
            page.setObjectName(f"page_{area.key}")
            self.stack.addWidget(page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Scope"))
        toolbar.setObjectName("scope_toolbar")
        toolbar.setMovable(False)
        label = QLabel(self.tr("Country:"))
        label.setContentsMargins(6, 0, 6, 0)
        self.scope_combo = QComboBox()
        self.scope_combo.setMinimumContentsLength(24)
        self.scope_combo.setToolTip(self.tr("Narrow every page to one country of accreditation"))
        toolbar.addWidget(label)
        toolbar.addWidget(self.scope_combo)
        self.addToolBar(toolbar)
        self.refresh_scope_choices()

    def _action(self, text: str, slot: object, *shortcuts: QKeySequence | str,
                icon_name: str = "") -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("&New database…"), self._on_new_db_triggered))
        file_menu.addAction(self._action(self.tr("&Open…"), self._on_open_db_triggered,
                                         keys.Open, icon_name="open"))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, keys.Quit))
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.new_action = self._action(self.tr("&New record"), self._on_new_action_triggered,
                                       keys.New, icon_name="new")
        self.edit_action = self._action(self.tr("&Edit record"), self._on_edit_action_triggered,
                                        "Ctrl+E", icon_name="edit")
        self.delete_action = self._action(self.tr("&Delete record"),
                                          self._on_delete_action_triggered, keys.Delete,
                                          icon_name="delete")
        self.find_action = self._action(self.tr("&Find"), self._on_find_action_triggered,
                                        "Ctrl+K", keys.Find, icon_name="find")
        for action in (self.new_action, self.edit_action, self.delete_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for number, area in enumerate(self.areas, start=1):
            view_menu.addAction(self._action(
                area.title, lambda _checked=False, row=number - 1: self.show_area_row(row),
                f"Ctrl+{number}", icon_name=area.icon,
            ))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About bilatdesk"), self._on_about_triggered,
                                         keys.HelpContents))

    # -- scope and areas ------------------------------------------------------------------
    def refresh_scope_choices(self) -> None:
        """Refill the selector from the accredited countries, keeping the choice if it stays."""
        chosen = self.scope()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem(icon("countries"), self.tr("All countries"), None)
        for choice in self.services.countries.choices():
            self.scope_combo.addItem(choice.name, choice.id)
        index = self.scope_combo.findData(chosen) if chosen is not None else 0
        self.scope_combo.setCurrentIndex(max(index, 0))
        self.scope_combo.blockSignals(False)
        if self.scope() != chosen:
            self._apply_scope()

    def scope(self) -> int | None:
        data = self.scope_combo.currentData()
        return data if isinstance(data, int) else None

    def set_scope(self, country_id: int | None) -> None:
        index = self.scope_combo.findData(country_id) if country_id is not None else 0
        self.scope_combo.setCurrentIndex(max(index, 0))

    def _apply_scope(self) -> None:
        for controller in self.controllers.values():
            controller.set_scope(self.scope())

    def current_area(self) -> str:
        return self.areas[max(self.sidebar.currentRow(), 0)].key

    def current_controller(self) -> PageController | None:
        return self.controllers.get(self.current_area())

    def show_area(self, key: str) -> None:
        self.show_area_row(next(i for i, a in enumerate(self.areas) if a.key == key))

    def show_area_row(self, row: int) -> None:
        self.sidebar.setCurrentRow(row)

    # -- slots ----------------------------------------------------------------------------
    def _on_sidebar_currentRowChanged(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        has_page = self.current_controller() is not None
        for action in (self.new_action, self.edit_action, self.delete_action, self.find_action):
            action.setEnabled(has_page)

    def _on_scope_combo_currentIndexChanged(self, _index: int) -> None:
        self._apply_scope()

    def _on_page_changed(self) -> None:
        # Records link across areas (a deleted country empties people's country column,
        # a new engagement belongs on Today), so every page re-reads its first page.
        self.refresh_scope_choices()
        for controller in self.controllers.values():
            controller.refresh()

    def _on_new_action_triggered(self) -> None:
        if (controller := self.current_controller()) is not None:
            controller.new_record()

    def _on_edit_action_triggered(self) -> None:
        if (controller := self.current_controller()) is not None:
            controller.edit_record()

    def _on_delete_action_triggered(self) -> None:
        if (controller := self.current_controller()) is not None:
            controller.delete_record()

    def _on_find_action_triggered(self) -> None:
        if (controller := self.current_controller()) is not None:
            controller.focus_filter()

    def _on_new_db_triggered(self) -> None:
        if (path := DatabaseFileDialog.ask(self, new=True)) is not None:
            self.open_requested.emit(path)

    def _on_open_db_triggered(self) -> None:
        if (path := DatabaseFileDialog.ask(self, new=False)) is not None:
            self.open_requested.emit(path)

    def _on_about_triggered(self) -> None:
        try:
            release = version("bilatdesk")
        except PackageNotFoundError:
            release = self.tr("development build")
        QMessageBox.about(
            self, self.tr("About bilatdesk"),
            self.tr("<h3>bilatdesk %1</h3><p>The relations log of an embassy.</p>"
                    "<p>Database: %2</p>").replace("%1", release)
            .replace("%2", self.db.display_location),
        )

    # -- settings -------------------------------------------------------------------------
    def _scope_key(self) -> str:
        # Country ids belong to one database, so the scope is remembered per database.
        digest = hashlib.sha1(self.db.display_location.encode(), usedforsecurity=False)
        return f"scope/{digest.hexdigest()[:16]}"

    def _restore_settings(self) -> None:
        store = settings()
        geometry = store.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = store.value("main/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        scope = store.value(self._scope_key())
        if scope not in (None, ""):
            self.set_scope(int(str(scope)))
        keys = [a.key for a in self.areas]
        area = str(store.value("main/area", "today"))
        self.show_area_row(keys.index(area) if area in keys else 0)

    def save_settings(self) -> None:
        store = settings()
        store.setValue("main/geometry", self.saveGeometry())
        store.setValue("main/state", self.saveState())
        store.setValue("main/area", self.current_area())
        scope = self.scope()
        store.setValue(self._scope_key(), "" if scope is None else scope)
        store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
