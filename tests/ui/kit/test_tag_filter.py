"""The Tags filter of the list pages: ticking tags narrows a real list to records carrying all."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from bilatdesk.services.agreements.records import AgreementInput, PartyInput
from bilatdesk.services.catalog import Services
from bilatdesk.services.kernel.listing import ListQuery, Page
from bilatdesk.ui.areas.agreements.page import AgreementsPageController, AgreementsPageView
from bilatdesk.ui.areas.cables.page import CablesPageController, CablesPageView
from bilatdesk.ui.kit.list_page import ListPageController, ListPageView
from bilatdesk.ui.shell import areas


def tag(services: Services, name: str) -> int:
    return services.tags.create(name).id


def person_id(services: Services, family_name: str) -> int:
    return next(r.id for r in services.people.list().rows if family_name in r.name)


def people_page(qtbot: QtBot, services: Services) -> ListPageController:
    view = ListPageView()
    qtbot.addWidget(view)
    return ListPageController(view, areas.person_area(services))


def names(controller: ListPageController) -> list[str]:
    model = controller.model
    return sorted(str(model.index(r, 0).data()) for r in range(model.rowCount()))


def tick(controller: ListPageController, name: str) -> None:
    """Tick a tag in the button's menu as a click would (after the menu re-reads the vocabulary)."""
    menu = controller.view.tags_filter.menu
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text() == name)
    action.trigger()


def test_ticking_tags_narrows_the_people_to_those_carrying_all(
    qtbot: QtBot, populated: Services, qtmodeltester: ModelTester
) -> None:
    """One tag shows its carriers; a second tag keeps only those carrying both; clear shows all."""
    energy, water = tag(populated, "Energy"), tag(populated, "Water")
    populated.tags.set_tags("person", person_id(populated, "Berger"), [energy, water])
    populated.tags.set_tags("person", person_id(populated, "Masri"), [energy])
    controller = people_page(qtbot, populated)
    view = controller.view
    assert view.tags_filter.isVisibleTo(view)
    assert len(names(controller)) == 5
    tick(controller, "Energy")
    assert names(controller) == ["Anna Berger", "Dina Masri"]
    assert controller.model.rowCount() == 2
    qtmodeltester.check(controller.model)
    tick(controller, "Water")
    assert names(controller) == ["Anna Berger"]
    assert view.tags_filter.active_label.text() == "Energy, Water"
    assert view.tags_filter.button.text() == "Tags (2)"
    assert view.tags_filter.clear_button.isVisibleTo(view)
    view.tags_filter.clear_button.click()
    assert len(names(controller)) == 5
    assert view.tags_filter.active_label.isHidden()


def test_the_query_sent_carries_the_tags_with_text_and_scope(
    qtbot: QtBot, populated: Services
) -> None:
    """The fetch receives tags= beside the filter text, so the service narrows in SQL."""
    energy = tag(populated, "Energy")
    seen: list[ListQuery] = []
    spec = areas.person_area(populated)

    def fetch(query: ListQuery) -> Page[object]:
        seen.append(query)
        return populated.people.list(query)

    from dataclasses import replace

    view = ListPageView()
    qtbot.addWidget(view)
    controller = ListPageController(view, replace(spec, fetch=fetch))
    controller.set_tags([energy])
    assert seen[-1].tags == (energy,)
    assert controller.model.rowCount() == 0
    controller.model.set_filter_text("Berger")
    assert seen[-1].tags == (energy,) and seen[-1].text == "Berger"


def test_a_tag_deleted_meanwhile_leaves_the_filter_on_refresh(
    qtbot: QtBot, populated: Services
) -> None:
    """Removing a ticked tag from the vocabulary does not leave the list empty forever."""
    energy = tag(populated, "Energy")
    controller = people_page(qtbot, populated)
    controller.set_tags([energy])
    assert controller.model.rowCount() == 0
    version = next(t.version for t in populated.tags.vocabulary() if t.id == energy)
    populated.tags.delete(energy, version)
    controller.refresh()
    assert controller.view.tags_filter.selected() == ()
    assert controller.model.rowCount() == 5


def test_countries_have_no_tag_filter(qtbot: QtBot, populated: Services) -> None:
    """Countries carry no tags, so their list shows no Tags button."""
    view = ListPageView()
    qtbot.addWidget(view)
    ListPageController(view, areas.country_area(populated))
    assert not view.tags_filter.isVisibleTo(view)


def test_organisations_and_engagements_filter_by_tag(qtbot: QtBot, populated: Services) -> None:
    """The same filter narrows organisations and engagements."""
    priority = tag(populated, "Priority")
    organisation = populated.organisations.list().rows[0]
    engagement = populated.engagements.list().rows[0]
    populated.tags.set_tags("organisation", organisation.id, [priority])
    populated.tags.set_tags("engagement", engagement.id, [priority])
    for spec, expected in (
        (areas.organisation_area(populated), organisation.id),
        (areas.engagement_area(populated), engagement.id),
    ):
        view = ListPageView()
        qtbot.addWidget(view)
        controller = ListPageController(view, spec)
        assert controller.model.rowCount() > 1
        tick(controller, "Priority")
        assert [controller.model.row_id(r) for r in range(controller.model.rowCount())] == [
            expected
        ]


def test_agreements_and_cables_pages_filter_by_tag(qtbot: QtBot, populated: Services) -> None:
    """The registers of agreements and cables carry the same Tags filter."""
    legal = tag(populated, "Legal")
    country_id = populated.countries.choices()[0].id
    ids = [
        populated.agreements.create(
            AgreementInput(
                title, country_id=country_id, parties=(PartyInput("Us"), PartyInput("Them"))
            )
        ).id
        for title in ("Air services", "Culture")
    ]
    populated.tags.set_tags("agreement", ids[0], [legal])
    view = AgreementsPageView()
    qtbot.addWidget(view)
    agreements = AgreementsPageController(view, populated)
    assert agreements.model.rowCount() == 2
    tick(agreements, "Legal")
    assert [agreements.model.row_id(r) for r in range(agreements.model.rowCount())] == [ids[0]]

    from bilatdesk.domain.cable import CableKind

    drafts = [
        populated.cable_drafting.from_template(CableKind.GENERAL, drafter="A. Clerk").id
        for _ in range(2)
    ]
    populated.tags.set_tags("cable", drafts[1], [legal])
    cables_view = CablesPageView()
    qtbot.addWidget(cables_view)
    cables = CablesPageController(cables_view, populated)
    assert cables.model.rowCount() == 2
    tick(cables, "Legal")
    assert [cables.model.row_id(r) for r in range(cables.model.rowCount())] == [drafts[1]]
