"""Visits and briefs: the list of visits, and the chosen one's brief (Brief…, or Ctrl+P).

The brief is built in the background behind a progress dialog that can cancel it, then shown
in a preview window from which it is printed or saved.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import ServiceError
from bilatdesk.services.visits.brief.assemble import BuiltBrief
from bilatdesk.ui.areas.visits.brief_build import BriefBuild
from bilatdesk.ui.areas.visits.brief_preview import BriefPreview
from bilatdesk.ui.areas.visits.columns import COL_VISIT_PRINCIPAL, date_span, visit_columns
from bilatdesk.ui.areas.visits.form import VisitForm
from bilatdesk.ui.kit.changes import NOTHING, Kind, changes, saving
from bilatdesk.ui.kit.list_page import AreaSpec, ListPageController, ListPageView, RowAction
from bilatdesk.ui.kit.messages import ErrorBox
from bilatdesk.ui.kit.texts import tr


class VisitsPageView(ListPageView):
    """The list page, its filter worded for visits; the Brief… button comes from the action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit.setPlaceholderText(self.tr("Filter by principal, country or purpose…"))
        self.new_button.setToolTip(self.tr("New visit"))


class VisitsPageController(ListPageController):
    """The visits list, and the brief of the selected visit: build, preview, print or save."""

    def __init__(
        self, view: VisitsPageView, services: Services, parent: QObject | None = None
    ) -> None:
        self.services = services
        spec = AreaSpec(
            fetch=services.visits.list,
            columns=visit_columns(),
            # Looked up at call time so tests can patch the form's `ask` seam.
            open_form=lambda parent, rid, scope: VisitForm.ask(parent, services, rid, scope),
            delete_impact=services.visits.delete_impact,
            delete=services.visits.delete,
            # The coming and latest visits first.
            sort="starts_on",
            descending=True,
            stretch_column=COL_VISIT_PRINCIPAL,
            empty=(
                tr("No visits yet. New visit… (Ctrl+N)"),
                tr("No visits to %1 yet. New visit… (Ctrl+N)"),
            ),
            actions=(RowAction(tr("Brief…"), "report", self._brief_action, changes=NOTHING),),
            shows=changes(Kind.VISITS, Kind.COUNTRIES),
            changes=saving(Kind.VISITS),
        )
        super().__init__(view, spec, parent)
        self.brief_button = self.action_buttons[0]
        self.brief_button.setToolTip(self.tr("Build the visit's brief and preview it (Ctrl+P)"))
        self.builder = BriefBuild(self)
        self.preview: BriefPreview | None = None
        self._building: tuple[int, str] | None = None
        self.builder.built.connect(self._on_builder_built)
        self.builder.failed.connect(self._on_builder_failed)
        self.builder.cancelled.connect(self._on_builder_cancelled)

    # -- the brief ------------------------------------------------------------------------
    def build_brief(self, visit_id: int | None = None) -> bool:
        """Start building the brief of a visit (the selected one by default) in the background."""
        visit_id = visit_id if visit_id is not None else self.current_id()
        if visit_id is None or self.builder.running:
            return False
        try:
            detail = self.services.visits.get(visit_id)
        except ServiceError as exc:
            ErrorBox.show(self.view, self.tr("Cannot build the brief"), str(exc))
            return False
        data = detail.data
        title = (
            self.tr("Visit of %1, %2")
            .replace("%1", data.principal)
            .replace("%2", date_span(data.starts_on, data.ends_on))
        )
        briefs = self.services.briefs
        self._building = (visit_id, title)
        return self.builder.start(
            self.view,
            lambda progress, cancelled: briefs.build(
                visit_id, progress=progress, cancelled=cancelled
            ),
            self.tr("Building the brief"),
        )

    def print_record(self) -> bool:
        """Ctrl+P on a visit: its brief, built and previewed, printed from the preview."""
        if self.current_id() is None:
            return False
        self.build_brief()  # a build already under way carries on: the page is not printed
        return True

    def _brief_action(self, _parent: QWidget, visit_id: int, _scope: int | None) -> bool:
        self.build_brief(visit_id)
        return False  # building changes no record; keeping it happens in the preview

    # -- slots ----------------------------------------------------------------------------
    def _on_builder_built(self, built: object) -> None:
        if self._building is None or not isinstance(built, BuiltBrief):
            return
        visit_id, title = self._building
        self._building = None
        if self.preview is not None:
            self.preview.close()
        self.preview = BriefPreview(
            self.view.window(), self.services, visit_id, built.pdf, title, notices=built.notices
        )
        self.preview.show()

    def _on_builder_failed(self, message: str) -> None:
        self._building = None
        ErrorBox.show(self.view, self.tr("Cannot build the brief"), message)

    def _on_builder_cancelled(self) -> None:
        self._building = None
