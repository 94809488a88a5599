"""Today, the home page: every section of the reminders service, each row opening its record.

The page knows no area: it walks `ReminderService.sections()` and lays out one compact list
per section, in the order the sources were registered. Opening a row goes through
`TodayController.openers`, keyed by the kind of record, which an area may extend as it
registers a source of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QEvent, QLocale, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.agreement_rules import NOTICE_WARNING_DAYS
from bilatdesk.services.catalog import Services
from bilatdesk.services.today.reminders import (
    URGENCY_NOW,
    Reminder,
    ReminderSection,
    ReminderService,
)
from bilatdesk.ui.areas.cables.dialogs import stored_user_name
from bilatdesk.ui.areas.cables.events import cable_events, connect_while_alive
from bilatdesk.ui.areas.cables.launch import open_cable
from bilatdesk.ui.areas.today.model import (
    COL_REM_COUNTRY,
    COL_REM_DAY,
    COL_REM_DETAIL,
    COL_REM_TITLE,
    COL_REM_WHEN,
    ReminderModel,
)
from bilatdesk.ui.kit.changes import EVERYTHING, Changes, Kind, saving
from bilatdesk.ui.kit.formatting import local_zone_name
from bilatdesk.ui.kit.texts import tr

MAX_VISIBLE_ROWS = 10
"""A section shows this many rows before its list scrolls: every section stays in reach."""

Opener = Callable[[QWidget, Services, Reminder, int | None], bool]
"""Opens a reminder's record; True when something was saved (the page then re-reads)."""

_EMPTY = {
    "engagements": "No engagement in the next 7 days.",
    "commitments": "No commitment overdue or due within 14 days.",
    "cables": "No cable is waiting for clearance or dispatch.",
    "agreements": f"No notice deadline or expiry in the next {NOTICE_WARNING_DAYS} days.",
    "national_days": "No national day in the next 30 days.",
    "birthdays": "No birthday in the next 30 days.",
    "credentials": "No credentials anniversary in the next 30 days.",
}


def quiet(label: QLabel, palette: QPalette) -> None:
    """Text that informs without asking for attention: italic, between text and background.

    A disabled label would do on dark palettes but fades to near-invisible on light ones.
    """
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    palette = QPalette(palette)
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    mixed = QColor(
        (text.red() * 3 + back.red() * 2) // 5,
        (text.green() * 3 + back.green() * 2) // 5,
        (text.blue() * 3 + back.blue() * 2) // 5,
    )
    palette.setColor(QPalette.ColorRole.WindowText, mixed)
    label.setPalette(palette)


class ReminderTable(QTableView):
    """A compact list: no header, whole rows, Enter (or a double-click) opens the row."""

    opened = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.doubleClicked.connect(self.opened)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def fit_rows(self) -> None:
        """As tall as its rows, up to MAX_VISIBLE_ROWS; the page scrolls, not each list."""
        rows = min(self.model().rowCount(), MAX_VISIBLE_ROWS) if self.model() else 0
        height = rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth()
        self.setFixedHeight(max(height, 0))


