"""The data the printed agreements register is built from ("Agreements between A and B")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class AgreementEntry:
    """One agreement as a line of the register; every field already formatted for print."""

    title: str  # official title in the first language
    short_title: str = ""
    kind: str = ""  # "Memorandum of understanding", "Treaty", ...
    status: str = ""  # "In force", "Signed, not in force", ...
    signed: str = ""  # "12 Mar 2019, Vienna" or ""
    in_force: str = ""  # "1 Jun 2019" or "" (or "Provisionally applied since ...")
    expiry: str = ""  # "31 May 2029" or "Indefinite"
    notice_deadline: str = ""  # "30 Nov 2028" or ""
    registration: str = ""  # "UNTS 54321 (3 Jul 2019); national series 2019/14"
    portion_mark: str = "(U)"  # the entry's own classification, printed before the title
    classification: str = ""  # its code, counted in the overall marking
    note: str = ""  # e.g. "Notice deadline in 45 days", "Amends: ..."
    notice_near: bool = False  # the notice deadline is near (domain rule): it prints stressed


@dataclass(frozen=True)
class AgreementGroup:
    heading: str  # "In force", "Signed, not in force", "Under negotiation", "Expired or ended"
    entries: tuple[AgreementEntry, ...]


@dataclass(frozen=True)
class AgreementRegisterData:
    title: str  # "Agreements between Austria and <our state>"
    classification: str  # overall marking name, the highest of the printed entries
    as_of: str  # "22 November 2026"
    prepared_by: str = ""  # "EMBASSY VIENNA"
    groups: tuple[AgreementGroup, ...] = ()
    produced_at: str = ""  # fixed creation date for byte-stable output, ISO 8601

    def portions(self) -> Iterator[str]:
        """The code of every printed entry (an agreement in no group is not printed)."""
        for group in self.groups:
            yield from (entry.classification for entry in group.entries)
