"""Tools ▸ Recently deleted…: lists deleted records, restores one whole, purges one."""

from __future__ import annotations

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.errors import NotFoundError
from bilatdesk.services.organisations.service import OrganisationInput
from bilatdesk.ui.areas.bin.dialog import BinDialog, ConfirmPurgeDialog
from bilatdesk.ui.kit.changes import Kind


def _deleted(services: Services, name: str) -> int:
    made = services.organisations.create(OrganisationInput(name=name))
    services.organisations.delete(made.id, made.version)
    return made.id


def test_restore_brings_the_record_back(
    qtbot: QtBot, services: Services, qtmodeltester: ModelTester
) -> None:
    """Restore puts the selected record back and says which kinds of pages to re-read."""
    gone = _deleted(services, "Ministry of Justice")
    dialog = BinDialog(None, services.bin)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1
    assert dialog.current() is not None
    dialog.restore_button.click()
    assert services.organisations.get(gone).data.name == "Ministry of Justice"
    assert dialog.model.rowCount() == 0
    assert dialog.empty_label.isVisibleTo(dialog)
    assert Kind.ORGANISATIONS in dialog.changed


def test_purge_forgets_the_record_after_asking(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Purge asks first; confirmed, the record leaves the bin and cannot come back."""
    gone = _deleted(services, "Ministry of Justice")
    dialog = BinDialog(None, services.bin)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(ConfirmPurgeDialog, "ask", classmethod(lambda cls, parent, title: False))
    dialog.purge_button.click()
    assert dialog.model.rowCount() == 1
    monkeypatch.setattr(ConfirmPurgeDialog, "ask", classmethod(lambda cls, parent, title: True))
    dialog.purge_button.click()
    assert dialog.model.rowCount() == 0
    with pytest.raises(NotFoundError):
        services.organisations.get(gone)
