"""The data a visit brief is built from: every section decided, nothing left to look up.

A part whose data does not exist yet carries a `missing` sentence instead of content, so the
brief says what is missing rather than failing or leaving a silent gap.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bilatdesk.domain.marking import Marked, classifications


@dataclass(frozen=True)
class Labelled:
    """A label and its text, e.g. ("Objectives", "...")."""

    label: str
    text: str
    # Set when the text is a classified record's: the mark prints before it, the code counts.
    classification: str = ""
    portion_mark: str = ""
    lines: tuple[Marked, ...] = ()  # several records' lines, each with its own mark

    def portions(self) -> list[str]:
        own = [self.classification] if self.text.strip() and self.classification else []
        return own + classifications(self.lines)


@dataclass(frozen=True)
class ProgrammeItem:
    time: str  # "10:30–11:15 CET"
    title: str
    place: str = ""
    theirs: tuple[str, ...] = ()  # participants on their side, "Name (role)"
    ours: tuple[str, ...] = ()
    details: tuple[Labelled, ...] = ()  # press, interpreter, gifts, dress
    portion_mark: str = "(U)"
    classification: str = ""  # the engagement's code, counted in the brief's marking


@dataclass(frozen=True)
class ProgrammeDay:
    day: str  # "Tuesday 24 November 2026"
    items: tuple[ProgrammeItem, ...]


@dataclass(frozen=True)
class CallBrief:
    """One meeting of the programme: what we want from it and what came before."""

    title: str  # "Call on Eleni Papadopoulou, Minister of Foreign Affairs"
    when: str
    portion_mark: str = "(U)"
    objectives: str = ""
    points_to_make: str = ""
    their_points: str = ""
    last_meeting: str | Marked = ""  # "12 March 2026, Athens: ... outcome ..."
    commitments: tuple[str | Marked, ...] = ()
    missing: tuple[str, ...] = ()  # e.g. "No earlier meeting with this interlocutor recorded."
    classification: str = ""  # the engagement's code
    # The call notes (objectives, points) are the visit's text, marked as the visit is.
    notes_classification: str = ""
    notes_mark: str = ""

    def portions(self) -> list[str]:
        notes = any(x.strip() for x in (self.objectives, self.points_to_make, self.their_points))
        return [
            self.classification,
            self.notes_classification if notes else "",
            *classifications([self.last_meeting, *self.commitments]),
        ]


@dataclass(frozen=True)
class Biography:
    name: str  # as its owner writes it
    original_script: str = ""
    pronunciation: str = ""
    form_of_address: str = ""  # "His Excellency Mr ..."
    current_post: str = ""
    post_history: tuple[str, ...] = ()  # "2019–2025 Secretary-General, Ministry of ..."
    languages: str = ""
    previous_contacts: tuple[str | Marked, ...] = ()  # "12 Mar 2026 — Courtesy call ..."
    biography: str = ""
    source: str = ""  # "Ministry website, as of 3 Oct 2026"
    photo: bytes | None = None  # JPEG or PNG bytes, or None: "No photo on file."
    portion_mark: str = "(U)"
    classification: str = ""  # the person's code

    def portions(self) -> list[str]:
        return [self.classification, *classifications(self.previous_contacts)]


@dataclass(frozen=True)
class Section:
    """A titled part made of labelled paragraphs (steering brief, key facts, protocol...)."""

    title: str
    items: tuple[Labelled, ...] = ()
    missing: tuple[str, ...] = ()

    def portions(self) -> list[str]:
        return [code for item in self.items for code in item.portions()]


@dataclass(frozen=True)
class AgreementLine:
    title: str
    detail: str  # "Signed 7 May 2022; in force 5 Aug 2022; expires 4 Aug 2027"
    portion_mark: str = ""
    classification: str = ""  # the agreement's code


@dataclass(frozen=True)
class AgreementsPart:
    groups: tuple[tuple[str, tuple[AgreementLine, ...]], ...]  # (heading, lines)


HANDLING = (
    "To be handled according to its marking. Not to be copied or passed on without the "
    "originator's consent; return or destroy after the visit."
)


@dataclass(frozen=True)
class BriefData:
    title: str  # "Visit of the Minister of Foreign Affairs to Austria, 24–26 November 2026"
    classification: str  # overall marking name: the highest of the printed parts (portions())
    version: str = "1"
    prepared_by: str = ""
    produced_at: str = ""  # fixed creation date for byte-stable output, ISO 8601
    steering: Section = Section("Steering brief")
    programme: tuple[ProgrammeDay, ...] = ()
    programme_missing: str = ""  # "No engagements are planned inside the visit's dates."
    calls: tuple[CallBrief, ...] = ()
    biographies: tuple[Biography, ...] = ()
    key_facts: Section = Section("Key facts")
    relations: Section = Section("State of relations")
    agreements: AgreementsPart = AgreementsPart(())
    protocol: Section = Section("Protocol notes")
    title_mark: str = ""  # the visit's portion mark, printed before the title on the cover
    title_classification: str = ""
    # The cover: who issues the brief, for whom, and how it is handled.
    state: str = ""  # "the Republic of Veloria"
    ministry: str = ""  # "Ministry of Foreign Affairs"
    principal: str = ""  # "the Minister of Foreign Affairs"
    country: str = ""  # "Greece"
    dates: str = ""  # "6–7 December 2026"
    short_title: str = ""  # "Visit to Greece, 6–7 December 2026": the running head's fallback
    handling: str = HANDLING
    copy_number: int = 1
    # What the person building the brief should know and the page does not say (a photo too
    # small to print sharply): shown in the build report, never printed.
    notices: tuple[str, ...] = ()

    def portions(self) -> Iterator[str]:
        """The code of every printed part that holds a classified record's text."""
        yield self.title_classification
        for part in (self.steering, self.key_facts, self.relations, self.protocol):
            yield from part.portions()
        for day in self.programme:
            yield from (item.classification for item in day.items)
        for call in self.calls:
            yield from call.portions()
        for person in self.biographies:
            yield from person.portions()
        for _heading, lines in self.agreements.groups:
            yield from (line.classification for line in lines)