class SectionPanel(QWidget):
    """One section: a heading with its count, the list, a quiet line when empty, and how many
    more there are beyond those shown."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.empty = QLabel()
        self.model = ReminderModel(self)
        self.table = ReminderTable()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for column in (COL_REM_DAY, COL_REM_WHEN, COL_REM_COUNTRY, COL_REM_DETAIL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        # The subject takes the spare width; the details their own, the rest in the tooltip.
        header.setSectionResizeMode(COL_REM_TITLE, QHeaderView.ResizeMode.Stretch)
        self.more = QLabel()
        self._quiet_labels()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.empty, 1)
        # As tall as the content: the page's closing stretch takes the rest, never a gap here.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.more)

    def _quiet_labels(self) -> None:
        for label in (self.empty, self.more):
            quiet(label, self.palette())

    def changeEvent(self, event: QEvent) -> None:
        # A palette switched while the app runs (light to dark) re-mixes the quiet colour.
        if event.type() == QEvent.Type.PaletteChange:
            self._quiet_labels()
        super().changeEvent(event)

    def show_section(self, section: ReminderSection, today: date) -> None:
        heading = tr(section.heading)
        count = len(section.reminders) + section.more
        counted = QLocale().toString(count) + ("" if section.more_exact else "+")
        self.heading.setText(f"{heading} ({counted})" if count else heading)
        self.table.setAccessibleName(heading)
        self.model.set_reminders(section.reminders, today)
        self.table.fit_rows()
        self.table.setVisible(bool(section.reminders))
        self.empty.setText(tr(_EMPTY.get(section.key, "Nothing at present.")))
        self.empty.setVisible(not section.reminders and section.more_exact)
        more = QLocale().toString(section.more)
        if section.more_exact:
            self.more.setText(tr("… and %1 more, not shown here").replace("%1", more))
        elif section.more:
            self.more.setText(tr("… and at least %1 more, not shown here").replace("%1", more))
        else:
            self.more.setText(tr("… and perhaps more, not shown here"))
        self.more.setVisible(section.more > 0 or not section.more_exact)


class TodayView(QWidget):
    """A heading with today's date and what needs attention, then one panel per section."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setTextFormat(Qt.TextFormat.PlainText)
        self.panels: dict[str, SectionPanel] = {}
        self.body = QWidget()
        self.body.setObjectName("today_body")
        self.sections_layout = QVBoxLayout(self.body)
        self.sections_layout.setContentsMargins(12, 8, 12, 12)
        self.sections_layout.setSpacing(6)
        self.sections_layout.addWidget(self.heading)
        self.sections_layout.addWidget(self.subheading)
        self.sections_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def panel(self, key: str) -> SectionPanel:
        """The panel of a section, made on first use, in the order sections first arrive."""
        if key not in self.panels:
            panel = SectionPanel(key)
            self.sections_layout.insertWidget(self.sections_layout.count() - 1, panel)
            self.panels[key] = panel
        return self.panels[key]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.align_columns()  # the details' share follows the width

    def align_columns(self) -> None:
        """The same widths for day, when and country in every section: one agenda to read."""
        tables = [p.table for p in self.panels.values() if p.model.rowCount()]
        for column in (COL_REM_DAY, COL_REM_WHEN, COL_REM_COUNTRY):
            width = max((t.sizeHintForColumn(column) for t in tables), default=0)
            for table in tables:
                table.setColumnWidth(column, min(width + 12, 260))
        for table in tables:
            # Details give way to the subject: a fifth of the width at most.
            detail = table.sizeHintForColumn(COL_REM_DETAIL) + 12
            table.setColumnWidth(COL_REM_DETAIL, min(detail, max(table.width() // 5, 120)))


# The forms are imported when a row is first opened: the page shows before any form loads.
def _open_engagement(parent: QWidget, services: Services, r: Reminder, scope: int | None) -> bool:
    from bilatdesk.ui.areas.engagements.form import EngagementForm

    record = r.context if r.record.kind == "commitment" and r.context else r.record
    return EngagementForm.ask(parent, services, record.id, scope) is not None


def _open_agreement(parent: QWidget, services: Services, r: Reminder, scope: int | None) -> bool:
    from bilatdesk.ui.areas.agreements.form import AgreementForm

    return AgreementForm.ask(parent, services, r.record.id, scope) is not None


def _open_person(parent: QWidget, services: Services, r: Reminder, scope: int | None) -> bool:
    from bilatdesk.ui.areas.people.form import PersonForm

    return PersonForm.ask(parent, services, r.record.id, scope) is not None


def _open_country(parent: QWidget, services: Services, r: Reminder, scope: int | None) -> bool:
    from bilatdesk.ui.areas.countries.form import CountryForm

    return CountryForm.ask(parent, services, r.record.id, scope) is not None


def _open_cable(parent: QWidget, services: Services, r: Reminder, _scope: int | None) -> bool:
    # The editor is a window of its own; its moves come back through cable_events.
    open_cable(parent.window(), services, r.record.id)
    return False


def default_openers() -> dict[str, Opener]:
    return {
        "engagement": _open_engagement,
        "commitment": _open_engagement,  # a commitment lives in the engagement that made it
        "agreement": _open_agreement,
        "person": _open_person,
        "country": _open_country,
        "cable": _open_cable,
    }


OPENED_KINDS: dict[str, Kind] = {
    "engagement": Kind.ENGAGEMENTS,
    "commitment": Kind.ENGAGEMENTS,  # opened in its engagement's form
    "agreement": Kind.AGREEMENTS,
    "person": Kind.PEOPLE,
    "country": Kind.COUNTRIES,
    "cable": Kind.CABLES,
}
"""Which kind of record a reminder's opener saves."""


class TodayController(QObject):
    """Reads every section in one go (scope and date), fills the panels, opens records."""

    changed = Signal(object)
    """The kinds a record opened from here changed (`Changes`)."""
    shows: Changes = EVERYTHING - {Kind.TAGS}
    """Reminders come from every kind of record, and the user's name from the settings."""

    def __init__(
        self,
        view: TodayView,
        services: Services,
        parent: QObject | None = None,
        reminders: ReminderService | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.services = services
        self.reminders = reminders or services.reminders
        self.openers: dict[str, Opener] = default_openers()
        self.sections: list[ReminderSection] = []
        self._scope: int | None = None
        self._pinned_day: date | None = None
        self._zone = ZoneInfo(local_zone_name())
        self._shown_day: date | None = None
        self._wired: set[str] = set()
        connect_while_alive(cable_events().moved, self._on_cable_moved, view)
        # Left open overnight, the page moves on to the new day by itself.
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()
        self.refresh()

    # -- reading --------------------------------------------------------------------------
    def today(self) -> date:
        return self._pinned_day or datetime.now(self._zone).date()

    def set_today(self, day: date | None) -> None:
        """Show another day (tests, and a look ahead); None follows the clock again."""
        self._pinned_day = day
        self.refresh()

    def section(self, key: str) -> SectionPanel:
        return self.view.panels[key]

    @property
    def model(self) -> ReminderModel:
        """The first section's rows (the coming engagements), as other pages have `model`."""
        return next(iter(self.view.panels.values())).model

    def refresh(self) -> None:
        day = self.today()
        self._shown_day = day
        self.sections = self.reminders.sections(
            day, self._scope, user=stored_user_name(), zone=self._zone
        )
        for section in self.sections:
            panel = self.view.panel(section.key)
            if section.key not in self._wired:
                panel.table.opened.connect(self._on_table_opened)
                self._wired.add(section.key)
            panel.show_section(section, day)
        self.view.align_columns()
        self._show_heading(day)

    def _show_heading(self, day: date) -> None:
        long_day = QLocale().toString(QDate(day.year, day.month, day.day), "dddd d MMMM yyyy")
        self.view.heading.setText(self.tr("Today, %1").replace("%1", long_day))
        now = sum(1 for s in self.sections for r in s.reminders if r.urgency >= URGENCY_NOW)
        total = sum(len(s.reminders) + s.more for s in self.sections)
        if total == 0:
            text = self.tr("Nothing needs attention.")
        elif now == 0:
            text = self.tr("Nothing is due today; %1 coming up.").replace(
                "%1", QLocale().toString(total)
            )
        else:
            text = (
                self.tr("%1 due today or overdue; %2 in all.")
                .replace("%1", QLocale().toString(now))
                .replace("%2", QLocale().toString(total))
            )
        self.view.subheading.setText(text)

    # -- opening --------------------------------------------------------------------------
    def open_reminder(self, reminder: Reminder) -> None:
        opener = self.openers.get(reminder.record.kind)
        if opener is not None and opener(self.view, self.services, reminder, self._scope):
            self.refresh()
            kind = OPENED_KINDS.get(reminder.record.kind)
            self.changed.emit(saving(kind) if kind is not None else EVERYTHING)

    def _on_table_opened(self, index: QModelIndex) -> None:
        model = index.model()
        if isinstance(model, ReminderModel) and (found := model.reminder(index.row())):
            self.open_reminder(found)

    # -- slots ------------------------------------------------------------------------------
    def _on_cable_moved(self, _cable_id: int) -> None:
        self.refresh()

    def _on_clock_timeout(self) -> None:
        if self._pinned_day is None and self.today() != self._shown_day:
            self.refresh()

    # -- what the main window asks of a page ---------------------------------------------
    def set_scope(self, country_id: int | None) -> None:
        if country_id != self._scope:
            self._scope = country_id
            self.refresh()

    def focus_filter(self) -> None:
        """Today has no filter: the first list with rows takes the keyboard."""
        for panel in self.view.panels.values():
            if panel.model.rowCount():
                panel.table.setFocus()
                if not panel.table.currentIndex().isValid():
                    panel.table.setCurrentIndex(panel.model.index(0, 0))
                return

    def new_record(self) -> None:
        from bilatdesk.ui.areas.engagements.form import EngagementForm

        if EngagementForm.ask(self.view, self.services, None, self._scope) is not None:
            self.refresh()
            self.changed.emit(saving(Kind.ENGAGEMENTS))

    def edit_record(self) -> None:
        """Open the selected row of the list that has the keyboard (or the first selection)."""
        panels = list(self.view.panels.values())
        focused = [p for p in panels if p.table.hasFocus()]
        for panel in focused + panels:
            rows = panel.table.selectionModel().selectedRows()
            if rows:
                self._on_table_opened(rows[0])
                return

    def delete_record(self) -> None:
        """Deleting happens on each area's page, where the whole record is in view."""
