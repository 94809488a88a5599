"""The data a printed cable is built from: everything already decided, nothing to look up."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from bilatdesk.domain.marking import Marked, classifications


class Section(StrEnum):
    """Typed parts of a cable body, printed with their delimiters."""

    BODY = ""
    SUMMARY = "summary"  # "Summary: ... End summary."
    COMMENT = "comment"  # "Comment: ... End comment."
    ACTION = "action"  # "Action requested: ..."


@dataclass(frozen=True)
class CableParagraph:
    text: str
    portion_mark: str  # e.g. "(C)", printed right after the paragraph number
    section: Section = Section.BODY
    classification: str = ""  # the portion's code, counted in the overall marking


@dataclass(frozen=True)
class CableData:
    """A cable as printed. Strings are as the user wrote them: the renderer escapes them."""

    # The overall marking, e.g. "CONFIDENTIAL", top and bottom of every page: the highest of
    # the printed portions (portions()).
    classification: str
    caveats: str = ""  # e.g. "NATIONAL EYES ONLY", printed with the marking
    precedence: str = "ROUTINE"
    deskby: str = ""  # e.g. "DESKBY 231200Z NOV 26", or empty
    night_action: str = ""  # one-line justification, or empty
    dtg: str = ""  # date-time group set at dispatch, e.g. "221530Z NOV 26"; empty on a draft
    serial: str = ""  # e.g. "VIE 2026/017"; empty on a draft
    from_post: str = ""
    to: tuple[str, ...] = ()
    info: tuple[str, ...] = ()
    subject: str = ""  # "COUNTRY: HEADLINE"
    # The subject is the cable's own text: marked and counted at the cable's own marking.
    subject_mark: str = ""
    subject_classification: str = ""
    # (letter, text): ("A", "VIE 2026/003"); a cited cable's serial marked as that cable is.
    references: tuple[tuple[str, str | Marked], ...] = ()
    tags: tuple[str, ...] = ()
    classified_by: str = ""
    classification_reason: str = ""
    declassify_on: str = ""
    nature: str = ""  # "FOR INFORMATION", "ACTION REQUESTED", "INSTRUCTIONS REQUESTED BY ..."
    paragraphs: tuple[CableParagraph, ...] = ()
    signature: str = ""
    draft: bool = False  # a draft prints "DRAFT" in place of serial and DTG, and a watermark
    produced_at: str = ""  # fixed creation date for byte-stable output, ISO 8601

    def portions(self) -> Iterator[str]:
        """The code of every printed part: the subject, each reference, each paragraph."""
        yield self.subject_classification
        yield from classifications(text for _letter, text in self.references)
        yield from (p.classification for p in self.paragraphs if p.text.strip())
