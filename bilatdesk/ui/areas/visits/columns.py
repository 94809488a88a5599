"""The columns of the visits list: who goes where, when, and at what marking."""

from __future__ import annotations

from datetime import date

from bilatdesk.services.visits.service import VisitRow
from bilatdesk.ui.kit.formatting import format_date
from bilatdesk.ui.kit.texts import classification_colour, classification_text, tr
from bilatdesk.ui.models.paged_model import Column

COL_VISIT_DATES, COL_VISIT_PRINCIPAL, COL_VISIT_COUNTRY, COL_VISIT_CLASSIFICATION = range(4)


def date_span(start: date, end: date) -> str:
    """ "24 Nov 2026 – 27 Nov 2026", or one date for a day's visit."""
    if start == end:
        return format_date(start)
    return f"{format_date(start)} – {format_date(end)}"


def _days(row: VisitRow) -> str:
    days = (row.ends_on - row.starts_on).days + 1
    return tr("1 day") if days == 1 else tr("%1 days").replace("%1", str(days))


def visit_columns() -> list[Column]:
    return [
        Column(
            tr("Dates"), lambda r: date_span(r.starts_on, r.ends_on), "starts_on", tooltip=_days
        ),
        Column(tr("Principal"), lambda r: r.principal, "principal"),
        Column(tr("Country"), lambda r: r.country),
        # A badge (swatch and code), as in the agreements register.
        Column(
            tr("Class."),
            lambda r: r.classification,
            tooltip=lambda r: classification_text(r.classification),
            decoration=lambda r: classification_colour(r.classification),
        ),
    ]
