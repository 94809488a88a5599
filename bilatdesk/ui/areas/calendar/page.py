"""The Calendar area: a toolbar (Today, previous, next, Month/Week) over the month or week page.

The controller reads the engagements of the page shown (bounded: at most `MAX_ITEMS`, with a
note when there were more), narrowed by the country scope. Times are shown in the zone the
header names: each meeting's local time (as Today, the lists and the form show it: a 10:00
meeting in Amman sits at 10:00), or the user's own. A double-click on an empty day or slot
starts a new engagement there, at that time in the zone shown (Ctrl+N at the chosen one); on
an engagement it opens it. Month or week, and the zone, are remembered between runs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.calendar.service import MAX_ITEMS, CalendarItem, CalendarService
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.areas.calendar.layout import by_day, month_grid, span_of, week_start
from bilatdesk.ui.areas.calendar.month_view import MonthView
from bilatdesk.ui.areas.calendar.week_view import FIRST_HOUR, WeekView
from bilatdesk.ui.areas.countries.timeline.colours import quiet_text
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.areas.engagements.prefill import (
    MEETING_HOUR,
    EngagementPrefill,
    prefill_for_country,
)
from bilatdesk.ui.kit.changes import Changes, Kind, changes, saving
from bilatdesk.ui.kit.formatting import format_date, format_moment, local_zone_name
from bilatdesk.ui.kit.icons import set_icon
from bilatdesk.ui.kit.messages import ConfirmDeleteDialog, ErrorBox
from bilatdesk.ui.kit.settings import settings
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel

MODES = ("month", "week")
MODE_KEY = "calendar/mode"
ZONES = ("meeting", "mine")
"""Each meeting at its local time (the default, as every other view), or at the user's own."""
ZONE_KEY = "calendar/zone"


