"""The data the printed diplomatic list is built from: plain records, every field formatted."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bilatdesk.domain.marking import Marked, classifications


@dataclass(frozen=True)
class ListEntry:
    """One head of mission as printed; every field already formatted."""

    position: int  # place in the order of precedence, from 1
    sending_state: str  # "France"
    mission_name: str  # "Embassy of the French Republic"
    head_name: str  # with the form of address: "H.E. Ms Claire Martin"
    name_original: str = ""  # the name in its own script, printed under it when different
    functional_title: str = ""  # the post: "Ambassador Extraordinary and Plenipotentiary"
    class_label: str = ""  # "Ambassador", "Envoy", "Chargé d'affaires a.i."
    credentials: str = ""  # "14 Mar 2019", or for a chargé "a.i. since 1 Sep 2026"
    spouse: str = ""
    is_dean: bool = False
    portion_mark: str = ""  # the head's (and spouse's) records' mark, printed before the name
    classification: str = ""  # its code, counted in the overall marking


@dataclass(frozen=True)
class ListGroup:
    heading: str  # "Ambassadors", "Envoys", "Chargés d'affaires a.i."
    entries: tuple[ListEntry, ...]


@dataclass(frozen=True)
class DiplomaticListData:
    title: str  # "Diplomatic list — Vienna, as of 22 November 2026"
    classification: str  # the marking: the highest of the printed portions (portions())
    subtitle: str = ""  # "Heads of mission accredited to Austria, in order of precedence"
    prepared_by: str = ""
    dean: str | Marked = ""  # "Dean of the Diplomatic Corps: H.E. ... (France)" or why not
    groups: tuple[ListGroup, ...] = ()
    notes: tuple[str | Marked, ...] = ()  # missions without a head, other gaps in the records
    empty: str = ""  # the sentence an empty list prints: "No head of mission is recorded ..."
    produced_at: str = ""  # fixed creation date for byte-stable output, ISO 8601

    def portions(self) -> Iterator[str]:
        """The code of every printed part that names a classified record's person."""
        for group in self.groups:
            yield from (entry.classification for entry in group.entries)
        yield from classifications([self.dean, *self.notes])
