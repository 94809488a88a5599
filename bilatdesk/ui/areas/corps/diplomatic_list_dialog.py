"""The diplomatic list of a capital on a day: a table in precedence order, printed or saved.

The list itself is built on the GUI thread (one query, a tenth of a second on the demo); the
PDF is laid out in the document pool behind a cancellable progress dialog, since a full corps
of a hundred and more missions takes most of a second.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.services.catalog import Services
from bilatdesk.services.corps.diplomatic_list import DiplomaticList, Entry
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.ui.kit.background import Op, pool
from bilatdesk.ui.kit.date_edits import DateEdit
from bilatdesk.ui.kit.fit import keep_place
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.icons import icon
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.pdf_pages import PrintDialog, SavePdfDialog, print_in_background, save_pdf
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.paged_model import Column
from bilatdesk.ui.models.rows_model import RowsModel

COL_POSITION, COL_MISSION, COL_HEAD, COL_CLASS, COL_CREDENTIALS, COL_SPOUSE = range(6)
DEAN_ICON = "scope"  # the flag: the dean speaks for the corps


def _credentials(entry: Entry) -> str:
    if entry.credentials_on is not None:
        return format_date(entry.credentials_on)
    if entry.took_up is not None:  # a chargé d'affaires: no letters, in functions since
        since = tr("since %1").replace("%1", format_date(entry.took_up))
        return f"a.i. {since}" if entry.acting else since
    return tr("Not yet presented")


def _head(entry: Entry) -> str:
    original = entry.name_original.strip()
    if original and original not in entry.head_name:
        # Isolated, so an Arabic name cannot pull the brackets round it into its own order.
        return f"{entry.formal_name} (\u2068{original}\u2069)"
    return entry.formal_name


def _head_tooltip(entry: Entry) -> str:
    lines = [_head(entry), entry.functional_title]
    if entry.is_dean:
        lines.append(tr("Dean of the Diplomatic Corps"))
    return "\n".join(line for line in lines if line)


def _dean_look(entry: Entry, column: int, role: int) -> Any:
    """The numbers to the right; the dean's row bold, the dean's icon before the name."""
    if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_POSITION:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if not entry.is_dean:
        return None
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.DecorationRole and column == COL_HEAD:
        return icon(DEAN_ICON)
    return None


class DiplomaticListModel(RowsModel):
    """The entries of one list; the dean's row is bold with the dean's icon on the name."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [
            Column(tr("No."), lambda e: f"{e.position}."),
            Column(
                tr("Mission"),
                lambda e: e.sending_state or e.mission_name,
                tooltip=lambda e: e.mission_name,
            ),
            Column(tr("Head of mission"), _head, tooltip=_head_tooltip),
            Column(tr("Class"), lambda e: e.class_label),
            Column(tr("Credentials presented"), _credentials),
            Column(tr("Spouse"), lambda e: e.spouse),
        ]
        super().__init__(columns, parent, looks=_dean_look)

    def set_entries(self, entries: tuple[Entry, ...]) -> None:
        self.set_rows(entries)

    def entry(self, row: int) -> Entry:
        entry: Entry = self.record(row)
        return entry


