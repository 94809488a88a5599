"""The cable register: the list page plus status, marking, tag and date filters, and templates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain import DEFAULT_SCHEME
from bilatdesk.domain.cable import CableKind, CableStatus
from bilatdesk.services.cables.records import CableFilters, CableRow
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.listing import ListQuery, Page
from bilatdesk.ui.areas.cables.dialogs import user_name
from bilatdesk.ui.areas.cables.events import cable_events, connect_while_alive
from bilatdesk.ui.areas.cables.launch import open_cable
from bilatdesk.ui.kit.changes import Kind, changes, saving
from bilatdesk.ui.kit.list_page import AreaSpec, ListPageController, ListPageView
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.texts import enum_text, tr
from bilatdesk.ui.kit.widgets import OptionalDateEdit
from bilatdesk.ui.models.columns import COL_CABLE_SUBJECT, cable_columns

if TYPE_CHECKING:
    from bilatdesk.ui.areas.cables.editor import CableEditor


class FilteredCables:
    """The register's fetch: the page's query plus the filters chosen above the table."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.filters = CableFilters()

    def __call__(self, query: ListQuery) -> Page[CableRow]:
        return self.services.cables.list(query, self.filters)


class CablesPageView(ListPageView):
    """The list page with a row of register filters and a New menu of templates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit.setPlaceholderText(self.tr("Filter by serial, subject or text…"))
        self.new_button.setText(self.tr("New cable"))
        self.new_menu = QMenu(self)
        self.new_button.setMenu(self.new_menu)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("Any status"), None)
        for status in CableStatus:
            self.status_filter.addItem(enum_text(status), status.value)
        self.classification_filter = QComboBox()
        self.classification_filter.addItem(self.tr("Any classification"), None)
        for level in DEFAULT_SCHEME.levels:
            self.classification_filter.addItem(level.name, level.code)
        self.date_from = OptionalDateEdit()
        self.date_to = OptionalDateEdit()
        self.date_from.setToolTip(self.tr("Only cables changed on or after this day"))
        self.date_to.setToolTip(self.tr("Only cables changed on or before this day"))
        self.filters = QWidget()
        # The filters never set the window's minimum width: on a narrow window they clip.
        self.filters.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self.filters)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status_filter)
        row.addWidget(self.classification_filter)
        row.addWidget(QLabel(self.tr("Changed")))
        row.addWidget(self.date_from)
        row.addWidget(QLabel(self.tr("–")))
        row.addWidget(self.date_to)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.filters)


class CablesPageController(ListPageController):
    """The register: filters into `CableFilters`, templates into new drafts, editors opened."""

    def __init__(
        self, view: CablesPageView, services: Services, parent: QObject | None = None
    ) -> None:
        self.services = services
        self.fetcher = FilteredCables(services)
        spec = AreaSpec(
            fetch=self.fetcher,
            columns=cable_columns(),
            open_form=self._open_form,
            delete_impact=services.cables.delete_impact,
            delete=services.cables.delete,
            sort="updated_at",
            descending=True,  # the cable being worked on is the one changed last
            stretch_column=COL_CABLE_SUBJECT,
            empty=(
                tr("No cables yet. New cable… (Ctrl+N)"),
                tr("No cables on %1 yet. New cable… (Ctrl+N)"),
            ),
            tag_choices=services.tags.choices,
            shows=changes(Kind.CABLES, Kind.COUNTRIES, Kind.TAGS),
            changes=saving(Kind.CABLES),
        )
        super().__init__(view, spec, parent)
        self.cables_view = view
        for kind in CableKind:
            view.new_menu.addAction(enum_text(kind), partial(self.create_from_template, kind))
        view.status_filter.currentIndexChanged.connect(self._on_filters_changed)
        view.classification_filter.currentIndexChanged.connect(self._on_filters_changed)
        view.date_from.changed.connect(self._on_filters_changed)
        view.date_to.changed.connect(self._on_filters_changed)
        connect_while_alive(cable_events().saved, self._on_cable_saved, self.view)
        connect_while_alive(cable_events().moved, self._on_cable_moved, self.view)

    # -- what the main window asks of a page ---------------------------------------------
    def new_record(self) -> None:
        """Ctrl+N: the templates menu under the New button (none while viewing only)."""
        if self.viewing_only:
            return
        button = self.cables_view.new_button
        self.cables_view.new_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def delete_record(self) -> None:
        rows = self.view.table.selectionModel().selectedRows()
        if rows and self.model.record(rows[0].row()).status is CableStatus.DRAFT:
            super().delete_record()

    def print_record(self) -> bool:
        """Ctrl+P on a cable: its editor, where its pages show as printed and Print… (Ctrl+P
        again) prints them; a dispatched one shows the PDF kept at dispatch."""
        cable_id = self.current_id()
        if cable_id is None:
            return False
        open_cable(self.view.window(), self.services, cable_id)
        return True

    # -- cables ---------------------------------------------------------------------------
    def create_from_template(self, kind: CableKind) -> CableEditor | None:
        """A new draft from a template, in the current country, opened in its editor."""
        if self.viewing_only:
            return None
        name = user_name(self.view)
        if name is None:
            return None
        try:
            detail = self.services.cable_drafting.from_template(
                kind, drafter=name, country_id=self._scope
            )
        except ServiceError as exc:
            ErrorBox.show(self.view, self.tr("Cannot start a cable"), str(exc))
            return None
        self.refresh()
        self.select_id(detail.id)
        self.changed.emit(saving(Kind.CABLES))
        from bilatdesk.ui.areas.cables.editor import CableEditor

        return CableEditor.show_for(self.view.window(), self.services, detail.id, fresh=True)

    def _open_form(self, parent: QWidget, record_id: int | None, _scope: int | None) -> int | None:
        if record_id is None:
            self.new_record()
        else:
            open_cable(parent.window(), self.services, record_id)
        return None  # editors save as they go; the register follows their signals

    # -- slots ----------------------------------------------------------------------------
    def _on_table_selectionChanged(self, *_args: object) -> None:
        super()._on_table_selectionChanged()
        rows = self.view.table.selectionModel().selectedRows()
        draft = bool(rows) and self.model.record(rows[0].row()).status is CableStatus.DRAFT
        self.view.delete_button.setEnabled(draft)
        self.view.delete_button.setToolTip(
            "" if draft or not rows else self.tr("Only drafts can be deleted.")
        )

    def _on_filters_changed(self, *_args: object) -> None:
        view = self.cables_view
        status = view.status_filter.currentData()
        start: date | None = view.date_from.value()
        end: date | None = view.date_to.value()
        self.fetcher.filters = replace(
            self.fetcher.filters,
            status=CableStatus(status) if status is not None else None,
            classification=view.classification_filter.currentData(),
            date_from=start,
            date_to=end,
        )
        self.model.requery()

    def _on_cable_saved(self, _cable_id: int) -> None:
        super().refresh()

    def _on_cable_moved(self, _cable_id: int) -> None:
        self.refresh()
        self.changed.emit(saving(Kind.CABLES))
