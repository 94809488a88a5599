"""The record areas as list-page specs: which service, which columns, which form."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from bilatdesk.services.catalog import Services
from bilatdesk.ui.kit.changes import Kind, changes, saving
from bilatdesk.ui.kit.list_page import AreaSpec, RowAction
from bilatdesk.ui.kit.texts import tr
from bilatdesk.ui.models.columns import (
    COL_ENG_START,
    COL_ENG_TITLE,
    COL_PERSON_POSTS,
    country_columns,
    engagement_columns,
    organisation_columns,
    person_columns,
)

OpenForm = Callable[[QWidget, int | None, int | None], int | None]


# Each form is imported when first opened (a list shows before any form loads) and looked up
# at call time, so tests can patch each form's `ask` seam.
def _open_country(s: Services) -> OpenForm:
    def run(parent: QWidget, record_id: int | None, scope: int | None) -> int | None:
        from bilatdesk.ui.areas.countries.form import CountryForm

        return CountryForm.ask(parent, s, record_id, scope)

    return run


def _open_person(s: Services) -> OpenForm:
    def run(parent: QWidget, record_id: int | None, scope: int | None) -> int | None:
        from bilatdesk.ui.areas.people.form import PersonForm

        return PersonForm.ask(parent, s, record_id, scope)

    return run


def _open_organisation(s: Services) -> OpenForm:
    def run(parent: QWidget, record_id: int | None, scope: int | None) -> int | None:
        from bilatdesk.ui.areas.organisations.form import OrganisationForm

        return OrganisationForm.ask(parent, s, record_id, scope)

    return run


def _open_engagement(s: Services) -> OpenForm:
    def run(parent: QWidget, record_id: int | None, scope: int | None) -> int | None:
        from bilatdesk.ui.areas.engagements.form import EngagementForm

        return EngagementForm.ask(parent, s, record_id, scope)

    return run


def country_area(s: Services) -> AreaSpec:
    return AreaSpec(
        fetch=s.countries.list,
        columns=country_columns(),
        open_form=_open_country(s),
        delete_impact=s.countries.delete_impact,
        delete=s.countries.delete,
        sort="name",
        empty=(tr("No countries yet. New country… (Ctrl+N)"), ""),
        shows=changes(Kind.COUNTRIES),
        changes=saving(Kind.COUNTRIES),
    )


def person_area(s: Services) -> AreaSpec:
    from bilatdesk.ui.areas.people.menu import merge_with_action

    return AreaSpec(
        fetch=s.people.list,
        columns=person_columns(),
        open_form=_open_person(s),
        delete_impact=s.people.delete_impact,
        delete=s.people.delete,
        sort="name",
        stretch_column=COL_PERSON_POSTS,
        empty=(
            tr("No people yet. New person… (Ctrl+N)"),
            tr("No people of %1 yet. New person… (Ctrl+N)"),
        ),
        tag_choices=s.tags.choices,
        actions=(merge_with_action(s),),
        shows=changes(Kind.PEOPLE, Kind.COUNTRIES, Kind.ORGANISATIONS, Kind.TAGS),
        changes=saving(Kind.PEOPLE),
    )


def organisation_area(s: Services) -> AreaSpec:
    return AreaSpec(
        fetch=s.organisations.list,
        columns=organisation_columns(),
        open_form=_open_organisation(s),
        delete_impact=s.organisations.delete_impact,
        delete=s.organisations.delete,
        sort="name",
        empty=(
            tr("No organisations yet. New organisation… (Ctrl+N)"),
            tr("No organisations in %1 yet. New organisation… (Ctrl+N)"),
        ),
        tag_choices=s.tags.choices,
        shows=changes(Kind.ORGANISATIONS, Kind.COUNTRIES, Kind.TAGS),
        changes=saving(Kind.ORGANISATIONS),
    )


def engagement_area(s: Services) -> AreaSpec:
    return AreaSpec(
        fetch=s.engagements.list,
        columns=engagement_columns(),
        open_form=_open_engagement(s),
        delete_impact=s.engagements.delete_impact,
        delete=s.engagements.delete,
        # The latest engagements matter most: newest first.
        sort="starts_at",
        descending=True,
        stretch_column=COL_ENG_TITLE,
        whole_columns=(COL_ENG_START,),  # a start cut short tells nothing
        empty=(
            tr("No engagements yet. New engagement… (Ctrl+N)"),
            tr("No engagements with %1 yet. New engagement… (Ctrl+N)"),
        ),
        actions=(
            RowAction(
                tr("Report this meeting"),
                "report",
                _report_meeting(s),
                changes=changes(Kind.CABLES, Kind.ENGAGEMENTS),
            ),
        ),
        tag_choices=s.tags.choices,
        # Participants are people and organisations; a filter may find them by name.
        shows=changes(Kind.ENGAGEMENTS, Kind.COUNTRIES, Kind.PEOPLE, Kind.ORGANISATIONS, Kind.TAGS),
        changes=saving(Kind.ENGAGEMENTS),
    )


def _report_meeting(s: Services) -> Callable[[QWidget, int, int | None], bool]:
    def run(parent: QWidget, engagement_id: int, _scope: int | None) -> bool:
        # Imported here: the cable editor (and pypdfium2 behind it) loads on first use.
        from bilatdesk.ui.areas.cables.launch import report_meeting

        return report_meeting(parent, s, engagement_id)

    return run
