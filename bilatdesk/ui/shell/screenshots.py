"""Regenerate the documentation screenshots from a demo database: `python -m ...screenshots`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> int:
    """Write screenshot-main/-person/-engagement/-cables/-cable-editor/-agreements/-agreement/
    -visits/-visit/-brief.png into a folder."""
    if "QT_QPA_PLATFORM" not in os.environ:
        # The pictures show the program on a 13-inch laptop's screen: 1280x720 at 100 %.
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_laptop_screen()}"
    out = Path(argv[0] if argv else "docs")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from bilatdesk.demo.database import build_demo
    from bilatdesk.services.catalog import Services
    from bilatdesk.store.database import Database
    from bilatdesk.ui.areas.engagements.form import EngagementForm
    from bilatdesk.ui.areas.people.form import PersonForm
    from bilatdesk.ui.kit.fonts import register_shipped_fonts
    from bilatdesk.ui.shell.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        # Keep the user's own window settings out of the pictures, and the pictures' out of them.
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, folder)
        QSettings("bilatdesk", "bilatdesk").setValue("identity/name", "Marta Şahin")
        app = QApplication.instance() or QApplication([])
        register_shipped_fonts()
        path = Path(folder) / "demo.sqlite"
        build_demo(path)
        with Database.open(path) as db:
            window = MainWindow(db, demo=True)
            window.show()
            window.setGeometry(window.screen().availableGeometry())
            for area, name in (
                ("engagements", "engagements"),
                ("today", "today"),
                ("people", "main"),
            ):
                window.show_area(area)
                app.processEvents()
                window.grab().save(str(out / f"screenshot-{name}.png"))
            services = Services.over(db)
            person = services.people.list().rows[0].id
            engagement = services.engagements.list().rows[0].id
            for form, name in [
                (PersonForm(window, services, person), "person"),
                (EngagementForm(window, services, engagement), "engagement"),
            ]:
                form.show()
                app.processEvents()
                form.grab().save(str(out / f"screenshot-{name}.png"))
                form.dirty = False
                form.close()
            _cable_shots(app, window, services, out)
            _agreement_shots(app, window, services, out)
            _visit_shots(app, window, services, out)
            _calendar_and_people_shots(app, window, services, out)
            _desk_shots(app, window, services, out)
            _search_and_history_shots(app, window, services, out)
            window.close()
    _guide_pictures(out)
    return 0


def _cable_shots(app: Any, window: Any, services: Any, out: Path) -> None:
    """The register, and a draft's editor with a confidential paragraph and its preview."""
    from bilatdesk.domain import CableStatus
    from bilatdesk.services.cables.records import CableFilters
    from bilatdesk.services.kernel.listing import ListQuery
    from bilatdesk.ui.areas.cables.editor import CableEditor
    from bilatdesk.ui.kit.background import pool

    window.show_area("cables")
    app.processEvents()
    window.grab().save(str(out / "screenshot-cables.png"))
    drafts = services.cables.list(ListQuery(), CableFilters(status=CableStatus.DRAFT)).rows
    editor = CableEditor.show_for(window, services, drafts[0].id)
    rows = editor.paragraphs.rows
    rows[min(2, len(rows) - 1)].portion.set_value("C")
    editor.save_now()
    with_preview = editor.renderer.rendered
    done: list[object] = []
    with_preview.connect(done.append)
    editor.request_preview()
    pool().waitForDone(30_000)
    while not done:
        app.processEvents()
    app.processEvents()
    editor.grab().save(str(out / "screenshot-cable-editor.png"))
    editor.close()


def _agreement_shots(app: Any, window: Any, services: Any, out: Path) -> None:
    """The register, and the form of an agreement with a notice deadline coming up."""
    from bilatdesk.ui.areas.agreements.form import AgreementForm

    window.show_area("agreements")
    app.processEvents()
    window.grab().save(str(out / "screenshot-agreements.png"))
    rows = services.agreements.list().rows
    chosen = next((r for r in rows if r.notice_deadline is not None), rows[0])
    form = AgreementForm(window, services, chosen.id)
    form.show()
    app.processEvents()
    form.grab().save(str(out / "screenshot-agreement.png"))
    form.dirty = False
    form.close()


def _visit_shots(app: Any, window: Any, services: Any, out: Path) -> None:
    """The visits list, a visit's form at its programme, and its brief's preview."""
    from PySide6.QtWidgets import QScrollArea

    from bilatdesk.ui.areas.visits.brief_preview import BriefPreview
    from bilatdesk.ui.areas.visits.columns import date_span
    from bilatdesk.ui.areas.visits.form import VisitForm
    from bilatdesk.ui.kit.background import pool

    window.show_area("visits")
    controller = window.controllers["visits"]
    visit_id = services.visits.list().rows[0].id
    controller.select_id(visit_id)
    app.processEvents()
    window.grab().save(str(out / "screenshot-visits.png"))
    form = VisitForm(window, services, visit_id)
    form.show()
    form.programme.table.selectRow(0)
    app.processEvents()
    # Down to the programme: its call notes are what the other forms do not have.
    scroll = form.findChild(QScrollArea)
    if scroll is not None:
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    app.processEvents()
    form.grab().save(str(out / "screenshot-visit.png"))
    form.dirty = False
    form.close()
    data = services.visits.get(visit_id).data
    title = f"Visit of {data.principal}, {date_span(data.starts_on, data.ends_on)}"
    built = services.briefs.build(visit_id)
    preview = BriefPreview(window, services, visit_id, built.pdf, title, notices=built.notices)
    preview.show()
    pool().waitForDone(60_000)
    while not preview.panel.pages:
        app.processEvents()
    for _ in range(3):  # the pages' layout settles over a few passes of the event loop
        app.processEvents()
    preview.grab().save(str(out / "screenshot-brief.png"))
    preview.close()


