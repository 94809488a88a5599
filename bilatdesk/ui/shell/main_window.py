"""The main window: areas in a sidebar, one page each, the country scope, menus and settings.

It is built in steps so the first paint never waits for the database: `MainWindow()` (no
database) is the chrome alone, cheap enough to show at once, with a calm "Opening …" where the
pages go; `attach(db)` then fills the scope selector, builds the pages (their first queries),
adds the icons and the areas' menus; with `first_page_only` only the current page, the rest
coming from `build_the_rest` once its rows are shown (ui/shell/pages.py). `MainWindow(db)` does
both steps at once. Nothing that loads SQLAlchemy, the services or qtawesome is imported by
this module itself, only inside `attach`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.icons import IconTarget, draw_icons, icon, icons_held
from bilatdesk.ui.kit.settings import settings
from bilatdesk.ui.shell.database_files import DatabaseFileDialog
from bilatdesk.ui.shell.frame import Area, PageController, display_name, scope_key
from bilatdesk.ui.shell.global_search import run_search, search_box
from bilatdesk.ui.shell.pages import build_page, is_stand_in, replace_stand_in, stand_in
from bilatdesk.ui.shell.undo import UndoActions

if TYPE_CHECKING:
    from bilatdesk.services.catalog import Services
    from bilatdesk.store.database import Database
    from bilatdesk.ui.kit.changes import Changes

STATUS_MS = 8000
"""How long a page's sentence ("Saved Ana Kovačević.") stays in the status bar."""


