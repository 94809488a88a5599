"""Every window, form and dialog of the program fits a 13-inch laptop (1280x720, less a task bar).

The table below names each one with how to open it over the demo database; a window added to
the program belongs in it. Each is shown offscreen on a simulated 1280x680 screen, and must
ask for no more than that (size hint and minimum), open inside it, and keep its Save, Cancel,
Print and Close buttons whole on screen, never scrolled away.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from bilatdesk.domain.agreement_rules import AgreementStatus
from bilatdesk.domain.enums import RelationshipScope
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.listing import DeleteImpact
from bilatdesk.store.database import Database
from bilatdesk.ui.kit import fit

SCREEN = QRect(0, 0, 1280, 680)
BUTTONS = ("save", "cancel", "print", "close", "ok", "import", "export", "dispatch", "apply")


@dataclass(frozen=True)
class Demo:
    """The demo database's services and the ids of one record of each kind."""

    services: Services
    tmp: Path

    def first(self, kind: str) -> int:
        service = getattr(self.services, kind)
        return int(service.list().rows[0].id)


Opener = Callable[[Demo], QWidget]


def _main_window(d: Demo) -> QWidget:
    from bilatdesk.ui.shell.main_window import MainWindow

    return MainWindow(location=str(d.tmp / "demo.sqlite"))


def _record_form(module: str, name: str, kind: str | None) -> Opener:
    def open_form(d: Demo) -> QWidget:
        import importlib

        form_class = getattr(importlib.import_module(module), name)
        widget: QWidget = form_class(None, d.services, d.first(kind) if kind else None)
        return widget

    return open_form


