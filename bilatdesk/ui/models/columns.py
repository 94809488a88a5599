"""The columns of each area's list: `COL_*` positions, headers, shown values, sort keys."""

from __future__ import annotations

from bilatdesk.domain.cable import CableStatus
from bilatdesk.services.cables.records import CableRow
from bilatdesk.services.countries.service import CountryRow
from bilatdesk.services.engagements.service import EngagementRow
from bilatdesk.services.people.service import PersonRow
from bilatdesk.ui.kit.formatting import format_date, format_moment
from bilatdesk.ui.kit.texts import classification_colour, classification_text, enum_text, tr
from bilatdesk.ui.models.paged_model import Column


def _circle(row: CountryRow) -> str:
    return str(row.priority_circle)


def _accreditation(row: CountryRow) -> str:
    # Resident or not says how we are accredited; a country we are not accredited to is
    # neither (and is not offered in the country scope either).
    return enum_text(row.accreditation) if row.accredited else tr("Not accredited")


COL_COUNTRY_NAME, COL_COUNTRY_ISO, COL_COUNTRY_STATUS, COL_COUNTRY_ACCREDITATION = 0, 1, 2, 3
COL_COUNTRY_RESIDENT_IN, COL_COUNTRY_CIRCLE, COL_COUNTRY_SINCE = 4, 5, 6


def country_columns() -> list[Column]:
    return [
        Column(tr("Name"), lambda r: r.name, "name"),
        Column(tr("ISO"), lambda r: r.iso_code, "iso_code"),
        Column(tr("Relations"), lambda r: enum_text(r.status)),
        Column(tr("Accreditation"), _accreditation),
        Column(tr("Resident in"), lambda r: r.resident_in),
        Column(tr("Circle"), _circle, "priority_circle"),
        Column(tr("Relations since"), lambda r: format_date(r.relations_since)),
    ]


COL_PERSON_NAME, COL_PERSON_ORIGINAL, COL_PERSON_POSTS, COL_PERSON_COUNTRY = 0, 1, 2, 3
COL_PERSON_CLASSIFICATION = 4


def _person_name(row: PersonRow) -> str:
    return f"{row.honorific} {row.name}" if row.honorific else row.name


def person_columns() -> list[Column]:
    return [
        Column(tr("Name"), _person_name, "name"),
        Column(tr("Original script"), lambda r: r.name_original),
        Column(
            tr("Current posts"),
            lambda r: "; ".join(r.current_posts),
            tooltip=lambda r: "\n".join(r.current_posts),
        ),
        Column(tr("Country"), lambda r: r.country),
        Column(
            tr("Classification"),
            lambda r: classification_text(r.classification),
            "classification",
            decoration=lambda r: classification_colour(r.classification),
        ),
    ]


COL_ORG_NAME, COL_ORG_ABBREVIATION, COL_ORG_KIND, COL_ORG_COUNTRY, COL_ORG_PARENT = range(5)


def organisation_columns() -> list[Column]:
    return [
        Column(tr("Name"), lambda r: r.name, "name"),
        Column(tr("Abbreviation"), lambda r: r.abbreviation),
        Column(tr("Kind"), lambda r: enum_text(r.kind), "kind"),
        Column(tr("Country"), lambda r: r.country),
        Column(tr("Part of"), lambda r: r.parent),
    ]


COL_ENG_START, COL_ENG_TITLE, COL_ENG_KIND, COL_ENG_COUNTRY, COL_ENG_PLACE = range(5)
COL_ENG_FORMALITY, COL_ENG_CLASSIFICATION = 5, 6


def _start(row: EngagementRow) -> str:
    return format_moment(row.starts_at, row.time_zone)


def engagement_columns() -> list[Column]:
    return [
        Column(tr("Starts"), _start, "starts_at"),
        Column(tr("Title"), lambda r: r.title, "title"),
        Column(tr("Kind"), lambda r: enum_text(r.kind), "kind"),
        Column(tr("Country"), lambda r: r.country),
        Column(tr("Place"), lambda r: r.place),
        Column(tr("Formality"), lambda r: enum_text(r.formality)),
        Column(
            tr("Classification"),
            lambda r: classification_text(r.classification),
            decoration=lambda r: classification_colour(r.classification),
        ),
    ]


COL_CABLE_SERIAL, COL_CABLE_DTG, COL_CABLE_STATUS, COL_CABLE_CLASSIFICATION = range(4)
COL_CABLE_PRECEDENCE, COL_CABLE_SUBJECT, COL_CABLE_COUNTRY, COL_CABLE_UPDATED = 4, 5, 6, 7


def _serial(row: CableRow) -> str:
    # Only a dispatched cable has a serial; the others show where they stand instead.
    return row.serial or (tr("Draft") if row.status is CableStatus.DRAFT else "—")


def cable_columns() -> list[Column]:
    return [
        Column(tr("Serial"), _serial, "serial"),
        Column(tr("DTG"), lambda r: r.dtg),
        Column(tr("Status"), lambda r: enum_text(r.status), "status"),
        Column(
            tr("Classification"),
            lambda r: classification_text(r.classification),
            decoration=lambda r: classification_colour(r.classification),
        ),
        Column(tr("Precedence"), lambda r: r.precedence),
        Column(tr("Subject"), lambda r: r.subject or tr("(no subject yet)"), "subject"),
        Column(tr("Country"), lambda r: r.country),
        Column(tr("Last change"), lambda r: format_moment(r.updated_at), "updated_at"),
    ]
