"""The demo's cables as printed: authority only when classified, TAGS without our staff,
declassification counted from each cable's own date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from bilatdesk.domain import DEFAULT_SCHEME, Cable, CableStatus
from bilatdesk.services.cables.documents import cable_data
from bilatdesk.store.database import Database

OUR_STAFF = ("Ana Kovačević-Brandt", "Tomás Ó Briain", "Marta Şahin")


def test_demo_cables_print_authority_tags_and_declassification_that_make_sense(
    demo_file: Path,
) -> None:
    """An UNCLASSIFIED cable prints no CLASSIFIED BY or REASON; no cable tags our own staff;
    a dispatched cable's declassification date is ten years after its own date."""
    unclassified_with_authority = 0
    with Database.open(demo_file, lock=False) as db, db.read() as session:
        for cable in session.scalars(select(Cable).order_by(Cable.id)).all():
            data = cable_data(session, cable, DEFAULT_SCHEME)
            if data.classification == "UNCLASSIFIED":
                unclassified_with_authority += bool(cable.classified_by)
                authority = (data.classified_by, data.classification_reason, data.declassify_on)
                assert authority == ("", "", "")
            assert not set(OUR_STAFF) & set(data.tags), data.tags
            if cable.status is CableStatus.DISPATCHED and cable.declassify_on is not None:
                assert cable.dispatched_at is not None
                sent: date = cable.dispatched_at.date()
                assert cable.declassify_on == sent.replace(year=sent.year + 10)
    assert unclassified_with_authority  # the demo has such a draft: the rule is exercised