class DiplomaticListDialog(QDialog):
    """Choose a host country and a day; read the list; print it or save it as a PDF."""

    finished_output = Signal(str)
    """A sentence once a save or a print has completed (also shown in the dialog)."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        country_id: int | None = None,
        on: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Diplomatic list"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.services = services
        self.current: DiplomaticList | None = None
        self._op: Op[bytes] | None = None
        self._then: Callable[[bytes], None] | None = None
        self.progress: QProgressDialog | None = None
        self._build_widgets(country_id, on)
        self._lay_out()
        self._connect()
        keep_place(self, 980, 620)
        self.refresh()

    def _build_widgets(self, country_id: int | None, on: date | None) -> None:
        self.country = QComboBox()
        self.country.setMinimumContentsLength(20)
        for choice in self.services.countries.choices():
            self.country.addItem(choice.name, choice.id)
        if country_id is not None:
            self.country.setCurrentIndex(max(self.country.findData(country_id), 0))
        self.day = DateEdit()
        self.day.setDisplayFormat("d MMM yyyy")
        when = on or date.today()
        self.day.setDate(QDate(when.year, when.month, when.day))
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.dean = QLabel()
        self.dean.setObjectName("dean")
        self.dean.setTextFormat(Qt.TextFormat.PlainText)
        self.dean.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setObjectName("missing")
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setWordWrap(True)
        self.missing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = DiplomaticListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_HEAD, QHeaderView.ResizeMode.Stretch)
        self.print_button = QPushButton(icon("print"), self.tr("Print…"))
        self.save_button = QPushButton(icon("pdf"), self.tr("Save PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.state = QLabel()
        self.state.setObjectName("state")
        self.state.setTextFormat(Qt.TextFormat.PlainText)

    def _lay_out(self) -> None:
        choose = QHBoxLayout()
        country_label = QLabel(self.tr("&Host country:"))
        country_label.setBuddy(self.country)
        day_label = QLabel(self.tr("&On:"))
        day_label.setBuddy(self.day)
        for widget in (country_label, self.country, day_label, self.day):
            choose.addWidget(widget)
        choose.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.heading)
        layout.addWidget(self.dean)
        layout.addWidget(self.missing)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.country.currentIndexChanged.connect(self._on_country_currentIndexChanged)
        self.day.dateChanged.connect(self._on_day_dateChanged)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self._on_print_button_clicked)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._on_save_button_clicked)

    @classmethod
    def show_for(
        cls, parent: QWidget | None, services: Services, country_id: int | None
    ) -> DiplomaticListDialog:
        """Open the list for the country in scope (the first country when none is)."""
        dialog = cls(parent, services, country_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()
        return dialog

    # -- the list -------------------------------------------------------------------------
    def chosen_day(self) -> date:
        picked = self.day.date()
        return date(picked.year(), picked.month(), picked.day())

    def refresh(self) -> None:
        """Build the list for the chosen country and day and show it."""
        country_id = self.country.currentData()
        self.current = None
        self.state.clear()
        if not isinstance(country_id, int):
            self._show(None, self.tr("There is no country of accreditation to list yet."))
            return
        try:
            built = self.services.diplomatic_list.build(country_id, self.chosen_day())
        except ServiceError as exc:
            self._show(None, str(exc))
            return
        self._show(built, "")

    def _show(self, built: DiplomaticList | None, problem: str) -> None:
        self.current = built
        self.model.set_entries(built.entries if built else ())
        self.heading.setText(built.title if built else self.tr("Diplomatic list"))
        self.dean.setText(built.dean_line if built and built.entries else "")
        self.dean.setVisible(bool(built and built.entries))
        lines = list(built.missing) if built else [problem]
        if built is not None and not built.entries:
            lines.insert(0, self.tr("No head of mission is recorded on this day."))
        self.missing.setText("\n".join(f"• {line}" for line in lines if line))
        self.missing.setVisible(any(lines))
        for button in (self.print_button, self.save_button):
            button.setEnabled(built is not None)

    # -- printing and saving ---------------------------------------------------------------
    def save_pdf(self) -> bool:
        """Ask where, then lay out the PDF in the pool and write it there (whole or not)."""
        built = self.current
        if built is None:
            return False
        stem = "-".join(f"diplomatic list {built.capital} {built.on.isoformat()}".split())
        stem = "".join(c for c in stem.lower() if c.isalnum() or c in "-_") or "diplomatic-list"
        chosen = SavePdfDialog.ask(self, f"{stem}.pdf")
        if chosen is None:
            return False

        def write(pdf: bytes) -> None:
            # Issued in the pool too: the file is whole or absent, a failure a sentence.
            save_pdf(
                self,
                Path(chosen),
                lambda: pdf,
                lambda _pdf: self._done(self.tr("Saved to %1").replace("%1", chosen)),
            )

        return self._produce(built, write)

    def print_list(self) -> bool:
        """Choose a printer, then lay out the PDF in the pool and print its pages."""
        built = self.current
        if built is None:
            return False
        printer = PrintDialog.ask(self)
        if printer is None:
            return False

        def send(pdf: bytes, printer: QPrinter = printer) -> None:
            # The pages become images in the pool too (pdfium under its lock, as every render).
            print_in_background(
                self,
                lambda: pdf,
                printer,
                lambda pages: self._done(self.tr("%n page(s) sent to the printer", "", pages)),
            )

        return self._produce(built, send)

    def cancel_output(self) -> None:
        """What the progress dialog's Cancel does: the layout's result is dropped on arrival."""
        self._drop_output()
        self._close_progress()
        self.state.setText(self.tr("Cancelled."))

    def _produce(self, built: DiplomaticList, then: Callable[[bytes], None]) -> bool:
        if self.progress is not None:
            return False  # one document at a time
        self._then = then
        progress = QProgressDialog(self.tr("Laying out the list…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.tr("Diplomatic list"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # a short list never flashes a dialog
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self._on_progress_canceled)
        self.progress = progress
        render = self.services.diplomatic_list.render
        op: Op[bytes] = Op(
            self,
            lambda _progress: render(built),
            lambda pdf: self._on_op_done(op, pdf),
            unexpected="%1",
        ).failure(lambda message: self._on_op_failed(op, message))
        self._op = op.run_in_background()
        return True

    def _drop_output(self) -> None:
        """The layout still running is cancelled, and its result dropped when it lands."""
        if self._op is not None:
            self._op.cancel()
        self._op = None
        self._then = None

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._on_progress_canceled)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, message: str) -> None:
        self.state.setText(message)
        self.finished_output.emit(message)

    # -- slots ----------------------------------------------------------------------------
    def _on_country_currentIndexChanged(self, _index: int) -> None:
        self.refresh()

    def _on_day_dateChanged(self, _day: QDate) -> None:
        self.refresh()

    def _on_print_button_clicked(self) -> None:
        self.print_list()

    def _on_save_button_clicked(self) -> None:
        self.save_pdf()

    def _on_progress_canceled(self) -> None:
        self.cancel_output()

    def _on_op_done(self, op: Op[bytes], pdf: bytes) -> None:
        if op is not self._op or self._then is None:
            return  # cancelled, or superseded
        then, self._then, self._op = self._then, None, None
        self._close_progress()
        then(pdf)

    def _on_op_failed(self, op: Op[bytes], message: str) -> None:
        if op is not self._op:
            return
        self._then, self._op = None, None
        self._close_progress()
        ErrorBox.show(
            self,
            self.tr("Cannot make the list"),
            self.tr("The diplomatic list could not be laid out (%1).").replace("%1", message),
        )

    def done(self, result: int) -> None:
        self._drop_output()
        self._close_progress()
        pool().waitForDone(10_000)  # no job left behind a closed window
        super().done(result)