def _cable_editor(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.cables.editor import CableEditor

    return CableEditor(None, d.services, d.first("cables"))


def _brief_preview(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.visits.brief_preview import BriefPreview

    visit = d.first("visits")
    return BriefPreview(None, d.services, visit, d.services.briefs.build(visit).pdf, "Visit")


def _commitments(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.engagements.commitments.list_dialog import CommitmentsDialog

    return CommitmentsDialog(None, d.services)


def _commitment(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.engagements.commitments.dialogs import CommitmentDialog

    return CommitmentDialog(None, lambda _text: [])


def _close_commitment(_d: Demo) -> QWidget:
    from bilatdesk.ui.areas.engagements.commitments.dialogs import CloseCommitmentDialog

    return CloseCommitmentDialog(None, "Send the figures", date(2026, 1, 5), date(2026, 2, 1))


def _change_status(_d: Demo) -> QWidget:
    from bilatdesk.ui.areas.agreements.dialogs import ChangeStatusDialog

    return ChangeStatusDialog(None, AgreementStatus.SIGNED, list(AgreementStatus))


def _diplomatic_list(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.corps.diplomatic_list_dialog import DiplomaticListDialog

    return DiplomaticListDialog(None, d.services)


def _clearers(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.cables.dialogs import ClearersDialog

    return ClearersDialog(None, d.services.cable_workflow.clearers())


def _tags(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.tags.dialog import TagsDialog

    return TagsDialog(None, d.services.tags)


def _merge_partner(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.people.merge_partner_dialog import MergePartnerDialog

    return MergePartnerDialog(None, d.services, d.first("people"))


def _merge(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.people.merge_dialog import MergeDialog

    rows = d.services.people.list().rows
    return MergeDialog(None, d.services, rows[0].id, rows[1].id)


def _duplicates(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.people.duplicates_dialog import DuplicatesDialog

    return DuplicatesDialog(None, d.services, None)


def _relationship(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.people.relationship_dialog import RelationshipDialog

    return RelationshipDialog(None, d.services, RelationshipScope.PEOPLE, d.first("people"), "A")


def _successor(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.people.successor_dialog import SuccessorDialog

    person = next(
        p
        for p in (d.services.people.get(row.id) for row in d.services.people.list().rows)
        if p.memberships
    )
    return SuccessorDialog(None, d.services, person.memberships[0], "A")


def _post_settings(d: Demo) -> QWidget:
    from bilatdesk.ui.shell.post_settings import PostSettingsDialog

    return PostSettingsDialog(None, d.services)


def _export_calendar(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.calendar_io.export_dialog import ExportCalendarDialog

    return ExportCalendarDialog(None, d.services)


def _export_people(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.contacts.export_dialog import ExportPeopleDialog

    return ExportPeopleDialog(None, d.services)


def _import_calendar(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.calendar_io.import_dialog import ImportCalendarDialog
    from tests.exchange.ics.samples import DATA

    return ImportCalendarDialog(None, d.services, next(DATA.glob("*.ics")))


def _import_vcard(d: Demo) -> QWidget:
    from bilatdesk.ui.areas.contacts.import_dialog import ImportContactsDialog

    path = d.tmp / "card.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berger\r\nEND:VCARD\r\n")
    return ImportContactsDialog(None, d.services, path)


def _import_csv(d: Demo) -> QWidget:
    from bilatdesk.exchange.csv.read import read_csv_cards
    from bilatdesk.ui.areas.contacts.import_dialog import ImportContactsDialog
    from tests.paths import DATA

    path = DATA / "csv" / "outlook.csv"
    return ImportContactsDialog(None, d.services, path, read_csv_cards(path))


def _passphrase(_d: Demo) -> QWidget:
    from bilatdesk.ui.kit.passphrase import PassphraseDialog

    return PassphraseDialog(None, "Open", "Passphrase", lambda _text: None)


def _new_passphrase(_d: Demo) -> QWidget:
    from bilatdesk.ui.kit.passphrase import NewPassphraseDialog

    return NewPassphraseDialog(None, "New database", optional=True)


def _confirm_delete(_d: Demo) -> QWidget:
    from bilatdesk.ui.kit.messages import ConfirmDeleteDialog

    return ConfirmDeleteDialog(None, DeleteImpact("Anna Berger", ("3 posts are deleted",)))


def _help(_d: Demo) -> QWidget:
    from bilatdesk.ui.shell.help import HelpWindow

    return HelpWindow(None)


WINDOWS: dict[str, Opener] = {
    "main window": _main_window,
    "new country": _record_form("bilatdesk.ui.areas.countries.form", "CountryForm", None),
    "country": _record_form("bilatdesk.ui.areas.countries.form", "CountryForm", "countries"),
    "new person": _record_form("bilatdesk.ui.areas.people.form", "PersonForm", None),
    "person": _record_form("bilatdesk.ui.areas.people.form", "PersonForm", "people"),
    "new organisation": _record_form(
        "bilatdesk.ui.areas.organisations.form", "OrganisationForm", None
    ),
    "organisation": _record_form(
        "bilatdesk.ui.areas.organisations.form", "OrganisationForm", "organisations"
    ),
    "new engagement": _record_form("bilatdesk.ui.areas.engagements.form", "EngagementForm", None),
    "engagement": _record_form(
        "bilatdesk.ui.areas.engagements.form", "EngagementForm", "engagements"
    ),
    "new agreement": _record_form("bilatdesk.ui.areas.agreements.form", "AgreementForm", None),
    "agreement": _record_form("bilatdesk.ui.areas.agreements.form", "AgreementForm", "agreements"),
    "new visit": _record_form("bilatdesk.ui.areas.visits.form", "VisitForm", None),
    "visit": _record_form("bilatdesk.ui.areas.visits.form", "VisitForm", "visits"),
    "cable editor": _cable_editor,
    "brief preview": _brief_preview,
    "commitments": _commitments,
    "commitment": _commitment,
    "close commitment": _close_commitment,
    "agreement status": _change_status,
    "diplomatic list": _diplomatic_list,
    "clearers": _clearers,
    "tags": _tags,
    "merge partner": _merge_partner,
    "merge": _merge,
    "duplicates": _duplicates,
    "relationship": _relationship,
    "successor": _successor,
    "post settings": _post_settings,
    "export calendar": _export_calendar,
    "export people": _export_people,
    "import calendar": _import_calendar,
    "import vCard": _import_vcard,
    "import CSV": _import_csv,
    "passphrase": _passphrase,
    "new passphrase": _new_passphrase,
    "confirm delete": _confirm_delete,
    "user guide": _help,
}


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, written once for the module."""
    from bilatdesk.demo.database import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path)
    return path


@pytest.fixture
def demo(_demo_file: Path, tmp_path: Path) -> Iterator[Demo]:
    target = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_file, target)
    database = Database.open(target)
    yield Demo(Services.over(database), tmp_path)
    from bilatdesk.ui.areas.cables.editor import CableEditor
    from bilatdesk.ui.kit.background import pool

    pool().waitForDone(30_000)
    CableEditor._open_editors.clear()
    database.close()


@pytest.fixture
def small_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """Windows are placed as on a 1280x720 laptop screen whose task bar takes 40 pixels."""
    monkeypatch.setattr(fit, "room", lambda _widget: QRect(SCREEN))
    return SCREEN


def _fits(size_width: int, size_height: int) -> bool:
    return size_width <= SCREEN.width() and size_height <= SCREEN.height()


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    """Whether the widget sits in a scroll area (it moves with the fields around it)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _ending_buttons(window: QWidget) -> list[QAbstractButton]:
    """The buttons that end, save or print: a button box's, and those outside the fields."""
    found: list[QAbstractButton] = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window):
            continue
        in_box = isinstance(button.parentWidget(), QDialogButtonBox)
        word = button.text().replace("&", "").rstrip("…. ").split(" ")[0].lower()
        if in_box or (word in BUTTONS and not _scrolled(button, window)):
            found.append(button)
    return found


@pytest.mark.parametrize("name", list(WINDOWS))
def test_window_fits_a_small_laptop_screen(
    qtbot: QtBot, demo: Demo, small_screen: QRect, name: str
) -> None:
    """Size hint, minimum and opening size fit 1280x680; the ending buttons show whole."""
    window = WINDOWS[name](demo)
    qtbot.addWidget(window)
    hint, least = window.sizeHint(), window.minimumSizeHint().expandedTo(window.minimumSize())
    assert _fits(hint.width(), hint.height()), f"{name} asks for {hint.toTuple()}"
    assert _fits(least.width(), least.height()), f"{name} needs at least {least.toTuple()}"
    window.show()
    QApplication.processEvents()
    assert small_screen.contains(window.frameGeometry()), (
        f"{name} opens at {window.frameGeometry().getRect()}"
    )
    for button in _ending_buttons(window):
        assert not _scrolled(button, window), f"{name}: {button.text()!r} scrolls away"
        seen = button.visibleRegion().boundingRect()
        assert seen == button.rect(), f"{name}: {button.text()!r} is not whole on screen"
    if hasattr(window, "dirty"):
        window.dirty = False
    window.close()
