"""Contact records: what a contact file (vCard, CSV) is read into, what an import reports, and
what a service gathers for the writers (people out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from bilatdesk.domain.names import display_name


@dataclass(frozen=True)
class CardValue:
    """One e-mail address or telephone number with its types as the file gave them."""

    value: str
    types: tuple[str, ...] = ()  # lower-case: "work", "home", "cell", "fax", "pref", ...


@dataclass(frozen=True)
class ContactCard:
    """One person as a contact file describes them, already decoded to text.

    `line` is where the card starts in its file (1-based), for the report. Names are NFC.
    """

    line: int
    given_name: str = ""
    family_name: str = ""
    other_names: str = ""  # middle names, nicknames
    honorific: str = ""  # N's prefix: "Dr", "H.E."
    formatted_name: str = ""  # FN, used when N is missing
    emails: tuple[CardValue, ...] = ()
    phones: tuple[CardValue, ...] = ()
    address: str = ""  # one line, parts joined with ", "
    organisation: str = ""  # ORG's first component
    units: tuple[str, ...] = ()  # ORG's further components: directorate, unit
    title: str = ""  # TITLE: becomes a current membership (post) in the organisation
    role: str = ""
    birth_date: date | None = None
    birthday: int | None = None  # MMDD when the file gives a birthday without a year
    photo: bytes | None = None  # raw bytes as found; normalised on import
    languages: str = ""
    note: str = ""
    categories: tuple[str, ...] = ()  # become tags
    uid: str = ""
    problems: tuple[str, ...] = ()  # things dropped from an otherwise good card, as sentences

    @property
    def display_name(self) -> str:
        """The name the report shows: given and family name, else the formatted name."""
        return display_name(
            self.given_name, self.family_name, self.formatted_name, self.other_names
        )


@dataclass(frozen=True)
class CardProblem:
    """A card (or row) the reader refused as a whole; it becomes one REFUSE line.

    `name` is whatever name could be made out ("" when none), `reason` a sentence.
    """

    line: int
    name: str
    reason: str


class Outcome(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    REFUSE = "refuse"


@dataclass(frozen=True)
class ReportLine:
    """What happens (or happened) to one card or row; `line` is its place in the file."""

    line: int
    outcome: Outcome
    name: str
    reason: str = ""  # why refused or skipped, or which person it matches
    person_id: int | None = None  # the existing person for update and skip
    # What was left out of a card that was imported anyway (a bad photo, 30 February...).
    problems: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for a printed report: "line 12: refused — the card has no name."."""
        name = f" {self.name}" if self.name else ""
        words = {
            Outcome.CREATE: "created",
            Outcome.UPDATE: "updated",
            Outcome.SKIP: "skipped",
            Outcome.REFUSE: "refused",
        }
        text = f"line {self.line}: {words[self.outcome]}{name}"
        details = ([self.reason] if self.reason else []) + list(self.problems)
        return f"{text} — {' '.join(details)}" if details else text


@dataclass
class ImportReport:
    """The whole preview or result; a dry run and a real import print the same report."""

    lines: list[ReportLine] = field(default_factory=list)
    dry_run: bool = True

    def count(self, outcome: Outcome) -> int:
        return sum(1 for line in self.lines if line.outcome is outcome)

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        parts = ", ".join(
            f"{self.count(outcome)} {outcome_word}"
            for outcome, outcome_word in (
                (Outcome.CREATE, "created"),
                (Outcome.UPDATE, "updated"),
                (Outcome.SKIP, "skipped"),
                (Outcome.REFUSE, "refused"),
            )
        )
        return f"{parts} ({verb})" if self.dry_run else parts


# -- out: what a service gathers, and the vCard and CSV writers turn into bytes ---------------
@dataclass(frozen=True)
class PointOut:
    """One way to reach a person as kept: kind ("email", "phone", "address", "url")."""

    kind: str
    value: str
    label: str = ""  # "work", "home", ... as the clerk typed it


@dataclass(frozen=True)
class PostOut:
    """A current post: its title and its organisation's names from the top down to the unit."""

    title: str
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonOut:
    """One person as it may leave in a contact file; the biography is never part of it."""

    uid: str
    honorific: str = ""
    given_name: str = ""
    family_name: str = ""
    other_names: str = ""
    name_original: str = ""
    name_order: str = ""  # domain.enums.NameOrder's value; "" lets the script decide
    name_shown: str = ""  # the display form kept from a card ("" = the parts in order)
    birth_date: date | None = None
    birthday: int | None = None  # MMDD when only the day is known
    languages: str = ""  # comma-separated, as kept
    points: tuple[PointOut, ...] = ()  # in the clerk's order
    posts: tuple[PostOut, ...] = ()  # the current ones, the one begun last at the end
    tags: tuple[str, ...] = ()
    photo: bytes | None = None
    photo_type: str = ""
    updated_at: datetime | None = None

    @property
    def formatted_name(self) -> str:
        """The display name (its order, or the kept form), else the original script or others."""
        return display_name(
            self.given_name,
            self.family_name,
            self.name_original,
            self.other_names,
            order=self.name_order or None,
            shown=self.name_shown,
        )
