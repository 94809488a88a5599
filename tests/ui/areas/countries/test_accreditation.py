"""The country list and the scope selector agree on where we are accredited."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bilatdesk.services.catalog import Services
from bilatdesk.store.database import Database
from bilatdesk.ui.areas.countries.form import CountryForm
from bilatdesk.ui.kit.list_page import ListPageController
from bilatdesk.ui.models.columns import COL_COUNTRY_ACCREDITATION, COL_COUNTRY_NAME
from bilatdesk.ui.shell.main_window import MainWindow


def test_a_country_we_are_not_accredited_to_says_so_and_is_not_in_the_scope(
    qtbot: QtBot, populated: Services, db: Database
) -> None:
    """France (not accredited) reads "Not accredited", never "Non-resident", and is not
    offered in the scope; the accredited countries are offered, with their accreditation."""
    window = MainWindow(db)
    qtbot.addWidget(window)
    controller = window.controllers["countries"]
    assert isinstance(controller, ListPageController)
    model = controller.model
    shown = {
        model.index(r, COL_COUNTRY_NAME).data(): model.index(r, COL_COUNTRY_ACCREDITATION).data()
        for r in range(model.rowCount())
    }
    scope = [window.scope_combo.itemText(i) for i in range(1, window.scope_combo.count())]
    assert shown["France"] == "Not accredited" and "France" not in scope
    assert shown["Austria"] == "Non-resident" and "Austria" in scope


def test_the_form_offers_resident_or_not_only_where_accredited(
    qtbot: QtBot, populated: Services
) -> None:
    """Unticking "We are accredited" turns the resident/non-resident choice off."""
    form = CountryForm(None, populated)
    qtbot.addWidget(form)
    assert form.accreditation.isEnabled()
    form.accredited.setChecked(False)
    assert not form.accreditation.isEnabled()
    form.dirty = False