class MainWindow(QMainWindow):
    """One window over one open database."""

    open_requested = Signal(str)
    """A path the user chose in File › Open…; the app reopens on it."""
    create_requested = Signal(str, object)
    """File › New database…: the path and its passphrase (None: not protected)."""
    completed = Signal()
    """Every page, icon and menu of the attached database is built (after `build_the_rest`)."""
    cover: QWidget

    def __init__(
        self,
        db: Database | None = None,
        demo: bool = False,
        parent: QWidget | None = None,
        *,
        location: str = "",
    ) -> None:
        """The chrome over `location` (a path or URL); given `db`, attached at once."""
        super().__init__(parent)
        self.db: Database | None = None
        self.services: Services | None = None
        self.location = db.display_location if db is not None else location
        self.areas = [
            Area("today", self.tr("Today"), "today"),
            Area("countries", self.tr("Countries"), "countries"),
            Area("people", self.tr("People"), "people"),
            Area("organisations", self.tr("Organisations"), "organisations"),
            Area("engagements", self.tr("Engagements"), "engagements"),
            Area("calendar", self.tr("Calendar"), "calendar"),
            Area("cables", self.tr("Cables"), "cables"),
            Area("agreements", self.tr("Agreements"), "agreements"),
            Area("visits", self.tr("Visits and briefs"), "visits"),
        ]
        self.controllers: dict[str, PageController] = {}
        self.viewing_only = False
        """A read-only file or medium: every edit action is off (set on attach)."""
        self._icon_targets: list[tuple[QAction, str]] = []
        self._complete = False
        """Every page, icon and menu is built (`completed` was emitted)."""
        self._rest: list[int] = []
        """Rows of the pages `build_the_rest` has still to build."""
        self._held_icons: list[tuple[IconTarget, str]] = []
        self.setWindowTitle(f"bilatdesk — {display_name(self.location)}")
        self._build_frame()
        self._build_toolbar()
        self._build_menus()
        self.location_label = QLabel(self.location)
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location_label)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_currentRowChanged)
        self.scope_combo.currentIndexChanged.connect(self._on_scope_combo_currentIndexChanged)
        # Sized to the screen it opens on, and put back where it was left on that screen.
        self.window_place = keep_place(self, 1200, 680, name="main")
        self._restore_window_state()
        if db is not None:
            self.attach(db, demo=demo)

    @property
    def attached(self) -> bool:
        return self.db is not None

    def show_opening(self, message: str) -> None:
        """Change the calm line shown where the pages will be (e.g. while the demo is written)."""
        self.opening_label.setText(message)

    def attach(self, db: Database, *, demo: bool = False, first_page_only: bool = False) -> None:
        """Fill the chrome from an open database: scope choices, saved scope, pages, icons.

        `first_page_only` builds only the current page; `build_the_rest` does the rest.
        """
        if self.db is not None:
            raise RuntimeError("this window is already attached to a database")
        from bilatdesk.services.catalog import Services
        from bilatdesk.ui.areas.cables.dialogs import stored_user_name

        self.db = db
        db.actor_source = stored_user_name  # the audit trail names who you said you are
        self.location = db.display_location
        self.services = Services.over(db)
        self.viewing_only = db.read_only
        name = Path(db.display_location).name if db.is_sqlite else db.display_location
        self.setWindowTitle(
            f"bilatdesk — {name}"
            + (" — DEMO" if demo else "")
            + (self.tr(" — Viewing only") if self.viewing_only else "")
        )
        self.location_label.setText(db.display_location)
        self.viewing_banner.setVisible(self.viewing_only)
        self.sidebar.show()
        self.scope_toolbar.show()
        for action in (self.new_db_action, self.open_db_action, self.post_settings_action):
            action.setEnabled(True)
        # The saved scope first, so each page's first query is already narrowed to it.
        self.refresh_scope_choices()
        self.scope_combo.setEnabled(True)
        scope = settings().value(scope_key(self.location))
        if scope not in (None, ""):
            self.set_scope(int(str(scope)))
        self.undo_actions.attach(self.services)
        self.stack.removeWidget(self.cover)
        self.cover.deleteLater()
        for area in self.areas:
            self.stack.addWidget(stand_in(area))
        current = max(self.sidebar.currentRow(), 0)
        self._rest = [row for row in range(len(self.areas)) if row != current]
        with icons_held() as self._held_icons:  # drawn with the window's, after the rows
            self._build_page(current)
        if self.viewing_only:
            self.post_settings_action.setEnabled(False)
        self._on_sidebar_currentRowChanged(self.sidebar.currentRow())
        if not first_page_only:
            while self._rest:
                self._build_page(self._rest.pop(0))
            self._finish()

    def build_the_rest(self) -> None:
        """Build the pages not built yet, one per turn of the event loop, then icons and menus."""
        if not self.attached or self._complete:
            return
        if self._rest:
            self._build_page(self._rest.pop(0))
            QTimer.singleShot(0, self, self.build_the_rest)  # dropped if the window goes
            return
        self._finish()

    def _build_page(self, row: int) -> None:
        """Put the page of `row` in place of its stand-in (once), wired to the window."""
        if self.services is None or not is_stand_in(self.stack.widget(row)):
            return
        if row in self._rest:
            self._rest.remove(row)
        area = self.areas[row]
        page, controller = build_page(area, self.services, self)
        replace_stand_in(self.stack, row, page)
        if controller is None:
            return
        self.controllers[area.key] = controller
        if self.scope() is not None:  # a page starts with every country
            self._scope_page(controller)
        controller.changed.connect(self._on_page_changed)
        said = getattr(controller, "said", None)  # pages that save records say so
        if isinstance(said, SignalInstance):
            said.connect(self._on_page_said)
        set_viewing_only = getattr(controller, "set_viewing_only", None)
        if self.viewing_only and set_viewing_only is not None:
            set_viewing_only(True)

    def _finish(self) -> None:
        """The icons (qtawesome) and the areas' menu entries, once every page is built."""
        from bilatdesk.ui.shell.menus import install_menu_extensions

        for row, area in enumerate(self.areas):
            self.sidebar.item(row).setIcon(icon(area.icon))
        for action, icon_name in self._icon_targets:
            action.setIcon(icon(icon_name))
        self.scope_combo.setItemIcon(0, icon("countries"))
        draw_icons(self._held_icons)
        if self.services is not None:
            install_menu_extensions(self, self.services)
        for menu in (self.import_menu, self.export_menu, self.print_menu, self.tools_menu):
            menu.setEnabled(not menu.isEmpty())
        if self.viewing_only:
            self.import_menu.setEnabled(False)
        self._complete = True
        self.completed.emit()

    def detach(self, cover: QWidget) -> Database | None:
        """Take the records out of the window and show `cover` instead; returns the database.

        The pages, their controllers and the areas' menu entries go (they hold the services
        of this database); the sidebar's row is kept, so `attach` returns to the same page.
        The caller closes the database.
        """
        db = self.db
        if db is not None:
            self.save_settings()
        # Pages first: a page's end disconnects its controller's slots from app-wide relays.
        while (page := self.stack.widget(0)) is not None:
            self.stack.removeWidget(page)
            page.deleteLater()
        for controller in self.controllers.values():
            if isinstance(controller, QObject):
                controller.deleteLater()
        self.controllers.clear()
        for menu in (self.import_menu, self.export_menu, self.print_menu, self.tools_menu):
            for action in menu.actions():
                menu.removeAction(action)
                if action.parent() is self:
                    action.deleteLater()
            menu.setEnabled(False)
        for action in (self.new_action, self.edit_action, self.delete_action, self.find_action):
            action.setEnabled(False)
        self.print_action.setEnabled(False)
        self.scope_combo.setEnabled(False)
        self.scope_combo.clear()
        self.cover = cover
        self.stack.addWidget(cover)
        self.stack.setCurrentWidget(cover)
        self.undo_actions.detach()
        self._rest = []
        self._complete = False
        self.db = None
        self.services = None
        return db

    # -- building -------------------------------------------------------------------------
    def _build_frame(self) -> None:
        self.sidebar = QListWidget()
        self.sidebar.setIconSize(QSize(18, 18))
        self.sidebar.setFixedWidth(190)
        self.sidebar.setSpacing(2)
        for area in self.areas:
            QListWidgetItem(area.title, self.sidebar)
        self.stack = QStackedWidget()
        self.opening_label = QLabel(
            self.tr("Opening %1…").replace("%1", display_name(self.location))
        )
        self.opening_label.setObjectName("opening")
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening_label.setEnabled(False)  # the palette's quiet colour: a calm wait
        self.stack.addWidget(self.opening_label)
        # What the stack shows instead of pages: "Opening …", or the lock screen.
        self.cover = self.opening_label
        self.viewing_banner = QLabel(
            self.tr("Viewing only: this file cannot be written, so nothing can be changed.")
        )
        self.viewing_banner.setObjectName("viewing_banner")
        self.viewing_banner.setContentsMargins(8, 4, 8, 4)
        self.viewing_banner.hide()
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.viewing_banner)
        column.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(right, 1)
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
        self.scope_combo.setEnabled(False)  # filled when the database is attached
        toolbar.addWidget(label)
        toolbar.addWidget(self.scope_combo)
        self.search_box = search_box(self)
        self.search_box.textEdited.connect(self._on_search_box_textEdited)
        toolbar.addSeparator()
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)
        self.scope_toolbar = toolbar

    def _action(
        self,
        text: str,
        slot: object,
        *shortcuts: QKeySequence | QKeySequence.StandardKey | str,
        icon_name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            self._icon_targets.append((action, icon_name))  # drawn on attach (qtawesome)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_db_action = self._action(self.tr("&New database…"), self._on_new_db_triggered)
        self.open_db_action = self._action(
            self.tr("&Open…"), self._on_open_db_triggered, keys.Open, icon_name="open"
        )
        file_menu.addAction(self.new_db_action)
        file_menu.addAction(self.open_db_action)
        file_menu.addSeparator()
        # Filled on attach by the areas' menu installers (ui/menu_extensions.py).
        self.import_menu = file_menu.addMenu(self.tr("&Import"))
        self.export_menu = file_menu.addMenu(self.tr("E&xport"))
        self.print_menu = file_menu.addMenu(self.tr("&Print"))
        for menu in (self.import_menu, self.export_menu, self.print_menu):
            menu.setEnabled(False)
        self.print_action = self._action(
            self.tr("Print &record or page…"),
            self._on_print_action_triggered,
            keys.Print,
            icon_name="print",
        )
        self.print_action.setStatusTip(
            self.tr("The chosen cable, visit's brief or agreements' register; else the page")
        )
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        # The shell's protection entries (passphrase, backups) go before this separator.
        self.file_menu = file_menu
        self.file_menu_anchor = file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, keys.Quit))
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.new_action = self._action(
            self.tr("&New record"), self._on_new_action_triggered, keys.New, icon_name="new"
        )
        self.edit_action = self._action(
            self.tr("&Edit record"), self._on_edit_action_triggered, "Ctrl+E", icon_name="edit"
        )
        self.delete_action = self._action(
            self.tr("&Delete record"),
            self._on_delete_action_triggered,
            keys.Delete,
            icon_name="delete",
        )
        self.find_action = self._action(
            self.tr("&Find in page"), self._on_find_action_triggered, keys.Find, icon_name="find"
        )
        self.search_action = self._action(
            self.tr("Find &anything…"), self._on_search_action_triggered, "Ctrl+K"
        )
        self.post_settings_action = self._action(
            self.tr("&Post settings…"), self._on_post_settings_triggered, icon_name="settings"
        )
        for action in (
            self.new_db_action,
            self.open_db_action,
            self.new_action,
            self.edit_action,
            self.delete_action,
            self.find_action,
            self.post_settings_action,
            self.print_action,
        ):
            action.setEnabled(False)  # until a database is attached
        for action in (self.new_action, self.edit_action, self.delete_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.search_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.post_settings_action)
        self.undo_actions = UndoActions(self, edit_menu)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.view_menu = view_menu
        for number, area in enumerate(self.areas, start=1):
            view_menu.addAction(
                self._action(
                    area.title,
                    lambda _checked=False, row=number - 1: self.show_area_row(row),
                    f"Ctrl+{number}",
                    icon_name=area.icon,
                )
            )
        view_menu.addSeparator()
        self.tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        self.tools_menu.setEnabled(False)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(self.tr("&User guide"), self._on_guide_triggered, keys.HelpContents)
        )
        help_menu.addAction(self._action(self.tr("&About bilatdesk"), self._on_about_triggered))

    # -- scope and areas ------------------------------------------------------------------
    def refresh_scope_choices(self) -> None:
        """Refill the selector from the accredited countries, keeping the choice if it stays."""
        if self.services is None:
            return
        chosen = self.scope()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem(self.tr("All countries"), None)
        if self._complete:  # else drawn with the other icons, after the first rows
            self.scope_combo.setItemIcon(0, icon("countries"))
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
            self._scope_page(controller)

    def _scope_page(self, controller: PageController) -> None:
        from bilatdesk.ui.kit.list_page import ListPageController

        name = self.scope_combo.currentText() if self.scope() is not None else ""
        if isinstance(controller, ListPageController):
            controller.set_scope(self.scope(), name)  # an empty list names the country
        else:
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
        if not self.attached:
            return  # the row is kept; attach shows its page
        self._build_page(row)  # at once when the user comes before its turn
        self.stack.setCurrentIndex(row)
        has_page = self.current_controller() is not None
        for action in (self.new_action, self.edit_action, self.delete_action):
            action.setEnabled(has_page and not self.viewing_only)
        self.find_action.setEnabled(has_page)
        self.print_action.setEnabled(True)

    def _on_scope_combo_currentIndexChanged(self, _index: int) -> None:
        self._apply_scope()

    def refresh_for(self, changed: Changes) -> None:
        """The pages showing any of the kinds that changed re-read their first page.

        Records link across areas (a deleted country empties people's country column, a new
        engagement belongs on Today), so a page says every kind its rows show, and only the
        pages showing a changed kind pay for a query.
        """
        from bilatdesk.ui.kit.changes import Kind

        if Kind.COUNTRIES in changed:
            self.refresh_scope_choices()
        for controller in self.controllers.values():
            if controller.shows & changed:
                controller.refresh()

    def _on_page_said(self, sentence: str) -> None:
        self.statusBar().showMessage(sentence, STATUS_MS)

    def _on_page_changed(self, changed: object) -> None:
        from bilatdesk.ui.kit.changes import EVERYTHING

        self.refresh_for(changed if isinstance(changed, frozenset) else EVERYTHING)

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

    def _on_print_action_triggered(self) -> None:
        from bilatdesk.ui.shell.printing import print_current

        title = self.areas[max(self.sidebar.currentRow(), 0)].title
        scope = self.scope_combo.currentText() if self.scope() is not None else ""
        heading = f"{title} — {scope}" if scope else title
        print_current(self, self.stack.currentWidget(), self.current_controller(), heading)

    def _on_guide_triggered(self) -> None:
        from bilatdesk.ui.shell.help import HelpWindow

        self.guide = HelpWindow.show_guide(self)

    def _on_search_action_triggered(self) -> None:
        run_search(self, self)

    def _on_search_box_textEdited(self, text: str) -> None:
        self.search_box.clear()
        run_search(self, self, text)

    def _on_new_db_triggered(self) -> None:
        from bilatdesk.ui.kit.passphrase import NewPassphraseDialog

        if (path := DatabaseFileDialog.ask(self, new=True)) is None:
            return
        choice = NewPassphraseDialog.ask(self, self.tr("New database"), optional=True)
        if choice is not None:
            self.create_requested.emit(path, choice.passphrase)

    def _on_open_db_triggered(self) -> None:
        if (path := DatabaseFileDialog.ask(self, new=False)) is not None:
            self.open_requested.emit(path)

    def _on_post_settings_triggered(self) -> None:
        from bilatdesk.ui.shell.post_settings import PostSettingsDialog

        if self.services is not None:
            PostSettingsDialog.ask(self, self.services)

    def _on_about_triggered(self) -> None:
        from bilatdesk.ui.shell.help import show_about

        show_about(self, self.location)

    # -- settings -------------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        store = settings()
        state = store.value("main/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        keys = [a.key for a in self.areas]
        area = str(store.value("main/area", "today"))
        self.show_area_row(keys.index(area) if area in keys else 0)

    def save_settings(self) -> None:
        if self.isVisible():
            self.window_place.remember()
        store = settings()
        store.setValue("main/state", self.saveState())
        store.setValue("main/area", self.current_area())
        if self.attached:  # the scope belongs to a database; a window still opening has none
            scope = self.scope()
            store.setValue(scope_key(self.location), "" if scope is None else scope)
        store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
