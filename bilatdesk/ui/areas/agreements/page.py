"""The agreements register: the list page with a register-group filter and Print register…."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bilatdesk.domain.agreement_rules import GROUPS
from bilatdesk.services.agreements.records import AgreementRow
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.kernel.listing import ListQuery, Page
from bilatdesk.ui.areas.agreements.check import CheckRegisterDialog
from bilatdesk.ui.areas.agreements.columns import (
    COL_AGR_KIND,
    COL_AGR_STATUS,
    COL_AGR_TITLE,
    agreement_columns,
)
from bilatdesk.ui.areas.agreements.dialogs import CountryChoiceDialog
from bilatdesk.ui.areas.agreements.form import AgreementForm
from bilatdesk.ui.areas.agreements.register_preview import RegisterPreview
from bilatdesk.ui.kit.changes import Kind, changes, saving
from bilatdesk.ui.kit.icons import set_icon
from bilatdesk.ui.kit.list_page import AreaSpec, ListPageController, ListPageView
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.texts import key_text, tr


class GroupedAgreements:
    """The register's fetch: the page's query within the register group chosen, if any."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.group: str | None = None

    def __call__(self, query: ListQuery) -> Page[AgreementRow]:
        return self.services.agreements.list(query, self.group)


class AgreementsPageView(ListPageView):
    """The list page with the group combo beside the filter and a Print register button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit.setPlaceholderText(self.tr("Filter by title, subject or sector…"))
        self.group_filter = QComboBox()
        self.group_filter.setToolTip(self.tr("Show one group of the register"))
        self.group_filter.addItem(self.tr("All groups"), None)
        for heading, _statuses in GROUPS:
            self.group_filter.addItem(key_text(heading), heading)
        self.print_button = QPushButton(self.tr("Print register…"))
        set_icon(self.print_button, "print")
        self.print_button.setToolTip(
            self.tr("Preview the register of agreements with one country, then print or save it")
        )
        self.check_button = QPushButton(self.tr("Check register…"))
        set_icon(self.check_button, "contradiction")
        self.check_button.setToolTip(
            self.tr(
                "List the agreements whose history, entry into force and parties' dates disagree"
            )
        )
        self.new_button.setToolTip(self.tr("New agreement"))
        self.filters = QWidget()
        # The filter row never sets the window's minimum width: on a narrow window it clips.
        self.filters.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self.filters)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Register group")))
        row.addWidget(self.group_filter)
        row.addStretch(1)
        row.addWidget(self.check_button)
        row.addWidget(self.print_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.filters)


class AgreementsPageController(ListPageController):
    """Group filter into `status_group`; the printed register of the country in scope."""

    register_saved = Signal(object)
    """The register's file (a Path), once its preview's Save PDF… wrote it whole."""

    def __init__(
        self, view: AgreementsPageView, services: Services, parent: QObject | None = None
    ) -> None:
        self.services = services
        self.fetcher = GroupedAgreements(services)
        spec = AreaSpec(
            fetch=self.fetcher,
            columns=agreement_columns(),
            # Looked up at call time so tests can patch the form's `ask` seam.
            open_form=lambda parent, rid, scope: AgreementForm.ask(parent, services, rid, scope),
            delete_impact=services.agreements.delete_impact,
            delete=services.agreements.delete,
            sort="title",
            stretch_column=COL_AGR_TITLE,
            empty=(
                tr("No agreements yet. New agreement… (Ctrl+N)"),
                tr("No agreements with %1 yet. New agreement… (Ctrl+N)"),
            ),
            tag_choices=services.tags.choices,
            shows=changes(Kind.AGREEMENTS, Kind.COUNTRIES, Kind.TAGS),
            changes=saving(Kind.AGREEMENTS),
        )
        super().__init__(view, spec, parent)
        self.agreements_view = view
        view.group_filter.currentIndexChanged.connect(self._on_group_filter_currentIndexChanged)
        view.print_button.clicked.connect(self._on_print_button_clicked)
        view.check_button.clicked.connect(self._on_check_button_clicked)
        self.preview: RegisterPreview | None = None

    # -- the register -------------------------------------------------------------------
    def set_group(self, heading: str | None) -> None:
        """Show one register group ("In force", ...) or, with None, all of them."""
        view = self.agreements_view
        view.group_filter.setCurrentIndex(
            max(view.group_filter.findData(heading), 0) if heading is not None else 0
        )

    def print_register(self, country_id: int | None = None) -> RegisterPreview | None:
        """Preview the register of a country (by default the one in scope, asked for when
        none is), with Print… and Save PDF…; the preview window, or None when none was chosen."""
        country_id = country_id if country_id is not None else self._scope
        if country_id is None:
            country_id = CountryChoiceDialog.ask(self.view, self.services.countries.choices())
            if country_id is None:
                return None
        name = next(
            (
                c.name
                for c in self.services.countries.choices(accredited_only=False)
                if c.id == country_id
            ),
            "",
        )
        stem = "agreements-" + ("-".join(name.lower().split()) or str(country_id))
        register = self.services.agreement_register
        chosen: int = country_id
        # The register is laid out and drawn in the pool: a long one takes seconds.
        preview = RegisterPreview(self.view, lambda: register.pdf(chosen), name, stem)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        preview.pdf_saved.connect(self._on_preview_pdf_saved)
        self.preview = preview
        preview.show()
        return preview

    def print_record(self) -> bool:
        """Ctrl+P on an agreement: the register of agreements with its country, previewed."""
        agreement_id = self.current_id()
        if agreement_id is None:
            return False
        try:
            country_id = self.services.agreements.get(agreement_id).data.country_id
        except ServiceError as exc:
            ErrorBox.show(self.view, self.tr("Cannot print the register"), str(exc))
            return True
        self.print_register(country_id)
        return True

    def check_register(self) -> None:
        """The register's own check, for the country in scope or every country."""
        try:
            found = self.services.agreements.check(self._scope)
        except ServiceError as exc:
            ErrorBox.show(self.view, self.tr("Cannot check the register"), str(exc))
            return
        CheckRegisterDialog.ask(self.view, found)

    def _fit_columns(self) -> None:
        super()._fit_columns()
        # Kind and status names run long ("Memorandum of understanding"); the title matters
        # more, and the full text is in the tooltip.
        header = self.view.table.horizontalHeader()
        for column in (COL_AGR_KIND, COL_AGR_STATUS):
            header.resizeSection(column, min(header.sectionSize(column), 150))

    # -- slots ----------------------------------------------------------------------------
    def _on_group_filter_currentIndexChanged(self, _index: int) -> None:
        data = self.agreements_view.group_filter.currentData()
        self.fetcher.group = data if isinstance(data, str) else None
        self.model.requery()

    def _on_print_button_clicked(self) -> None:
        self.print_register()

    def _on_check_button_clicked(self) -> None:
        self.check_register()

    def _on_preview_pdf_saved(self, path: Path) -> None:
        window = self.view.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                self.tr("Register saved to %1").replace("%1", str(path)), 8000
            )
        self.register_saved.emit(path)