def _calendar_and_people_shots(app: Any, window: Any, services: Any, out: Path) -> None:
    """The calendar's week, a country's timeline, a person's protocol block, the diplomatic
    list's first page."""
    from datetime import date

    import pypdfium2

    from bilatdesk.services.kernel.listing import ListQuery
    from bilatdesk.ui.areas.countries.form import CountryForm
    from bilatdesk.ui.areas.people.form import PersonForm
    from bilatdesk.ui.areas.people.form_tabs import TAB_PROTOCOL

    window.show_area("calendar")
    window.controllers["calendar"].set_mode("week")
    app.processEvents()
    window.grab().save(str(out / "screenshot-calendar.png"))
    bulgaria = services.countries.by_code("BG")
    form = CountryForm(window, services, bulgaria.id)
    form.show()
    form.tabs.setCurrentIndex(1)
    app.processEvents()
    form.grab().save(str(out / "screenshot-timeline.png"))
    form.dirty = False
    form.close()
    person = services.people.list(ListQuery(text="Kovačević")).rows[0].id
    person_form = PersonForm(window, services, person)
    person_form.show()
    person_form.tabs.setCurrentIndex(TAB_PROTOCOL)
    app.processEvents()
    person_form.grab().save(str(out / "screenshot-protocol.png"))
    person_form.dirty = False
    person_form.close()
    austria = services.countries.by_code("AT")
    pdf = pypdfium2.PdfDocument(services.diplomatic_list.pdf(austria.id, date.today()))
    pdf[0].render(scale=1.4).to_pil().save(str(out / "diplomatic-list-page1.png"))
    pdf.close()


def _desk_shots(app: Any, window: Any, services: Any, out: Path) -> None:
    """What a laptop shows: the countries with their accreditation, an empty list that says
    why, the organisation tree, and the user guide."""
    from bilatdesk.ui.areas.organisations.form import OrganisationForm
    from bilatdesk.ui.shell.help import HelpWindow

    window.show_area("countries")
    app.processEvents()
    window.grab().save(str(out / "screenshot-countries.png"))
    ministry = next(r for r in services.organisations.list().rows if r.parent == "")
    form = OrganisationForm(window, services, ministry.id)
    form.show()
    app.processEvents()
    form.grab().save(str(out / "screenshot-organisation.png"))
    form.dirty = False
    form.close()
    guide = HelpWindow(window)
    guide.show()
    guide.search.setText("Whose time")
    app.processEvents()
    guide.grab().save(str(out / "screenshot-guide.png"))
    guide.close()
    window.show_area("visits")
    window.set_scope(_country_without_visits(services))
    app.processEvents()
    window.grab().save(str(out / "screenshot-empty-visits.png"))
    window.set_scope(None)


def _search_and_history_shots(app: Any, window: Any, services: Any, out: Path) -> None:
    """Global search as a clerk types a fragment, and a person's History after two edits."""
    import time

    from bilatdesk.ui.areas.people.form import PersonForm
    from bilatdesk.ui.shell.search_dialog import SearchDialog

    dialog = SearchDialog(services, None, "minister", window)
    dialog.show()
    dialog.search_now()
    deadline = time.monotonic() + 30
    while dialog.results.topLevelItemCount() == 0 and time.monotonic() < deadline:
        app.processEvents()  # the search answers from the background helper
        time.sleep(0.01)
    first_hit = dialog.results.topLevelItem(1)
    if first_hit is not None:
        dialog.results.setCurrentItem(first_hit)
    app.processEvents()
    dialog.grab().save(str(out / "screenshot-search.png"))
    dialog.close()
    person = services.people.list().rows[0].id
    for field, text in (("family_name", "Müller-Lüdenscheid"), ("honorific", "Dr")):
        form = PersonForm(window, services, person)
        getattr(form, field).setText(text)
        form.save()
    form = PersonForm(window, services, person)
    form.show()
    form.tabs.setCurrentWidget(form.history)
    app.processEvents()
    form.grab().save(str(out / "screenshot-history.png"))
    form.dirty = False
    form.close()


def _country_without_visits(services: Any) -> int | None:
    from bilatdesk.services.kernel.listing import ListQuery

    for choice in services.countries.choices():
        if not services.visits.list(ListQuery(country_id=choice.id)).rows:
            return int(choice.id)
    return None


def _guide_pictures(out: Path) -> None:
    """The guide's pictures are the program's own: copied where the guide is kept (a checkout)."""
    import shutil

    from bilatdesk.config import resources_dir

    images = resources_dir() / "guide" / "images"
    if not images.is_dir():
        return
    for shot, picture in (("main", "main"), ("engagement", "engagement"), ("calendar", "calendar")):
        shutil.copyfile(out / f"screenshot-{shot}.png", images / f"guide-{picture}.png")


def _laptop_screen() -> Path:
    import json

    handle, name = tempfile.mkstemp(prefix="bilatdesk-screen-", suffix=".json")
    os.close(handle)
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720}
    Path(name).write_text(json.dumps({"screens": [screen]}))
    return Path(name)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
