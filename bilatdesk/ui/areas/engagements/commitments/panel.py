"""Open commitments of one person or one country, for their forms, with quick entry.

The person and country forms place the panel: `show_person(id)` or `show_country(id)`.
Close… writes nothing: the closings are held (`closings()`, `changed`) until the host form's
Save writes them with the record, in its transaction; Cancel forgets them. An engagement
opened or added from here is saved by its own form (`saved`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.enums import CommitmentStatus
from bilatdesk.services.catalog import Services
from bilatdesk.services.engagements.commitment_rows import CommitmentRow
from bilatdesk.services.engagements.commitments import CommitmentClosing
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.areas.engagements.commitments.dialogs import CloseCommitmentDialog
from bilatdesk.ui.areas.engagements.commitments.rows import (
    CommitmentRowsModel,
    commitment_columns,
    record_table,
)
from bilatdesk.ui.areas.engagements.form import EngagementForm
from bilatdesk.ui.areas.engagements.prefill import prefill_for_country, prefill_for_person
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ErrorBox

COL_DUE, COL_STANDING, COL_WHAT = 0, 1, 2
ENGAGEMENT_WIDTH = 230


class OpenCommitmentsPanel(QWidget):
    """A compact table of open commitments, overdue ones in red, with Close… and quick entry."""

    changed = Signal()
    """A closing was held or let go (written by the host form's Save)."""
    saved = Signal()
    """An engagement was saved from here by its own form; the host may refresh."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._today = today
        self._person_id: int | None = None
        self._country_id: int | None = None
        self._closings: dict[int, CommitmentClosing] = {}
        self._rows: list[CommitmentRow] = []  # as last read
        self.heading = QLabel(self.tr("<b>Open commitments</b>"))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = record_table()
        self.close_button = QPushButton(icon("clear"), self.tr("Close…"))
        self.close_button.setToolTip(self.tr("Record that the selected one was done or dropped"))
        self.keep_open_button = QPushButton(icon("return"), self.tr("Keep open"))
        self.keep_open_button.setToolTip(self.tr("Forget the closing not saved yet"))
        self.open_button = QPushButton(icon("engagements"), self.tr("Open engagement"))
        self.new_button = QPushButton(icon("new"), self.tr("New engagement…"))
        self.new_button.setToolTip(self.tr("A new engagement, filled in from this page"))
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.keep_open_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.model = CommitmentRowsModel(commitment_columns(self._today), self)
        self.table.setModel(self.model)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.keep_open_button.clicked.connect(self._on_keep_open_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.table.doubleClicked.connect(self._on_table_doubleClicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    # -- API ------------------------------------------------------------------------------
    def show_person(self, person_id: int) -> None:
        """What the person owes, and what was promised in meetings they took part in."""
        self._person_id, self._country_id = person_id, None
        self._closings = {}
        self.model = CommitmentRowsModel(
            commitment_columns(self._today, with_country=False, with_link=True), self
        )
        self._attach_model()
        self.refresh()

    def show_country(self, country_id: int) -> None:
        """What is open from engagements in the country."""
        self._person_id, self._country_id = None, country_id
        self._closings = {}
        self.model = CommitmentRowsModel(commitment_columns(self._today, with_country=False), self)
        self._attach_model()
        self.refresh()

    def refresh(self) -> None:
        """Read the open ones again; each closing held shows on its row, as of its version now
        (an engagement saved from here moves it), and goes when the row is no longer open."""
        today = self._today()
        rows: list[CommitmentRow] = []
        try:
            if self._person_id is not None:
                rows = self.services.commitments.open_for_person(self._person_id, today)
            elif self._country_id is not None:
                rows = self.services.commitments.open_for_country(self._country_id, today)
        except ServiceError as exc:
            self.summary.setText(str(exc))
            return
        by_id = {row.id: row for row in rows}
        held = len(self._closings)
        self._closings = {
            key: replace(closing, version=by_id[key].version)
            for key, closing in self._closings.items()
            if key in by_id
        }
        self._rows = rows
        self._show()
        if len(self._closings) != held:
            self.changed.emit()

    def closings(self) -> tuple[CommitmentClosing, ...]:
        """The closings held, for the host form's Save."""
        return tuple(self._closings.values())

    def current(self) -> CommitmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    # -- inside ---------------------------------------------------------------------------
    def _show(self) -> None:
        """The rows as last read, each with its closing held laid on; the counts above."""
        chosen = self.current()
        shown = [self._as_closed(row) for row in self._rows]
        self.model.set_rows(shown)
        if chosen is not None:
            for number, row in enumerate(shown):
                if row.id == chosen.id:
                    self.table.selectRow(number)
        still_open = [row for row in shown if row.status is CommitmentStatus.OPEN]
        overdue = sum(1 for r in still_open if r.overdue)
        if not shown:
            text = self.tr("none")
        elif overdue:
            text = (
                self.tr("%1 open, %2 overdue")
                .replace("%1", str(len(still_open)))
                .replace("%2", str(overdue))
            )
        else:
            text = self.tr("%1 open").replace("%1", str(len(still_open)))
        if self._closings:
            text += self.tr("; %1 closed when you save").replace("%1", str(len(self._closings)))
        self.summary.setText(text)
        self._update_buttons()

    def _as_closed(self, row: CommitmentRow) -> CommitmentRow:
        closing = self._closings.get(row.id)
        if closing is None:
            return row
        return replace(
            row,
            status=closing.status,
            closed_on=closing.closed_on,
            closing_note=closing.note,
            overdue=False,
        )

    def _attach_model(self) -> None:
        old, old_selection = self.table.model(), self.table.selectionModel()
        self.table.setModel(self.model)
        # setModel leaves the previous model and its selection model to their owner: us.
        if old is not None and old is not self.model:
            old.deleteLater()
        if old_selection is not None:
            old_selection.deleteLater()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        # Engagement titles run long: a fixed share, elided, with the whole in the tooltip.
        engagement = self.model.columnCount() - 2
        header.setSectionResizeMode(engagement, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(engagement, ENGAGEMENT_WIDTH)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

    def _update_buttons(self) -> None:
        chosen = self.current()
        held = chosen is not None and chosen.id in self._closings
        self.close_button.setEnabled(chosen is not None and not held)
        self.keep_open_button.setEnabled(held)
        self.open_button.setEnabled(chosen is not None)
        self.new_button.setEnabled(self._person_id is not None or self._country_id is not None)

    def _scope(self) -> int | None:
        return self._country_id

    # -- slots ----------------------------------------------------------------------------
    def _on_close_button_clicked(self) -> None:
        chosen = self.current()
        if chosen is None or chosen.id in self._closings:
            return
        closing = CloseCommitmentDialog.ask(
            self, chosen.description, chosen.engagement_day, self._today()
        )
        if closing is None:
            return
        self._closings[chosen.id] = CommitmentClosing(
            chosen.id, chosen.version, closing.closed_on, closing.status, closing.note
        )
        self._show()
        self.changed.emit()

    def _on_keep_open_button_clicked(self) -> None:
        chosen = self.current()
        if chosen is None or self._closings.pop(chosen.id, None) is None:
            return
        self._show()
        self.changed.emit()

    def _on_open_button_clicked(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self._open_engagement(chosen.engagement_id)

    def _on_table_doubleClicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_engagement(self.model.record(index.row()).engagement_id)

    def _open_engagement(self, engagement_id: int) -> None:
        if EngagementForm.ask(self, self.services, engagement_id, self._scope()) is not None:
            self.refresh()
            self.saved.emit()

    def _on_new_button_clicked(self) -> None:
        try:
            if self._person_id is not None:
                prefill = prefill_for_person(self.services, self._person_id)
            elif self._country_id is not None:
                prefill = prefill_for_country(self.services, self._country_id)
            else:
                return
        except ServiceError as exc:
            ErrorBox.show(self, self.tr("Cannot start an engagement"), str(exc))
            return
        saved = EngagementForm.ask(self, self.services, None, self._scope(), prefill=prefill)
        if saved is not None:
            self.refresh()
            self.saved.emit()
