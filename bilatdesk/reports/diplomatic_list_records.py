"""The data the printed diplomatic list is built from: plain records, every field formatted."""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class ListGroup:
    heading: str  # "Ambassadors", "Envoys", "Chargés d'affaires a.i."
    entries: tuple[ListEntry, ...]


@dataclass(frozen=True)
class DiplomaticListData:
    title: str  # "Diplomatic list — Vienna, as of 22 November 2026"
    classification: str  # the marking: the highest level of the entries
    subtitle: str = ""  # "Heads of mission accredited to Austria, in order of precedence"
    prepared_by: str = ""
    dean: str = ""  # "Dean of the Diplomatic Corps: H.E. ... (France)" or why there is none
    groups: tuple[ListGroup, ...] = ()
    notes: tuple[str, ...] = ()  # missions without a head, and other gaps in the records
    produced_at: str = ""  # fixed creation date for byte-stable output, ISO 8601
