"""Cable records for the report tests: a realistic dispatched cable and its variations."""

from __future__ import annotations

import dataclasses
from typing import Any

from bilatdesk.reports.records import CableData, CableParagraph, Section

MARKING = "CONFIDENTIAL // NATIONAL EYES ONLY"
NAMES = ("Müller", "Ελένη Παπαδοπούλου", "Иван Петров", "ليلى الحسن", "王立新")

_SENTENCES = (
    "The Foreign Minister received the Ambassador for forty minutes on the margins of the "
    "Council and spoke with unusual candour about the coalition's arithmetic.",
    "On trade, she said the ratification bill would go to parliament before the summer recess "
    "and that the economics ministry had dropped its objection to the investment chapter.",
    "She asked whether our capital would send a minister to the investment conference in "
    "March, and hinted that a bilateral meeting with the Chancellor could be arranged.",
)


def body_text(index: int) -> str:
    """A realistic paragraph, different for each index."""
    return f"Point {index}. " + " ".join(_SENTENCES[(index + k) % 3] for k in range(3))


def paragraphs(count: int, mark: str = "(C)") -> tuple[CableParagraph, ...]:
    return tuple(CableParagraph(body_text(i), mark) for i in range(count))


def cable(**changes: Any) -> CableData:
    """A dispatched CONFIDENTIAL cable with every header field set; `changes` override."""
    base = CableData(
        classification="CONFIDENTIAL",
        caveats="NATIONAL EYES ONLY",
        precedence="IMMEDIATE",
        deskby="DESKBY 231200Z NOV 26",
        dtg="221530Z NOV 26",
        serial="VIE 2026/017",
        from_post="VIENNA",
        to=("CAPITAL/EUROPE DESK",),
        info=("BERLIN", "PARIS", "UKREP BRUSSELS"),
        subject="AUSTRIA: FOREIGN MINISTER SIGNALS SUPPORT ON TRADE DEAL",
        references=(("A", "VIE 2026/003"), ("B", "VIE 2026/011")),
        tags=("political", "trade", "AT"),
        classified_by="Anna Berger, Ambassador",
        classification_reason="Foreign government information",
        declassify_on="2036-11-22",
        nature="ACTION REQUESTED",
        paragraphs=(
            CableParagraph(
                "The Minister is ready to move on the trade deal.", "(C)", Section.SUMMARY
            ),
            *paragraphs(3),
            CableParagraph("We think she means it.", "(C)", Section.COMMENT),
            CableParagraph(
                "Please confirm a ministerial visit by 1 December.", "(U)", Section.ACTION
            ),
        ),
        signature="BERGER",
        produced_at="2026-11-22T15:30:00Z",
    )
    return dataclasses.replace(base, **changes)