class CalendarView(QWidget):
    """The toolbar and the two pages; the controller fills them."""

    def __init__(self, zone: ZoneInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today_button = QToolButton()
        self.today_button.setText(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Go to today (Home)"))
        self.previous_button = QToolButton()
        self.previous_button.setToolTip(self.tr("Previous (Alt+Left)"))
        self.previous_button.setAccessibleName(self.tr("Previous"))
        self.next_button = QToolButton()
        self.next_button.setToolTip(self.tr("Next (Alt+Right)"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        self.month_button = QToolButton()
        self.month_button.setText(self.tr("Month"))
        self.week_button = QToolButton()
        self.week_button.setText(self.tr("Week"))
        self.zone_choice = self._zone_choice()
        self.mode_buttons = QButtonGroup(self)
        for index, button in enumerate((self.month_button, self.week_button)):
            button.setCheckable(True)
            self.mode_buttons.addButton(button, index)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        for widget in (self.today_button, self.previous_button, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(10)
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.note)
        bar.addSpacing(10)
        bar.addWidget(self.zone_choice)
        bar.addSpacing(10)
        bar.addWidget(self.month_button)
        bar.addWidget(self.week_button)
        self.month = MonthView()
        self.week = WeekView(zone or ZoneInfo(local_zone_name()))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.month)
        self.stack.addWidget(self.week)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.setMinimumWidth(440)

    def set_icons(self) -> None:
        set_icon(self.previous_button, "previous")
        set_icon(self.next_button, "next")

    def _zone_choice(self) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName("zone_choice")
        combo.setAccessibleName(self.tr("Times shown in"))
        combo.setToolTip(self.tr("The time zone the calendar's times are in"))
        return combo

    def set_zone_choices(self, mine: str) -> None:
        """The two zones the times can be in; `mine` names the user's own."""
        self.zone_choice.clear()
        self.zone_choice.addItem(self.tr("Times: each meeting's local time"), "meeting")
        self.zone_choice.addItem(self.tr("Times: mine (%1)").replace("%1", mine), "mine")

    def show_note(self, text: str) -> None:
        palette = self.note.palette()
        palette.setColor(self.note.foregroundRole(), quiet_text(self.palette()))
        self.note.setPalette(palette)
        self.note.setText(text)
        self.note.setVisible(bool(text))


class CalendarController(QObject):
    """Which page is shown and what is on it; opens and starts engagements."""

    changed = Signal(object)
    """The kinds an engagement saved or deleted here changed (`Changes`)."""
    shows: Changes = changes(Kind.ENGAGEMENTS, Kind.COUNTRIES)

    def __init__(
        self,
        view: CalendarView,
        services: Services,
        parent: QObject | None = None,
        *,
        zone: ZoneInfo | None = None,
        calendar: CalendarService | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.services = services
        self.calendar = calendar or services.calendar
        self.zone = zone or ZoneInfo(local_zone_name())
        self.view.week.canvas.zone = self.zone
        self._scope: int | None = None
        self._pinned_today: date | None = None
        stored = str(settings().value(MODE_KEY, "month"))
        self.mode = stored if stored in MODES else "month"
        zone_mode = str(settings().value(ZONE_KEY, "meeting"))
        self.zone_mode = zone_mode if zone_mode in ZONES else "meeting"
        self.view.set_zone_choices(self.zone.key)
        self.view.zone_choice.setCurrentIndex(ZONES.index(self.zone_mode))
        self.anchor = self.today()
        self.items: list[CalendarItem] = []
        self.model = RowsModel(self._columns(), self)
        """The page's engagements as rows (for assistive tools, and as other pages have)."""
        self.more = 0
        """How many engagements of the page were not read (past the limit)."""
        self.view.set_icons()
        self._wire()
        self._show_mode()
        self.refresh()

    def _wire(self) -> None:
        view = self.view
        view.today_button.clicked.connect(self.go_today)
        view.previous_button.clicked.connect(lambda: self.step(-1))
        view.next_button.clicked.connect(lambda: self.step(1))
        view.mode_buttons.idClicked.connect(self._on_mode_buttons_idClicked)
        view.zone_choice.currentIndexChanged.connect(self._on_zone_choice_currentIndexChanged)
        view.month.day_chosen.connect(self._on_month_day_chosen)
        view.month.item_activated.connect(self.open_item)
        view.month.new_requested.connect(self._on_month_new_requested)
        view.month.more_requested.connect(self._on_month_more_requested)
        view.month.leave_requested.connect(self._on_month_leave_requested)
        canvas = view.week.canvas
        canvas.slot_chosen.connect(self._on_week_slot_chosen)
        canvas.item_activated.connect(self.open_item)
        canvas.new_requested.connect(self._on_week_new_requested)
        canvas.leave_requested.connect(self._on_week_leave_requested)
        for keys, slot in (
            ("Alt+Left", lambda: self.step(-1)),
            ("Alt+Right", lambda: self.step(1)),
            ("Home", self.go_today),
        ):
            shortcut = QShortcut(QKeySequence(keys), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- what is shown --------------------------------------------------------------------
    def _columns(self) -> list[Column]:
        def when(item: CalendarItem) -> str:
            return format_moment(item.starts_at, self.zone_of(item).key)

        return [
            Column(self.tr("Starts"), when),
            Column(self.tr("Title"), lambda item: item.title),
            Column(self.tr("Country"), lambda item: item.country),
        ]

    def zone_of(self, item: CalendarItem) -> ZoneInfo:
        """The zone an engagement's times are shown in: its own, or the user's."""
        if self.zone_mode == "meeting":
            return _zone(item.time_zone) or self.zone
        return self.zone

    def set_zone_mode(self, mode: str) -> None:
        """Show times at each meeting's place ("meeting") or in the user's zone ("mine")."""
        if mode not in ZONES or mode == self.zone_mode:
            return
        self.zone_mode = mode
        settings().setValue(ZONE_KEY, mode)
        self.view.zone_choice.setCurrentIndex(ZONES.index(mode))
        self.refresh()

    def _as_shown(self, item: CalendarItem) -> CalendarItem:
        """The engagement with its wall-clock times in its zone read as the calendar's own,
        so the grid (laid out in one zone) places a 10:00 meeting in Amman at 10:00."""
        zone = self.zone_of(item)
        if zone.key == self.zone.key:
            return item

        def moved(moment: datetime) -> datetime:
            return moment.astimezone(zone).replace(tzinfo=self.zone).astimezone(UTC)

        ends = moved(item.ends_at) if item.ends_at is not None else None
        return replace(item, starts_at=moved(item.starts_at), ends_at=ends)

    def today(self) -> date:
        return self._pinned_today or datetime.now(self.zone).date()

    def set_today(self, day: date | None) -> None:
        """Pin "today" (tests, screenshots); None follows the clock again."""
        self._pinned_today = day
        self.anchor = self.today()
        self.refresh()

    def first_weekday(self) -> int:
        return int(QLocale().firstDayOfWeek().value)

    def days(self) -> list[date]:
        if self.mode == "month":
            return month_grid(self.anchor.year, self.anchor.month, self.first_weekday())
        start = week_start(self.anchor, self.first_weekday())
        return [start + timedelta(days=n) for n in range(7)]

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            return
        self.mode = mode
        settings().setValue(MODE_KEY, mode)
        self._show_mode()
        self.refresh()

    def _show_mode(self) -> None:
        week = self.mode == "week"
        self.view.stack.setCurrentIndex(1 if week else 0)
        self.view.mode_buttons.button(1 if week else 0).setChecked(True)
        mark_checked(self.view.mode_buttons)

    def go_to(self, day: date) -> None:
        self.anchor = day
        self.refresh()

    def go_today(self) -> None:
        self.view.week.canvas.selected_slot = None
        self.go_to(self.today())
        if self.mode == "week":
            self.view.week.show_hour(FIRST_HOUR)

    def step(self, direction: int) -> None:
        """The previous (-1) or next (1) month or week, keeping the day of the month."""
        if self.mode == "week":
            self.go_to(self.anchor + timedelta(days=7 * direction))
            return
        month = self.anchor.month - 1 + direction
        year = self.anchor.year + month // 12
        month = month % 12 + 1
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        self.go_to(date(year, month, min(self.anchor.day, last)))

    def refresh(self) -> None:
        days = self.days()
        start, end = page = span_of(days[0], days[-1], self.zone)
        if self.zone_mode == "meeting":
            # A meeting's local day differs from ours by at most a day either way.
            start, end = start - timedelta(days=1), end + timedelta(days=1)
        try:
            found = self.calendar.between(start, end, self._scope, limit=MAX_ITEMS + 1)
            self.more = 0
            totals: dict[date, int] = {}
            if len(found) > MAX_ITEMS:
                found = found[:MAX_ITEMS]
                counts = self.calendar.counts(
                    [span_of(day, day, self.zone) for day in days], self._scope
                )
                totals = dict(zip(days, counts, strict=True))
                self.more = max(sum(counts) - len(found), 1)
        except ServiceError as exc:
            ErrorBox.show(self.view, self.tr("Cannot read the calendar"), str(exc))
            return
        if self.zone_mode == "meeting":
            found = [i for i in found if _overlaps(self._as_shown(i), *page)]
        self.items = found
        self.model.set_rows(found)
        placed = by_day([self._as_shown(i) for i in found], days, self.zone)
        today = self.today()
        if self.mode == "month":
            self.view.month.today = today
            self.view.month.set_page(days, (self.anchor.year, self.anchor.month), placed, totals)
            self.view.month.set_selected(self.anchor, self.view.month.selected_item)
        else:
            self.view.week.canvas.today = today
            self.view.week.canvas.set_week(days, placed)
            self.view.week.header.update()
        self._show_title(days)
        if self.more:
            self.view.show_note(
                self.tr("Showing the first %1; %2 more. Choose a country to narrow.")
                .replace("%1", QLocale().toString(MAX_ITEMS))
                .replace("%2", QLocale().toString(self.more))
            )
        else:
            self.view.show_note("")

    def _show_title(self, days: list[date]) -> None:
        locale = QLocale()
        if self.mode == "month":
            month = locale.standaloneMonthName(self.anchor.month, QLocale.FormatType.LongFormat)
            self.view.title.setText(f"{month} {self.anchor.year}")
        else:
            self.view.title.setText(f"{format_date(days[0])} – {format_date(days[-1])}")
        self.view.title.setAccessibleName(self.view.title.text())

    # -- opening and starting engagements -------------------------------------------------
    def item(self, item_id: int) -> CalendarItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def selected_item(self) -> int | None:
        if self.mode == "month":
            return self.view.month.selected_item
        return self.view.week.canvas.selected_item

    def open_item(self, item_id: int) -> None:
        if EngagementForm.ask(self.view, self.services, item_id, self._scope) is not None:
            self.refresh()
            self.changed.emit(saving(Kind.ENGAGEMENTS))

    def prefill(self, start: datetime | None = None, day: date | None = None) -> EngagementPrefill:
        """A new engagement at a moment (a week slot), or on a day (at ten where it happens);
        in the scope's country, with its capital and zone, when a country is chosen."""
        base = EngagementPrefill()
        if self._scope is not None:
            try:
                base = prefill_for_country(self.services, self._scope)
            except ServiceError:
                base = EngagementPrefill(country_id=self._scope)
        zone = _zone(base.time_zone) or self.zone
        if start is None:
            start = datetime.combine(day or self.anchor, MEETING_HOUR, tzinfo=zone)
        elif self.zone_mode == "meeting":
            # The slot's hour is the meeting's local hour, as the calendar shows it.
            start = start.replace(tzinfo=zone)
        return replace(base, starts_at=start.astimezone(UTC))

    def new_at(self, start: datetime | None = None, day: date | None = None) -> int | None:
        """Open a new engagement's form filled for the moment or day; the saved id.

        Nothing opens on a database open for viewing only: there is nothing to save it in.
        """
        if self.services.read_only:
            return None
        saved = EngagementForm.ask(
            self.view, self.services, None, self._scope, prefill=self.prefill(start, day)
        )
        if saved is not None:
            self.refresh()
            self.changed.emit(saving(Kind.ENGAGEMENTS))
        return saved

    # -- what the main window asks of a page ----------------------------------------------
    def set_scope(self, country_id: int | None) -> None:
        if country_id != self._scope:
            self._scope = country_id
            self.refresh()

    def focus_filter(self) -> None:
        """The calendar has no filter: the page shown takes the keyboard."""
        page = self.view.stack.currentWidget()
        if page is not None:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def new_record(self) -> None:
        """Ctrl+N: a new engagement at the chosen slot (week) or on the chosen day (month)."""
        slot = self.view.week.canvas.selected_slot
        if self.mode == "week" and slot is not None:
            self.new_at(start=slot)
        else:
            self.new_at(day=self.anchor)

    def edit_record(self) -> None:
        chosen = self.selected_item()
        if chosen is not None:
            self.open_item(chosen)

    def delete_record(self) -> None:
        chosen = self.item(self.selected_item() or -1)
        if chosen is None:
            return
        engagements = self.services.engagements
        try:
            impact = engagements.delete_impact(chosen.id)
            if not ConfirmDeleteDialog.ask(self.view, impact):
                return
            engagements.delete(chosen.id, chosen.version)
        except ServiceError as exc:
            ErrorBox.show(self.view, self.tr("Cannot delete"), str(exc))
            self.refresh()
            return
        self.view.month.selected_item = None
        self.view.week.canvas.selected_item = None
        self.refresh()
        self.changed.emit(saving(Kind.ENGAGEMENTS))

    # -- slots ----------------------------------------------------------------------------
    def _on_mode_buttons_idClicked(self, index: int) -> None:
        self.set_mode(MODES[index])

    def _on_zone_choice_currentIndexChanged(self, index: int) -> None:
        if 0 <= index < len(ZONES):
            self.set_zone_mode(ZONES[index])

    def _on_month_day_chosen(self, day: object) -> None:
        if isinstance(day, date):
            self.anchor = day

    def _on_month_new_requested(self, day: object) -> None:
        if isinstance(day, date):
            self.anchor = day
            self.new_at(day=day)

    def _on_month_more_requested(self, day: object) -> None:
        if isinstance(day, date):
            self.anchor = day
            self.set_mode("week")

    def _on_month_leave_requested(self, day: object) -> None:
        if isinstance(day, date):
            self.go_to(day)

    def _on_week_slot_chosen(self, slot: object) -> None:
        if isinstance(slot, datetime):
            self.anchor = slot.date()

    def _on_week_new_requested(self, slot: object) -> None:
        if isinstance(slot, datetime):
            self.anchor = slot.date()
            self.new_at(start=slot)

    def _on_week_leave_requested(self, slot: object) -> None:
        if isinstance(slot, datetime):
            self.go_to(slot.date())
            self.view.week.ensure_slot_visible(slot)


def mark_checked(group: QButtonGroup) -> None:
    """The checked button of a toggle group in bold: some styles barely show "pressed"."""
    for button in group.buttons():
        font = button.font()
        font.setBold(button.isChecked())
        button.setFont(font)


def _overlaps(item: CalendarItem, start: datetime, end: datetime) -> bool:
    """Whether an engagement (an hour long when it has no end) falls within [start, end)."""
    ends = item.ends_at if item.ends_at is not None else item.starts_at + timedelta(hours=1)
    return item.starts_at < end and max(ends, item.starts_at) >= start


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None
