"""The columns of the agreements register and of Today's agreement deadlines."""

from __future__ import annotations

from datetime import date

from bilatdesk.domain import agreement_rules
from bilatdesk.services.agreements.records import AgreementRow
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.texts import (
    classification_colour,
    classification_text,
    enum_text,
    key_text,
    tr,
)
from bilatdesk.ui.models.paged_model import Column

COL_AGR_TITLE, COL_AGR_KIND, COL_AGR_STATUS, COL_AGR_COUNTRY, COL_AGR_SIGNED = range(5)
COL_AGR_IN_FORCE, COL_AGR_EXPIRY, COL_AGR_NOTICE, COL_AGR_CLASSIFICATION = 5, 6, 7, 8


def notice_is_near(row: AgreementRow, today: date | None = None) -> bool:
    """The row's notice deadline is near, by the domain's rule."""
    return agreement_rules.notice_is_near(row.notice_deadline, today or date.today())


def _title_tip(row: AgreementRow) -> str:
    return f"{row.short_title}\n{row.title}" if row.short_title else row.title


def _status_tip(row: AgreementRow) -> str:
    return "\n".join((key_text(row.group), *(f"⚠ {p}" for p in row.problems)))


def _notice_tip(row: AgreementRow) -> str:
    if row.notice_deadline is None:
        return ""
    days = (row.notice_deadline - date.today()).days
    if days < 0:
        return format_date(row.notice_deadline)
    return (
        tr("%1 — %2 days left to give notice")
        .replace("%1", format_date(row.notice_deadline))
        .replace("%2", str(days))
    )


def agreement_columns() -> list[Column]:
    return [
        Column(tr("Title"), lambda r: r.title, "title", tooltip=_title_tip),
        Column(tr("Kind"), lambda r: enum_text(r.kind)),
        Column(
            tr("Status"),
            lambda r: enum_text(r.status),
            "status",
            tooltip=_status_tip,
            # Dates that contradict each other draw the eye to the status, their sentences
            # in its tooltip (all of them in Check register…).
            highlight=lambda r: bool(r.problems),
        ),
        Column(tr("Country"), lambda r: r.country),
        Column(tr("Signed"), lambda r: format_date(r.signed_on)),
        Column(tr("In force"), lambda r: format_date(r.entry_into_force), "entry_into_force"),
        Column(tr("Expiry"), lambda r: format_date(r.expiry_date)),
        Column(
            tr("Notice deadline"),
            lambda r: format_date(r.notice_deadline),
            tooltip=_notice_tip,
            highlight=notice_is_near,
        ),
        # A badge (swatch and code) rather than the level's name: the title needs the room.
        Column(
            tr("Class."),
            lambda r: r.classification,
            tooltip=lambda r: classification_text(r.classification),
            decoration=lambda r: classification_colour(r.classification),
        ),
    ]
